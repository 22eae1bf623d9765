/**
 * Drift-check benchmark, all figures from one run on this machine:
 *   - offline check of a HAR of 100,000 recorded Chaser exchanges (read, parse, match, check,
 *     aggregate, JSON report): exchanges per second end to end, and for the check alone
 *   - the floor: ajv validation alone of the same JSON bodies against their compiled response
 *     schemas (parsed beforehand), and JSON.parse + ajv
 *   - @redocly/cli on the same HAR, when it is installed and runs on this Node
 * Target: at least 20,000 exchanges/s end to end.
 *
 * The HAR is made from a real recording of the bundled emulator (seeded workspace: list pages with
 * several sessions, get, create, screenshot, preview-token, delete, errors), repeated to 100,000.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ApiChecker } from "../generator/drift/check.ts";
import { mediaTypeOf } from "../generator/drift/exchange.ts";
import { aggregate } from "../generator/drift/fingerprint.ts";
import { OperationMatcher } from "../generator/drift/match.ts";
import { Redactor } from "../generator/drift/redact.ts";
import { DRIFT_TARGETS } from "../generator/cli/emulator.ts";
import { runDrift } from "../generator/drift/run-drift.ts";
import { DocumentIndex } from "../generator/drift/schema-index.ts";
import { readHar } from "../generator/drift/sources/har.ts";
import type { OpenApiDocument } from "../generator/openapi/types.ts";
import { report, timeBest } from "./measure.ts";

const COUNT = 100_000;
const root = mkdtempSync(path.join(tmpdir(), "driftless-drift-bench-"));
const quiet = { write: () => true };
try {
  // One real recording of the emulator, with a few extra list pages so bodies have several items.
  const sample = path.join(root, "sample.har");
  await runDrift({
    targets: DRIFT_TARGETS,
    apis: ["chaser"],
    record: sample,
    formats: ["json"],
    stdout: quiet,
    stderr: quiet,
    planOverride: (plan) => ({
      ...plan,
      probes: [...plan.probes, ...[1, 2, 3].map((i) => ({ ...plan.probes[0]!, id: `list-more-${i}`, query: { limit: { literal: String(2 + i) } } }))],
    }),
  });
  const recorded = (JSON.parse(readFileSync(sample, "utf8")) as { log: { entries: unknown[] } }).log.entries;
  const entries = Array.from({ length: COUNT }, (_, i) => recorded[i % recorded.length]);
  const harFile = path.join(root, "chaser-100k.har");
  writeFileSync(harFile, JSON.stringify({ log: { version: "1.2", creator: { name: "bench", version: "1" }, entries } }));
  const harMiB = readFileSync(harFile).length / 1024 / 1024;

  // End to end, as `driftless drift --api chaser --target FILE.har --format json` runs it.
  let findings = -1;
  const endToEnd = await timeBest(3, async () => {
    const run = await runDrift({ targets: DRIFT_TARGETS, apis: ["chaser"], target: harFile, formats: ["json"], stdout: quiet, stderr: quiet });
    findings = run.report.apis[0]!.findings.length;
  });

  // The check alone: exchanges already read.
  const doc = JSON.parse(readFileSync("generated/chaser/openapi.json", "utf8")) as OpenApiDocument;
  const exchanges = readHar(readFileSync(harFile, "utf8"), harFile);
  const matcher = new OperationMatcher(doc);
  const checkOnly = await timeBest(3, () => {
    const checker = new ApiChecker("chaser", new DocumentIndex(doc), new Redactor());
    const raw = [];
    for (const ex of exchanges) raw.push(...checker.check(ex, matcher.match(ex.method, new URL(ex.url).pathname)!));
    aggregate(raw);
  });

  // The floor: ajv alone on the same bodies, each against its response schema.
  const checker = new ApiChecker("chaser", new DocumentIndex(doc), new Redactor());
  const jobs: { validate: (v: unknown) => boolean; text: string; value: unknown }[] = [];
  for (const ex of exchanges) {
    if (!ex.body || ex.bodyEncoding === "base64" || mediaTypeOf(ex.headers["content-type"]) !== "application/json") continue;
    const op = matcher.match(ex.method, new URL(ex.url).pathname)!;
    // The derived plan's unhappy paths draw answers the document does not list (the emulator's
    // deliberate departures): they have no schema to validate against.
    if (!op.operation.responses?.[String(ex.status)]) continue;
    const pointer = `${checker.index.pointerOf(op.operation)}/responses/${ex.status}/content/application~1json/schema`;
    jobs.push({ validate: checker.validators.forPointer(pointer) as (v: unknown) => boolean, text: ex.body, value: JSON.parse(ex.body) });
  }
  const ajvOnly = await timeBest(3, () => {
    for (const j of jobs) j.validate(j.value);
  });
  const parseAndAjv = await timeBest(3, () => {
    for (const j of jobs) j.validate(JSON.parse(j.text));
  });

  const figures = [
    { name: "exchanges in the HAR", value: COUNT, unit: "" as const },
    { name: "HAR size", value: harMiB * 1024, unit: "KiB" as const },
    { name: "findings (the emulator departs on purpose once: 1)", value: findings, unit: "" as const },
    { name: "end to end (read + check + report)", value: endToEnd, unit: "ms" as const },
    { name: "end to end, exchanges/s", value: (COUNT / endToEnd) * 1000, unit: "/s" as const },
    { name: "check alone (match + validate + walk + aggregate)", value: checkOnly, unit: "ms" as const },
    { name: "check alone, exchanges/s", value: (COUNT / checkOnly) * 1000, unit: "/s" as const },
    { name: `floor: ajv alone on the ${jobs.length} JSON bodies`, value: ajvOnly, unit: "ms" as const },
    { name: "floor: JSON.parse + ajv on the same bodies", value: parseAndAjv, unit: "ms" as const },
    { name: "check alone / (JSON.parse + ajv)", value: checkOnly / parseAndAjv, unit: "x" as const },
    { name: "meets 20,000 exchanges/s end to end", value: (COUNT / endToEnd) * 1000 >= 20_000 ? 1 : 0, unit: "bool" as const },
  ];
  report("drift check of 100,000 recorded Chaser exchanges (offline, HAR)", figures);
  if ((COUNT / endToEnd) * 1000 < 20_000) process.exitCode = 1; // a missed target fails the run

  const redocly = path.resolve("node_modules/@redocly/cli/bin/cli.js");
  if (!existsSync(redocly)) {
    process.stdout.write("  @redocly/cli: skipped — not installed (npm ci installs it as a dev dependency).\n");
  } else {
    // The same HAR through `redocly drift`, as a user runs it (a process of its own, so its start-up
    // is in the figure; ours above runs in-process: both are shown). Telemetry and update checks off:
    // nothing may leave this machine.
    const origin = new URL((recorded[0] as { request: { url: string } }).request.url).origin;
    const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };
    let status: number | null = 0;
    const redoclyTime = await timeBest(1, () => {
      const run = spawnSync(
        process.execPath,
        [redocly, "drift", harFile, "--api", "generated/chaser/openapi.json", "--server", origin, "--format", "json", "--output", path.join(root, "redocly.json")],
        { env, stdio: "ignore", maxBuffer: 1 << 30 },
      );
      status = run.status;
    });
    report("@redocly/cli drift on the same HAR (its own process)", [
      { name: "redocly drift, end to end", value: redoclyTime, unit: "ms" },
      { name: "redocly drift, exchanges/s", value: (COUNT / redoclyTime) * 1000, unit: "/s" },
      { name: "driftless end to end / redocly", value: endToEnd / redoclyTime, unit: "x" },
      { name: "redocly exit status (1 = it reported drift)", value: status ?? -1, unit: "" },
    ]);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
