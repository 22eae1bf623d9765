// Vendors' patterns in the canonical document check: one that is no regular expression, or one
// that could backtrack without end, is a warning at its line and the example check skips it —
// never a crash (amazonaws.com/fsx: "wrapper0.validate is not a function") nor a hang (BeezUP).
import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../generator/openapi/types.ts";
import { validateDocument } from "../../generator/validate/validate-document.ts";

/** AWS's ARN pattern (fsx.json): lookarounds (no linear engine) inside a group repeated over `.*`. */
const ARN = "^arn:(?=[^:]+:fsx:[^:]+:\\d{12}:)((|(?=[a-z0-9-.]{1,63})(?!\\d{1,3}(\\.\\d{1,3}){3})(?![^:]*-{2})(?![^:]*-\\.)(?![^:]*\\.-)[a-z0-9].*(?<!-)):){4}(?!/).{0,1024}$";
/** BeezUP's URL pattern: `([\/\w \.-]*)*` backtracks without end on a string that does not match. */
const URL_PATTERN = "^(https?:\\/\\/)?([\\da-z\\.-]+)\\.([a-z\\.]{2,6})([\\/\\w \\.-]*)*\\/?$";

function doc(schemas: Record<string, unknown>, examples: Record<string, unknown>): OpenApiDocument {
  const paths: Record<string, unknown> = {};
  for (const [name, example] of Object.entries(examples)) {
    paths[`/${name}`] = {
      get: {
        operationId: name,
        responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: `#/components/schemas/${name}` }, example } } } },
      },
    };
  }
  return { openapi: "3.1.0", info: { title: "T", version: "1" }, paths, components: { schemas } } as OpenApiDocument;
}

const stamped = (schema: Record<string, unknown>, line: number) => ({ ...schema, "x-source": [`fragments/a.yaml:${line}`] });

describe("patterns in the document check", () => {
  it("reports a pattern that cannot run safely at its file and line, skips it, and checks the rest (fsx)", () => {
    const given = doc(
      {
        Arn: stamped({ type: "string", pattern: ARN, maxLength: 5 }, 12),
        Other: stamped({ type: "object", properties: { arn: { $ref: "#/components/schemas/Arn" }, n: { type: "integer" } } }, 20),
      },
      { Arn: "arn:aws:fsx", Other: { arn: "x", n: "not a number" } },
    );
    const findings = validateDocument(given).map((f) => [f.rule, f.severity, f.pointer, f.sources]);
    expect(findings).toEqual([
      ["pattern-unusable", "warning", "/components/schemas/Arn/pattern", [{ file: "fragments/a.yaml", line: 12 }]],
      // The pattern is skipped, maxLength still applies; the other schema is checked as usual.
      ["example-invalid", "error", "/paths/~1Arn/get/responses/200/content/application~1json/example", []],
      ["example-invalid", "error", "/paths/~1Other/get/responses/200/content/application~1json/example", []],
    ]);
  });

  it("checks an example against a backtracking pattern on the linear engine, in no time (BeezUP)", () => {
    const hostile = `http://example.com/${"a".repeat(40)}!`;
    const given = doc(
      { Link: stamped({ type: "string", pattern: URL_PATTERN }, 3), Ok: { type: "string", pattern: URL_PATTERN } },
      { Link: hostile, Ok: "https://example.com/a b" },
    );
    const started = performance.now();
    const findings = validateDocument(given);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(findings.map((f) => [f.rule, f.pointer])).toEqual([["example-invalid", "/paths/~1Link/get/responses/200/content/application~1json/example"]]);
  });

  it("reports a pattern that is no regular expression, and one in patternProperties", () => {
    const given = doc({ Bad: stamped({ type: "object", properties: { a: { type: "string", pattern: "([a-z]" } }, patternProperties: { "(?<!x)(a+)+": {} } }, 7) }, {});
    expect(validateDocument(given).map((f) => [f.rule, f.pointer, f.sources, (f.args as { pattern: string }).pattern])).toEqual([
      ["pattern-unusable", "/components/schemas/Bad/patternProperties/(?<!x)(a+)+", [{ file: "fragments/a.yaml", line: 7 }], "(?<!x)(a+)+"],
      ["pattern-unusable", "/components/schemas/Bad/properties/a/pattern", [{ file: "fragments/a.yaml", line: 7 }], "([a-z]"],
    ]);
  });

  it("compiles fsx's `\\_` escapes (refused in Unicode mode) in legacy mode, inside recursive schemas, without throwing", () => {
    const path = { type: "string", pattern: "^[A-za-z0-9\\_\\.\\:\\-\\/]*$" };
    const tree = { type: "object", properties: { path: { $ref: "#/components/schemas/Path" }, kids: { type: "array", items: { $ref: "#/components/schemas/Tree" } } } };
    const given = doc({ Path: path, Tree: tree }, { Tree: { path: "a/b_c", kids: [{ path: "no spaces allowed" }] }, Path: "ok/path" });
    expect(validateDocument(given).map((f) => [f.rule, (f.args as { reason: string }).reason])).toEqual([
      ["example-invalid", '/kids/0/path must match pattern "^[A-za-z0-9\\_\\.\\:\\-\\/]*$"'],
    ]);
  });

  it("accepts a pattern written for the legacy mode ([\\w-]) and checks examples against it", () => {
    const given = doc({ Slug: { type: "string", pattern: "^[\\w-.]+$" } }, { Slug: "a b" });
    expect(validateDocument(given).map((f) => f.rule)).toEqual(["example-invalid"]);
  });
});
