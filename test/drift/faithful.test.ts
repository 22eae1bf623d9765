import { describe, expect, it } from "vitest";
import { DRIFT_TARGETS } from "../../generator/cli/emulator.ts";
import { runDrift } from "../../generator/drift/run-drift.ts";
import { GENERATED, SPECS, sink } from "./helpers.ts";

describe("drift against the bundled emulator (npm run drift)", () => {
  it("finds no new drift in either API, probes every operation and reports its coverage", async () => {
    const stdout = sink();
    const stderr = sink();
    const run = await runDrift({ targets: DRIFT_TARGETS, specsDir: SPECS, generatedDir: GENERATED, formats: ["pretty", "json"], stdout, stderr, env: { NO_COLOR: "1" } });
    expect(run.exitCode).toBe(0);
    const byApi = Object.fromEntries(run.report.apis.map((a) => [a.api, a]));
    expect(Object.keys(byApi)).toEqual(["chaser", "hyperbrowser"]);
    for (const a of run.report.apis) {
      expect(a.incidents, a.api).toEqual([]);
      expect(a.skipped, a.api).toEqual([]);
      expect(a.target).toBe("emulator");
      expect(a.coverage!.operations.checked, a.api).toBe(a.coverage!.operations.total);
    }
    // Only the vendor departures the emulator reproduces on purpose, each accepted in the API's
    // committed drift-baseline.json (docs/drift.md): statuses the documents do not list.
    const known = run.report.apis.flatMap((a) => a.findings.map((f) => `${a.api} ${f.baseline} ${f.rule} ${f.args.operation} ${f.args.status} (${f.args.intent})`));
    expect(known).toEqual([
      "chaser known undocumented-status POST /v1/sessions/{id}/preview-token 400 (null-body)",
      "hyperbrowser known undocumented-status GET /api/session/{id} 401 (bad-key, no-key)",
      "hyperbrowser known undocumented-status GET /api/sessions 401 (bad-key, no-key)",
      "hyperbrowser known undocumented-status POST /api/session 400 (null-body, wrong-type:useUltraStealth)",
    ]);
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
    // The derived plan reaches every Hyperbrowser operation; the five the emulator does not serve answer its 404.
    expect(byApi.hyperbrowser!.notObserved).toEqual([]);
    const unserved = byApi.hyperbrowser!.coverage!.operations.details.filter((d) => d.observed.join() === "404").map((d) => d.operation);
    expect(unserved).toEqual([
      "POST /api/session/{id}/captcha/evaluate",
      "GET /api/session/{id}/downloads-url",
      "GET /api/session/{id}/recording-url",
      "PUT /api/session/{id}/update",
      "GET /api/session/{id}/video-recording-url",
    ]);
    expect(stdout.text).toContain("no drift");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts a terminal colour code
    expect(stdout.text).not.toMatch(/\x1b\[/); // not a terminal: no colours
    // Progress: one plain line per step on a non-terminal.
    expect(stderr.text).toMatch(/^drift chaser \[\d+\/28\] create-session POST \/v1\/sessions → 201$/m);
    expect(stderr.text).toMatch(/^drift chaser \[\d+\/28\] delete-session DELETE \/v1\/sessions\/\{id\} → 204$/m);
    expect(stderr.text).toMatch(/^drift chaser \[\d+\/28\] list-sessions--no-key GET \/v1\/sessions → 401$/m);
    // The cleanup mirrored for a refused malformed create is left out without a word.
    expect(stderr.text).not.toMatch(/delete-session--null-body/);
    expect(stdout.text).toContain("coverage: 6 of 6 operations checked");
  });
});
