import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runDrift, type DriftOptions } from "../../generator/drift/run-drift.ts";
import { GENERATED, SPECS, fastPlan, sink } from "./helpers.ts";

let dir: string;
beforeEach(() => void (dir = mkdtempSync(path.join(tmpdir(), "driftless-baseline-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const drift = (scenario: string | undefined, options: DriftOptions) =>
  runDrift({ apis: ["chaser"], specsDir: SPECS, generatedDir: GENERATED, formats: ["json"], stdout: sink(), stderr: sink(), planOverride: fastPlan(), ...(scenario ? { extraHeaders: { "x-emulator-scenario": scenario } } : {}), ...options });

describe("baselines", () => {
  it("accepts recorded drift, fails only on new drift, and lists what was fixed", async () => {
    const baseline = path.join(dir, "drift-baseline.json");
    const updated = await drift("wrong-type", { baseline, updateBaseline: true });
    expect(updated.exitCode).toBe(0); // accepted
    const file = JSON.parse(readFileSync(baseline, "utf8")) as { driftlessBaseline: number; findings: { fingerprint: string; rule: string }[] };
    expect(file.driftlessBaseline).toBe(1);
    expect(file.findings.map((f) => f.rule)).toEqual(["type-mismatch", "type-mismatch"]);

    const same = await drift("wrong-type", { baseline });
    expect(same.exitCode).toBe(0);
    expect(same.report.apis[0]!.findings.every((f) => f.baseline === "known")).toBe(true);

    const more = await drift("wrong-type,bad-enum", { baseline });
    expect(more.exitCode).toBe(1);
    expect(more.report.apis[0]!.findings.filter((f) => f.baseline === "new").map((f) => `${f.rule} ${f.operation}`)).toEqual(["enum-mismatch GET /v1/sessions", "enum-mismatch GET /v1/sessions/{id}", "enum-mismatch POST /v1/sessions"]);

    const fixed = await drift(undefined, { baseline });
    expect(fixed.exitCode).toBe(0);
    expect(fixed.report.apis[0]!.fixed.map((f) => `${f.rule} ${f.operation} ${f.pointer}`)).toEqual(["type-mismatch GET /v1/sessions /data/0/bytes_up", "type-mismatch GET /v1/sessions/{id} /bytes_up"]);
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
