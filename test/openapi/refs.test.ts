import { describe, expect, it } from "vitest";
import { checkRefs, mappingRefs, rewriteRefs } from "../../generator/openapi/refs.ts";
import { validateDocument } from "../../generator/validate/validate-document.ts";
import type { OpenApiDocument } from "../../generator/openapi/types.ts";

describe("checkRefs", () => {
  const loop = "#/components/responses/Loop";
  const back = "#/components/responses/Back";
  const doc = {
    paths: { "/a": { get: { responses: { "200": { $ref: loop } } } } },
    components: {
      responses: { Loop: { $ref: back }, Back: { $ref: loop } },
      schemas: { X: { $ref: "#/components/schemas/Nobody" }, Y: { $ref: "#/components/schemas/Nobody" }, Z: { $ref: "other.yaml#/Z" } },
    },
  };
  const findings = checkRefs(doc, "fragments/a.yaml", () => 1, "/specs/x/fragments", "/specs");

  it("reports a cycle once per chain, read from the finding's chain (the holder at Back walks the same chain as the operation's)", () => {
    expect(findings.filter((f) => f.rule === "ref-cycle").map((f) => [f.pointer, f.args])).toEqual([
      ["/paths/~1a/get/responses/200", { chain: [loop, back, loop] }],
      ["/components/responses/Loop", { chain: [back, loop, back] }],
    ]);
  });

  it("reports each dangling $ref at its own place, and a $ref to another file as dangling", () => {
    expect(findings.filter((f) => f.rule === "ref-dangling").map((f) => [f.pointer, f.args])).toEqual([
      ["/components/schemas/X", { ref: "#/components/schemas/Nobody" }],
      ["/components/schemas/Y", { ref: "#/components/schemas/Nobody" }],
      ["/components/schemas/Z", { ref: "other.yaml#/Z (references to other files are not supported: copy the target into this fragment)" }],
    ]);
    expect(findings).toHaveLength(5);
  });
});

const ref = (pointer: string) => ({ $ref: pointer });
const info = { title: "t", version: "1" };
/** One operation answering `media` as application/json, with component schema Pet. */
const withMedia = (media: Record<string, unknown>, openapi = "3.1.0"): OpenApiDocument => ({
  openapi,
  info,
  paths: { "/a": { get: { operationId: "a", responses: { "200": { description: "ok", content: { "application/json": media } } } } } },
  components: { schemas: { Pet: { type: "object" } } },
});
const M = "/paths/~1a/get/responses/200/content/application~1json";

/**
 * A `$ref` inside example data or an extension is a value (OpenAPI 3.1: an Example's `value` is an
 * "Embedded literal example"; an extension's value is any JSON): the fragment check and the
 * canonical document's check never report it, and a rename never rewrites it. A real reference
 * that points nowhere still is.
 */
const cases: { name: string; given: OpenApiDocument; want: [string, string][] }[] = [
  { name: "inside an Example's value", given: withMedia({ schema: { type: "object" }, examples: { e: { value: { a: ref("#/components/examples/Gone") } } } }), want: [] },
  { name: "an Example's whole value", given: withMedia({ schema: { type: "object" }, examples: { e: { value: ref("#/components/examples/Gone") } } }), want: [] },
  { name: "a media type's example", given: withMedia({ schema: { type: "object" }, example: { nested: ref("#/nowhere") } }), want: [] },
  {
    name: "a schema's default, const, enum, examples",
    given: withMedia({ schema: { default: { a: ref("#/n1") }, const: { a: ref("#/n2") }, enum: [{ a: ref("#/n3") }], examples: [{ a: ref("#/n4") }] } }),
    want: [],
  },
  { name: "a 3.0 schema's example", given: withMedia({ schema: { type: "object", example: { a: ref("#/nowhere") } } }, "3.0.3"), want: [] },
  { name: "an extension", given: withMedia({ schema: { type: "object", "x-patch": { properties: { a: ref("#/nowhere") } } } }), want: [] },
  { name: "a real reference that points nowhere", given: withMedia({ schema: ref("#/components/schemas/Gone") }), want: [["ref-dangling", `${M}/schema`]] },
  {
    name: "a property named example is a schema",
    given: withMedia({ schema: { properties: { example: ref("#/components/schemas/Gone") } } }),
    want: [["ref-dangling", `${M}/schema/properties/example`]],
  },
];

describe("$ref inside data is not a reference", () => {
  it.each(cases)("fragment check (checkRefs): $name", ({ given, want }) => {
    const findings = checkRefs(given, "fragments/a.yaml", () => 1, "/specs/api/fragments", "/specs");
    expect(findings.map((f) => [f.rule, f.pointer])).toEqual(want);
  });

  it.each(cases)("canonical document check (validateDocument): $name", ({ given, want }) => {
    const findings = validateDocument(given).filter((f) => f.rule === "ref-dangling");
    expect(findings.map((f) => [f.rule, f.pointer])).toEqual(want);
  });

  it("a rename rewrites references, never data", () => {
    const doc = withMedia({
      schema: ref("#/components/schemas/Pet"),
      examples: { e: { value: ref("#/components/schemas/Pet") } },
      example: ref("#/components/schemas/Pet"),
    });
    expect(rewriteRefs(doc, new Map([["#/components/schemas/Pet", "#/components/schemas/Pet_2"]]))).toBe(1);
    const media = (doc.paths!["/a"]!.get!.responses!["200"] as { content: Record<string, Record<string, unknown>> }).content["application/json"]!;
    expect(media.schema).toEqual(ref("#/components/schemas/Pet_2"));
    expect(media.example).toEqual(ref("#/components/schemas/Pet"));
    expect(media.examples).toEqual({ e: { value: ref("#/components/schemas/Pet") } });
  });
});

describe("mappingRefs", () => {
  it("reads a discriminator mapping's values as references", () => {
    const schema = { discriminator: { propertyName: "k", mapping: { cat: "#/components/schemas/Cat", dog: "Dog", web: "https://x.test/y.json", file: "pets.yaml", bad: 1 } } };
    expect(mappingRefs(schema)).toEqual([
      { key: "cat", ref: "#/components/schemas/Cat", implicit: false },
      { key: "dog", ref: "#/components/schemas/Dog", implicit: true },
    ]);
  });
});
