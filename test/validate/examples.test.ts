// Which examples the canonical document check validates: every example that stands beside a
// schema, wherever the walker finds it (operations, path items, components, callbacks, webhooks).
import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../generator/openapi/types.ts";
import { validateDocument } from "../../generator/validate/validate-document.ts";

const base = (extra: Record<string, unknown>): OpenApiDocument => ({ openapi: "3.1.0", info: { title: "T", version: "1" }, paths: {}, ...extra }) as OpenApiDocument;
const int = { type: "integer" };
/** A media type map whose JSON example is the string "bad" (not an integer). */
const badMedia = { "application/json": { schema: int, example: "bad" } };
const op = (extra: Record<string, unknown>) => ({ operationId: "o", responses: { "200": { description: "ok" } }, ...extra });

const invalid = (doc: OpenApiDocument) =>
  validateDocument(doc)
    .filter((f) => f.rule === "example-invalid")
    .map((f) => f.pointer);

const cases: { name: string; given: OpenApiDocument; want: string[] }[] = [
  {
    name: "a response's media type example",
    given: base({ paths: { "/a": { get: op({ responses: { "200": { description: "ok", content: badMedia } } }) } } }),
    want: ["/paths/~1a/get/responses/200/content/application~1json/example"],
  },
  {
    name: "an inline Example's value",
    given: base({ paths: { "/a": { get: op({ requestBody: { content: { "application/json": { schema: int, examples: { one: { value: 1 }, two: { value: "two" } } } } } }) } } }),
    want: ["/paths/~1a/get/requestBody/content/application~1json/examples/two/value"],
  },
  {
    name: "an operation parameter's example",
    given: base({ paths: { "/a": { get: op({ parameters: [{ name: "n", in: "query", schema: int, example: "x" }] }) } } }),
    want: ["/paths/~1a/get/parameters/0/example"],
  },
  {
    name: "a parameter's examples",
    given: base({ paths: { "/a": { get: op({ parameters: [{ name: "n", in: "query", schema: int, examples: { e: { value: "x" } } }] }) } } }),
    want: ["/paths/~1a/get/parameters/0/examples/e/value"],
  },
  {
    name: "a path-level parameter's example",
    given: base({ paths: { "/a": { parameters: [{ name: "n", in: "query", schema: int, example: "x" }], get: op({}) } } }),
    want: ["/paths/~1a/parameters/0/example"],
  },
  {
    name: "a response header's example",
    given: base({ paths: { "/a": { get: op({ responses: { "200": { description: "ok", headers: { "X-N": { schema: int, example: "x" } } } } }) } } }),
    want: ["/paths/~1a/get/responses/200/headers/X-N/example"],
  },
  {
    name: "a component response's example",
    given: base({ components: { responses: { R: { description: "r", content: badMedia } } } }),
    want: ["/components/responses/R/content/application~1json/example"],
  },
  {
    name: "a component parameter's example",
    given: base({ components: { parameters: { P: { name: "n", in: "query", schema: int, example: "x" } } } }),
    want: ["/components/parameters/P/example"],
  },
  {
    name: "a webhook's example",
    given: base({ webhooks: { w: { post: op({ requestBody: { content: badMedia } }) } } }),
    want: ["/webhooks/w/post/requestBody/content/application~1json/example"],
  },
  { name: "a schema's examples", given: base({ components: { schemas: { N: { type: "integer", examples: [1, "two"] } } } }), want: ["/components/schemas/N/examples/1"] },
  {
    name: "a nested schema's examples",
    given: base({ components: { schemas: { O: { properties: { n: { type: "integer", examples: ["x"] } } } } } }),
    want: ["/components/schemas/O/properties/n/examples/0"],
  },
  {
    name: "not an example without a schema beside it",
    given: base({ paths: { "/a": { get: op({ responses: { "200": { description: "ok", content: { "text/plain": { example: 1 } } } } }) } } }),
    want: [],
  },
  {
    name: "not a valid example",
    given: base({ paths: { "/a": { get: op({ responses: { "200": { description: "ok", content: { "application/json": { schema: int, example: 3 } } } } }) } } }),
    want: [],
  },
];

describe("validateDocument: examples", () => {
  it.each(cases)("$name", ({ given, want }) => {
    expect(invalid(given)).toEqual(want);
  });
});
