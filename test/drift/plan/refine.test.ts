import { describe, expect, it } from "vitest";
import { resolveDriftPlan } from "../../../generator/drift/config.ts";
import { derivePlan, refinePlan } from "../../../generator/drift/plan/index.ts";
import type { JsonObject } from "../../../generator/openapi/types.ts";
import { canonical, handWritten, ids, operationsOf, stepById } from "./helpers.ts";

const doc = canonical("chaser");
const ops = new Set(operationsOf(doc));
const derived = derivePlan("chaser", doc, { allowWrites: true });
const resolve = (drift: JsonObject) => resolveDriftPlan("chaser", drift, ops);

describe("refinePlan: the api.yaml plan over the derived one", () => {
  const { plan: hand, drift } = handWritten("chaser");
  const refined = refinePlan(derived, hand, drift);

  it("a hand-written step with a derived id replaces the fields it sets and keeps the derived ones", () => {
    expect(stepById(refined, "list-sessions")).toMatchObject({ origin: "refined", query: { limit: { literal: "5" } }, intent: "read", expect: ["200"] });
    expect(stepById(refined, "create-session")).toMatchObject({ origin: "refined", body: { ttl_seconds: 300 }, intent: "create", expect: ["201"] });
    expect(stepById(refined, "delete-session")).toMatchObject({ origin: "refined", phase: "cleanup", dependsOn: ["create-session"] });
  });

  it("derived steps api.yaml does not name keep theirs; new hand-written steps are added", () => {
    expect(stepById(refined, "get-session")).toEqual(stepById(derived, "get-session"));
    const added = ["get-listed-session", "get-unknown-session", "list-without-key", "wait-until-ready", "screenshot", "preview-token", "list-with-created", "delete-session-again"];
    for (const id of added) expect(stepById(refined, id), id).toMatchObject({ origin: "api.yaml" });
    expect(ids(refined).slice(0, ids(derived, (s) => s.phase === "probe").length)).toEqual(ids(derived, (s) => s.phase === "probe"));
  });

  it("limits come from api.yaml", () => {
    expect(refined.limits).toMatchObject({ timeoutMs: 15000, requestsPerSecond: 4, concurrency: 2 });
  });

  it("operations the hand-written plan covers are no longer unplanned", () => {
    const readOnly = derivePlan("chaser", doc);
    expect(readOnly.unplanned!.length).toBe(4);
    expect(refinePlan(readOnly, hand, drift).unplanned).toEqual([]);
  });

  it("without a hand-written plan the derived one stands", () => {
    expect(refinePlan(derived, undefined)).toBe(derived);
  });
});

describe("refinePlan field by field", () => {
  it.each([
    ["query written as {} clears the derived query (raw section given)", { id: "list-sessions", operation: "GET /v1/sessions", query: {} }, true, { query: {} }],
    ["query {} without the raw section counts as not set", { id: "list-sessions", operation: "GET /v1/sessions", query: {} }, false, { query: { limit: { literal: "20" } } }],
    ["auth: false", { id: "list-sessions", operation: "GET /v1/sessions", auth: false }, true, { auth: false }],
    [
      "after adds a dependency",
      { id: "get-session", operation: "GET /v1/sessions/{id}", path: { id: { from: "list-sessions", pointer: "/data/1/id" } }, after: ["create-session"] },
      true,
      { path: { id: { from: "list-sessions", pointer: "/data/1/id" } }, dependsOn: ["list-sessions", "create-session"] },
    ],
    [
      "a path from another step moves the dependency",
      { id: "get-session", operation: "GET /v1/sessions/{id}", path: { id: { from: "create-session", pointer: "/id" } } },
      false,
      { from: ["create-session"], dependsOn: ["create-session"] },
    ],
    [
      "until",
      { id: "get-session", operation: "GET /v1/sessions/{id}", path: { id: { from: "list-sessions", pointer: "/data/0/id" } }, until: { pointer: "/status", in: ["ready"] } },
      true,
      { until: { pointer: "/status", in: ["ready"], intervalMs: 1000, timeoutMs: 60000 } },
    ],
  ])("%s", (_name, step, raw, want) => {
    // api.yaml steps may only name api.yaml steps (resolveDriftPlan checks that): the ones referred to are written too.
    const stubs = [
      { id: "list-sessions", operation: "GET /v1/sessions" },
      { id: "create-session", operation: "POST /v1/sessions" },
    ].filter((s) => s.id !== step.id && JSON.stringify(step).includes(s.id));
    const drift = { probes: [step, ...stubs] };
    const refined = refinePlan(derived, resolve(drift), raw ? drift : undefined);
    expect(stepById(refined, step.id)).toMatchObject({ origin: "refined", ...want });
  });

  it("another operation under a derived id drops the derived expectations", () => {
    const drift = { probes: [{ id: "get-session", operation: "GET /v1/sessions", query: { limit: 1 } }] };
    const step = stepById(refinePlan(derived, resolve(drift), drift), "get-session")!;
    expect(step).toMatchObject({ operation: "GET /v1/sessions", pathTemplate: "/v1/sessions", query: { limit: { literal: "1" } } });
    expect(step.expect).toBeUndefined();
  });

  it("a hand-written cleanup step keeps its phase over a derived probe of the same id", () => {
    const drift = {
      cleanup: [{ id: "screenshot-session", operation: "POST /v1/sessions/{id}/screenshot", path: { id: { from: "x", pointer: "/id" } } }],
      probes: [{ id: "x", operation: "POST /v1/sessions" }],
    };
    const refined = refinePlan(derived, resolve(drift), drift);
    expect(refined.cleanup.map((s) => s.id)).toContain("screenshot-session");
    expect(refined.probes.map((s) => s.id)).not.toContain("screenshot-session");
  });

  it("rejects a merged plan with a cycle only the merge makes, naming api.yaml", () => {
    // screenshot-session keeps its derived wait on get-session-created, which needs create-session,
    // which api.yaml makes wait for screenshot-session.
    const drift = {
      probes: [
        { id: "create-session", operation: "POST /v1/sessions", after: ["screenshot-session"] },
        { id: "screenshot-session", operation: "POST /v1/sessions/{id}/screenshot", path: { id: "sess_1" } },
      ],
    };
    expect(() => refinePlan(derived, resolve(drift), drift)).toThrow(/specs\/chaser\/api.yaml drift \(over the derived plan\).*\n.*cycle: /);
  });
});
