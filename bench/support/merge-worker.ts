/**
 * One measured merge, run alone in its own process by bench/merge-stripe.ts so that its peak
 * memory is its own: `naive FRAGMENTS_DIR` or `driftless SPECS_DIR API`. Prints one JSON line:
 * the CPU time of the merge (user + system, ms), the process's peak resident set (MiB) and a
 * count that shows the work was done.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { load } from "js-yaml";

type Doc = { paths?: Record<string, unknown>; components?: Record<string, Record<string, unknown>> };

const [mode, dir, api] = process.argv.slice(2) as [string, string, string | undefined];
const start = process.cpuUsage();
let count: number;
if (mode === "naive") {
  // The floor any merge pays: read and load every file, and take the union of its maps (the last
  // copy of a name wins, nothing compared, no positions, no provenance).
  const merged: Required<Doc> = { paths: {}, components: {} };
  for (const name of readdirSync(dir).sort()) {
    const doc = load(readFileSync(path.join(dir, name), "utf8")) as Doc;
    Object.assign(merged.paths, doc.paths);
    for (const [section, map] of Object.entries(doc.components ?? {})) Object.assign((merged.components[section] ??= {}), map);
  }
  count = Object.keys(merged.paths).length;
} else {
  // As `generate` runs stage 1, without validating the result (bench/merge-scale.ts shows that apart).
  const { loadApi } = await import("../../generator/load/load-api.ts");
  const { mergeApi } = await import("../../generator/pipeline/merge-api.ts");
  const result = mergeApi(loadApi(dir, api!).sources, dir, { validate: false });
  count = result.findings.length;
}
const cpu = process.cpuUsage(start);
process.stdout.write(`${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, peakMiB: process.resourceUsage().maxRSS / 1024, count })}\n`);
