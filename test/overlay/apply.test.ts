import { describe, expect, it } from "vitest";
import { parseYamlSource } from "../../generator/load/yaml-source.ts";
import { applyOverlays } from "../../generator/overlay/index.ts";
import type { OpenApiDocument } from "../../generator/openapi/types.ts";
import type { Finding } from "../../generator/problems/finding.ts";

const FILE = "specs/demo/overlays/fix.yaml";

/** 1-based line of the first line of `text` containing `needle`: expected lines are read off the fixture, not hard-coded. */
function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`fixture has no line with ${needle}`);
  return index + 1;
}

function overlay(actions: string, file = FILE, header = "overlay: 1.0.0\ninfo:\n  title: Fixes\n  version: 1.0.0\n") {
  const text = `${header}actions:\n${actions}`;
  return { text, source: parseYamlSource(file, text) };
}

function baseDocument(): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: { title: "Demo", version: "1.0.0" },
    tags: [{ name: "sessions" }],
    paths: {
      "/v1/sessions": {
        get: {
          operationId: "listSessions",
          summary: "List",
          tags: ["sessions"],
          "x-source": ["fragments/sessions.yaml:3"],
          parameters: [
            { name: "limit", in: "query", schema: { type: "integer" } },
            { name: "X-Debug", in: "header" },
            { name: "cursor", in: "query" },
            { name: "X-Trace", in: "header" },
          ],
          responses: { "200": { description: "ok" } },
        },
      },
      "/v1/sessions/{id}": {
        get: { operationId: "getSession", responses: { "200": { description: "ok" } } },
        delete: { operationId: "deleteSession", responses: { "204": { description: "gone" } } },
      },
    },
    components: {
      schemas: {
        Session: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
      },
      parameters: { Page: { $ref: "#/components/parameters/Other" } },
    },
  };
}

function rules(findings: Finding[]): string[] {
  return findings.map((f) => f.rule);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe("applyOverlays: update", () => {
  it("merges objects recursively: adds keys, replaces primitives, merges nested objects, keeps the rest", () => {
    const { text, source } = overlay(`  - target: $.paths['/v1/sessions'].get
    description: Correct the summary and document the error response
    update:
      summary: List sessions
      deprecated: false
      responses:
        "200":
          description: A page of sessions
        "400":
          description: Bad cursor
`);
    const { document, findings } = applyOverlays(baseDocument(), [source]);
    const get = document.paths!["/v1/sessions"]!.get!;
    expect(get.summary).toBe("List sessions");
    expect(get.deprecated).toBe(false);
    expect(get.operationId).toBe("listSessions");
    const at = `${FILE}:${lineOf(text, "Correct the summary") - 1}`;
    expect(get.responses).toEqual({
      "200": { description: "A page of sessions", "x-source": [at] },
      "400": { description: "Bad cursor", "x-source": [at] },
    });
    expect(rules(findings)).toEqual(["overlay-applied"]);
  });

  it("concatenates an array in the update with the target's array", () => {
    const { source } = overlay(`  - target: $.components.schemas.Session
    description: name is always present
    update:
      required: [name]
      properties:
        name: { type: string }
`);
    const { document } = applyOverlays(baseDocument(), [source]);
    const session = document.components!.schemas!.Session!;
    expect(session.required).toEqual(["id", "name"]);
    expect(Object.keys(session.properties as object)).toEqual(["id", "name"]);
  });

  it("appends the update to a target that is an array, and each element of an array update", () => {
    const { source } = overlay(`  - target: $.paths['/v1/sessions'].get.parameters
    description: The API accepts an order parameter
    update:
      name: order
      in: query
  - target: $.tags
    description: Two more tags
    update:
      - name: admin
      - name: beta
`);
    const { document } = applyOverlays(baseDocument(), [source]);
    const params = document.paths!["/v1/sessions"]!.get!.parameters!;
    expect(params.map((p) => p.name)).toEqual(["limit", "X-Debug", "cursor", "X-Trace", "order"]);
    expect(document.tags!.map((t) => t.name)).toEqual(["sessions", "admin", "beta"]);
  });

  it("treats an empty (null) value over an object as a placeholder and leaves the object alone", () => {
    const { source } = overlay(`  - target: $
    description: Structured overlay with placeholder keys, as in the spec's example
    update:
      info:
        x-overlay-applied: structured
      components:
`);
    const { document, findings } = applyOverlays(baseDocument(), [source]);
    expect(document.info).toEqual({ title: "Demo", version: "1.0.0", "x-overlay-applied": "structured" });
    expect(document.components).toEqual(baseDocument().components);
    expect(rules(findings)).toEqual(["overlay-applied"]);
  });

  it("refuses an incompatible update (array over a string) without applying any of it, and goes on", () => {
    const { text, source } = overlay(`  - target: $.paths['/v1/sessions'].get
    description: Summary becomes a list (wrong)
    update:
      operationId: changed
      summary: [a, b]
  - target: $.info
    description: Still applied after the bad action
    update:
      title: Demo API
`);
    const { document, findings } = applyOverlays(baseDocument(), [source]);
    expect(document.paths!["/v1/sessions"]!.get!.operationId).toBe("listSessions");
    expect(document.paths!["/v1/sessions"]!.get!.summary).toBe("List");
    expect(document.info!.title).toBe("Demo API");
    expect(rules(findings)).toEqual(["overlay-invalid", "overlay-applied"]);
    expect(findings[0]!.severity).toBe("error");
    expect(findings[0]!.args).toEqual({
      target: "$.paths['/v1/sessions'].get",
      reason: "update would put an array where /paths/~1v1~1sessions/get/summary is a string; remove it with a remove action first",
    });
    expect(findings[0]!.sources[0]).toMatchObject({ file: FILE, line: lineOf(text, "Summary becomes a list") - 1 });
  });

  it("refuses an update whose target is a primitive", () => {
    const { source } = overlay(`  - target: $.info.title
    description: Try to set a string directly
    update: New title
`);
    const { document, findings } = applyOverlays(baseDocument(), [source]);
    expect(document.info!.title).toBe("Demo");
    expect(rules(findings)).toEqual(["overlay-invalid"]);
    expect(findings[0]!.args).toEqual({
      target: "$.info.title",
      reason: "target /info/title is a string; an update needs an object or an array — select the containing object instead",
    });
  });
});

describe("applyOverlays: remove", () => {
  it("removes a member from its object", () => {
    const { source } = overlay(`  - target: $.paths['/v1/sessions/{id}'].delete
    description: DELETE is not public
    remove: true
`);
    const { document, actions } = applyOverlays(baseDocument(), [source]);
    expect(Object.keys(document.paths!["/v1/sessions/{id}"]!)).toEqual(["get"]);
    expect(actions[0]!.pointers).toEqual(["/paths/~1v1~1sessions~1{id}/delete"]);
  });

  it("removes several array elements, highest index first, so every match goes", () => {
    const { source } = overlay(`  - target: $.paths.*.get.parameters[?@.in == 'header']
    description: Debug headers are internal
    remove: true
`);
    const { document, actions, findings } = applyOverlays(baseDocument(), [source]);
    const params = document.paths!["/v1/sessions"]!.get!.parameters!;
    expect(params.map((p) => p.name)).toEqual(["limit", "cursor"]);
    expect(actions[0]!.pointers).toEqual(["/paths/~1v1~1sessions/get/parameters/1", "/paths/~1v1~1sessions/get/parameters/3"]);
    expect(findings[0]!.pointer).toBe("/paths/~1v1~1sessions/get/parameters/1");
  });

  it("removes nested matches and their ancestors in one action", () => {
    const { source } = overlay(`  - target: $..responses[?@.description]
    description: Drop every described response
    remove: true
`);
    const { document } = applyOverlays(baseDocument(), [source]);
    expect(document.paths!["/v1/sessions"]!.get!.responses).toEqual({});
    expect(document.paths!["/v1/sessions/{id}"]!.delete!.responses).toEqual({});
  });

  it("refuses to remove the document root", () => {
    const { source } = overlay(`  - target: $
    description: Everything goes
    remove: true
`);
    const { document, findings } = applyOverlays(baseDocument(), [source]);
    expect(document).toEqual(baseDocument());
    expect(rules(findings)).toEqual(["overlay-invalid"]);
  });
});

describe("applyOverlays: order", () => {
  it("applies actions in order, each to the result of the previous one", () => {
    const { text, source } = overlay(`  - target: $.paths['/v1/sessions'].get
    description: Drop the old summary
    remove: true
  - target: $.paths['/v1/sessions']
    description: Re-create the operation
    update:
      get:
        operationId: listAll
  - target: $.paths['/v1/sessions'].get[?@ == 'listAll']
    description: Unreachable in the original document, matched after the update
    remove: true
`);
    const { document, actions } = applyOverlays(baseDocument(), [source]);
    expect(document.paths!["/v1/sessions"]!.get).toEqual({ "x-source": [`${FILE}:${lineOf(text, "Re-create") - 1}`] });
    expect(actions.map((a) => a.kind)).toEqual(["remove", "update", "remove"]);
  });

  it("applies overlays in the given order", () => {
    const first = overlay(
      `  - target: $.info
    description: First title
    update:
      title: First
`,
      "specs/demo/overlays/01-first.yaml",
    ).source;
    const second = overlay(
      `  - target: $.info[?@ == 'First']
    description: Only matches after the first overlay ran
    remove: true
`,
      "specs/demo/overlays/02-second.yaml",
    ).source;
    const forward = applyOverlays(baseDocument(), [first, second]);
    expect(forward.document.info).toEqual({ version: "1.0.0" });
    const backward = applyOverlays(baseDocument(), [second, first]);
    expect(backward.document.info).toEqual({ title: "First", version: "1.0.0" });
    expect(rules(backward.findings)).toEqual(["overlay-target-empty", "overlay-applied"]);
  });
});

describe("applyOverlays: findings", () => {
  it("reports a target that matches nothing at the action's line, and keeps going", () => {
    const { text, source } = overlay(`  - target: $.info
    description: Fine
    update:
      x-reviewed: true
  - target: $.paths['/v1/gone'].get
    description: Points at a removed endpoint
    update:
      summary: x
  - target: $.paths['/v1/sessions'].get
    description: Still applied
    update:
      summary: Listed
`);
    const { document, findings } = applyOverlays(baseDocument(), [source]);
    expect(rules(findings)).toEqual(["overlay-applied", "overlay-target-empty", "overlay-applied"]);
    const empty = findings[1]!;
    expect(empty.severity).toBe("error");
    expect(empty.sources).toEqual([{ file: FILE, line: lineOf(text, "/v1/gone"), pointer: "/actions/1" }]);
    expect(empty.args).toEqual({ target: "$.paths['/v1/gone'].get" });
    expect(document.paths!["/v1/sessions"]!.get!.summary).toBe("Listed");
  });

  it("reports a missing description as overlay-invalid at the action's line and does not apply the action", () => {
    const { text, source } = overlay(`  - target: $.info
    description: Fine
    update:
      x-a: 1
  - target: $.info
    update:
      x-b: 2
`);
    const { document, findings } = applyOverlays(baseDocument(), [source]);
    expect(rules(findings)).toEqual(["overlay-invalid", "overlay-applied"]);
    const invalid = findings[0]!;
    expect(invalid.severity).toBe("error");
    expect(invalid.args).toEqual({ reason: "action 2 needs a description: one line saying why the correction is made" });
    expect(invalid.sources[0]).toMatchObject({ file: FILE, line: lineOf(text, "x-b") - 2 });
    expect(document.info).toMatchObject({ "x-a": 1 });
    expect(document.info).not.toHaveProperty("x-b");
  });

  it("rejects a description of more than one line", () => {
    const { source } = overlay(`  - target: $.info
    description: |
      First line
      second line
    update:
      x-a: 1
`);
    const { findings } = applyOverlays(baseDocument(), [source]);
    expect(findings.map((f) => [f.rule, f.args])).toEqual([["overlay-invalid", { reason: "action 1 description must be one line" }]]);
  });

  it("rejects an invalid version at its line and applies nothing from that overlay", () => {
    const text = `overlay: 1.1.0
info:
  title: Fixes
  version: 1.0.0
actions:
  - target: $.info
    description: Would rename
    update:
      title: Renamed
`;
    const { document, findings, actions } = applyOverlays(baseDocument(), [parseYamlSource(FILE, text)]);
    expect(document.info!.title).toBe("Demo");
    expect(actions).toEqual([]);
    expect(rules(findings)).toEqual(["overlay-invalid"]);
    expect(findings[0]!.args).toEqual({ reason: 'overlay version must be 1.0.x (a string such as "1.0.0"), found "1.1.0"' });
    expect(findings[0]!.sources[0]).toMatchObject({ file: FILE, line: lineOf(text, "overlay: 1.1.0"), pointer: "/overlay" });
  });

  it("collects every problem of a broken overlay, each with its own line", () => {
    const text = `overlay: 1.0.0
info:
  title: Fixes
extends: ../openapi.yaml
actions:
  - target: $.info
    description: both
    update: { x-a: 1 }
    remove: true
  - target: $.info
    description: neither
  - target: $.paths[
    description: bad path
    remove: true
  - target: $.info
    description: typo
    delete: true
`;
    const { findings } = applyOverlays(baseDocument(), [parseYamlSource(FILE, text)]);
    expect(findings.map((f) => [f.rule, f.sources[0]!.line])).toEqual([
      ["overlay-invalid", lineOf(text, "info:")], // info.version is missing: the nearest node is info
      ["overlay-invalid", lineOf(text, "description: both") - 1],
      ["overlay-invalid", lineOf(text, "description: neither") - 1],
      ["overlay-invalid", lineOf(text, "$.paths[")],
      ["overlay-invalid", lineOf(text, "delete: true")],
      ["overlay-invalid", lineOf(text, "description: typo") - 1],
    ]);
    expect(findings.map((f) => f.args)).toEqual([
      { reason: "info.version must be a non-empty string" },
      { reason: "action 1 has both update and remove: true; use one action for each" },
      { reason: "action 2 needs either update or remove: true" },
      {
        reason:
          'action 3 target $.paths[ is not valid JSONPath: expected a selector (a quoted name, "*", an index, a slice or a "?" filter) but found end of the query at column 9',
      },
      { reason: "unknown field delete in action 4; allowed: target, description, update, remove or x- extensions" },
      { reason: "action 4 needs either update or remove: true" },
    ]);
    expect(findings.every((f) => f.sources[0]!.file === FILE)).toBe(true);
  });

  it("records each applied action as an overlay-applied finding and an AppliedAction", () => {
    const { text, source } = overlay(`  - target: $.paths.*.get
    description: Mark reads as safe.
    update:
      x-safe: true
`);
    const { findings, actions } = applyOverlays(baseDocument(), [source]);
    const line = lineOf(text, "$.paths.*.get");
    expect(findings).toEqual([
      {
        rule: "overlay-applied",
        severity: "info",
        pointer: "/paths/~1v1~1sessions/get",
        sources: [{ file: FILE, line, pointer: "/actions/0" }],
        args: { action: "update", target: "$.paths.*.get", reason: "Mark reads as safe" },
      },
    ]);
    expect(actions).toEqual([
      {
        source: { file: FILE, line, pointer: "/actions/0" },
        reason: "Mark reads as safe.",
        kind: "update",
        target: "$.paths.*.get",
        pointers: ["/paths/~1v1~1sessions/get", "/paths/~1v1~1sessions~1{id}/get"],
        written: ["/paths/~1v1~1sessions/get/x-safe", "/paths/~1v1~1sessions~1{id}/get/x-safe"],
      },
    ]);
  });
});

describe("applyOverlays: x-source", () => {
  it("appends the overlay location to touched operations, parameters and schemas, creating the array if missing", () => {
    const { text, source } = overlay(`  - target: $.paths.*.get
    description: Mark reads as safe
    update:
      x-safe: true
  - target: $.paths['/v1/sessions'].get.parameters
    description: Add the order parameter
    update:
      name: order
      in: query
      schema: { type: string }
  - target: $.components.schemas.Session.properties
    description: Document the name property
    update:
      name: { type: string }
`);
    const { document } = applyOverlays(baseDocument(), [source]);
    const at = (needle: string) => `${FILE}:${lineOf(text, needle)}`;
    const list = document.paths!["/v1/sessions"]!.get!;
    expect(list["x-source"]).toEqual(["fragments/sessions.yaml:3", at("$.paths.*.get")]);
    expect(document.paths!["/v1/sessions/{id}"]!.get!["x-source"]).toEqual([at("$.paths.*.get")]);
    const order = list.parameters![4]!;
    expect(order["x-source"]).toEqual([at("parameters")]);
    expect(order.schema).toEqual({ type: "string", "x-source": [at("parameters")] });
    const properties = document.components!.schemas!.Session!.properties as Record<string, unknown>;
    expect(Object.keys(properties)).toEqual(["id", "name"]); // no "x-source" property in a properties map
    expect(properties.name).toEqual({ type: "string", "x-source": [at("schemas.Session.properties")] });
  });

  it("leaves the root, the paths map, components maps and reference objects without x-source", () => {
    const { source } = overlay(`  - target: $
    description: Root
    update: { x-a: 1 }
  - target: $.paths
    description: Paths map
    update: { x-b: 1 }
  - target: $.components.schemas
    description: Schemas map
    update: { Extra: { type: string } }
  - target: $.components.parameters.Page
    description: A reference
    update: { description: page }
`);
    const { document } = applyOverlays(baseDocument(), [source]);
    expect(document).not.toHaveProperty("x-source");
    expect(document.paths).not.toHaveProperty("x-source");
    expect(document.components!.schemas).not.toHaveProperty("x-source");
    expect(document.components!.schemas!.Extra).toHaveProperty("x-source");
    expect(document.components!.parameters!.Page).toEqual({ $ref: "#/components/parameters/Other", description: "page" });
  });
});

describe("applyOverlays: purity", () => {
  it("does not mutate the input document or the overlays", () => {
    const input = deepFreeze(baseDocument());
    const { source } = overlay(`  - target: $.paths.*.get
    description: Mark reads as safe
    update:
      x-safe: true
      responses: { "500": { description: boom } }
  - target: $.paths.*.get.parameters[?@.in == 'header']
    description: Drop headers
    remove: true
  - target: $.tags
    description: Add a tag
    update: { name: admin }
`);
    const overlayBefore = JSON.stringify(source.value);
    const { document } = applyOverlays(input, [source]);
    expect(input).toEqual(baseDocument());
    expect(JSON.stringify(source.value)).toBe(overlayBefore);
    expect(document.paths!["/v1/sessions"]!.get!.parameters).toHaveLength(2);
    expect(document.tags).toHaveLength(2);
  });

  it("does not let one update reach two places that shared an object in the input", () => {
    const shared = { description: "ok" };
    const input = baseDocument();
    input.paths!["/v1/sessions"]!.get!.responses = { "200": shared };
    input.paths!["/v1/sessions/{id}"]!.get!.responses = { "200": shared };
    const { source } = overlay(`  - target: $.paths['/v1/sessions'].get.responses['200']
    description: Only this one
    update: { description: A page }
`);
    const { document } = applyOverlays(input, [source]);
    expect(document.paths!["/v1/sessions/{id}"]!.get!.responses!["200"]).toEqual({ description: "ok" });
    expect(shared).toEqual({ description: "ok" });
  });

  it("gives the same output for the same input", () => {
    const { source } = overlay(`  - target: $..parameters[?@.in == 'query']
    description: Mark query parameters
    update: { x-q: true }
`);
    const a = applyOverlays(baseDocument(), [source]);
    const b = applyOverlays(baseDocument(), [source]);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe("overlay targets whose member names hold %, ~, / or quotes", () => {
  // Each name is a real member of the document; the matched pointer must address it as it is
  // (no %-decoding of `%20`, `~` and `/` escaped once), for updates and removals alike.
  const names = ["a%20b", "x~y", "p/q", "it's", 'say "hi"', "100%"];
  const withNames = (): OpenApiDocument => ({
    openapi: "3.1.0",
    info: { title: "Demo", version: "1.0.0" },
    paths: {},
    components: { schemas: Object.fromEntries(names.map((n) => [n, { type: "object", description: "before" }])) },
  });

  it.each(names)("updates and removes the member named %s", (name) => {
    const target = `$.components.schemas['${name.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}']`;
    const update = overlay(`  - target: "${target.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"\n    description: fix\n    update:\n      description: after\n`);
    const updated = applyOverlays(withNames(), [update.source]);
    expect(updated.findings.filter((f) => f.severity === "error")).toEqual([]);
    const schemas = updated.document.components!.schemas as Record<string, { description: string }>;
    expect(schemas[name]!.description).toBe("after");
    expect(Object.values(schemas).filter((s) => s.description === "after")).toHaveLength(1);

    const remove = overlay(`  - target: "${target.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"\n    description: gone\n    remove: true\n`);
    const removed = applyOverlays(withNames(), [remove.source]);
    expect(Object.keys(removed.document.components!.schemas!)).toEqual(names.filter((n) => n !== name));
  });
});
