/** Best wall time of `runs` runs, in ms: the least disturbed measurement on a shared machine. */
export async function timeBest(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

export interface Figure {
  name: string;
  value: number;
  unit: "ms" | "x" | "" | "bool" | "/s" | "KiB" | "MiB";
}

export function report(title: string, figures: Figure[]): void {
  const width = Math.max(...figures.map((f) => f.name.length));
  const lines = figures.map((f) => {
    const value = f.unit === "bool" ? (f.value ? "yes" : "NO") : f.unit === "x" ? f.value.toFixed(2) + "x" : `${Math.round(f.value * 10) / 10}${f.unit ? " " + f.unit : ""}`;
    return `  ${f.name.padEnd(width)}  ${value}`;
  });
  process.stdout.write(`\n${title}\n${lines.join("\n")}\n`);
}
