import { describe, expect, it } from "vitest";
import type { Paragraph } from "mdast";
import { parseMarkdown } from "../../generator/docs/markdown.ts";
import { enumFromProse, parseDefaultCell, rangeFromProse, mediaTypesIn, parseStatus } from "../../generator/docs/prose.ts";
import { parseTypeCell } from "../../generator/docs/types.ts";
import { typeFromDescription } from "../../generator/docs/fields.ts";

/** Inline nodes of a one-paragraph markdown snippet. */
function inline(text: string): Paragraph["children"] {
  const node = parseMarkdown(text).children[0] as Paragraph;
  return node.children;
}

describe("parseTypeCell", () => {
  it.each([
    { given: "string", want: { type: "string" } },
    { given: "`integer`", want: { type: "integer" } },
    { given: "Integer", want: { type: "integer" } },
    { given: "int64", want: { type: "integer", format: "int64" } },
    { given: "float", want: { type: "number", format: "float" } },
    { given: "bool", want: { type: "boolean" } },
    { given: "object", want: { type: "object" } },
    { given: "array", want: { type: "array" } },
    { given: "string[]", want: { type: "array", items: { type: "string" } } },
    { given: "array of integers", want: { type: "array", items: { type: "integer" } } },
    { given: "array<string>", want: { type: "array", items: { type: "string" } } },
    { given: "string | null", want: { type: ["string", "null"] } },
    { given: "integer or null", want: { type: ["integer", "null"] } },
    { given: "string, nullable", want: { type: ["string", "null"] } },
    { given: "string?", want: { type: ["string", "null"] } },
    { given: "timestamp", want: { type: "string", format: "date-time" } },
    { given: "uuid", want: { type: "string", format: "uuid" } },
    { given: "map<string, integer>", want: { type: "object", additionalProperties: { type: "integer" } } },
  ])("$given", ({ given, want }) => {
    const r = parseTypeCell(given);
    expect(r.ok && r.schema).toEqual(want);
  });

  it.each(["—", "", "-"])("%j is no type", (given) => {
    expect(parseTypeCell(given)).toEqual({ ok: true });
  });

  it.each(["Session", "foo bar", "string | Widget"])("%j is not a type", (given) => {
    expect(parseTypeCell(given).ok).toBe(false);
  });

  it("reads (required) in the type cell", () => {
    expect(parseTypeCell("string (required)")).toEqual({ ok: true, schema: { type: "string" }, required: true });
  });
});

describe("parseDefaultCell", () => {
  it.each([
    { cell: "`1800`", type: "integer", want: 1800 },
    { cell: "1,000", type: "integer", want: 1000 },
    { cell: "2.5", type: "number", want: 2.5 },
    { cell: "default", type: "string", want: "default" },
    { cell: '`"quoted"`', type: "string", want: "quoted" },
    { cell: "`none`", type: "string", want: "none" },
    { cell: "true", type: "boolean", want: true },
    { cell: "`[]`", type: "array", want: [] },
    { cell: "`{}`", type: "object", want: {} },
    { cell: "null", type: ["string", "null"], want: null },
    { cell: "`20`", type: undefined, want: 20 },
    { cell: "abc", type: undefined, want: "abc" },
  ])("$cell as $type → $want", ({ cell, type, want }) => {
    const r = parseDefaultCell(inline(cell), type ? { type } : undefined);
    expect(r).toEqual({ ok: true, value: want });
  });

  it.each(["—", "–", "-", "", "n/a", "None"])("%j is no default", (cell) => {
    expect(parseDefaultCell(cell ? inline(cell) : [], { type: "integer" })).toEqual({ ok: true });
  });

  it.each([
    { cell: "soon", type: "integer" },
    { cell: "1.5", type: "integer" },
    { cell: "yes please", type: "boolean" },
    { cell: "`{`", type: "object" },
    { cell: "`{}`", type: "array" },
  ])("$cell is not a $type default", ({ cell, type }) => {
    const r = parseDefaultCell(inline(cell), { type });
    expect(r.ok).toBe(false);
  });
});

describe("enumFromProse", () => {
  it.each([
    { given: "`creating`, `ready`, `closed`, or `error`", want: ["creating", "ready", "closed", "error"] },
    { given: "One of `a`, `b` or `c`.", want: ["a", "b", "c"] },
    { given: "`asc` | `desc`", want: ["asc", "desc"] },
    { given: "Either `on` or `off`. Default `on`.", want: ["on", "off"] },
    { given: "**`x`** or `y`", want: ["x", "y"] },
    { given: "Possible values: `x`, `y`", want: ["x", "y"] },
  ])("$given", ({ given, want }) => {
    expect(enumFromProse(inline(given))).toEqual(want);
  });

  it.each([
    "Cursor from previous response's `next_cursor`.",
    "Session is not in `ready` state.",
    "Use `a` and then `b`.",
    // A comma list that is not introduced as values names fields.
    "The provided options excluding `prompt` but including `n_ctx`, `model`",
    'marks `ended_reason: "client_delete"`, `x`',
    "No code at all.",
  ])("%j has no enumeration", (given) => {
    expect(enumFromProse(inline(given))).toBeUndefined();
  });
});

describe("rangeFromProse", () => {
  it.each([
    { given: "Session lifetime in seconds. Range: 60–3600.", want: { minimum: 60, maximum: 3600 } },
    { given: "Range: 1-100", want: { minimum: 1, maximum: 100 } },
    { given: "Range 1 — 100", want: { minimum: 1, maximum: 100 } },
    { given: "range: 0.5 to 2.5", want: { minimum: 0.5, maximum: 2.5 } },
    { given: "Range: 1,000–5,000", want: { minimum: 1000, maximum: 5000 } },
    { given: "Must be between 5 and 10.", want: { minimum: 5, maximum: 10 } },
    { given: "Minimum: 1. Maximum 50.", want: { minimum: 1, maximum: 50 } },
    { given: "Max results per page.", want: {} },
    { given: "Takes ~15–25 seconds.", want: {} },
    { given: "Range: 10–1", want: {} },
  ])("$given", ({ given, want }) => {
    expect(rangeFromProse(given)).toEqual(want);
  });
});

describe("small readers", () => {
  it.each([
    { given: "Integer. The count.", want: { type: "integer" } },
    { given: "The count (integer).", want: { type: "integer" } },
    { given: "ISO 8601 timestamp of the end.", want: { type: "string", format: "date-time" } },
    { given: "Total bytes uploaded.", want: undefined },
  ])("typeFromDescription($given)", ({ given, want }) => {
    expect(typeFromDescription(given)).toEqual(want);
  });

  it("mediaTypesIn keeps only type/subtype spans", () => {
    expect(mediaTypesIn(["image/png", "{}", "text/plain; charset=utf-8", "application/vnd.x+json", "ready"])).toEqual(["image/png", "text/plain", "application/vnd.x+json"]);
  });

  it.each([
    ["404", "404"],
    ["`409`", "409"],
    ["404 Not Found", "404"],
    ["4xx", "4XX"],
    ["Not found", undefined],
    ["1234", undefined],
  ])("parseStatus(%j) = %j", (given, want) => {
    expect(parseStatus(given)).toBe(want);
  });
});
