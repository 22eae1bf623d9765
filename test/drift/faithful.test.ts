import { describe, expect, it } from "vitest";
import { DRIFT_TARGETS } from "../../generator/cli/emulator.ts";
import { runDrift } from "../../generator/drift/run-drift.ts";
import { GENERATED, SPECS, sink } from "./helpers.ts";

describe("drift against the bundled emulator (npm run drift)", () => {
  it("finds no drift in either API and probes every emulated operation", async () => {
    const stdout = sink();
    const stderr = sink();
    const run = await runDrift({ targets: DRIFT_TARGETS, specsDir: SPECS, generatedDir: GENERATED, formats: ["pretty", "json"], stdout, stderr, env: { NO_COLOR: "1" } });
    expect(run.exitCode).toBe(0);
    const byApi = Object.fromEntries(run.report.apis.map((a) => [a.api, a]));
    expect(Object.keys(byApi)).toEqual(["chaser", "hyperbrowser"]);
    for (const a of run.report.apis) {
      expect(a.findings, a.api).toEqual([]);
      expect(a.incidents, a.api).toEqual([]);
      expect(a.skipped, a.api).toEqual([]);
      expect(a.target).toBe("emulator");
    }
    // Every Chaser operation is covered: the emulator serves all six.
    expect(byApi.chaser!.notObserved).toEqual([]);
    expect(byApi.chaser!.operations.map((o) => o.operation)).toEqual([
      "DELETE /v1/sessions/{id}",
      "GET /v1/sessions",
      "GET /v1/sessions/{id}",
      "POST /v1/sessions",
      "POST /v1/sessions/{id}/preview-token",
      "POST /v1/sessions/{id}/screenshot",
    ]);
    expect(byApi.hyperbrowser!.operations.map((o) => o.operation)).toEqual(["GET /api/session/{id}", "GET /api/sessions", "POST /api/session", "PUT /api/session/{id}/stop"]);
    expect(stdout.text).toContain("no drift");
    expect(stdout.text).not.toMatch(/\x1b\[/); // not a terminal: no colours
    // Progress: one plain line per step on a non-terminal.
    expect(stderr.text).toMatch(/^drift chaser \[\d+\/11\] create-session POST \/v1\/sessions → 201$/m);
    expect(stderr.text).toMatch(/^drift chaser \[\d+\/11\] delete-session DELETE \/v1\/sessions\/\{id\} → 204$/m);
  });
});
