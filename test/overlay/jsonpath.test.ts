import { describe, expect, it } from "vitest";
import { JsonPathSyntaxError, queryJsonPath } from "../../generator/overlay/jsonpath.ts";

/** An OpenAPI-like document: paths with slashes and braces, parameters, nested schemas. */
const api = {
  openapi: "3.1.0",
  info: { title: "Sessions", version: "1" },
  tags: ["sessions", "internal"],
  paths: {
    "/v1/sessions": {
      get: {
        operationId: "listSessions",
        parameters: [
          { name: "limit", in: "query", schema: { type: "integer", maximum: 100 } },
          { name: "X-Trace", in: "header", required: false },
          { name: "cursor", in: "query", required: true },
        ],
        responses: { "200": { description: "ok" } },
      },
      post: { operationId: "createSession", "x-internal": true, responses: { "201": { description: "made" } } },
    },
    "/v1/sessions/{id}": {
      parameters: [{ name: "id", in: "path", required: true }],
      get: { operationId: "getSession", responses: { "200": { description: "ok" }, "404": { description: "gone" } } },
      delete: { operationId: "deleteSession", deprecated: true },
    },
    "/a~b": { get: { operationId: "tilde" } },
  },
  components: {
    schemas: {
      Session: {
        type: "object",
        properties: { id: { type: "string", description: "the id" }, "j j": { type: "number" } },
      },
    },
  },
};

const rfcObject = { o: { "j j": { "k.k": 3 } }, "'": { "@": 2 }, a: [5, 3, [{ j: 4 }, { k: 6 }]], e: "f", s: "\u{1F600}" };

interface Case {
  name: string;
  given: unknown;
  path: string;
  want: string[];
}

const cases: Case[] = [
  { name: "root", given: api, path: "$", want: [""] },
  { name: "child by dot name", given: api, path: "$.info.title", want: ["/info/title"] },
  { name: "path with slashes and braces, single-quoted", given: api, path: "$.paths['/v1/sessions/{id}'].get", want: ["/paths/~1v1~1sessions~1{id}/get"] },
  { name: "path with slashes, double-quoted", given: api, path: '$.paths["/v1/sessions"].post', want: ["/paths/~1v1~1sessions/post"] },
  { name: "name containing ~ is escaped as ~0 in the pointer", given: api, path: "$.paths['/a~b'].get", want: ["/paths/~1a~0b/get"] },
  { name: "escaped quote and \\u escape in a name", given: rfcObject, path: "$['\\'']['\\u0040']", want: ["/'/@"] },
  { name: "name with space and dot", given: rfcObject, path: "$.o['j j']['k.k']", want: ["/o/j j/k.k"] },
  {
    name: "dot wildcard over a map, in document order",
    given: api,
    path: "$.paths.*.get",
    want: ["/paths/~1v1~1sessions/get", "/paths/~1v1~1sessions~1{id}/get", "/paths/~1a~0b/get"],
  },
  { name: "bracket wildcard over an array", given: api, path: "$.tags[*]", want: ["/tags/0", "/tags/1"] },
  { name: "array index", given: api, path: "$.paths['/v1/sessions'].get.parameters[1].name", want: ["/paths/~1v1~1sessions/get/parameters/1/name"] },
  { name: "negative index counts from the end", given: api, path: "$.paths['/v1/sessions'].get.parameters[-1]", want: ["/paths/~1v1~1sessions/get/parameters/2"] },
  { name: "index out of range selects nothing", given: api, path: "$.tags[2]", want: [] },
  {
    name: "union of names, results in document order",
    given: api,
    path: "$.paths['/v1/sessions']['post','get']",
    want: ["/paths/~1v1~1sessions/get", "/paths/~1v1~1sessions/post"],
  },
  { name: "union of indexes with a duplicate, each node once", given: api, path: "$.tags[1, 0, 1]", want: ["/tags/0", "/tags/1"] },
  { name: "slice", given: { a: ["a", "b", "c", "d", "e"] }, path: "$.a[1:4:2]", want: ["/a/1", "/a/3"] },
  { name: "filter with == on a string, RFC form", given: api, path: "$.paths.*.get.parameters[?@.in == 'header']", want: ["/paths/~1v1~1sessions/get/parameters/1"] },
  { name: "filter with parentheses, legacy form", given: api, path: "$.paths.*.get.parameters[?(@.in == 'header')]", want: ["/paths/~1v1~1sessions/get/parameters/1"] },
  { name: "filter with && and double quotes", given: api, path: `$.paths.*.get.parameters[?@.name=="limit" && @.in=="query"]`, want: ["/paths/~1v1~1sessions/get/parameters/0"] },
  {
    name: "filter with ||",
    given: api,
    path: "$.paths.*.get.parameters[?@.name == 'cursor' || @.in == 'header']",
    want: ["/paths/~1v1~1sessions/get/parameters/1", "/paths/~1v1~1sessions/get/parameters/2"],
  },
  {
    name: "filter with != keeps members lacking the field",
    given: api,
    path: "$.paths['/v1/sessions'].get.parameters[?@.in != 'query']",
    want: ["/paths/~1v1~1sessions/get/parameters/1"],
  },
  {
    name: "existence test matches false and true values alike",
    given: api,
    path: "$.paths['/v1/sessions'].get.parameters[?@.required]",
    want: ["/paths/~1v1~1sessions/get/parameters/1", "/paths/~1v1~1sessions/get/parameters/2"],
  },
  { name: "negated existence test", given: api, path: "$.paths['/v1/sessions'].get.parameters[?!@.required]", want: ["/paths/~1v1~1sessions/get/parameters/0"] },
  { name: "comparison with true literal", given: api, path: "$.paths.*.get.parameters[?@.required == true]", want: ["/paths/~1v1~1sessions/get/parameters/2"] },
  { name: "comparison with false literal", given: api, path: "$.paths.*[?@.deprecated == false]", want: [] },
  { name: "comparison with null literal", given: { a: [{ v: null }, { v: 0 }, {}] }, path: "$.a[?@.v == null]", want: ["/a/0"] },
  {
    name: "numeric < and > on a nested singular query",
    given: api,
    path: "$..parameters[?@.schema.maximum > 50 && @.schema.maximum < 101]",
    want: ["/paths/~1v1~1sessions/get/parameters/0"],
  },
  { name: "comparing to an absent member is false for <", given: api, path: "$..parameters[?@.schema.maximum < 1000]", want: ["/paths/~1v1~1sessions/get/parameters/0"] },
  {
    name: "filter on an object's member values",
    given: api,
    path: "$.paths['/v1/sessions/{id}'][?@.operationId == 'deleteSession']",
    want: ["/paths/~1v1~1sessions~1{id}/delete"],
  },
  { name: "filter with an absolute query on the right", given: { want: "b", items: [{ n: "a" }, { n: "b" }] }, path: "$.items[?@.n == $.want]", want: ["/items/1"] },
  {
    name: "descendant by name, pre-order",
    given: api,
    path: "$..operationId",
    want: [
      "/paths/~1v1~1sessions/get/operationId",
      "/paths/~1v1~1sessions/post/operationId",
      "/paths/~1v1~1sessions~1{id}/get/operationId",
      "/paths/~1v1~1sessions~1{id}/delete/operationId",
      "/paths/~1a~0b/get/operationId",
    ],
  },
  { name: "descendant then filter: every path parameter", given: api, path: "$..parameters[?@.in == 'path']", want: ["/paths/~1v1~1sessions~1{id}/parameters/0"] },
  { name: "descendant wildcard visits everything below, parents first", given: { a: { b: [1] }, c: 2 }, path: "$..*", want: ["/a", "/a/b", "/a/b/0", "/c"] },
  { name: "descendant bracketed index", given: rfcObject, path: "$..[0]", want: ["/a/0", "/a/2/0"] },
  { name: "descendant from a nested start", given: api, path: "$.components..description", want: ["/components/schemas/Session/properties/id/description"] },
  { name: "member-name shorthand with - (x- extensions)", given: api, path: "$.paths.*.post[?@.x-internal]", want: [] },
  { name: "filter on x- extension of an operation", given: api, path: "$.paths.*[?@.x-internal == true]", want: ["/paths/~1v1~1sessions/post"] },
  { name: "nested filter inside an existence test", given: api, path: "$.paths[?@.get.parameters[?@.in == 'header']]", want: ["/paths/~1v1~1sessions"] },
  { name: "no match: unknown path", given: api, path: "$.paths['/v2/sessions']", want: [] },
  { name: "no match: name selector on an array", given: api, path: "$.tags.name", want: [] },
  { name: "no match: filter matches nothing", given: api, path: "$..parameters[?@.in == 'cookie']", want: [] },
  { name: "non-BMP string compares by scalar value", given: { a: [{ s: "\u{1F600}" }, { s: "\uFFFF" }] }, path: "$.a[?@.s > '\uFFFF']", want: ["/a/0"] },
  { name: "blank space between segments and inside brackets", given: api, path: "$.paths[ '/v1/sessions' ] .get", want: ["/paths/~1v1~1sessions/get"] },
];

describe("queryJsonPath", () => {
  it.each(cases)("$name: $path", ({ given, path, want }) => {
    expect(queryJsonPath(given, path)).toEqual(want);
  });

  it("does not change the value it queries", () => {
    const before = JSON.stringify(api);
    queryJsonPath(api, "$..parameters[?@.in == 'query']");
    expect(JSON.stringify(api)).toBe(before);
  });
});

interface SyntaxCase {
  path: string;
  column: number;
  reason: RegExp;
}

const syntaxErrors: SyntaxCase[] = [
  { path: "paths.x", column: 1, reason: /must start with "\$"/ },
  { path: "$.paths[", column: 9, reason: /expected a selector/ },
  { path: "$.paths['/v1'", column: 14, reason: /expected "," or "\]"/ },
  { path: "$.paths['/v1]", column: 9, reason: /unterminated string/ },
  { path: "$.paths./v1", column: 9, reason: /quote other names/ },
  { path: "$..", column: 4, reason: /after "\.\."/ },
  { path: "$.tags[01]", column: 8, reason: /leading zeros/ },
  { path: "$.a[?@.b = 1]", column: 10, reason: /expected "," or "\]"/ },
  { path: "$.a[?@.* == 1]", column: 6, reason: /singular queries/ },
  { path: "$.a[?length(@) > 1]", column: 6, reason: /length\(\) are not supported/ },
  { path: "$.a[?'x']", column: 9, reason: /must be compared/ },
  { path: "$.a['\\q']", column: 6, reason: /invalid escape/ },
  { path: "$.a b", column: 4, reason: /unexpected " "/ },
  { path: "$.a[?(@.b == 1]", column: 15, reason: /expected "\)"/ },
];

describe("queryJsonPath syntax errors", () => {
  it.each(syntaxErrors)("$path fails at column $column", ({ path, column, reason }) => {
    let error: unknown;
    try {
      queryJsonPath(api, path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JsonPathSyntaxError);
    const e = error as JsonPathSyntaxError;
    expect(e.column).toBe(column);
    expect(e.reason).toMatch(reason);
    expect(e.path).toBe(path);
    expect(e.code).toBe("E_INPUT");
  });
});
