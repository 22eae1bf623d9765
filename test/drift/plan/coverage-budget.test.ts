import { describe, expect, it } from "vitest";
import { derivePlan, limitPlan, matchStatus, observedCoverage, planCoverage } from "../../../generator/drift/plan/index.ts";
import { canonical, handWritten, ids, steps } from "./helpers.ts";

const chaser = canonical("chaser");

describe("planCoverage", () => {
  it("counts the operations with a happy-path step and gives the others their reason", () => {
    expect(planCoverage(chaser, derivePlan("chaser", chaser))).toEqual({
      operations: {
        total: 6,
        planned: 2,
        unplanned: [
          { operation: "POST /v1/sessions", reason: "needs writes", kind: "needs-writes" },
          { operation: "DELETE /v1/sessions/{id}", reason: "needs writes", kind: "needs-writes" },
          { operation: "POST /v1/sessions/{id}/preview-token", reason: "needs writes", kind: "needs-writes" },
          { operation: "POST /v1/sessions/{id}/screenshot", reason: "needs writes", kind: "needs-writes" },
        ],
      },
    });
    expect(planCoverage(chaser, derivePlan("chaser", chaser, { allowWrites: true })).operations).toMatchObject({ total: 6, planned: 6, unplanned: [] });
  });

  it("a hand-written plan without reasons: 'not in the plan'; a cut step: the budget", () => {
    const hand = handWritten("chaser").plan;
    expect(planCoverage(chaser, hand).operations.planned).toBe(6);
    const cut = limitPlan(derivePlan("chaser", chaser), 1);
    expect(planCoverage(chaser, cut).operations.unplanned.find((u) => u.operation === "GET /v1/sessions/{id}")).toEqual({
      operation: "GET /v1/sessions/{id}",
      reason: "cut by the request budget (over the budget of 1 request)",
      kind: "trimmed",
    });
  });

  it("says how many unhappy-path steps reach an operation that has no happy one", () => {
    const doc = canonical("hyperbrowser");
    const plan = { ...derivePlan("hyperbrowser", doc), probes: derivePlan("hyperbrowser", doc).probes.filter((s) => s.operation !== "GET /api/session/{id}" || s.negative) };
    expect(planCoverage(doc, plan).operations.unplanned.find((u) => u.operation === "GET /api/session/{id}")).toEqual({
      operation: "GET /api/session/{id}",
      reason: "not in the plan",
      kind: "not-in-plan",
      negativeSteps: 3,
    });
  });
});

describe("observedCoverage", () => {
  const plan = derivePlan("chaser", chaser);
  const answers = [
    { operation: "GET /v1/sessions", status: 200 },
    { operation: "GET /v1/sessions", status: 200 },
    { operation: "GET /v1/sessions", status: 401 },
    { operation: "GET /v1/sessions", status: 418 },
    { operation: "GET /v1/sessions/{id}", status: 404 },
  ];
  const coverage = observedCoverage(chaser, answers, plan);

  it("per operation: statuses answered against those documented", () => {
    expect(coverage.operations).toMatchObject({ checked: 2, total: 6 });
    expect(coverage.operations.details[0]).toEqual({
      operation: "GET /v1/sessions",
      documented: ["200", "400", "401", "403", "500", "503"],
      observed: [200, 401, 418],
      statuses: { checked: 2, total: 6 },
      missing: ["400", "403", "500", "503"],
      undocumented: [418],
    });
  });

  it("never-answered operations say why: the plan's reason, or that their steps got no answer", () => {
    const reasons = Object.fromEntries(coverage.operations.details.filter((d) => d.reason).map((d) => [d.operation, d.reason]));
    expect(reasons).toEqual({
      "POST /v1/sessions": "needs writes",
      "DELETE /v1/sessions/{id}": "needs writes",
      "POST /v1/sessions/{id}/preview-token": "needs writes",
      "POST /v1/sessions/{id}/screenshot": "needs writes",
    });
    const none = observedCoverage(chaser, [], plan).operations.details.find((d) => d.operation === "GET /v1/sessions/{id}");
    expect(none!.reason).toBe(
      "planned (get-session, get-session--no-key, get-session--bad-key, get-session--unknown-id) but not answered: skipped or failed (see skipped and incidents)",
    );
  });

  it.each([
    [["200", "4XX"], 404, "4XX"],
    [["200", "404", "4XX"], 404, "404"],
    [["200", "default"], 500, "default"],
    [["200"], 500, undefined],
  ])("matchStatus(%j, %i) = %s", (documented, status, want) => {
    expect(matchStatus(documented, status)).toBe(want);
  });
});

describe("limitPlan", () => {
  const full = derivePlan("chaser", chaser, { allowWrites: true });

  it.each([
    // [budget, steps kept]
    [0, []],
    [1, ["list-sessions"]],
    [2, ["list-sessions", "get-session"]],
    // The create fits only with its delete: 2 + create + delete.
    [3, ["list-sessions", "get-session", "list-sessions--no-key"]],
    [4, ["list-sessions", "get-session", "create-session", "delete-session"]],
    [7, ["list-sessions", "get-session", "create-session", "get-session-created", "create-preview-token", "screenshot-session", "delete-session"]],
  ])("a budget of %i keeps %j", (budget, want) => {
    const cut = limitPlan(full, budget);
    expect(ids(cut)).toEqual(want);
    expect(steps(cut).length).toBeLessThanOrEqual(budget);
    expect(cut.trimmed!.length).toBe(steps(full).length - want.length);
  });

  it("happy paths first, one per operation, then the rest; unhappy paths last", () => {
    const cut = limitPlan(full, 8);
    expect(ids(cut)).toEqual([
      "list-sessions",
      "get-session",
      "create-session",
      "get-session-created",
      "create-preview-token",
      "screenshot-session",
      "list-sessions--no-key",
      "delete-session",
    ]);
  });

  it("never cuts the cleanup of a kept create, mirrors included", () => {
    for (let budget = 0; budget <= steps(full).length; budget++) {
      const cut = limitPlan(full, budget);
      const kept = new Set(ids(cut));
      for (const create of steps(cut).filter((s) => s.write && s.phase === "probe" && s.pathTemplate === "/v1/sessions")) {
        expect(
          cut.cleanup.some((c) => c.from.includes(create.id)),
          `${budget}: ${create.id}`,
        ).toBe(true);
      }
      for (const step of steps(cut)) for (const dep of step.dependsOn) expect(kept.has(dep), `${budget}: ${step.id} needs ${dep}`).toBe(true);
    }
  });

  it("is deterministic, and a budget above the plan changes nothing", () => {
    expect(limitPlan(full, 5)).toEqual(limitPlan(full, 5));
    expect(limitPlan(full, 1000)).toEqual({ ...full, trimmed: [] });
  });
});
