// Pins where placePageRules puts error rows that name no operation, and the finding each placement leaves.
import { describe, expect, it } from "vitest";
import type { PageError } from "../../generator/docs/index.ts";
import type { MergeContext } from "../../generator/merge/context.ts";
import { placePageRules } from "../../generator/merge/place-page-rules.ts";
import { eachOperation, operationKey, type JsonObject, type OpenApiDocument, type Operation } from "../../generator/openapi/types.ts";
import { configOf } from "../helpers/config.ts";

const ALL = ["GET /sessions", "POST /sessions", "GET /sessions/{id}", "DELETE /sessions/{id}"];
const INPUT = ["GET /sessions", "POST /sessions"]; // a query parameter; a body
const CREATE = ["POST /sessions"];

const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };

/** Four operations: a list with a query parameter, a create (known by its 201 alone), a read that documents 404, a delete. `post` replaces the create. */
function api(post: Operation = { summary: "Start a session", requestBody: { content: {} }, responses: { "201": { description: "Created" } } }): OpenApiDocument {
  return {
    openapi: "3.1.0",
    paths: {
      "/sessions": {
        get: { summary: "List sessions", parameters: [{ name: "limit", in: "query", schema: { type: "integer" } }], responses: { "200": { description: "OK" } } },
        post,
      },
      "/sessions/{id}": {
        get: { parameters: [idParam], responses: { "200": { description: "OK" }, "404": { description: "Not found" } } },
        delete: { parameters: [idParam], responses: { "204": { description: "Deleted" } } },
      },
    },
  };
}

type Row = [status: string, codes: string[], meaning: string];

/** Each page is a file and its rows; row n of a page is stated at line n + 1. */
function place(doc: OpenApiDocument, pages: Record<string, Row[]>): MergeContext {
  const ctx: MergeContext = { config: configOf(), document: doc, findings: [], origin: new Map() };
  const rules = (rows: Row[]) => ({
    errors: rows.map(([status, codes, meaning], i): PageError => ({ status, codes, meaning, line: i + 2, auth: false })),
    rateLimits: [],
    auth: [],
    headers: [],
  });
  placePageRules(
    ctx,
    Object.entries(pages).map(([file, rows]) => ({ file, rules: rules(rows) })),
  );
  return ctx;
}

/** The operations whose `status` response the page line placed (it names the line in x-source). */
function placedBy(ctx: MergeContext, status: string, source: string): string[] {
  return [...eachOperation(ctx.document)]
    .filter(({ operation }) => ((operation.responses?.[status]?.["x-source"] as string[] | undefined) ?? []).includes(source))
    .map(({ method, path }) => operationKey(method, path));
}

describe("placePageRules: an error row that names no operation", () => {
  const cases: { name: string; doc?: OpenApiDocument; row: Row; want: string[] }[] = [
    { name: "goes where its status is already documented", row: ["404", ["not_found"], "Session not found."], want: ["GET /sessions/{id}"] },
    { name: "speaking of request input, goes on the operations that take input", row: ["400", ["invalid_request"], "Request body is malformed."], want: INPUT },
    { name: "speaking of input and of creating, input wins", row: ["422", [], "Invalid input when creating a session."], want: INPUT },
    { name: "speaking of creating, goes on the operations that answer 201", row: ["402", ["payment_required"], "Top up to create new sessions."], want: CREATE },
    {
      name: "speaking of creating, goes on an operation summarised as creating",
      doc: api({ summary: "Create a session", responses: { "200": { description: "OK" } } }),
      row: ["402", ["payment_required"], "Top up to create new sessions."],
      want: CREATE,
    },
    {
      name: "speaking of creating, goes on an operation whose operationId creates",
      doc: api({ operationId: "createSession", responses: { "200": { description: "OK" } } }),
      row: ["402", [], "Top up to create new sessions."],
      want: CREATE,
    },
    {
      name: "speaking of creating, goes on an operation whose snake_case operationId creates",
      doc: api({ operationId: "sessions_create", responses: { "200": { description: "OK" } } }),
      row: ["402", [], "Top up to create new sessions."],
      want: CREATE,
    },
    { name: "saying nothing of scope, goes on every operation", row: ["500", ["internal"], "Something went wrong."], want: ALL },
    { name: "a server error that mentions 'the request' does not speak of input", row: ["500", [], "The server failed to process the request."], want: ALL },
    {
      name: "a referenced query parameter counts as input, a referenced path parameter does not",
      doc: {
        ...api(),
        paths: {
          "/sessions/{id}": {
            get: { parameters: [{ $ref: "#/components/parameters/id" }, { $ref: "#/components/parameters/fields" }], responses: { "200": { description: "OK" } } },
            delete: { parameters: [{ $ref: "#/components/parameters/id" }], responses: { "204": { description: "Deleted" } } },
          },
        },
        components: { parameters: { id: idParam, fields: { name: "fields", in: "query", schema: { type: "string" } } } },
      },
      row: ["400", ["invalid_field"], "Invalid value for field."],
      want: ["GET /sessions/{id}"],
    },
    {
      name: "a non-error status that mentions creating is not narrowed to creators",
      doc: api({ summary: "Create a session", responses: { "200": { description: "OK" } } }),
      row: ["201", [], "Created — a resource was created"],
      want: ALL,
    },
  ];
  it.each(cases)("$name", ({ doc, row, want }) => {
    const ctx = place(doc ?? api(), { "docs/errors.md": [row] });
    expect(placedBy(ctx, row[0], "docs/errors.md:2")).toEqual(want);
  });

  it("keeps the response an operation documents, adding the codes; a new one takes the row's meaning", () => {
    const ctx = place(api(), {
      "docs/errors.md": [
        ["404", ["not_found"], "Session not found."],
        ["500", [], "Something went wrong."],
      ],
    });
    expect(ctx.document.paths!["/sessions/{id}"]!.get!.responses!["404"]).toEqual({ description: "Not found", "x-error-codes": ["not_found"], "x-source": ["docs/errors.md:2"] });
    expect(ctx.document.paths!["/sessions"]!.get!.responses!["500"]).toEqual({ description: "Something went wrong.", "x-source": ["docs/errors.md:3"] });
  });
});

describe("placePageRules: the same error on two pages", () => {
  const bare: Row = ["402", ["payment_required"], "Workspace balance is zero. Top up."];
  const scoped: Row = ["402", ["payment_required"], "Top up to create new sessions."];
  const cases: { name: string; pages: Record<string, Row[]>; want: Record<string, string[]> }[] = [
    {
      name: "bare page first: the bare row joins the scoped placement",
      pages: { "docs/billing.md": [bare], "docs/sessions.md": [scoped] },
      want: { "docs/billing.md:2": CREATE, "docs/sessions.md:2": CREATE },
    },
    {
      name: "scoped page first: the same",
      pages: { "docs/sessions.md": [scoped], "docs/billing.md": [bare] },
      want: { "docs/billing.md:2": CREATE, "docs/sessions.md:2": CREATE },
    },
    {
      name: "a different code of the same status is not the same error",
      pages: { "docs/billing.md": [["402", ["card_declined"], "The card was declined."]], "docs/sessions.md": [scoped] },
      want: { "docs/billing.md:2": ALL, "docs/sessions.md:2": ALL },
    },
  ];
  it.each(cases)("$name", ({ pages, want }) => {
    const ctx = place(api(), pages);
    expect(Object.fromEntries(Object.keys(want).map((source) => [source, placedBy(ctx, "402", source)]))).toEqual(want);
  });
});

describe("placePageRules: rows of one table keep their order", () => {
  const cases: { name: string; rows: Row[]; want: [string[], string[]] }[] = [
    {
      name: "a bare 4XX first puts a later 'invalid' 4XX on every operation",
      rows: [
        ["4XX", [], "Client error."],
        ["4XX", ["invalid_request"], "The request is invalid."],
      ],
      want: [ALL, ALL],
    },
    {
      name: "an 'invalid' 4XX first keeps a later bare 4XX on the input takers",
      rows: [
        ["4XX", ["invalid_request"], "The request is invalid."],
        ["4XX", [], "Client error."],
      ],
      want: [INPUT, INPUT],
    },
    {
      name: "a scoped restatement on the same page does not narrow an earlier bare row",
      rows: [
        ["402", ["payment_required"], "Workspace balance is zero. Top up."],
        ["402", ["payment_required"], "Top up to create new sessions."],
      ],
      want: [ALL, ALL],
    },
  ];
  it.each(cases)("$name", ({ rows, want }) => {
    const ctx = place(api(), { "docs/errors.md": rows });
    expect([placedBy(ctx, rows[0]![0], "docs/errors.md:2"), placedBy(ctx, rows[1]![0], "docs/errors.md:3")]).toEqual(want);
  });
});

describe("placePageRules: findings", () => {
  it("reports every placement as an info finding naming the page line, the operations and why", () => {
    const ctx = place(api(), {
      "docs/errors.md": [
        ["404", ["not_found"], "Session not found."],
        ["402", [], "Top up to create new sessions."],
        ["500", [], "Something went wrong."],
      ],
    });
    const applied = ctx.findings.filter((f) => f.rule === "docs-rule-applied");
    expect(ctx.findings).toEqual(applied);
    expect(applied.map((f): JsonObject => ({ severity: f.severity, pointer: f.pointer, sources: f.sources, args: f.args }))).toEqual([
      {
        severity: "info",
        pointer: "/paths/~1sessions~1{id}/get/responses/404",
        sources: [{ file: "docs/errors.md", line: 2 }],
        args: { fact: "error not_found (404)", operations: "GET /sessions/{id}", why: "they already document 404" },
      },
      {
        severity: "info",
        pointer: "/paths/~1sessions/post/responses/402",
        sources: [{ file: "docs/errors.md", line: 3 }],
        args: { fact: "status 402", operations: "POST /sessions", why: "the operations that create (the row speaks of creating)" },
      },
      {
        severity: "info",
        pointer: "",
        sources: [{ file: "docs/errors.md", line: 4 }],
        args: { fact: "status 500", operations: ALL.join(", "), why: "no operation documents 500 and the row names none, so it applies to every operation" },
      },
    ]);
  });
});
