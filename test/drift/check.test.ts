import { describe, expect, it } from "vitest";
import { ApiChecker } from "../../generator/drift/check.ts";
import type { Exchange } from "../../generator/drift/exchange.ts";
import { aggregate } from "../../generator/drift/fingerprint.ts";
import { OperationMatcher } from "../../generator/drift/match.ts";
import { Redactor } from "../../generator/drift/redact.ts";
import { DocumentIndex } from "../../generator/drift/schema-index.ts";
import type { OpenApiDocument } from "../../generator/openapi/types.ts";

const json = (schema: object) => ({ description: "ok", content: { "application/json": { schema } } });

const DOC: OpenApiDocument = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  servers: [{ url: "https://api.example.com/base" }],
  paths: {
    "/things/{id}": {
      get: {
        "x-source": ["fragments/things.yaml:3"],
        responses: {
          "200": json({ $ref: "#/components/schemas/Thing" }),
          "4XX": json({ type: "object", required: ["message"], properties: { message: { type: "string" } } }),
        },
      },
      head: { responses: { "200": json({ type: "object" }) } },
      delete: { responses: { "204": { description: "gone" } } },
    },
    "/things/mine": { get: { responses: { "200": json({ const: "mine" }) } } },
    "/pets": {
      get: {
        responses: {
          "200": json({ type: "array", items: { anyOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }] } }),
          default: { description: "anything", content: { "application/*": { schema: { type: "object" } } } },
        },
      },
      post: {
        responses: {
          "201": json({
            oneOf: [
              { type: "object", properties: { a: { type: "integer" } } },
              { type: "object", properties: { b: { type: "integer" } } },
            ],
          }),
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: "object",
        "x-source": ["docs/things.md:10"],
        required: ["id", "kind"],
        properties: {
          id: { type: "string", format: "uuid", "x-source": ["docs/things.md:11"] },
          kind: { type: "string", enum: ["a", "b"] },
          size: { type: "integer", minimum: 0, maximum: 10 },
          code: { type: "string", pattern: "^[A-Z]+$" },
          tags: { type: "array", maxItems: 2, items: { type: "string" } },
          labels: { type: "object", additionalProperties: { type: "string" } },
          meta: { type: "object" },
          strict: { type: "object", additionalProperties: false, properties: { x: { type: "integer" } } },
          note: { type: ["string", "null"] },
          items: { type: "array", items: { type: "object", properties: { v: { type: "integer" } } } },
        },
      },
      Cat: { type: "object", required: ["meow"], properties: { meow: { type: "boolean" }, name: { type: "string" } } },
      Dog: { type: "object", required: ["bark"], properties: { bark: { type: "boolean" }, name: { type: "string" } } },
    },
  },
};

const UUID = "0b7e3c2a-9d3f-4e57-8a7c-3c1f0d2b9e11";
const index = new DocumentIndex(DOC);
const matcher = new OperationMatcher(DOC);

function check(method: string, url: string, status: number, body: unknown, contentType = "application/json"): string[] {
  const checker = new ApiChecker("t", index, new Redactor());
  const ex: Exchange = {
    method,
    url: `https://api.example.com/base${url}`,
    status,
    headers: contentType ? { "content-type": contentType } : {},
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  };
  const op = matcher.match(method, new URL(ex.url).pathname)!;
  return checker.check(ex, op).map((f) => `${f.rule} ${f.args.bodyPointer}`.trim());
}

const thing = (extra: object = {}) => ({ id: UUID, kind: "a", ...extra });

describe("checking one answer", () => {
  it.each<[string, [string, string, number, unknown, string?], string[]]>([
    ["a valid body", ["GET", "/things/x", 200, thing({ size: 3, note: null, labels: { any: "x" }, meta: { free: 1 } })], []],
    ["missing required", ["GET", "/things/x", 200, { kind: "a" }], ["missing-required-field /id"]],
    ["wrong type", ["GET", "/things/x", 200, thing({ size: "3" })], ["type-mismatch /size"]],
    ["outside enum", ["GET", "/things/x", 200, thing({ kind: "c" })], ["enum-mismatch /kind"]],
    ["bad format", ["GET", "/things/x", 200, thing({ id: "nope" })], ["format-mismatch /id"]],
    [
      "range, pattern, item count",
      ["GET", "/things/x", 200, thing({ size: 11, code: "ab", tags: ["a", "b", "c"] })],
      ["constraint-mismatch /size", "constraint-mismatch /code", "constraint-mismatch /tags"],
    ],
    ["undocumented field", ["GET", "/things/x", 200, thing({ extra: 1 })], ["undocumented-field /extra"]],
    ["extra keys of a described map are documented", ["GET", "/things/x", 200, thing({ labels: { a: "1", b: "2" } })], []],
    ["a map's values are checked", ["GET", "/things/x", 200, thing({ labels: { a: 1 } })], ["type-mismatch /labels/a"]],
    ["a free-form object describes nothing to miss", ["GET", "/things/x", 200, thing({ meta: { anything: { deep: true } } })], []],
    ["additionalProperties: false", ["GET", "/things/x", 200, thing({ strict: { x: 1, y: 2 } })], ["undocumented-field /strict/y"]],
    ["nested arrays", ["GET", "/things/x", 200, thing({ items: [{ v: 1 }, { v: "2", w: 3 }] })], ["type-mismatch /items/1/v", "undocumented-field /items/1/w"]],
    ["a range status (4XX)", ["GET", "/things/x", 404, { message: "no" }], []],
    ["a range status with a bad body", ["GET", "/things/x", 409, {}], ["missing-required-field /message"]],
    ["an undocumented status", ["GET", "/things/x", 302, undefined, ""], ["undocumented-status"]],
    ["5xx is a server error only", ["GET", "/things/x", 503, "<html>", "text/html"], ["server-error"]],
    ["an undocumented media type: body not checked", ["GET", "/things/x", 200, "{}", "text/plain"], ["undocumented-content-type"]],
    ["media type parameters are ignored", ["GET", "/things/x", 200, thing(), "application/json; charset=utf-8"], []],
    ["malformed JSON", ["GET", "/things/x", 200, '{"id":', "application/json"], ["malformed-body"]],
    ["an empty documented body", ["GET", "/things/x", 200, undefined], ["malformed-body"]],
    ["HEAD has no body to check", ["HEAD", "/things/x", 200, undefined], []],
    ["204 without content", ["DELETE", "/things/x", 204, undefined, ""], []],
    ["a body where none is documented", ["DELETE", "/things/x", 204 + 0, undefined, ""], []],
    ["literal paths beat templates", ["GET", "/things/mine", 200, '"theirs"'], ["enum-mismatch"]],
    ["anyOf: matching branches apply", ["GET", "/pets", 200, [{ meow: true, name: "c" }, { bark: true }]], []],
    ["anyOf: no branch matches, the closest is reported", ["GET", "/pets", 200, [{ meow: "yes", name: "c" }]], ["type-mismatch /0/meow"]],
    ["anyOf: fields of the matching branch only", ["GET", "/pets", 200, [{ bark: true, meow: 1 }]], ["undocumented-field /0/meow"]],
    ["default response with a media range", ["GET", "/pets", 500 - 100, { any: 1 }, "application/problem+json"], []],
    ["oneOf matching two branches", ["POST", "/pets", 201, {}], ["constraint-mismatch"]],
  ])("%s", (_name, [method, url, status, body, type], expected) => {
    expect(check(method, url, status, body, type ?? "application/json").sort()).toEqual([...expected].sort());
  });

  it("a finding carries the spec pointer and its provenance", () => {
    const checker = new ApiChecker("t", index, new Redactor());
    const ex: Exchange = {
      method: "GET",
      url: "https://api.example.com/base/things/1",
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "a", id: "x" }),
    };
    const [f] = checker.check(ex, matcher.match("GET", "/base/things/1")!);
    expect(f).toMatchObject({
      rule: "format-mismatch",
      pointer: "/components/schemas/Thing/properties/id",
      sources: [{ file: "docs/things.md", line: 11 }],
      args: { operation: "GET /things/{id}", status: 200, bodyPointer: "/id", expected: "uuid", observed: '"x"' },
    });
    const status = checker.check({ ...ex, status: 302 }, matcher.match("GET", "/base/things/1")!)[0]!;
    expect({ pointer: status.pointer, sources: status.sources }).toEqual({ pointer: "/paths/~1things~1{id}/get/responses", sources: [{ file: "fragments/things.yaml", line: 3 }] });
  });

  it("the same drift in another list item has the same fingerprint; validators compile once per schema", () => {
    const checker = new ApiChecker("t", index, new Redactor());
    const op = matcher.match("GET", "/base/things/1")!;
    const raw = [0, 1, 2].flatMap((i) => {
      const items = [{ v: 1 }, { v: 1 }, { v: 1 }];
      items[i] = { v: "x" } as never;
      return checker.check(
        { method: "GET", url: "https://api.example.com/base/things/1", status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(thing({ items })) },
        op,
      );
    });
    const [f, ...rest] = aggregate(raw);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ args: { bodyPointer: "/items/0/v" }, occurrences: 3 });
    expect(checker.validators.compiledCount).toBe(1);
  });

  it("unknown paths and methods match no operation", () => {
    expect(matcher.match("GET", "/base/nothing")).toBeUndefined();
    expect(matcher.match("PUT", "/base/things/1")).toBeUndefined();
    expect(matcher.match("GET", "/things/1")?.key).toBe("GET /things/{id}"); // the server's base path is optional
  });
});
