import { describe, expect, it } from "vitest";
import { mergeDocumentFields } from "../../generator/merge/document-fields.ts";
import type { MergeContext, SourceDocument } from "../../generator/merge/context.ts";
import type { ApiConfigFile } from "../../generator/config/api-config.ts";
import type { JsonObject, OpenApiDocument } from "../../generator/openapi/types.ts";
import { configOf } from "../helpers/config.ts";

const fragment = (file: string, fields: JsonObject): SourceDocument => ({
  file,
  doc: { openapi: "3.1.0", paths: {}, ...fields } as OpenApiDocument,
  lineOf: (pointer) => (pointer === "/servers" ? 7 : 2),
});

function merge(fragments: SourceDocument[], config: ApiConfigFile = {}): MergeContext {
  const ctx: MergeContext = { config: configOf(config), document: { openapi: "3.1.0" }, findings: [], origin: new Map() };
  mergeDocumentFields(ctx, fragments);
  return ctx;
}

describe("mergeDocumentFields", () => {
  const a = { info: { title: "A", version: "1" }, servers: [{ url: "https://a.example" }] };
  it("takes fields every fragment agrees on", () => {
    const ctx = merge([fragment("fragments/a.yaml", a), fragment("fragments/b.yaml", a)]);
    expect(ctx.document.servers).toEqual([{ url: "https://a.example" }]);
    expect(ctx.findings).toEqual([]);
  });
  it("reports differing servers with both files and lines", () => {
    const ctx = merge([fragment("fragments/a.yaml", a), fragment("fragments/b.yaml", { ...a, servers: [{ url: "https://b.example" }] })]);
    expect(ctx.findings).toMatchObject([
      {
        rule: "document-field-conflict",
        severity: "error",
        pointer: "/servers",
        sources: [
          { file: "fragments/a.yaml", line: 7 },
          { file: "fragments/b.yaml", line: 7 },
        ],
      },
    ]);
  });
  it("treats an empty security list like an absent one", () => {
    const ctx = merge([fragment("fragments/a.yaml", { ...a, security: [] }), fragment("fragments/b.yaml", a)]);
    expect(ctx.findings).toEqual([]);
  });
  it("takes declared servers and info from api.yaml, keeping the fragments' other info keys", () => {
    const ctx = merge(
      [
        fragment("fragments/a.yaml", { ...a, info: { title: "A", version: "1", description: "d" } }),
        fragment("fragments/b.yaml", { info: { title: "B", version: "2" }, servers: [{ url: "https://b.example" }] }),
      ],
      { info: { title: "Canonical", version: "3" }, servers: [{ url: "https://api.example" }] },
    );
    expect(ctx.document.info).toEqual({ title: "Canonical", version: "3", description: "d" });
    expect(ctx.document.servers).toEqual([{ url: "https://api.example" }]);
    expect(ctx.findings.map((f) => f.rule)).toEqual(["document-field-declared", "document-field-declared"]);
  });
});
