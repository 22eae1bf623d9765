import { describe, expect, it } from "vitest";
import { normalizeDocument } from "../../generator/normalize/index.ts";
import type { OpenApiDocument } from "../../generator/openapi/types.ts";
import { configOf } from "../helpers/config.ts";

const doc30 = (schema: object): OpenApiDocument => ({ openapi: "3.0.1", info: { title: "t", version: "1" }, paths: {}, components: { schemas: { S: schema as never } } });

describe("OpenAPI 3.0 → 3.1 schema rewrites", () => {
  const cases: { name: string; given: object; want: object }[] = [
    { name: "nullable string", given: { type: "string", nullable: true }, want: { type: ["string", "null"] } },
    { name: "nullable enum", given: { type: "string", enum: ["a"], nullable: true }, want: { type: ["string", "null"], enum: ["a", null] } },
    {
      name: "nullable $ref",
      given: { $ref: "#/components/schemas/T", nullable: true, description: "d" },
      want: { description: "d", anyOf: [{ $ref: "#/components/schemas/T" }, { type: "null" }] },
    },
    { name: "nullable false", given: { type: "string", nullable: false }, want: { type: "string" } },
    { name: "example", given: { type: "number", example: 100 }, want: { type: "number", examples: [100] } },
    { name: "exclusiveMinimum", given: { type: "number", minimum: 0, exclusiveMinimum: true }, want: { type: "number", exclusiveMinimum: 0 } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const doc = doc30(c.given);
      const findings = normalizeDocument(doc, { file: "f.yaml", config: configOf() });
      expect(doc.openapi).toBe("3.1.0");
      expect(doc.components!.schemas!.S).toEqual(c.want);
      expect(findings.filter((f) => f.pointer === "/components/schemas/S")).toHaveLength(1);
      expect(findings.every((f) => f.rule === "normalized-openapi-version")).toBe(true);
    });
  }
});

describe("OpenAPI 3.0 → 3.1: every schema the walker finds, and no example data", () => {
  const nullable = () => ({ type: "string", nullable: true });
  const upgraded = { type: ["string", "null"] };
  const media = (schema: object) => ({ "application/json": { schema } });
  const cases: { name: string; given: Record<string, unknown>; at: string[]; want: unknown }[] = [
    {
      name: "a schema in a callback",
      given: { paths: { "/a": { post: { callbacks: { c: { "{$url}": { post: { requestBody: { content: media(nullable()) } } } } } } } } },
      at: ["paths", "/a", "post", "callbacks", "c", "{$url}", "post", "requestBody", "content", "application/json", "schema"],
      want: upgraded,
    },
    {
      name: "a schema in an encoding header",
      given: {
        paths: {
          "/a": { post: { requestBody: { content: { "multipart/form-data": { schema: { type: "object" }, encoding: { f: { headers: { "X-H": { schema: nullable() } } } } } } } } },
        },
      },
      at: ["paths", "/a", "post", "requestBody", "content", "multipart/form-data", "encoding", "f", "headers", "X-H", "schema"],
      want: upgraded,
    },
    {
      name: "a schema in a header's content",
      given: { components: { headers: { H: { content: media(nullable()) } } } },
      at: ["components", "headers", "H", "content", "application/json", "schema"],
      want: upgraded,
    },
    {
      name: "not a schema-looking object inside an example",
      given: { components: { examples: { E: { value: nullable() } } } },
      at: ["components", "examples", "E", "value"],
      want: nullable(),
    },
    {
      name: "not a schema-looking object inside a default",
      given: { components: { schemas: { S: { type: "object", default: nullable() } } } },
      at: ["components", "schemas", "S", "default"],
      want: nullable(),
    },
  ];
  it.each(cases)("$name", ({ given, at, want }) => {
    const doc = { openapi: "3.0.3", info: { title: "t", version: "1" }, ...given } as OpenApiDocument;
    normalizeDocument(doc, { file: "f.yaml", config: configOf() });
    let node: unknown = doc;
    for (const key of at) node = (node as Record<string, unknown>)[key];
    expect(node).toEqual(want);
  });
});

describe("invalid keywords", () => {
  it("drops required: ['false'] inside a parameter's number schema with a warning", () => {
    const doc: OpenApiDocument = {
      openapi: "3.1.0",
      paths: { "/x": { get: { parameters: [{ name: "page", in: "query", schema: { type: "number", required: ["false"], default: 1 } }], responses: {} } } },
    };
    const findings = normalizeDocument(doc, { file: "f.yaml", config: configOf() });
    expect(doc.paths!["/x"]!.get!.parameters![0]!.schema).toEqual({ type: "number", default: 1 });
    expect(findings).toMatchObject([{ rule: "invalid-keyword-dropped", severity: "warning", pointer: "/paths/~1x/get/parameters/0/schema/required" }]);
  });
  it("drops allowEmptyValue and allowReserved from parameters not in the query, keeps them on query parameters", () => {
    // As alertersystem.com's and openpolicy's 3.0 descriptions write them; the 3.1 schema rejects them.
    const doc: OpenApiDocument = {
      openapi: "3.0.3",
      paths: {
        "/x/{id}": {
          get: {
            parameters: [
              { name: "id", in: "path", required: true, allowEmptyValue: false, allowReserved: true, schema: { type: "string" } },
              { name: "q", in: "query", allowEmptyValue: true, allowReserved: true, schema: { type: "string" } },
            ],
            responses: {},
          },
        },
      },
    };
    const findings = normalizeDocument(doc, { file: "f.yaml", config: configOf() });
    const [path, query] = doc.paths!["/x/{id}"]!.get!.parameters! as Record<string, unknown>[];
    expect(path).not.toHaveProperty("allowEmptyValue");
    expect(path).not.toHaveProperty("allowReserved");
    expect(query).toMatchObject({ allowEmptyValue: true, allowReserved: true });
    expect(findings.filter((f) => f.rule === "invalid-keyword-dropped").map((f) => [f.pointer, f.args])).toEqual([
      ["/paths/~1x~1{id}/get/parameters/0/allowEmptyValue", { keyword: "allowEmptyValue", reason: "'allowEmptyValue' applies to query parameters only, and this one is in path" }],
      ["/paths/~1x~1{id}/get/parameters/0/allowReserved", { keyword: "allowReserved", reason: "'allowReserved' applies to query parameters only, and this one is in path" }],
    ]);
  });
  it("keeps required on object schemas", () => {
    const doc = doc30({ type: "object", required: ["a"], properties: { a: { type: "string" } } });
    normalizeDocument(doc, { file: "f.yaml", config: configOf() });
    expect(doc.components!.schemas!.S!.required).toEqual(["a"]);
  });
});

describe("paths and auth", () => {
  it("rewrites :id to {id} and reports it", () => {
    const doc: OpenApiDocument = { openapi: "3.1.0", paths: { "/v1/sessions/:id": { get: { responses: {} } } } };
    const findings = normalizeDocument(doc, { file: "docs/a.md", config: configOf() });
    expect(Object.keys(doc.paths!)).toEqual(["/v1/sessions/{id}"]);
    expect(findings).toMatchObject([{ rule: "normalized-path-template", pointer: "/paths/~1v1~1sessions~1{id}" }]);
  });
  it("turns an Authorization header parameter into the bearer scheme", () => {
    const doc: OpenApiDocument = {
      openapi: "3.1.0",
      paths: {
        "/a": {
          get: {
            parameters: [
              { name: "Authorization", in: "header", required: true, schema: { type: "string" } },
              { name: "q", in: "query" },
            ],
            responses: {},
          },
        },
      },
      components: { securitySchemes: { Bearer: { type: "http", scheme: "bearer" } } },
    };
    const findings = normalizeDocument(doc, { file: "f.yaml", config: configOf() });
    const op = doc.paths!["/a"]!.get!;
    expect(op.parameters).toEqual([{ name: "q", in: "query" }]);
    expect(op.security).toEqual([{ Bearer: [] }]);
    expect(findings).toMatchObject([{ rule: "normalized-auth-header", pointer: "/paths/~1a/get/security" }]);
  });
  it("uses the scheme api.yaml names and creates it when missing", () => {
    const doc: OpenApiDocument = { openapi: "3.1.0", paths: { "/a": { get: { parameters: [{ name: "authorization", in: "header" }], responses: {} } } } };
    normalizeDocument(doc, { file: "f.yaml", config: configOf({ auth: { scheme: "Key" } }) });
    expect(doc.paths!["/a"]!.get!.security).toEqual([{ Key: [] }]);
    expect(doc.paths!["/a"]!.get!.parameters).toBeUndefined();
    expect(doc.components!.securitySchemes!.Key).toEqual({ type: "http", scheme: "bearer" });
  });
});
