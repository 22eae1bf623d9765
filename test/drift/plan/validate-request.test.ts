import { describe, expect, it } from "vitest";
import { resolveDriftPlan, type PlanStep } from "../../../generator/drift/config.ts";
import { assertPlanRequests, derivePlan, dropInvalidDerived, validatePlan, validatePlannedRequest } from "../../../generator/drift/plan/index.ts";
import type { JsonObject } from "../../../generator/openapi/types.ts";
import { canonical, handWritten, ids, json, miniDoc, operationsOf, vendorHyperbrowser } from "./helpers.ts";

const chaser = canonical("chaser");
const step = (raw: JsonObject): PlanStep => resolveDriftPlan("chaser", { probes: [raw] }, new Set(operationsOf(chaser))).probes[0]!;

describe("validatePlannedRequest", () => {
  it.each([
    [
      "an unknown query parameter",
      { id: "a", operation: "GET /v1/sessions", query: { bogus: 1 } },
      ["unknown query parameter bogus (the operation documents limit, offset, cursor)"],
    ],
    ["a value above the maximum", { id: "a", operation: "GET /v1/sessions", query: { limit: 500 } }, ["query parameter limit=500: (root) must be <= 100"]],
    ["a value of the wrong type", { id: "a", operation: "GET /v1/sessions", query: { limit: "many" } }, ["query parameter limit=many: (root) must be integer"]],
    ["a body outside its schema", { id: "a", operation: "POST /v1/sessions", body: { ttl_seconds: 5 } }, ["body: /ttl_seconds must be >= 60"]],
    [
      "a body the operation does not take",
      { id: "a", operation: "POST /v1/sessions/{id}/screenshot", path: { id: "sess_1" }, body: {} },
      ["sends a body; the operation documents none"],
    ],
    ["values within their schema", { id: "a", operation: "GET /v1/sessions", query: { limit: 5, cursor: "abc" } }, []],
  ])("%s", (_name, raw, messages) => {
    expect(validatePlannedRequest(step(raw), chaser).map((p) => p.message)).toEqual(messages);
  });

  it("values taken from earlier answers are known only at run time: not checked", () => {
    const base = step({ id: "a", operation: "GET /v1/sessions" });
    expect(validatePlannedRequest({ ...base, query: { limit: { from: "b", pointer: "/n" } } }, chaser)).toEqual([]);
  });

  it("names the step and its operation", () => {
    expect(validatePlannedRequest(step({ id: "too-many", operation: "GET /v1/sessions", query: { limit: 500 } }), chaser)).toEqual([
      { step: "too-many", operation: "GET /v1/sessions", message: "query parameter limit=500: (root) must be <= 100" },
    ]);
  });

  it.each([
    ["a missing path parameter", { path: {} }, "required path parameter {id} is missing"],
    ["an operation the document lacks", { operation: "GET /v1/nope" }, "operation GET /v1/nope is not in the canonical document"],
  ])("%s", (_name, change, message) => {
    const base = step({ id: "a", operation: "GET /v1/sessions/{id}", path: { id: "sess_1" } });
    expect(validatePlannedRequest({ ...base, ...change }, chaser).map((p) => p.message)).toEqual([message]);
  });

  it("a required query parameter left out, and a required body left out", () => {
    const doc = miniDoc({
      "/q": { get: { parameters: [{ name: "must", in: "query", required: true, schema: { type: "string" } }], responses: { "200": json({}) } } },
      "/b": { post: { requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } }, responses: { "201": json({}) } } },
    });
    const plan = resolveDriftPlan(
      "t",
      {
        probes: [
          { id: "q", operation: "GET /q" },
          { id: "b", operation: "POST /b" },
        ],
      },
      new Set(operationsOf(doc)),
    );
    expect(validatePlan(plan, doc).map((p) => `${p.step}: ${p.message}`)).toEqual(["q: required query parameter must is missing", "b: sends no body; the operation requires one"]);
  });

  it("negative steps send what is forbidden on purpose: exempt", () => {
    const bad = step({ id: "a", operation: "GET /v1/sessions", query: { limit: 500 } });
    expect(validatePlannedRequest({ ...bad, negative: true }, chaser)).toEqual([]);
  });

  it.each([
    ["chaser", () => canonical("chaser")],
    ["hyperbrowser", () => canonical("hyperbrowser")],
    ["the vendor's hyperbrowser", () => vendorHyperbrowser()],
  ])("derived plans of %s send only what the document allows", (_name, load) => {
    const doc = load();
    expect(validatePlan(derivePlan("x", doc, { allowWrites: true }), doc)).toEqual([]);
  });

  it.each(["chaser", "hyperbrowser"] as const)("the shipped api.yaml plan of %s sends only what the document allows", (api) => {
    expect(validatePlan(handWritten(api).plan, canonical(api))).toEqual([]);
  });
});

describe("assertPlanRequests and dropInvalidDerived", () => {
  it("assertPlanRequests throws one configuration error listing every step", () => {
    const plan = resolveDriftPlan(
      "chaser",
      {
        probes: [
          { id: "big", operation: "GET /v1/sessions", query: { limit: 500 } },
          { id: "odd", operation: "GET /v1/sessions", query: { x: 1 } },
        ],
      },
      new Set(operationsOf(chaser)),
    );
    expect(() => assertPlanRequests(plan, chaser)).toThrow(
      /2 problem\(s\):\n {2}big \(GET \/v1\/sessions\): query parameter limit=500.*\n {2}odd \(GET \/v1\/sessions\): unknown query parameter x/,
    );
  });

  it("a derived create whose documented example breaks its own schema is dropped with its cleanup, and listed as unplanned", () => {
    const doc = miniDoc({
      "/things": {
        post: {
          requestBody: { content: { "application/json": { schema: { type: "object", properties: { size: { type: "integer" } } }, example: { size: "big" } } } },
          responses: { "201": json({ type: "object", properties: { id: { type: "string" } } }) },
        },
      },
      "/things/{id}": { delete: { parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "204": { description: "gone" } } } },
    });
    const derived = derivePlan("t", doc, { allowWrites: true, negative: false });
    expect(ids(derived)).toEqual(["create-thing", "delete-thing"]);
    const { plan, problems } = dropInvalidDerived(derived, doc);
    expect(ids(plan)).toEqual([]);
    expect(problems).toEqual([]);
    expect(plan.unplanned).toEqual([
      { operation: "POST /things", kind: "contradiction", reason: "the document contradicts itself: body: /size must be integer" },
      { operation: "DELETE /things/{id}", kind: "contradiction", reason: "dropped with create-thing: the document contradicts itself" },
    ]);
  });
});
