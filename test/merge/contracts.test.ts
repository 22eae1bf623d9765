import { describe, expect, it } from "vitest";
import type { PrecedenceRule } from "../../generator/config/api-config.ts";
import type { MergeContext, SourceDocument } from "../../generator/merge/context.ts";
import { applyWinningTexts, reportContracts, snapshotContracts } from "../../generator/merge/contracts.ts";
import type { OpenApiDocument } from "../../generator/openapi/types.ts";
import { configOf } from "../helpers/config.ts";

const fragment = (): SourceDocument => ({
  file: "fragments/list.yaml",
  doc: {
    openapi: "3.1.0",
    paths: {
      "/s": {
        get: {
          "x-source": ["fragments/list.yaml:4"],
          summary: "List things",
          parameters: [
            { name: "limit", in: "query", "x-source": ["fragments/list.yaml:8"] },
            { name: "offset", in: "query", "x-source": ["fragments/list.yaml:10"] },
          ],
          responses: {
            "200": {
              "x-source": ["fragments/list.yaml:14"],
              content: { "application/json": { schema: { $ref: "#/components/schemas/Page" } } },
            },
            "402": { "x-source": ["fragments/list.yaml:20"], description: "pay" },
          },
        },
      },
    },
    components: { schemas: { Page: { properties: { items: { "x-source": ["fragments/list.yaml:30"] }, total: { "x-source": ["fragments/list.yaml:32"] } } } } },
  } as OpenApiDocument,
});

const page = (): SourceDocument => ({
  file: "docs/api.md",
  doc: {
    openapi: "3.1.0",
    paths: {
      "/s": {
        get: {
          "x-source": ["docs/api.md:3"],
          summary: "List things, newest first.",
          description: "Cursor-paged.",
          parameters: [
            { name: "limit", in: "query" },
            { name: "cursor", in: "query" },
          ],
          responses: { "200": { content: { "application/json": { schema: { properties: { items: {}, next: {} } } } } } },
        },
      },
    },
  } as OpenApiDocument,
});

/** The merge's outcome as the pipeline leaves it: the docs' page shape, with the fragment's offset and 402 kept. */
const merged = (): OpenApiDocument => ({
  openapi: "3.1.0",
  paths: {
    "/s": {
      get: {
        summary: "List things",
        parameters: [
          { name: "limit", in: "query" },
          { name: "offset", in: "query" },
          { name: "cursor", in: "query" },
        ],
        responses: {
          "200": { content: { "application/json": { schema: { properties: { items: {}, next: {} } } } } },
          "402": { description: "pay" },
        },
      },
    },
  },
});

function run(pointer: string, used = true): MergeContext {
  const config = configOf({ precedence: [{ pointer, prefer: "docs", reason: "newer" }] });
  const rule = config.precedence[0] as PrecedenceRule;
  const snapshots = snapshotContracts(config.precedence, [fragment(), page()]);
  const ctx: MergeContext = { config, document: merged(), findings: [], origin: new Map(), usedRules: new Set(used ? [rule] : []) };
  applyWinningTexts(ctx, snapshots);
  reportContracts(ctx, snapshots);
  return ctx;
}

const facts = (ctx: MergeContext) => ctx.findings.map((f) => ({ rule: f.rule, pointer: f.pointer, element: (f.args as { element: string }).element, line: f.sources[0]?.line }));

describe("what a precedence rule takes from the losing contract", () => {
  it("a rule on the responses takes the winner's summary and description, and reports what the loser keeps and loses", () => {
    const ctx = run("/paths/~1s/get/responses");
    expect(ctx.document.paths!["/s"]!.get).toMatchObject({ summary: "List things, newest first.", description: "Cursor-paged." });
    expect(facts(ctx)).toEqual([
      { rule: "contract-dropped", pointer: "/paths/~1s/get/summary", element: "summary", line: 4 },
      { rule: "contract-kept-from-loser", pointer: "/paths/~1s/get/parameters/1", element: "query parameter offset", line: 10 },
      { rule: "contract-kept-from-loser", pointer: "/paths/~1s/get/responses/402", element: "response 402", line: 20 },
      { rule: "contract-dropped", pointer: "/paths/~1s/get/responses/200/content/application~1json/schema/properties/total", element: "response 200 → body → total", line: 32 },
    ]);
    expect(ctx.findings[1]!.args).toEqual({ operation: "GET /s", element: "query parameter offset", file: "fragments/list.yaml", prefer: "docs", rule: "api.yaml:1" });
    expect(ctx.findings[1]!.sources).toEqual([
      { file: "fragments/list.yaml", line: 10 },
      { file: "api.yaml", line: 1 },
    ]);
  });

  it("a rule about one keyword deeper down leaves the texts alone, and the kept summary is reported", () => {
    const ctx = run("/paths/~1s/get/responses/200/content/application~1json/schema/properties/items/type");
    expect(ctx.document.paths!["/s"]!.get!.summary).toBe("List things");
    expect(facts(ctx).find((f) => f.element === "summary")).toEqual({ rule: "contract-kept-from-loser", pointer: "/paths/~1s/get/summary", element: "summary", line: 4 });
  });

  it("a rule that settled nothing decides nothing", () => {
    const ctx = run("/paths/~1s/get", false);
    expect(ctx.findings).toEqual([]);
    expect(ctx.document.paths!["/s"]!.get!.summary).toBe("List things");
  });
});
