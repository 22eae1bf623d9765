import { describe, expect, it } from "vitest";
import { at, convert, md, problems, src, validate } from "./helpers.ts";

const FENCE = "```";

describe("convertMarkdownDoc: operations", () => {
  it("makes an operation of each METHOD /path heading, keeping the path as written", () => {
    const r = convert(
      md(
        "# Widgets API", //                      1
        "", //                                   2
        "Widgets for everyone.", //              3
        "", //                                   4
        "## GET /v1/widgets/:widget_id/parts/{part}", // 5
        "", //                                   6
        "Get one part. It is `fast`, e.g. quick. Really.", // 7
        "", //                                   8
        "More words.", //                        9
        "", //                                   10
        "## `PATCH /v1/widgets`", //             11
      ),
    );
    expect(problems(r)).toEqual([]);
    expect(r.document.openapi).toBe("3.1.0");
    expect(r.document.info).toEqual({ title: "Widgets API", version: "0.0.0", description: "Widgets for everyone." });
    expect(Object.keys(r.document.paths!)).toEqual(["/v1/widgets/:widget_id/parts/{part}", "/v1/widgets"]);
    const op = at(r, "/paths/~1v1~1widgets~1:widget_id~1parts~1{part}/get") as Record<string, unknown>;
    expect(op.summary).toBe("Get one part.");
    expect(op.description).toBe("Get one part. It is `fast`, e.g. quick. Really.\n\nMore words.");
    expect(op["x-source"]).toEqual([src(5)]);
    expect(op.parameters).toEqual([
      { name: "widget_id", in: "path", required: true, schema: { type: "string" }, "x-source": [src(5)] },
      { name: "part", in: "path", required: true, schema: { type: "string" }, "x-source": [src(5)] },
    ]);
    expect(at(r, "/paths/~1v1~1widgets/patch/x-source")).toEqual([src(11)]);
  });

  it("a METHOD-like heading whose word is not an HTTP method is a finding, and its section is skipped", () => {
    const r = convert(md("# T", "", "## FETCH /v1/things", "", "**Response `200`:**", "", "## Overview", "", "## GET /v1/x"));
    expect(problems(r)).toHaveLength(1);
    expect(problems(r)[0]).toMatchObject({ rule: "docs-unread", severity: "warning", sources: [{ file: "docs/t.md", line: 3 }] });
    expect(problems(r)[0]!.args).toEqual({ what: 'the heading "FETCH /v1/things"', reason: "FETCH is not an HTTP method" });
    expect(Object.keys(r.document.paths!)).toEqual(["/v1/x"]);
  });

  it("an operation documented twice is a finding; the first section wins", () => {
    const r = convert(md("## GET /a", "", "First.", "", "## GET /a", "", "Second."));
    expect(problems(r).map((f) => f.sources[0]!.line)).toEqual([5]);
    expect(at(r, "/paths/~1a/get/summary")).toBe("First.");
  });

  it("every heading, table, list and code block is read or reported with its line and why", () => {
    const r = convert(
      md(
        "# T", //                                                 1
        "", //                                                    2
        "## Authentication", //                                   3
        "", //                                                    4
        "| Header | Value |", //                                  5
        "|---|---|", //                                           6
        "| Authorization | Bearer |", //                          7
        "", //                                                    8
        "## GET /a", //                                           9
        "", //                                                   10
        "Words.", //                                             11
        "", //                                                   12
        "| Field | Description |", //                            13
        "|---|---|", //                                          14
        "| `x` | not under a label |", //                        15
        "", //                                                   16
        "- a list", //                                           17
        "", //                                                   18
        `${FENCE}python`, //                                     19
        "print('x')", //                                         20
        FENCE, //                                                21
        "", //                                                   22
        "### Notes", //                                          23
        "", //                                                   24
        "Prose under a prose subheading.", //                    25
      ),
    );
    // Read: the title, the Authentication section and its header table, the endpoint, the
    // unlabelled field table (a GET's "Field" column: its answer), the Notes heading.
    const read = r.findings.filter((f) => f.rule === "docs-read").map((f) => f.sources[0]!.line);
    expect(read).toEqual([1, 3, 5, 9, 13, 23]);
    expect(problems(r).map((f) => [f.sources[0]!.line, f.rule])).toEqual([
      [17, "docs-unread"],
      [19, "docs-unread"],
    ]);
    expect(problems(r)[1]!.args).toEqual({
      what: "the python code block",
      reason: "it is not JSON, an HTTP message, a curl call or a list of endpoints (SDK and other code is not read)",
    });
    expect(r.rules.auth).toEqual([{ scheme: { type: "http", scheme: "bearer" }, line: 7 }]);
    expect(at(r, "/paths/~1a/get/responses/200/content/application~1json/schema/properties/x")).toMatchObject({ description: "not under a label" });
  });

  it("a page that yields nothing is a warning naming it", () => {
    const r = convert(md("# Changelog", "", "Nothing here.", "", "- one", "- two"));
    expect(problems(r).map((f) => f.rule)).toEqual(["docs-page-empty", "docs-unread"]);
    expect(problems(r)[0]!.args).toEqual({ file: "docs/t.md", unread: 1 });
  });
});

describe("convertMarkdownDoc: curl examples", () => {
  it("query parameters from the URL become parameter examples; headers and -o are not facts", () => {
    const r = convert(
      md(
        "## GET /v1/items", // 1
        "", //                  2
        `${FENCE}bash`, //      3
        'curl -s "https://api.x.io/v1/items?limit=10&q=red&flag=true" \\', // 4
        '  -H "Authorization: Bearer $KEY" -H "X-Trace: 1" -o out.json', // 5
        FENCE,
      ),
    );
    expect(problems(r)).toEqual([]);
    expect(at(r, "/paths/~1v1~1items/get/parameters")).toEqual([
      { name: "limit", in: "query", schema: { type: "integer" }, example: 10, "x-source": [src(4)] },
      { name: "q", in: "query", schema: { type: "string" }, example: "red", "x-source": [src(4)] },
      { name: "flag", in: "query", schema: { type: "boolean" }, example: true, "x-source": [src(4)] },
    ]);
    expect(at(r, "/paths/~1v1~1items/get/requestBody")).toBeUndefined();
  });

  it("a curl whose method disagrees with the heading is a finding and gives no facts", () => {
    const r = convert(md("## GET /v1/items", "", `${FENCE}sh`, "curl https://x.io/v1/items?a=1 \\", "  -X POST", FENCE));
    expect(problems(r)).toHaveLength(1);
    expect(problems(r)[0]!.sources[0]!.line).toBe(5);
    expect(problems(r)[0]!.args).toEqual({ what: "the curl example of GET /v1/items", reason: "it sends -X POST but the section documents GET" });
    expect(problems(r)[0]!.pointer).toBe("/paths/~1v1~1items/get");
    expect(at(r, "/paths/~1v1~1items/get/parameters")).toBeUndefined();
  });

  it("a method implied by -d must agree too", () => {
    const r = convert(md("## PUT /a", "", FENCE, "curl https://x.io/a -d '{}'", FENCE));
    expect(problems(r).map((f) => [f.sources[0]!.line, f.rule, f.args])).toEqual([
      [4, "docs-unread", { what: "the curl example of PUT /a", reason: "it sends POST (implied by its options) but the section documents PUT" }],
    ]);
  });

  it("a curl calling another path is a finding; a base path before the template is fine", () => {
    const r = convert(md("## GET /v1/items/:id", "", FENCE, "curl https://x.io/api/v1/items/it_42", "curl https://x.io/v1/other/it_42", FENCE));
    expect(problems(r).map((f) => f.sources[0]!.line)).toEqual([5]);
    expect(at(r, "/paths/~1v1~1items~1:id/get/parameters/0/example")).toBe("it_42");
    expect(at(r, "/paths/~1v1~1items~1:id/get/parameters/0/x-source")).toEqual([src(1), src(4)]);
  });

  it("placeholders in the URL are not examples", () => {
    const r = convert(md("## GET /v1/items/:id", "", FENCE, 'curl "https://x.io/v1/items/$ITEM_ID"', FENCE));
    expect(at(r, "/paths/~1v1~1items~1:id/get/parameters/0/example")).toBeUndefined();
  });

  it("-d JSON becomes the request body example; Content-Type the media type; lines point inside the body", () => {
    const r = convert(
      md(
        "## POST /v1/items", //                 1
        "", //                                  2
        `${FENCE}bash`, //                      3
        "curl https://x.io/v1/items \\", //     4
        '  -H "Content-Type: application/vnd.x+json" \\', // 5
        "  -d '{", //                           6
        '    "name": "w",', //                  7
        '    "size": 3', //                     8
        "  }'", //                              9
        FENCE,
      ),
    );
    expect(problems(r)).toEqual([]);
    const body = at(r, "/paths/~1v1~1items/post/requestBody") as Record<string, unknown>;
    expect(body).toEqual({
      content: {
        "application/vnd.x+json": {
          schema: {
            type: "object",
            properties: {
              name: { type: "string", "x-source": [src(7)] },
              size: { type: "integer", "x-source": [src(8)] },
            },
          },
          example: { name: "w", size: 3 },
        },
      },
      "x-source": [src(6)],
    });
  });

  it("a -d body that is not valid JSON is a finding at the line of the error", () => {
    const r = convert(md("## POST /a", "", FENCE, "curl https://x.io/a \\", "  -d '{", '    "a": 1', '    "b": 2', "  }'", FENCE));
    expect(problems(r)).toHaveLength(1);
    expect(problems(r)[0]!.sources[0]!.line).toBe(7);
    expect(problems(r)[0]!.args).toEqual({ what: "the curl request body of POST /a", reason: 'invalid JSON at line 7, column 5: comma expected near "\\"b\\""' });
  });
});

describe("convertMarkdownDoc: request body and parameter tables", () => {
  const doc = md(
    "## POST /v1/jobs", //                                                     1
    "", //                                                                     2
    "**Request body:**", //                                                    3
    "", //                                                                     4
    "| Field | Type | Default | Description |", //                             5
    "|---|---|---|---|", //                                                     6
    "| `priority` | integer | `5` | How urgent. Range: 1–10. One of `1`, `5`, or `10`. |", // 7
    "| `mode` | string | fast | `fast` or `slow` |", //                        8
    "| `tags` | string[] | — | Labels. |", //                                 9
    "| `note` | string \\| null | | Free text. |", //                         10
    "| `retries` | integer | soon | Bad default. |", //                        11
    "| `broken` | string | |", //                                             12
    "| `meta.owner` | string | — | Nested. |", //                              13
    "| `size` | Widget | — | Unknown type. |", //                              14
    "", //                                                                     15
    "**Query parameters:**", //                                                16
    "", //                                                                     17
    "| Parameter | Type | Default | Required | Description |", //             18
    "|---|---|---|---|---|", //                                                 19
    "| `dry_run` | boolean | `false` | no | Only validate. |", //             20
    "| `region` | string | — | yes | Where. |", //                             21
  );
  const r = convert(doc);
  const schema = at(r, "/paths/~1v1~1jobs/post/requestBody/content/application~1json/schema") as Record<string, any>;

  it("maps types, parses defaults to their type, folds ranges and prose enums", () => {
    expect(schema.type).toBe("object");
    expect(schema.properties.priority).toEqual({
      type: "integer",
      description: "How urgent. Range: 1–10. One of `1`, `5`, or `10`.",
      enum: [1, 5, 10],
      default: 5,
      minimum: 1,
      maximum: 10,
      "x-source": [src(7)],
    });
    expect(schema.properties.mode).toMatchObject({ type: "string", enum: ["fast", "slow"], default: "fast" });
    expect(schema.properties.tags).toEqual({ type: "array", description: "Labels.", items: { type: "string" }, "x-source": [src(9)] });
    expect(schema.properties.note).toMatchObject({ type: ["string", "null"] });
    expect(schema.properties.note).not.toHaveProperty("default");
    expect(schema.properties.meta).toMatchObject({ type: "object", properties: { owner: { type: "string", description: "Nested." } } });
    expect(schema.required).toBeUndefined();
    expect(at(r, "/paths/~1v1~1jobs/post/requestBody/x-source")).toEqual([src(3)]);
  });

  it("unreadable rows and cells are findings with their lines; the rest is used", () => {
    expect(problems(r).map((f) => [f.sources[0]!.line, f.rule, f.pointer])).toEqual([
      [11, "docs-unread", "/paths/~1v1~1jobs/post/requestBody"],
      [12, "docs-unread", "/paths/~1v1~1jobs/post/requestBody"],
      [14, "docs-unread", "/paths/~1v1~1jobs/post/requestBody"],
    ]);
    expect(problems(r).map((f) => f.args)).toEqual([
      { what: "the Request body table of POST /v1/jobs", reason: 'retries: default "soon" is not an integer' },
      { what: "the Request body table of POST /v1/jobs", reason: "the row has 3 cells but the header has 4" },
      {
        what: "the Request body table of POST /v1/jobs",
        reason: 'size: "Widget" is not a type this stage knows (add the word to TYPE_WORDS in generator/docs/vocabulary.ts); the field is kept untyped',
      },
    ]);
    expect(schema.properties.retries).toEqual({ type: "integer", description: "Bad default.", "x-source": [src(11)] });
    expect(schema.properties).not.toHaveProperty("broken");
    expect(schema.properties.size).toEqual({ description: "Unknown type.", "x-source": [src(14)] });
  });

  it("reads query parameter tables with a Required column", () => {
    expect(at(r, "/paths/~1v1~1jobs/post/parameters")).toEqual([
      { name: "dry_run", in: "query", description: "Only validate.", schema: { type: "boolean", default: false }, "x-source": [src(20)] },
      { name: "region", in: "query", description: "Where.", required: true, schema: { type: "string" }, "x-source": [src(21)] },
    ]);
  });

  it("tables are read by their columns, whatever they are called: a body table without a Type column gives untyped fields", () => {
    const r = convert(md("## POST /a", "", "**Request body:**", "", "| Property | Notes |", "|---|---|", "| `a` | A. Defaults to `3`. |"));
    expect(problems(r)).toEqual([]);
    expect(at(r, "/paths/~1a/post/requestBody/content/application~1json/schema/properties/a")).toEqual({ description: "A. Defaults to `3`.", default: 3, "x-source": [src(7)] });
  });

  it("an empty JSON object body is an object schema without properties, with the curl's {} as example", () => {
    const e = convert(
      md("## POST /a", "", FENCE, "curl https://x.io/a -H 'Content-Type: application/json' -d '{}'", FENCE, "", "**Request body:** Empty JSON object `{}`. Reserved."),
    );
    expect(problems(e)).toEqual([]);
    expect(at(e, "/paths/~1a/post/requestBody")).toEqual({
      description: "Empty JSON object `{}`. Reserved.",
      content: { "application/json": { schema: { type: "object", properties: {} }, example: {} } },
      "x-source": [src(4), src(7)],
    });
  });

  it("a declared type wins over the example's, but null seen in an example stays allowed", () => {
    const e = convert(
      md(
        "## POST /a",
        "",
        FENCE,
        `curl https://x.io/a -d '{"n": null, "s": 1}'`,
        FENCE,
        "",
        "**Request body:**",
        "",
        "| Field | Type | Description |",
        "|---|---|---|",
        "| `n` | integer | N. |",
        "| `s` | string | S. |",
      ),
    );
    const s = at(e, "/paths/~1a/post/requestBody/content/application~1json/schema/properties") as Record<string, any>;
    expect(s.n).toEqual({ type: ["integer", "null"], description: "N.", "x-source": [src(4), src(11)] });
    expect(s.s.type).toBe("string");
  });

  it("labels may be headings and the colon may sit outside the bold", () => {
    const e = convert(
      md(
        "## POST /a",
        "",
        "### Request body",
        "",
        "| Name | Type |",
        "|---|---|",
        "| `x` | number |",
        "",
        "**Path parameters**:",
        "",
        "| Name | Type | Description |",
        "|---|---|---|",
        "| `id` | string | The id. |",
      ),
    );
    expect(problems(e)).toEqual([]);
    expect(at(e, "/paths/~1a/post/requestBody/content/application~1json/schema/properties/x/type")).toBe("number");
    expect(at(e, "/paths/~1a/post/parameters/0")).toEqual({ name: "id", in: "path", description: "The id.", required: true, schema: { type: "string" }, "x-source": [src(13)] });
  });
});

describe("convertMarkdownDoc: responses", () => {
  it("Response `201` + json block: schema inferred, example attached, lines inside the block", () => {
    const r = convert(
      md(
        "## POST /a", //          1
        "", //                    2
        "**Response `201`:**", // 3
        "", //                    4
        `${FENCE}json`, //        5
        "{", //                   6
        '  "id": "a_1",', //      7
        '  "count": 2', //        8
        "}", //                   9
        FENCE, //                 10
      ),
    );
    expect(at(r, "/paths/~1a/post/responses/201")).toEqual({
      description: "Created",
      content: {
        "application/json": {
          schema: {
            type: "object",
            properties: { id: { type: "string", "x-source": [src(7)] }, count: { type: "integer", "x-source": [src(8)] } },
            required: ["id", "count"],
          },
          example: { id: "a_1", count: 2 },
        },
      },
      "x-source": [src(3)],
    });
  });

  it.each([
    { label: "**Response:** `204` (no body).", status: "204", want: { description: "No Content" } },
    // No status written: 200 is assumed, and the response says so (a status another source states wins at the merge).
    { label: "**Response:** No content.", status: "200", want: { description: "OK", "x-status-assumed": true } },
    {
      label: "**Response:** Raw PNG bytes (`image/png`). No JSON wrapping.",
      status: "200",
      want: {
        description: "Raw PNG bytes (`image/png`). No JSON wrapping.",
        content: { "image/png": { schema: { type: "string", contentMediaType: "image/png" } } },
        "x-status-assumed": true,
      },
    },
    {
      label: "**Response `200`:** CSV text (`text/csv`) or `application/pdf`.",
      status: "200",
      want: {
        description: "CSV text (`text/csv`) or `application/pdf`.",
        content: {
          "text/csv": { schema: { type: "string", contentMediaType: "text/csv" } },
          "application/pdf": { schema: { type: "string", contentMediaType: "application/pdf" } },
        },
      },
    },
    { label: "**Response `202`:** Accepted for later.", status: "202", want: { description: "Accepted for later." } },
    { label: "**Responses 4XX:**", status: "4XX", want: { description: "4XX response" } },
  ])("$label", ({ label, status, want }) => {
    const r = convert(md("## POST /a", "", label));
    expect(problems(r)).toEqual([]);
    const { "x-status-assumed": assumed, ...rest } = want as Record<string, unknown>;
    expect(at(r, "/paths/~1a/post/responses")).toEqual({ [status]: { ...rest, "x-source": [src(3)], ...(assumed ? { "x-status-assumed": true } : {}) } });
  });

  it("a Field | Description table folds descriptions and enums into the inferred schema and adds missing fields unrequired", () => {
    const r = convert(
      md(
        "## GET /a", //                                       1
        "", //                                                2
        "**Response `200`:**", //                             3
        "", //                                                4
        `${FENCE}json`, //                                    5
        '{"state": "on", "level": 2, "items": [{"k": "x"}]}', // 6
        FENCE, //                                             7
        "", //                                                8
        "| Field | Description |", //                         9
        "|---|---|", //                                       10
        "| `state` | `on`, `off`, or `broken` |", //          11
        "| `level` | One of `1`, `2`, `3`. |", //             12
        "| `items[].k` | Key: `x` or `y`. |", //              13
        "| `reason` | Why. |", //                            14
        "| `ended` | Integer. Seconds. |", //                 15
        "| `when` | ISO 8601 timestamp. |", //                16
        "| `kind` | `a` or `b`. |", //                        17
      ),
    );
    expect(problems(r)).toEqual([]);
    const schema = at(r, "/paths/~1a/get/responses/200/content/application~1json/schema") as Record<string, any>;
    expect(schema.properties.state).toEqual({ type: "string", description: "`on`, `off`, or `broken`", enum: ["on", "off", "broken"], "x-source": [src(6), src(11)] });
    expect(schema.properties.level.enum).toEqual([1, 2, 3]);
    expect(schema.properties.items.items.properties.k.enum).toEqual(["x", "y"]);
    expect(schema.properties.reason).toEqual({ description: "Why.", "x-source": [src(14)] });
    expect(schema.properties.ended).toMatchObject({ type: "integer" });
    expect(schema.properties.when).toMatchObject({ type: "string", format: "date-time" });
    expect(schema.properties.kind).toMatchObject({ type: "string", enum: ["a", "b"] });
    expect(schema.required).toEqual(["state", "level", "items"]);
    const example = at(r, "/paths/~1a/get/responses/200/content/application~1json/example");
    expect(validate(schema, example)).toBe("");
  });

  it("a field table with a nullable example keeps null in the enum", () => {
    const r = convert(
      md("## GET /a", "", "**Response `200`:**", "", `${FENCE}json`, '[{"s": null}, {"s": "a"}]', FENCE, "", "| Field | Description |", "|---|---|", "| `s` | `a` or `b` |"),
    );
    const schema = at(r, "/paths/~1a/get/responses/200/content/application~1json/schema") as Record<string, any>;
    expect(schema.items.properties.s).toMatchObject({ type: ["string", "null"], enum: ["a", "b", null] });
    expect(validate(schema, [{ s: null }, { s: "a" }])).toBe("");
  });

  it("an invalid ```json block is a finding at the line of the error", () => {
    const r = convert(md("## GET /a", "", "**Response `200`:**", "", `${FENCE}json`, "{", '  "a": 1', '  "b": 2', "}", FENCE));
    expect(problems(r)).toHaveLength(1);
    expect(problems(r)[0]).toMatchObject({ rule: "docs-unread", pointer: "/paths/~1a/get/responses/200", sources: [{ file: "docs/t.md", line: 8 }] });
    expect(at(r, "/paths/~1a/get/responses/200/content")).toBeUndefined();
  });

  it("Errors: one response per status, listing every code; a response of the same status gains the codes", () => {
    const r = convert(
      md(
        "## POST /a", //                       1
        "", //                                 2
        "**Response `409`:** Conflict body.", // 3
        "", //                                 4
        "**Errors:**", //                      5
        "", //                                 6
        "| Status | Code | Meaning |", //       7
        "|---|---|---|", //                    8
        "| 404 | `not_found` | Gone. |", //     9
        "| `409` | `busy` | Busy. |", //        10
        "| 404 Not Found | `deleted` | Deleted. |", // 11
        "| 429 | — | Slow down. |", //          12
        "| soon | `x` | Bad. |", //              13
        "| 400 | `a`, `b` |", //                 14
      ),
    );
    expect(problems(r).map((f) => f.sources[0]!.line)).toEqual([13, 14]);
    expect(at(r, "/paths/~1a/post/responses")).toEqual({
      "404": { description: "`not_found`: Gone.\n\n`deleted`: Deleted.", "x-error-codes": ["not_found", "deleted"], "x-source": [src(9), src(11)] },
      "409": { description: "Conflict body.\n\nBusy.", "x-error-codes": ["busy"], "x-source": [src(3), src(10)] },
      "429": { description: "Slow down.", "x-source": [src(12)] },
    });
  });

  it("an Errors table without a Code column documents statuses", () => {
    const r = convert(md("## GET /a", "", "**Errors:**", "", "| Status | Meaning |", "|---|---|", "| 404 | Gone |"));
    expect(problems(r)).toEqual([]);
    expect(at(r, "/paths/~1a/get/responses/404")).toEqual({ description: "Gone", "x-source": [src(7)] });
  });

  it("objects with the same identity share one schema across operations, table facts included", () => {
    const r = convert(
      md(
        "## POST /w",
        "",
        "**Response `201`:**",
        "",
        `${FENCE}json`,
        '{"id": "w1", "object": "widget", "state": "new"}',
        FENCE,
        "",
        "## GET /w",
        "",
        "**Response `200`:**",
        "",
        `${FENCE}json`,
        '{"object": "list", "data": [{"id": "w2", "object": "widget", "state": "ok", "size": 3}]}',
        FENCE,
        "",
        "## GET /w/:id",
        "",
        "**Response `200`:**",
        "",
        `${FENCE}json`,
        '{"id": "w3", "object": "widget", "state": "ok", "size": 4}',
        FENCE,
        "",
        "| Field | Description |",
        "|---|---|",
        "| `state` | `new` or `ok` |",
      ),
    );
    const created = at(r, "/paths/~1w/post/responses/201/content/application~1json/schema") as Record<string, any>;
    const item = at(r, "/paths/~1w/get/responses/200/content/application~1json/schema/properties/data/items");
    const single = at(r, "/paths/~1w~1:id/get/responses/200/content/application~1json/schema");
    expect(created).toEqual(item);
    expect(created).toEqual(single);
    expect(created.required).toEqual(["id", "object", "state"]);
    expect(created.properties.size.type).toBe("integer");
    expect(created.properties.state.enum).toEqual(["new", "ok"]);
    expect(created.properties.state["x-source"]).toEqual([src(6), src(14), src(22), src(27)]);
    expect(at(r, "/paths/~1w/get/responses/200/content/application~1json/schema/properties/object")).toMatchObject({ type: "string" });
  });
});

describe("convertMarkdownDoc: robustness", () => {
  it("never throws on odd input", () => {
    for (const text of ["", "#", "## GET", "## GET /", "| a |\n|---|\n| b |", "```json\n{\n```", "**Response:**", "## POST /a\n\n**Errors:**\n\n| Status |\n|---|\n|  |"]) {
      expect(() => convert(text)).not.toThrow();
    }
  });

  it("without an H1 the title is the file name", () => {
    expect(convert("## GET /a\n", "docs/billing-api.md").document.info).toEqual({ title: "billing-api", version: "0.0.0" });
  });
});
