import { describe, expect, it } from "vitest";
import { mergeFragments } from "../../generator/merge/merge-fragments.ts";
import type { MergeContext, SourceDocument } from "../../generator/merge/context.ts";
import type { ApiConfigFile } from "../../generator/config/api-config.ts";
import type { JsonObject, OpenApiDocument } from "../../generator/openapi/types.ts";
import { configOf } from "../helpers/config.ts";

const session = (extra: JsonObject = {}): JsonObject => ({ type: "object", properties: { id: { type: "string" }, ...extra } });
const fragment = (file: string, path: string, schemas: Record<string, JsonObject>, op: JsonObject = {}): SourceDocument => ({
  file,
  doc: {
    openapi: "3.1.0",
    paths: { [path]: { get: { responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Session" } } } } }, ...op } } },
    components: { schemas: schemas as never },
  },
});

function merge(fragments: SourceDocument[], config: ApiConfigFile = {}): MergeContext {
  const ctx: MergeContext = { config: configOf(config), document: { openapi: "3.1.0", paths: {} } as OpenApiDocument, findings: [], origin: new Map() };
  mergeFragments(ctx, fragments);
  return ctx;
}

describe("mergeFragments", () => {
  it("keeps identical components once and says so", () => {
    const ctx = merge([
      fragment("fragments/a.yaml", "/a", { Session: session() }),
      fragment("fragments/b.yaml", "/b", { Session: { ...session(), "x-source": ["fragments/b.yaml:9"] } }),
    ]);
    expect(Object.keys(ctx.document.components!.schemas!)).toEqual(["Session"]);
    expect(ctx.findings).toMatchObject([{ rule: "component-deduplicated", severity: "info", pointer: "/components/schemas/Session" }]);
  });

  it("reports a component clash with both files and keeps going", () => {
    const ctx = merge([fragment("fragments/a.yaml", "/a", { Session: session() }), fragment("fragments/b.yaml", "/b", { Session: session({ name: { type: "string" } }) })]);
    expect(ctx.findings).toHaveLength(1);
    expect(ctx.findings[0]).toMatchObject({ rule: "component-conflict", severity: "error", pointer: "/components/schemas/Session/properties/name" });
    expect(ctx.findings[0]!.args).toEqual({ name: "Session", files: ["fragments/a.yaml", "fragments/b.yaml"], detail: 'at /properties/name: absent vs {"type":"string"}' });
    expect(Object.keys(ctx.document.paths!)).toEqual(["/a", "/b"]);
  });

  it("renames a clashing component under a rename rule and rewrites that fragment's refs", () => {
    const ctx = merge([fragment("fragments/a.yaml", "/a", { Session: session() }), fragment("fragments/b-v2.yaml", "/b", { Session: session({ name: { type: "string" } }) })], {
      precedence: [{ pointer: "/components/schemas/Session", rename: true, reason: "two products" }],
    });
    expect(Object.keys(ctx.document.components!.schemas!)).toEqual(["Session", "Session_b_v2"]);
    const bSchema = (ctx.document.paths!["/b"]!.get!.responses!["200"]!.content as JsonObject)["application/json"] as JsonObject;
    expect(bSchema.schema).toEqual({ $ref: "#/components/schemas/Session_b_v2" });
    const aSchema = (ctx.document.paths!["/a"]!.get!.responses!["200"]!.content as JsonObject)["application/json"] as JsonObject;
    expect(aSchema.schema).toEqual({ $ref: "#/components/schemas/Session" });
    expect(ctx.findings).toMatchObject([{ rule: "component-renamed", pointer: "/components/schemas/Session_b_v2" }]);
  });

  it("settles a clash by a prefer rule, whichever file comes first", () => {
    const ctx = merge([fragment("fragments/a.yaml", "/a", { Session: session() }), fragment("fragments/b.yaml", "/b", { Session: session({ name: { type: "string" } }) })], {
      precedence: [{ pointer: "/components", prefer: "fragments/b.yaml", reason: "b is newer" }],
    });
    expect(ctx.document.components!.schemas!.Session!.properties).toHaveProperty("name");
    expect(ctx.findings).toMatchObject([{ rule: "conflict-resolved-by-rule", severity: "warning", resolution: { by: "api.yaml:1" } }]);
    expect(ctx.findings[0]!.sources).toContainEqual({ file: "api.yaml", line: 1 });
  });

  it("flags one operation defined differently in two fragments", () => {
    const ctx = merge([
      fragment("fragments/a.yaml", "/a", { Session: session() }, { summary: "one" }),
      fragment("fragments/b.yaml", "/a", { Session: session() }, { summary: "two" }),
    ]);
    const conflict = ctx.findings.find((f) => f.rule === "operation-conflict");
    expect(conflict).toMatchObject({ severity: "error", pointer: "/paths/~1a/get/summary" });
    expect(conflict!.args).toEqual({ operation: "GET /a", files: ["fragments/a.yaml", "fragments/b.yaml"], detail: 'at /summary: "one" vs "two"' });
    expect(ctx.document.paths!["/a"]!.get!.summary).toBe("one");
  });

  it("treats the same operation in two fragments as one", () => {
    const ctx = merge([fragment("fragments/a.yaml", "/a", { Session: session() }), fragment("fragments/b.yaml", "/a", { Session: session() })]);
    expect(ctx.findings.map((f) => f.rule).sort()).toEqual(["component-deduplicated", "operation-duplicate"]);
  });
});

import { assignOperationIds, derivedOperationId } from "../../generator/merge/finish.ts";

describe("assignOperationIds", () => {
  it.each([
    ["get", "/api/sessions", "list-sessions"],
    ["post", "/api/session", "create-session"],
    ["POST", "/v1/sessions", "create-session"],
    ["get", "/api/session/{id}", "get-session"],
    ["delete", "/v1/sessions/{id}", "delete-session"],
    ["put", "/api/session/{id}", "update-session"],
    ["put", "/api/session/{id}/stop", "stop-session"],
    ["post", "/api/session/{id}/captcha/evaluate", "evaluate-session-captcha"],
    ["get", "/api/session/{id}/recording-url", "get-session-recording-url"],
    ["get", "/repos/{owner}/{repo}/issues", "list-repo-issues"],
    ["get", "/repos/{owner}/{repo}/readme", "get-repo-readme"],
    ["get", "/categories/{slug}", "get-category"],
    ["delete", "/", "delete"],
    ["get", "/{id}", "get"],
  ])("derives %s %s as %s", (method, p, want) => expect(derivedOperationId(method, p)).toBe(want));

  it("names every operation: api.yaml first, then the vendor's, then derived (and unique)", () => {
    const ctx: MergeContext = {
      config: configOf({ operations: { "GET /a": { operationId: "listA" } } }),
      document: {
        openapi: "3.1.0",
        paths: { "/a": { get: { responses: {} }, post: { operationId: "vendorPost", responses: {} }, put: { responses: {} } }, "/a/": { put: { responses: {} } } },
      } as OpenApiDocument,
      findings: [],
      origin: new Map(),
    };
    assignOperationIds(ctx);
    const ids = Object.values(ctx.document.paths!).flatMap((item) => Object.values(item).map((op) => (op as JsonObject).operationId));
    expect(ids).toEqual(["listA", "vendorPost", "put-a", "put-a-2"]);
    const derived = "from method and path (name it in api.yaml operations to choose another)";
    expect(ctx.findings.map((f) => [f.rule, f.args])).toEqual([
      ["operation-id-added", { operationId: "listA", operation: "GET /a", how: "by api.yaml" }],
      ["operation-id-added", { operationId: "put-a", operation: "PUT /a", how: derived }],
      ["operation-id-added", { operationId: "put-a-2", operation: "PUT /a/", how: derived }],
    ]);
  });

  it("numbers clashing derived ids in path order, whatever order the fragments were read in (slicebox: DELETE /log and /log/{id})", () => {
    const idsOf = (paths: Record<string, JsonObject>) => {
      const ctx: MergeContext = { config: configOf({}), document: { openapi: "3.1.0", paths } as OpenApiDocument, findings: [], origin: new Map() };
      assignOperationIds(ctx);
      return Object.fromEntries(Object.entries(ctx.document.paths!).map(([p, item]) => [p, (item.delete as JsonObject).operationId]));
    };
    const want = { "/log": "delete-log", "/log/{id}": "delete-log-2" };
    expect(idsOf({ "/log": { delete: { responses: {} } }, "/log/{id}": { delete: { responses: {} } } })).toEqual(want);
    expect(idsOf({ "/log/{id}": { delete: { responses: {} } }, "/log": { delete: { responses: {} } } })).toEqual(want);
  });
});

import { reportUnusedRules } from "../../generator/merge/context.ts";

describe("reportUnusedRules", () => {
  it("warns, at the rule's api.yaml line, about a rule that settled nothing", () => {
    const ctx = merge([fragment("fragments/a.yaml", "/a", { Session: session() }), fragment("fragments/b.yaml", "/b", { Session: session({ name: { type: "string" } }) })], {
      precedence: [
        { pointer: "/components/schemas/Session", prefer: "fragments/b.yaml", reason: "b is newer" },
        { pointer: "/paths/~1nowhere", prefer: "docs", reason: "stale" },
      ],
    });
    reportUnusedRules(ctx);
    const unused = ctx.findings.filter((f) => f.rule === "precedence-rule-unused");
    expect(unused).toMatchObject([{ severity: "warning", pointer: "/paths/~1nowhere", sources: [{ file: "api.yaml", line: 1 }] }]);
  });
});
