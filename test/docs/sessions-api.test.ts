/**
 * The golden fixture: the Chaser "Sessions API" page exactly as scraped (seed 002). The facts that
 * matter are asserted one by one; the whole output is also compared with a committed golden file
 * (regenerate with UPDATE_GOLDEN=1 after an intended change, then review the diff).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { convertMarkdownDoc } from "../../generator/docs/index.ts";
import { getAtPointer } from "../../generator/openapi/pointer.ts";
import { eachOperation, isObject, type JsonObject } from "../../generator/openapi/types.ts";
import { problems, validate } from "./helpers.ts";

const FILE = "docs/sessions-api.md";
const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const text = readFileSync(fixture("sessions-api.md"), "utf8");
const lines = text.split("\n");
const result = convertMarkdownDoc({ file: FILE, text });
const doc = result.document;
const get = (pointer: string): any => getAtPointer(doc, pointer);
const src = (line: number): string => `${FILE}:${line}`;

const CREATE = "/paths/~1v1~1sessions/post";
const LIST = "/paths/~1v1~1sessions/get";
const GET = "/paths/~1v1~1sessions~1:id/get";
const DELETE = "/paths/~1v1~1sessions~1:id/delete";
const SHOT = "/paths/~1v1~1sessions~1:id~1screenshot/post";
const PREVIEW = "/paths/~1v1~1sessions~1:id~1preview-token/post";
const JSON_SCHEMA = "content/application~1json/schema";

describe("Sessions API page (seed 002)", () => {
  it("reads without findings", () => {
    expect(problems(result)).toEqual([]);
  });

  it("has the document frame and the six operations in document order, paths as written", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toEqual({ title: "Sessions API", version: "0.0.0", description: "All session lifecycle endpoints. Authenticated via Bearer API key." });
    expect([...eachOperation(doc)].map((o) => `${o.method.toUpperCase()} ${o.path}`)).toEqual([
      "POST /v1/sessions",
      "GET /v1/sessions",
      "GET /v1/sessions/:id",
      "DELETE /v1/sessions/:id",
      "POST /v1/sessions/:id/screenshot",
      "POST /v1/sessions/:id/preview-token",
    ]);
  });

  it("operations carry summary, description and their heading line", () => {
    expect(get(CREATE)).toMatchObject({
      summary: "Create a new browser session.",
      description: "Create a new browser session.\n\nThe session transitions from `creating` to `ready` in ~15–25 seconds. The `cdp_url` field appears when ready.",
      "x-source": [src(9)],
    });
    expect(get(`${DELETE}/summary`)).toBe("Delete a session.");
    expect(get(`${DELETE}/x-source`)).toEqual([src(144)]);
    expect(get(`${PREVIEW}/x-source`)).toEqual([src(187)]);
  });

  it("POST /v1/sessions: request body table with typed defaults and the Range folded in", () => {
    expect(get(`${CREATE}/requestBody/x-source`)).toEqual([src(18), src(23)]);
    const props = get(`${CREATE}/requestBody/${JSON_SCHEMA}/properties`);
    expect(props.ttl_seconds).toEqual({
      type: "integer",
      description: "Session lifetime in seconds. Range: 60–3600.",
      default: 1800,
      minimum: 60,
      maximum: 3600,
      "x-source": [src(19), src(28)],
    });
    expect(props.profile).toEqual({ type: "string", description: "Internal profile label. Omit unless instructed.", default: "default", "x-source": [src(27)] });
    expect(get(`${CREATE}/requestBody/${JSON_SCHEMA}/required`)).toBeUndefined();
    expect(get(`${CREATE}/requestBody/content/application~1json/example`)).toEqual({ ttl_seconds: 1800 });
  });

  it("POST /v1/sessions: Response `201` is inferred from its example", () => {
    const schema = get(`${CREATE}/responses/201/${JSON_SCHEMA}`);
    expect(get(`${CREATE}/responses/201/x-source`)).toEqual([src(30)]);
    expect(schema.required).toEqual(["id", "object", "status", "cdp_url", "created_at", "expires_at"]);
    expect(schema.properties.id).toEqual({ type: "string", "x-source": [src(34), src(70), src(106)] });
    expect(schema.properties.cdp_url).toMatchObject({ type: "string", format: "uri" });
    expect(schema.properties.created_at).toMatchObject({ type: "string", format: "date-time" });
    expect(get(`${CREATE}/responses/201/content/application~1json/example/status`)).toBe("creating");
  });

  it("GET /v1/sessions: query parameters from the table, the curl's value as example", () => {
    expect(get(`${LIST}/parameters`)).toEqual([
      {
        name: "limit",
        in: "query",
        description: "Max results per page. Range: 1–100.",
        schema: { type: "integer", default: 20, minimum: 1, maximum: 100 },
        example: 10,
        "x-source": [src(52), src(60)],
      },
      { name: "cursor", in: "query", description: "Cursor from previous response's `next_cursor`.", schema: { type: "string" }, "x-source": [src(61)] },
    ]);
  });

  it("GET /v1/sessions: the list envelope, its items being the same session object as GET /v1/sessions/:id", () => {
    const schema = get(`${LIST}/responses/200/${JSON_SCHEMA}`);
    expect(schema.required).toEqual(["object", "data", "next_cursor", "has_more"]);
    expect(schema.properties.has_more).toEqual({ type: "boolean", "x-source": [src(87)] });
    expect(schema.properties.data.items).toEqual(get(`${GET}/responses/200/${JSON_SCHEMA}`));
    expect(schema.properties.data.items).toEqual(get(`${CREATE}/responses/201/${JSON_SCHEMA}`));
  });

  it("GET /v1/sessions/:id: path parameter, status enum and field descriptions from the table", () => {
    expect(get(`${GET}/parameters`)).toEqual([
      { name: "id", in: "path", required: true, schema: { type: "string" }, example: "sess_019ec0b4-b174-7e90-91b3-02032470cb24", "x-source": [src(93), src(98)] },
    ]);
    const props = get(`${GET}/responses/200/${JSON_SCHEMA}/properties`);
    expect(props.status).toEqual({
      type: "string",
      description: "`creating`, `ready`, `closed`, or `error`",
      enum: ["creating", "ready", "closed", "error"],
      "x-source": [src(36), src(72), src(108), src(125)],
    });
    expect(props.bytes_up).toEqual({ type: "integer", description: "Total bytes uploaded (cumulative).", "x-source": [src(75), src(111), src(128)] });
    expect(props.ended_at).toMatchObject({ type: ["string", "null"], format: "date-time" });
    expect(props.ended_at.description).toMatch(/^When the session ended \(if closed\)\.\n\nEvery documented example is null/);
    expect(props.proxy_ip).toMatchObject({ type: ["string", "null"] });
    expect(props.proxy_ip).not.toHaveProperty("format");
  });

  it("error tables become responses with x-error-codes", () => {
    expect(get(`${GET}/responses/404`)).toEqual({
      description: "Session doesn't exist or doesn't belong to your workspace.",
      "x-error-codes": ["session_not_found"],
      "x-source": [src(140)],
    });
    expect(get(`${DELETE}/responses/409/x-error-codes`)).toEqual(["session_not_open"]);
    expect(get(`${SHOT}/responses/409`)).toEqual({ description: "Session is not in `ready` state.", "x-error-codes": ["session_not_open"], "x-source": [src(182)] });
    expect(get(`${SHOT}/responses/404/x-source`)).toEqual([src(183)]);
  });

  it("DELETE answers 204 without content", () => {
    expect(get(`${DELETE}/responses/204`)).toEqual({ description: "No Content", "x-source": [src(154)] });
    expect(get(`${DELETE}/requestBody`)).toBeUndefined();
  });

  it("screenshot answers raw PNG bytes (the page does not say with which status: 200 is assumed, and marked)", () => {
    expect(get(`${SHOT}/responses/200`)).toEqual({
      description: "Raw PNG bytes (`image/png`). No JSON wrapping.",
      content: { "image/png": { schema: { type: "string", contentMediaType: "image/png" } } },
      "x-source": [src(176)],
      "x-status-assumed": true,
    });
    expect(get(`${SHOT}/requestBody`)).toBeUndefined();
  });

  it("preview-token: an empty object body and a described response", () => {
    expect(get(`${PREVIEW}/requestBody`)).toEqual({
      description: "Empty JSON object `{}`. Reserved for future options.",
      content: { "application/json": { schema: { type: "object", properties: {} }, example: {} } },
      "x-source": [src(196), src(199)],
    });
    const schema = get(`${PREVIEW}/responses/200/${JSON_SCHEMA}`);
    expect(schema.required).toEqual(["url", "expires_at", "input_enabled", "fps"]);
    expect(schema.properties.url).toEqual({
      type: "string",
      format: "uri",
      description: "WebSocket URL for the preview stream. Open in the dashboard.",
      "x-source": [src(205), src(214)],
    });
    expect(schema.properties.fps).toMatchObject({ type: "integer", description: "Frame rate (currently 5)." });
  });

  it("every documented example validates against its schema", () => {
    let checked = 0;
    for (const { operation } of eachOperation(doc)) {
      const media: JsonObject[] = [];
      const body = operation.requestBody as JsonObject | undefined;
      if (body && isObject(body.content)) media.push(...(Object.values(body.content) as JsonObject[]));
      for (const r of Object.values(operation.responses ?? {})) if (isObject(r.content)) media.push(...(Object.values(r.content) as JsonObject[]));
      for (const m of media) {
        if (m.example === undefined) continue;
        expect(validate(m.schema, m.example)).toBe("");
        checked++;
      }
      for (const p of operation.parameters ?? []) {
        if (p.example === undefined) continue;
        expect(validate(p.schema, p.example)).toBe("");
        checked++;
      }
    }
    expect(checked).toBe(11); // 6 bodies (2 requests, 4 responses) + 5 parameters
  });

  it("every operation, parameter, request body, response and property has x-source, and each line names it", () => {
    const lineOf = (s: string): string => {
      expect(s.startsWith(`${FILE}:`)).toBe(true);
      return lines[Number(s.slice(FILE.length + 1)) - 1]!;
    };
    const properties = (schema: unknown, visit: (name: string, s: JsonObject) => void): void => {
      if (!isObject(schema)) return;
      for (const [name, s] of Object.entries((schema.properties ?? {}) as Record<string, JsonObject>)) {
        visit(name, s);
        properties(s, visit);
      }
      properties(schema.items, visit);
    };
    let count = 0;
    for (const { method, operation } of eachOperation(doc)) {
      expect(operation["x-source"]).toHaveLength(1);
      expect(lineOf((operation["x-source"] as string[])[0]!)).toMatch(new RegExp(`^## ${method.toUpperCase()} /`));
      for (const p of operation.parameters ?? []) {
        const sources = p["x-source"] as string[];
        expect(sources.length).toBeGreaterThan(0);
        for (const s of sources) expect(lineOf(s)).toMatch(p.in === "path" ? /:id|sess_/ : new RegExp(`${p.name}`));
      }
      const schemas: unknown[] = [];
      const body = operation.requestBody as JsonObject | undefined;
      if (body) {
        expect((body["x-source"] as string[]).map(lineOf).join("\n")).toMatch(/Request body|-d '/);
        for (const m of Object.values(body.content as Record<string, JsonObject>)) schemas.push(m.schema);
      }
      for (const [status, r] of Object.entries(operation.responses ?? {})) {
        for (const s of r["x-source"] as string[]) expect(lineOf(s)).toMatch(new RegExp(`Response|^\\| ${status} `));
        for (const m of Object.values((r.content ?? {}) as Record<string, JsonObject>)) schemas.push(m.schema);
      }
      for (const schema of schemas) {
        properties(schema, (name, s) => {
          const sources = s["x-source"] as string[];
          expect(sources?.length, name).toBeGreaterThan(0);
          for (const source of sources) expect(lineOf(source)).toMatch(new RegExp(`"${name}":|^\\| \`${name}\` \\|`));
          count++;
        });
      }
    }
    expect(count).toBeGreaterThan(50);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(convertMarkdownDoc({ file: FILE, text }))).toBe(JSON.stringify(result));
  });

  it("matches the golden output", () => {
    const golden = fixture("sessions-api.openapi.json");
    const actual = JSON.stringify(doc, null, 2) + "\n";
    if (process.env.UPDATE_GOLDEN === "1" || !existsSync(golden)) {
      writeFileSync(golden, actual);
      if (process.env.UPDATE_GOLDEN !== "1") throw new Error(`wrote missing golden file ${golden}; review it and run again`);
    }
    expect(actual).toBe(readFileSync(golden, "utf8"));
  });
});
