import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderJson } from "../../generator/drift/report/json.ts";
import { renderMarkdown } from "../../generator/drift/report/markdown.ts";
import { renderPretty } from "../../generator/drift/report/pretty.ts";
import { DRIFT_TARGETS } from "../../generator/cli/emulator.ts";
import { runDrift, type DriftOptions } from "../../generator/drift/run-drift.ts";
import { readHar } from "../../generator/drift/sources/har.ts";
import { GENERATED, SPECS, fastPlan, projectRoot, sink } from "./helpers.ts";

let dir: string;
beforeEach(() => void (dir = mkdtempSync(path.join(tmpdir(), "driftless-baseline-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const drift = (scenario: string | undefined, options: DriftOptions) =>
  runDrift({
    targets: DRIFT_TARGETS,
    apis: ["chaser"],
    specsDir: SPECS,
    generatedDir: GENERATED,
    formats: ["json"],
    stdout: sink(),
    stderr: sink(),
    planOverride: fastPlan(),
    ...(scenario ? { extraHeaders: { "x-emulator-scenario": scenario } } : {}),
    ...options,
  });

describe("baselines", () => {
  it("accepts recorded drift, fails only on new drift, and lists what was fixed", async () => {
    const baseline = path.join(dir, "drift-baseline.json");
    const updated = await drift("wrong-type", { baseline, updateBaseline: true });
    expect(updated.exitCode).toBe(0); // accepted
    const file = JSON.parse(readFileSync(baseline, "utf8")) as { driftlessBaseline: number; findings: { fingerprint: string; rule: string }[] };
    expect(file.driftlessBaseline).toBe(1);
    // Also accepted: the 400 the derived null-body probe of preview-token gets, which the document
    // does not list there (the vendor departure specs/chaser/drift-baseline.json accepts).
    expect(file.findings.map((f) => f.rule)).toEqual(["type-mismatch", "type-mismatch", "undocumented-status"]);

    const same = await drift("wrong-type", { baseline });
    expect(same.exitCode).toBe(0);
    expect(same.report.apis[0]!.findings.every((f) => f.baseline === "known")).toBe(true);

    const more = await drift("wrong-type,bad-enum", { baseline });
    expect(more.exitCode).toBe(1);
    expect(more.report.apis[0]!.findings.filter((f) => f.baseline === "new").map((f) => `${f.rule} ${f.args.operation}`)).toEqual([
      "enum-mismatch GET /v1/sessions",
      "enum-mismatch GET /v1/sessions/{id}",
      "enum-mismatch POST /v1/sessions",
    ]);

    const fixed = await drift(undefined, { baseline });
    expect(fixed.exitCode).toBe(0);
    expect(fixed.report.apis[0]!.fixed.map((f) => `${f.rule} ${f.operation} ${f.pointer}`)).toEqual([
      "type-mismatch GET /v1/sessions /data/0/bytes_up",
      "type-mismatch GET /v1/sessions/{id} /bytes_up",
    ]);
  });

  it("--fail-on warning fails on undocumented fields; the default (error) does not", async () => {
    expect((await drift("extra-field", {})).exitCode).toBe(0);
    expect((await drift("extra-field", { failOn: "warning" })).exitCode).toBe(1);
  });

  it("a missing or foreign baseline is a configuration error", async () => {
    await expect(drift(undefined, { baseline: path.join(dir, "none.json") })).rejects.toThrow(/does not exist; create it with --update-baseline/);
    await expect(drift(undefined, { updateBaseline: true })).rejects.toThrow(/--update-baseline needs --baseline FILE/);
  });
});

/** One exchange of the committed recording, as an NDJSON file: a run that observes one operation only. */
function oneExchange(step: string): string {
  const har = path.join(projectRoot, "test/recordings/emulator.har");
  const exchange = readHar(readFileSync(har, "utf8"), har).find((e) => e.api === "chaser" && e.step === step)!;
  const file = path.join(dir, `${step}.ndjson`);
  writeFileSync(
    file,
    `${JSON.stringify({ api: "chaser", method: exchange.method, url: exchange.url, status: exchange.status, headers: exchange.headers, body: exchange.body })}\n`,
  );
  return file;
}

describe("baselines and operations not checked this run", () => {
  it("an entry is fixed only when its operation was observed; the others are kept and listed as not checked", async () => {
    const baseline = path.join(dir, "drift-baseline.json");
    await drift("wrong-type", { baseline, updateBaseline: true });
    const accepted = (JSON.parse(readFileSync(baseline, "utf8")) as { findings: { operation: string }[] }).findings.map((f) => f.operation);
    expect(accepted).toEqual(["GET /v1/sessions", "GET /v1/sessions/{id}", "POST /v1/sessions/{id}/preview-token"]);

    // One clean answer of GET /v1/sessions/{id}: its entry is fixed; the other operations were not checked.
    const target = oneExchange("get-listed-session");
    const run = await drift(undefined, { baseline, target });
    expect(run.exitCode).toBe(0);
    const report = run.report.apis[0]!;
    expect(report.fixed.map((f) => `${f.rule} ${f.operation} ${f.pointer}`)).toEqual(["type-mismatch GET /v1/sessions/{id} /bytes_up"]);
    expect(report.notChecked.map((f) => `${f.rule} ${f.operation} ${f.pointer}`)).toEqual([
      "type-mismatch GET /v1/sessions /data/0/bytes_up",
      "undocumented-status POST /v1/sessions/{id}/preview-token ",
    ]);
    const json = JSON.parse(renderJson(run.report)) as { summary: { fixed: number; notChecked: number }; apis: { notChecked: unknown[] }[] };
    expect(json.summary).toMatchObject({ fixed: 1, notChecked: 2 });
    expect(json.apis[0]!.notChecked).toHaveLength(2);
    expect(renderPretty(run.report, false)).toMatch(/not checked this run \(in baseline, operation not observed\): type-mismatch GET \/v1\/sessions \/data\/0\/bytes_up/);
    expect(renderMarkdown(run.report)).toMatch(/In the baseline, not checked this run/);

    // Updating from that run drops the fixed entry and keeps the one not checked.
    const updated = await drift(undefined, { baseline, target, updateBaseline: true });
    expect(updated.exitCode).toBe(0);
    const kept = (JSON.parse(readFileSync(baseline, "utf8")) as { findings: { operation: string; pointer: string }[] }).findings;
    expect(kept.map((f) => `${f.operation} ${f.pointer}`)).toEqual(["GET /v1/sessions /data/0/bytes_up", "POST /v1/sessions/{id}/preview-token "]);
  });

  it("a read-only update keeps the drift accepted in an --allow-writes run", async () => {
    const baseline = path.join(dir, "drift-baseline.json");
    // With writes (the bundled emulator always allows them): POST /v1/sessions answers are checked too.
    await drift("wrong-type", { baseline, updateBaseline: true });
    const before = (JSON.parse(readFileSync(baseline, "utf8")) as { findings: { operation: string }[] }).findings;
    // A recording of only the read-only probes: no POST, no DELETE.
    const har = path.join(projectRoot, "test/recordings/emulator.har");
    const reads = readHar(readFileSync(har, "utf8"), har).filter((e) => e.api === "chaser" && e.method === "GET");
    const target = path.join(dir, "reads.ndjson");
    writeFileSync(target, reads.map((e) => JSON.stringify({ api: "chaser", method: e.method, url: e.url, status: e.status, headers: e.headers, body: e.body })).join("\n"));
    const accepted = [...before, { fingerprint: "f".repeat(32), api: "chaser", rule: "type-mismatch", operation: "POST /v1/sessions", pointer: "/bytes_up" }];
    writeFileSync(baseline, JSON.stringify({ driftlessBaseline: 1, findings: accepted }));
    await drift(undefined, { baseline, target, updateBaseline: true });
    const after = (JSON.parse(readFileSync(baseline, "utf8")) as { findings: { operation: string }[] }).findings.map((f) => f.operation);
    expect(after).toEqual(["POST /v1/sessions", "POST /v1/sessions/{id}/preview-token"]);
  });
});
