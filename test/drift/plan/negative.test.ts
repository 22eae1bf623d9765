import { describe, expect, it } from "vitest";
import { derivePlan } from "../../../generator/drift/plan/index.ts";
import type { JsonObject } from "../../../generator/openapi/types.ts";
import { json, miniDoc, stepById, steps } from "./helpers.ts";

const ERR = { description: "error" };
const list = (item: JsonObject, example?: unknown) => json({ type: "object", properties: { data: { type: "array", items: item } } }, example);

/** A list with typed query parameters, its item, a create with a required field, and the delete that ends it. */
const things = miniDoc({
  "/things": {
    get: {
      parameters: [
        { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 50 } },
        { name: "status", in: "query", schema: { type: "string", enum: ["open", "closed"] } },
        { name: "name", in: "query", schema: { type: "string", maxLength: 5 } },
        { name: "flag", in: "query", schema: { type: "boolean" } },
      ],
      responses: { "200": list({ type: "object", properties: { id: { type: "string", format: "uuid" } } }), "400": ERR, "401": ERR },
    },
    post: {
      requestBody: {
        content: { "application/json": { schema: { type: "object", required: ["name"], properties: { name: { type: "string" }, size: { type: "integer", minimum: 2 } } } } },
      },
      responses: { "201": json({ type: "object", properties: { id: { type: "string" } } }), "422": ERR },
    },
  },
  "/things/{thingId}": {
    get: {
      parameters: [{ name: "thingId", in: "path", required: true, schema: { type: "string" } }],
      responses: { "200": json({ type: "object" }), "401": ERR, "403": ERR, "404": ERR },
    },
    delete: { parameters: [{ name: "thingId", in: "path", required: true, schema: { type: "string" } }], responses: { "204": ERR } },
  },
});

describe("unhappy paths of reads", () => {
  const plan = derivePlan("t", things);

  it.each([
    // [step id, intent, what it sends, documented statuses it expects]
    ["list-things--no-key", "no-key", { auth: false }, ["401"]],
    ["list-things--bad-key", "bad-key", { auth: true, credential: { scheme: "Bearer", value: "driftless-invalid-key-0000000000000000" } }, ["401"]],
    ["list-things--out-of-range-limit", "out-of-range:limit", { query: { limit: { literal: "51" } } }, ["400"]],
    ["list-things--wrong-type-limit", "wrong-type:limit", { query: { limit: { literal: "not-a-number" } } }, ["400"]],
    ["list-things--out-of-enum-status", "out-of-enum:status", { query: { status: { literal: "driftless-not-in-enum" } } }, ["400"]],
    ["list-things--out-of-range-name", "out-of-range:name", { query: { name: { literal: "xxxxxx" } } }, ["400"]],
    ["list-things--wrong-type-flag", "wrong-type:flag", { query: { flag: { literal: "not-a-boolean" } } }, ["400"]],
    ["get-thing--no-key", "no-key", { auth: false, path: { thingId: { from: "list-things", pointer: "/data/0/id" } } }, ["401", "403"]],
    ["get-thing--unknown-id", "unknown-id", { path: { thingId: { literal: "00000000-0000-4000-8000-000000000000" } }, dependsOn: [] }, ["404"]],
  ])("%s", (id, intent, sends, expected) => {
    expect(stepById(plan, id)).toMatchObject({ intent, negative: true, expect: expected, ...sends });
  });

  it("records when the document lists no status for the refusal, and plans the probe anyway", () => {
    const doc = miniDoc({ "/a": { get: { responses: { "200": json({ type: "object" }) } } } });
    expect(stepById(derivePlan("t", doc), "list-a--no-key") ?? stepById(derivePlan("t", doc), "get-a--no-key")).toMatchObject({
      expect: [],
      undocumented: "no 401/403 documented",
    });
  });

  it.each([
    ["no security at all", { security: undefined }, undefined, []],
    ["security: [] on the operation", {}, [], []],
    ["an optional requirement ({})", {}, [{}, { Bearer: [] }], []],
    [
      "two schemes",
      { components: { securitySchemes: { Bearer: { type: "http", scheme: "bearer" }, Key: { type: "apiKey", in: "header", name: "x-key" } } } },
      [{ Bearer: [] }, { Key: [] }],
      ["no-key", "bad-key:Bearer", "bad-key:Key"],
    ],
    ["basic auth", { components: { securitySchemes: { Basic: { type: "http", scheme: "basic" } } }, security: [{ Basic: [] }] }, undefined, ["no-key", "bad-key"]],
  ])("auth probes: %s", (_name, extra, security, intents) => {
    const doc = miniDoc({ "/a": { get: { ...(security ? { security } : {}), responses: { "200": json({ type: "object" }), "401": ERR } } } }, extra as JsonObject);
    expect(
      steps(derivePlan("t", doc))
        .filter((s) => s.negative)
        .map((s) => s.intent),
    ).toEqual(intents);
  });
});

describe("unknown ids look like the real ones", () => {
  const itemDoc = (param: JsonObject, listExample?: unknown) =>
    miniDoc({
      "/items": { get: { responses: { "200": list({ type: "object", properties: { id: { type: "string" } } }, listExample) } } },
      "/items/{id}": { get: { parameters: [{ in: "path", required: true, ...param, name: "id" }], responses: { "200": json({ type: "object" }), "404": ERR } } },
    });
  it.each([
    ["a plain string", { schema: { type: "string" } }, undefined, "00000000-0000-4000-8000-000000000000"],
    ["a uuid", { schema: { type: "string", format: "uuid" } }, undefined, "00000000-0000-4000-8000-000000000000"],
    [
      "a prefixed v7 uuid in the list's example",
      { schema: { type: "string" } },
      { data: [{ id: "sess_019ec0d0-a88a-73f2-9741-8030dc82a854" }] },
      "sess_00000000-0000-7000-8000-000000000000",
    ],
    [
      "a pattern with a prefix, and an example",
      { schema: { type: "string", pattern: "^thg_[0-9a-z]{26}$" }, example: "thg_01h2xcejqtf2nbrexx3vqjhp41" },
      undefined,
      "thg_00000000000000000000000000",
    ],
    ["an integer", { schema: { type: "integer" } }, undefined, "999999999"],
  ])("%s", (_name, param, listExample, want) => {
    expect(stepById(derivePlan("t", itemDoc(param, listExample)), "get-item--unknown-id")!.path).toEqual({ id: { literal: want } });
  });
});

describe("unhappy paths of writes (only with writes allowed)", () => {
  const plan = derivePlan("t", things, { allowWrites: true });

  it.each([
    ["create-thing--null-body", "null-body", null],
    ["create-thing--wrong-type-name", "wrong-type:name", { name: 12345 }],
    ["create-thing--missing-field-name", "missing-field:name", {}],
  ])("%s", (id, intent, body) => {
    expect(stepById(plan, id)).toMatchObject({ intent, negative: true, body, expect: ["422"], write: true });
  });

  it("the happy create sends the required fields only, and each malformed create gets its own cleanup", () => {
    expect(stepById(plan, "create-thing")!.body).toEqual({ name: "driftless" });
    for (const id of ["create-thing--null-body", "create-thing--wrong-type-name", "create-thing--missing-field-name"]) {
      expect(plan.cleanup.find((c) => c.from.includes(id))).toMatchObject({ operation: "DELETE /things/{thingId}", path: { thingId: { from: id, pointer: "/id" } } });
    }
  });

  it("none of them without writes", () => {
    expect(steps(derivePlan("t", things)).some((s) => s.write)).toBe(false);
  });
});
