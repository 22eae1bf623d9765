import { describe, expect, it } from "vitest";
import type { DriftPlan } from "../../generator/drift/config.ts";
import { driftAgainst, fastPlan, rulesAt, testEmulator } from "./helpers.ts";

const KEY = "core-key";

/** The Core API's create needs `workspace` or `ephemeral`; the Sessions API ignores other fields. */
function coreCreate(plan: DriftPlan): DriftPlan {
  const fast = fastPlan()(plan);
  return { ...fast, probes: fast.probes.map((s) => (s.id === "create-session" ? { ...s, body: { ttl_seconds: 300, ephemeral: true } } : s)) };
}

describe("Chaser against the emulator's core-contract mode", () => {
  it("lists the differences between the Core API and the Sessions API contracts", async () => {
    const emulator = await testEmulator({ keys: [KEY], scenarios: ["core-contract"], seed: { chaser: { readySessions: 1 } } });
    const run = await driftAgainst(emulator.url, KEY, { apis: ["chaser"], planOverride: coreCreate });
    expect(run.exitCode).toBe(1);
    const findings = run.report.apis[0]!.findings;
    // New findings only: specs/chaser/drift-baseline.json accepts the vendor's 400 on preview-token.
    const byOp = (op: string) =>
      findings
        .filter((f) => f.args.operation === op && f.baseline !== "known")
        .map((f) => `${f.args.status} ${f.rule} ${f.args.bodyPointer}`)
        .sort();
    // Create answers 200 SessionInfo (Core) where the canonical document says 201 (Sessions API).
    expect(byOp("POST /v1/sessions")).toEqual(["200 undocumented-status "]);
    // The Core list is { sessions, total } with offset paging; the canonical one is a cursor page.
    expect(byOp("GET /v1/sessions")).toEqual([
      "200 missing-required-field /data",
      "200 missing-required-field /has_more",
      "200 missing-required-field /next_cursor",
      "200 missing-required-field /object",
      "200 undocumented-field /sessions",
      "200 undocumented-field /total",
    ]);
    // A Core SessionInfo lacks the Sessions API's object, cdp_url and expires_at.
    expect(byOp("GET /v1/sessions/{id}")).toEqual(["200 missing-required-field /cdp_url", "200 missing-required-field /expires_at", "200 missing-required-field /object"]);
    // Delete, screenshot and preview-token are not in the Core API: they answer as documented.
    for (const op of ["DELETE /v1/sessions/{id}", "POST /v1/sessions/{id}/screenshot", "POST /v1/sessions/{id}/preview-token"]) expect(byOp(op)).toEqual([]);
    expect(rulesAt(run, "chaser")).not.toContain("server-error ");
  });
});
