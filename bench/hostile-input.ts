/**
 * Hostile-input benchmark of the installed CLI (dist/, as users run it): how long `driftless
 * generate` takes to refuse an alias bomb, a JSON document nested 10,000 deep and a file larger
 * than it reads, each in a copy of specs/hyperbrowser. Target: exit 2 naming the file within 2 s
 * of wall time, start-up included. The same command on the unbroken copy is the reference of the
 * same run: refusing must not cost more than generating.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ALIAS_BOMB, apiWith, apiWithHugeFragment, DEEP_JSON } from "../test/helpers/hostile-input.ts";
import { report, type Figure } from "./measure.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = path.join(ROOT, "dist/generator/cli/bin.js");
const RUNS = 3;
const TARGET_MS = 2000;

if (!existsSync(BIN) && spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" }).status !== 0) throw new Error("npm run build failed");

/** Best wall time of `driftless generate` on `specs`, with the exit code and stderr of the last run. */
function generate(specs: string, expectCode: number): { ms: number; stderr: string } {
  let best = Infinity;
  let stderr = "";
  for (let i = 0; i < RUNS; i++) {
    const out = path.join(path.dirname(specs), `out-${i}`);
    const start = performance.now();
    const run = spawnSync(process.execPath, [BIN, "generate", "--specs-dir", specs, "--out-dir", out], { encoding: "utf8" });
    best = Math.min(best, performance.now() - start);
    if (run.status !== expectCode) throw new Error(`generate on ${specs} exited ${run.status}, expected ${expectCode}:\n${run.stderr}`);
    stderr = run.stderr;
    rmSync(out, { recursive: true, force: true });
  }
  return { ms: best, stderr };
}

const scratch = mkdtempSync(path.join(tmpdir(), "driftless-hostile-bench-"));
try {
  const reference = generate(apiWith(scratch, "healthy", "none.yaml", undefined), 0).ms;
  const cases: [string, string, string][] = [
    ["alias bomb", apiWith(scratch, "bomb", "bomb.yaml", ALIAS_BOMB), "fragments/bomb.yaml"],
    ["JSON nested 10,000 deep", apiWith(scratch, "deep", "deep.json", DEEP_JSON), "fragments/deep.json"],
    ["file over the size limit", apiWithHugeFragment(scratch), "fragments/huge.yaml"],
  ];
  const figures: Figure[] = [{ name: "generate on the unbroken copy (reference)", value: reference, unit: "ms" }];
  let missed = false;
  for (const [name, specs, file] of cases) {
    const { ms, stderr } = generate(specs, 2);
    const named = stderr.includes(file);
    missed ||= ms > TARGET_MS || !named;
    figures.push({ name: `${name}: exit 2 after`, value: ms, unit: "ms" }, { name: `${name}: names ${file}, within 2 s`, value: named && ms <= TARGET_MS ? 1 : 0, unit: "bool" });
  }
  report("hostile input: time to refuse (dist bin, wall, best of 3)", figures);
  if (missed) process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
