import { describe, expect, it } from "vitest";
import { loadApiConfig } from "../../generator/config/load-config.ts";
import { DEFAULT_LIMITS, resolveDriftPlan } from "../../generator/drift/config.ts";
import { parseYamlSource } from "../../generator/load/yaml-source.ts";

const OPS = new Set(["GET /v1/sessions", "GET /v1/sessions/{id}", "POST /v1/sessions", "DELETE /v1/sessions/{id}"]);

describe("drift plan resolution", () => {
  it("fills every default in one place and classifies writes", () => {
    const plan = resolveDriftPlan(
      "t",
      {
        probes: [
          { id: "list", operation: "GET /v1/sessions", query: { limit: 5 } },
          { id: "create", operation: "POST /v1/sessions", body: { ttl_seconds: 60 } },
          { id: "get", operation: "GET /v1/sessions/{id}", path: { id: { from: "create", pointer: "/id" } }, until: { pointer: "/status", in: ["ready"] } },
        ],
        cleanup: [{ id: "delete", operation: "DELETE /v1/sessions/{id}", path: { id: { from: "create", pointer: "/id" } } }],
        limits: { timeoutMs: 500 },
      },
      OPS,
      { concurrency: 4 },
    );
    expect(plan.limits).toEqual({ ...DEFAULT_LIMITS, timeoutMs: 500, concurrency: 4 });
    expect(plan.probes.map((s) => [s.id, s.write, s.dependsOn, s.auth])).toEqual([
      ["list", false, [], true],
      ["create", true, [], true],
      ["get", false, ["create"], true],
    ]);
    expect(plan.probes[0]!.query).toEqual({ limit: { literal: "5" } });
    expect(plan.probes[2]!.until).toEqual({ pointer: "/status", in: ["ready"], intervalMs: 1000, timeoutMs: 60000 });
    expect(plan.cleanup[0]).toMatchObject({ phase: "cleanup", write: true, from: ["create"] });
  });

  it.each([
    [{ probes: [{ id: "a", operation: "GET /v1/nope" }] }, "operation 'GET /v1/nope' is not in the canonical document"],
    [
      {
        probes: [
          { id: "a", operation: "GET /v1/sessions" },
          { id: "a", operation: "GET /v1/sessions" },
        ],
      },
      "step id 'a' is used twice",
    ],
    [{ probes: [{ id: "a", operation: "GET /v1/sessions/{id}" }] }, "a: path parameter {id} has no value"],
    [{ probes: [{ id: "a", operation: "GET /v1/sessions", after: ["ghost"] }] }, "a: refers to unknown step 'ghost'"],
    [
      {
        probes: [
          { id: "a", operation: "GET /v1/sessions", after: ["b"] },
          { id: "b", operation: "GET /v1/sessions", after: ["a"] },
        ],
      },
      "cycle: a → b → a",
    ],
    [{ probes: [{ id: "a", operation: "GET /v1/sessions", after: ["c"] }], cleanup: [{ id: "c", operation: "GET /v1/sessions" }] }, "a probe cannot depend on cleanup step 'c'"],
  ])("rejects %j", (drift, message) => {
    expect(() => resolveDriftPlan("t", drift, OPS)).toThrow(message);
  });

  it("knows the derived steps: from/after may name them, a step with a derived id may leave out operation and path", () => {
    const derived = resolveDriftPlan(
      "t",
      {
        probes: [
          { id: "list", operation: "GET /v1/sessions" },
          { id: "get", operation: "GET /v1/sessions/{id}", path: { id: { from: "list", pointer: "/data/0/id" } } },
        ],
      },
      OPS,
    ).probes;
    const plan = resolveDriftPlan(
      "t",
      {
        probes: [
          { id: "get", query: {} },
          { id: "again", operation: "GET /v1/sessions", after: ["list"] },
        ],
        limits: { maxRequests: 7 },
      },
      OPS,
      {},
      derived,
    );
    expect(plan.probes.map((s) => [s.id, s.operation, s.dependsOn])).toEqual([
      ["get", "GET /v1/sessions/{id}", []],
      ["again", "GET /v1/sessions", ["list"]],
    ]);
    expect(plan.limits.maxRequests).toBe(7);
    expect(() => resolveDriftPlan("t", { probes: [{ id: "nameless" }] }, OPS, {}, derived)).toThrow(
      "nameless: no operation (only a step refining a derived step of the same id may leave it out)",
    );
    expect(() => resolveDriftPlan("t", { probes: [{ id: "get", operation: "GET /v1/sessions/{id}", path: {} }] }, OPS, {}, derived)).toThrow(
      "get: path parameter {id} has no value",
    );
  });

  it.each([
    ["drift:\n  probes:\n    - id: a\n      operation: GET /v1/sessions\n      bogus: 1\n", "/drift/probes/0/bogus"],
    ["drift:\n  probes:\n    - id: Bad Id\n      operation: GET /v1/sessions\n", "/drift/probes/0/id"],
    ["drift:\n  limits:\n    concurrency: 0\n", "/drift/limits/concurrency"],
    ["drift:\n  limits:\n    maxRequests: 0\n", "/drift/limits/maxRequests"],
    ["drift:\n  probes:\n    - id: a\n      operation: FETCH /v1\n", "/drift/probes/0/operation"],
  ])("api.yaml drift: is checked against drift-config.schema.json (%#)", (yaml, pointer) => {
    const { findings } = loadApiConfig("t", parseYamlSource("api.yaml", yaml));
    expect(findings.map((f) => f.pointer)).toContain(pointer);
    expect(findings.every((f) => f.rule === "config-invalid")).toBe(true);
  });

  it("the shipped api.yaml drift sections are valid and resolve against the canonical documents", async () => {
    const { readFileSync } = await import("node:fs");
    const { operationKey, eachOperation } = await import("../../generator/openapi/types.ts");
    for (const api of ["chaser", "hyperbrowser"]) {
      const { config, findings } = loadApiConfig(api, parseYamlSource("api.yaml", readFileSync(`specs/${api}/api.yaml`, "utf8")));
      expect(findings.filter((f) => f.severity === "error")).toEqual([]);
      const doc = JSON.parse(readFileSync(`generated/${api}/openapi.json`, "utf8"));
      const plan = resolveDriftPlan(api, config.drift, new Set([...eachOperation(doc)].map((o) => operationKey(o.method, o.path))));
      expect(plan.probes.length).toBeGreaterThan(3);
      expect(plan.cleanup.length).toBeGreaterThan(0);
      // Every write is undone: each creating probe has a cleanup step taking its id.
      for (const create of plan.probes.filter((s) => s.method === "POST" && !s.pathTemplate.includes("{"))) {
        expect(
          plan.cleanup.some((c) => c.from.includes(create.id)),
          `${api} ${create.id}`,
        ).toBe(true);
      }
    }
  });
});
