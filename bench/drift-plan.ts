/**
 * Drift planning benchmark on GitHub's REST description (1,223 operations), all figures from one
 * run on this machine:
 *   - derivePlan read-only and with writes (best of 5): reads with ids filled from list answers,
 *     creates paired with their cleanup, unhappy paths, a reason for every operation left out
 *   - what the plan holds: operations planned, unplanned by reason, steps
 *   - apart from the target: checking every planned request against the document (ajv compiles
 *     each schema it meets, once), the request budget, and plan coverage
 * Target: derivePlan within 1 s.
 *
 * The description is upgraded to OpenAPI 3.1 first (as `generate` does), outside the timings:
 * derivePlan reads canonical documents.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadApiConfig } from "../generator/config/load-config.ts";
import type { DriftPlan } from "../generator/drift/config.ts";
import { derivePlan, limitPlan, planCoverage, validatePlan } from "../generator/drift/plan/index.ts";
import { upgradeToOpenApi31 } from "../generator/normalize/upgrade-openapi.ts";
import type { OpenApiDocument } from "../generator/openapi/types.ts";
import { report, timeBest, type Figure } from "./measure.ts";

const TARGET_MS = 1000;
const githubFile = path.resolve("node_modules/@octokit/openapi/generated/api.github.com.json");
const doc = JSON.parse(readFileSync(githubFile, "utf8")) as OpenApiDocument;
upgradeToOpenApi31(doc, { file: "api.github.com.json", config: loadApiConfig("github", undefined).config });

let readOnly: DriftPlan | undefined;
let withWrites: DriftPlan | undefined;
const readOnlyMs = await timeBest(5, () => (readOnly = derivePlan("github", doc)));
const withWritesMs = await timeBest(5, () => (withWrites = derivePlan("github", doc, { allowWrites: true })));

let problems = 0;
const validateMs = await timeBest(1, () => (problems = validatePlan(withWrites!, doc).length));
const budgetMs = await timeBest(5, () => limitPlan(withWrites!, 200));
const coverageMs = await timeBest(5, () => planCoverage(doc, withWrites!));

const stats = (name: string, plan: DriftPlan): Figure[] => {
  const steps = [...plan.probes, ...plan.cleanup];
  const byKind = new Map<string, number>();
  for (const u of plan.unplanned ?? []) byKind.set(u.kind, (byKind.get(u.kind) ?? 0) + 1);
  const coverage = planCoverage(doc, plan).operations;
  return [
    { name: `${name}: operations planned (of ${coverage.total})`, value: coverage.planned, unit: "" },
    ...[...byKind].sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, n]): Figure => ({ name: `${name}: unplanned, ${kind}`, value: n, unit: "" })),
    { name: `${name}: steps in all`, value: steps.length, unit: "" },
    { name: `${name}:   happy probes`, value: plan.probes.filter((s) => !s.negative).length, unit: "" },
    { name: `${name}:   unhappy probes`, value: plan.probes.filter((s) => s.negative).length, unit: "" },
    { name: `${name}:   cleanup`, value: plan.cleanup.length, unit: "" },
  ];
};

const operations = planCoverage(doc, readOnly!).operations.total;
report(`drift planning of GitHub's REST description (${operations} operations)`, [
  { name: "derivePlan, read-only (best of 5)", value: readOnlyMs, unit: "ms" },
  { name: "derivePlan, with writes (best of 5)", value: withWritesMs, unit: "ms" },
  ...stats("read-only", readOnly!),
  ...stats("with writes", withWrites!),
  { name: `validatePlan, every request (${problems} problems: GitHub's own examples)`, value: validateMs, unit: "ms" },
  { name: "limitPlan to 200 requests", value: budgetMs, unit: "ms" },
  { name: "planCoverage", value: coverageMs, unit: "ms" },
  { name: `derivePlan within ${TARGET_MS / 1000} s`, value: Math.max(readOnlyMs, withWritesMs) <= TARGET_MS ? 1 : 0, unit: "bool" },
]);
// A missed target fails the run, so it cannot go unnoticed in a log.
if (Math.max(readOnlyMs, withWritesMs) > TARGET_MS) process.exitCode = 1;
