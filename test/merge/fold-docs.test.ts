import { describe, expect, it } from "vitest";
import { foldDocs } from "../../generator/merge/fold-docs.ts";
import type { MergeContext } from "../../generator/merge/context.ts";
import type { JsonObject, OpenApiDocument } from "../../generator/openapi/types.ts";
import { configOf } from "../helpers/config.ts";

const json = (schema: JsonObject, example?: unknown): JsonObject => ({ "application/json": example === undefined ? { schema } : { schema, example } });

function fragmentDoc(): OpenApiDocument {
  return {
    openapi: "3.1.0",
    paths: {
      "/s/{id}": {
        get: {
          "x-source": ["fragments/get.yaml:5"],
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": { description: "ok", content: json({ $ref: "#/components/schemas/Session" }) },
            "404": { description: "Not found", content: json({ description: "Any type" }) },
          },
        },
        post: { responses: { "200": { description: "created", content: json({ $ref: "#/components/schemas/Session" }) } } },
      },
    },
    components: {
      schemas: {
        Session: {
          type: "object",
          required: ["id", "endpoints"],
          properties: { id: { type: "string" }, endpoints: { type: "object" }, status: { type: "string" }, count: { type: "integer" } },
          "x-source": ["fragments/get.yaml:20"],
        },
      },
    },
  };
}

function fold(docs: OpenApiDocument): MergeContext {
  const ctx: MergeContext = { config: configOf(), document: fragmentDoc(), findings: [], origin: new Map() };
  foldDocs(ctx, { file: "docs/api.md", doc: docs });
  return ctx;
}

const docsGet = (schema: JsonObject, extra: JsonObject = {}): OpenApiDocument => ({
  openapi: "3.1.0",
  paths: { "/s/{id}": { get: { "x-source": ["docs/api.md:10"], responses: { "200": { description: "ok", content: json(schema, { id: "s1" }) }, ...extra } } } },
});

describe("foldDocs", () => {
  it("adds properties the docs know into the referenced component, and relaxes what the docs body lacks", () => {
    const ctx = fold(docsGet({ type: "object", required: ["id", "device"], properties: { id: { type: "string" }, device: { type: "string", "x-source": ["docs/api.md:14"] } } }));
    const session = ctx.document.components!.schemas!.Session!;
    expect(Object.keys(session.properties as object)).toEqual(["id", "endpoints", "status", "count", "device"]);
    expect(session.required).toEqual(["id", "device"]);
    expect(ctx.findings.map((f) => [f.rule, f.pointer])).toEqual(
      expect.arrayContaining([
        ["docs-property-added", "/components/schemas/Session/properties/device"],
        ["required-relaxed", "/components/schemas/Session/required"],
        ["docs-required-added", "/components/schemas/Session/required"],
      ]),
    );
  });

  it("folds an enum and a format the fragments lack", () => {
    const ctx = fold(docsGet({ type: "object", properties: { id: { type: "string", format: "uuid" }, status: { type: "string", enum: ["ready", "closed"] } } }));
    const props = ctx.document.components!.schemas!.Session!.properties as Record<string, JsonObject>;
    expect(props.status!.enum).toEqual(["ready", "closed"]);
    expect(props.id!.format).toBe("uuid");
    expect(ctx.findings.filter((f) => f.rule === "docs-fact-folded").map((f) => f.pointer)).toEqual([
      "/components/schemas/Session/properties/id/format",
      "/components/schemas/Session/properties/status/enum",
    ]);
  });

  it("reports a type contradiction with both locations and keeps the fragments' type", () => {
    const ctx = fold(docsGet({ type: "object", properties: { count: { type: "string", "x-source": ["docs/api.md:30"] } } }));
    const conflict = ctx.findings.find((f) => f.rule === "source-conflict");
    expect(conflict).toMatchObject({ severity: "error", pointer: "/components/schemas/Session/properties/count" });
    expect(conflict!.sources).toEqual(expect.arrayContaining([{ file: "docs/api.md", line: 30 }]));
    expect((ctx.document.components!.schemas!.Session!.properties as Record<string, JsonObject>).count!.type).toBe("integer");
  });

  it("widens to nullable when the docs show null", () => {
    const ctx = fold(docsGet({ type: "object", properties: { status: { type: ["string", "null"] } } }));
    expect((ctx.document.components!.schemas!.Session!.properties as Record<string, JsonObject>).status!.type).toEqual(["string", "null"]);
  });

  it("reports different success statuses as a contradiction and adds the docs' one", () => {
    const docs: OpenApiDocument = { openapi: "3.1.0", paths: { "/s/{id}": { post: { responses: { "201": { description: "created", "x-source": ["docs/api.md:40"] } } } } } };
    const ctx = fold(docs);
    expect(Object.keys(ctx.document.paths!["/s/{id}"]!.post!.responses!)).toEqual(["200", "201"]);
    expect(ctx.findings.find((f) => f.rule === "source-conflict")).toMatchObject({ pointer: "/paths/~1s~1{id}/post/responses" });
  });

  it("fills an open 'Any type' error schema and records the error codes", () => {
    const ctx = fold(docsGet({ type: "object", properties: { id: { type: "string" } } }, { "404": { description: "gone", "x-error-codes": ["session_not_found"] } }));
    const notFound = ctx.document.paths!["/s/{id}"]!.get!.responses!["404"]!;
    expect(notFound["x-error-codes"]).toEqual(["session_not_found"]);
    expect(notFound.description).toBe("Not found");
  });

  it("adds operations only the docs have", () => {
    const docs: OpenApiDocument = { openapi: "3.1.0", paths: { "/s/{id}": { delete: { "x-source": ["docs/api.md:50"], responses: { "204": { description: "gone" } } } } } };
    const ctx = fold(docs);
    expect(ctx.document.paths!["/s/{id}"]!.delete).toBeDefined();
    expect(ctx.findings).toMatchObject([{ rule: "docs-operation-added", pointer: "/paths/~1s~1{id}/delete", sources: [{ file: "docs/api.md", line: 50 }] }]);
  });

  it("adds a query parameter and folds range facts into an existing one", () => {
    const docs: OpenApiDocument = {
      openapi: "3.1.0",
      paths: {
        "/s/{id}": {
          get: {
            parameters: [
              { name: "id", in: "path", schema: { type: "string", pattern: "^sess_" } },
              { name: "cursor", in: "query", schema: { type: "string" } },
            ],
            responses: {},
          },
        },
      },
    };
    const ctx = fold(docs);
    const params = ctx.document.paths!["/s/{id}"]!.get!.parameters!;
    expect(params.map((p) => p.name)).toEqual(["id", "cursor"]);
    expect((params[0]!.schema as JsonObject).pattern).toBe("^sess_");
  });
});
