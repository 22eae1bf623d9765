/**
 * Start-up benchmark of the installed CLI (the compiled bin in dist/, as users run it):
 *   - CPU time of `driftless --help` against `node -e 0` (target: at most 3x)
 *   - CPU time of `driftless generate --help` (no pipeline module may load for help)
 *   - wall time until `driftless emulator --port 0` prints its listening line (target: under 1 s)
 * Each figure is the best of several runs; CPU is read inside each process by one shared exit hook.
 * Builds dist/ first when it is missing.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { report } from "./measure.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = path.join(ROOT, "dist/generator/cli/bin.js");
const HOOK = path.join(ROOT, "bench/support/cpu-at-exit.mjs");
const RUNS = 7;
const scratch = mkdtempSync(path.join(tmpdir(), "driftless-startup-bench-"));

function ensureBuilt(): void {
  if (existsSync(BIN)) return;
  const built = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (built.status !== 0) throw new Error("npm run build failed");
}

/** Best CPU milliseconds of `node --import HOOK ...args` over RUNS runs. */
function cpuMs(args: string[]): number {
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const out = path.join(scratch, `cpu-${i}`);
    const run = spawnSync(process.execPath, ["--import", HOOK, ...args], { env: { ...process.env, DRIFTLESS_CPU_OUT: out }, stdio: "ignore" });
    if (run.status !== 0) throw new Error(`node ${args.join(" ")} exited ${run.status}`);
    best = Math.min(best, Number(readFileSync(out, "utf8")) / 1000);
  }
  return best;
}

/** Wall milliseconds from spawn to the emulator's "listening on" line. */
function emulatorListenMs(): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [BIN, "emulator", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    let seen = "";
    child.stdout.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      if (!seen.includes("listening on")) return;
      const elapsed = performance.now() - start;
      child.kill("SIGINT");
      child.once("exit", () => resolve(elapsed));
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (!seen.includes("listening on")) reject(new Error(`emulator exited ${code} before listening`));
    });
  });
}

ensureBuilt();
const baseline = cpuMs(["-e", "0"]);
const help = cpuMs([BIN, "--help"]);
const generateHelp = cpuMs([BIN, "generate", "--help"]);
let listen = Infinity;
for (let i = 0; i < 5; i++) listen = Math.min(listen, await emulatorListenMs());
rmSync(scratch, { recursive: true, force: true });

report("start-up (compiled bin, best of runs)", [
  { name: "node -e 0 CPU", value: baseline, unit: "ms" },
  { name: "driftless --help CPU", value: help, unit: "ms" },
  { name: "--help vs node -e 0 (target <= 3x)", value: help / baseline, unit: "x" },
  { name: "generate --help vs node -e 0", value: generateHelp / baseline, unit: "x" },
  { name: "emulator listening after", value: listen, unit: "ms" },
  { name: "emulator within 1 s", value: listen < 1000 ? 1 : 0, unit: "bool" },
  { name: "help within 3x", value: help / baseline <= 3 ? 1 : 0, unit: "bool" },
]);
