import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../generator/config/api-config.ts";
import { loadApiConfig } from "../../generator/config/load-config.ts";
import { renderReadme } from "../../generator/client/package/render.ts";
import { DriftlessError } from "../../generator/problems/error.ts";
import { detectPagination } from "../../generator/client/model/detect-pagination.ts";
import { deriveOperationNames, methodOfOperation, resourceOfPath, words } from "../../generator/client/model/naming.ts";
import { preferredMedia, resultKindOf, type ParameterFacts } from "../../generator/client/model/read-operation.ts";
import { resolveClientModel } from "../../generator/client/model/resolve.ts";
import type { ClientModel } from "../../generator/client/model/types.ts";
import { parseYamlSource } from "../../generator/load/yaml-source.ts";
import type { OpenApiDocument } from "../../generator/openapi/types.ts";
import { configOf } from "../helpers/config.ts";
import { projectRoot } from "../helpers/workspace.ts";

const canonical = (api: string): OpenApiDocument => JSON.parse(readFileSync(path.join(projectRoot, "generated", api, "openapi.json"), "utf8"));

function modelOf(api: string): ClientModel {
  const text = readFileSync(path.join(projectRoot, "specs", api, "api.yaml"), "utf8");
  const source = parseYamlSource("api.yaml", text);
  const { config, findings } = loadApiConfig(api, source);
  expect(findings).toEqual([]);
  const resolved = resolveClientModel(config, canonical(api), (p) => source.lineOf(p));
  expect(resolved.findings).toEqual([]);
  return resolved.model;
}

const query = (...names: string[]): ParameterFacts[] =>
  names.map((name) => ({ name, in: "query", required: false, description: undefined, schema: undefined, sources: [], example: undefined }));
const arrayOf = { type: "array", items: { type: "object" } };

describe("names derived from operationIds and paths", () => {
  it("splits kebab, snake and camel case into words", () => {
    expect(words("list-sessions")).toEqual(["list", "sessions"]);
    expect(words("getSessionRecordingUrl")).toEqual(["get", "session", "recording", "url"]);
    expect(words("create_preview_token")).toEqual(["create", "preview", "token"]);
    expect(words("getHTTPStatus")).toEqual(["get", "http", "status"]);
  });

  it("takes the resource from the first path segment that is not a version, in the plural", () => {
    expect(resourceOfPath("/v1/sessions/{id}/screenshot")).toBe("sessions");
    expect(resourceOfPath("/api/session/{id}")).toBe("sessions");
    expect(resourceOfPath("/api/sessions")).toBe("sessions");
    expect(resourceOfPath("/v2/browser-profiles")).toBe("browserProfiles");
    expect(resourceOfPath("/policy")).toBe("policies");
  });

  it("takes the method from the operationId without the resource's words", () => {
    expect(methodOfOperation("get-session", "sessions")).toBe("get");
    expect(methodOfOperation("list-sessions", "sessions")).toBe("list");
    expect(methodOfOperation("screenshot-session", "sessions")).toBe("screenshot");
    expect(methodOfOperation("getSessionRecordingUrl", "sessions")).toBe("getRecordingUrl");
    expect(methodOfOperation("evaluateSessionCaptcha", "sessions")).toBe("evaluateCaptcha");
    expect(methodOfOperation("create-preview-token", "sessions")).toBe("createPreviewToken");
    expect(methodOfOperation("sessions", "sessions")).toBe("sessions");
  });
});

describe("names derived from the whole document", () => {
  const names = (ops: [string, string, string?][]) =>
    deriveOperationNames(ops.map(([method, path, operationId]) => ({ method, path, operationId: operationId ?? "x", derivedId: operationId === undefined }))).map(
      (n) => `${n.resource.join(".")}.${n.method}`,
    );

  it("nests resources where the paths nest, and takes verbs from method and path shape", () => {
    expect(
      names([
        ["get", "/v1/sessions"],
        ["post", "/v1/sessions"],
        ["get", "/v1/sessions/{id}"],
        ["delete", "/v1/sessions/{id}"],
        ["post", "/v1/sessions/{id}/cancel"],
        ["get", "/v1/sessions/{id}/status"],
        ["get", "/v1/sessions/{id}/recordings"],
        ["get", "/v1/sessions/{id}/recordings/{recordingId}"],
        ["get", "/v1/sessions/{id}/recordings/{recordingId}", "getSessionRecording"],
        ["delete", "/v1/sessions/{id}/recordings/{recordingId}", "deleteSessionRecording"],
      ]),
    ).toEqual([
      "sessions.list",
      "sessions.create",
      "sessions.get",
      "sessions.delete",
      "sessions.cancel",
      "sessions.getStatus",
      "sessions.recordings.list",
      // Two reads of one path: told apart by the path parameter, then by the operationId's words.
      "sessions.recordings.getByRecordingId",
      "sessions.recordings.getSessionRecording",
      "sessions.recordings.delete",
    ]);
  });

  it("names namespaces as written and top-level collections in the plural", () => {
    expect(
      names([
        ["post", "/api/web/fetch"],
        ["get", "/policy/{id}"],
        ["post", "/x402/web/search"],
        ["get", "/api/extensions/list"],
      ]),
    ).toEqual(["web.fetch", "policies.get", "x402.web.search", "extensions.list"]);
  });
});

describe("pagination detected from the parameters", () => {
  it("cursor needs a cursor parameter and a next-cursor field", () => {
    const fields = { data: arrayOf, next_cursor: { type: "string" }, has_more: { type: "boolean" } };
    expect(detectPagination(query("limit", "cursor"), fields, "sessions")).toEqual({
      style: "cursor",
      items: "data",
      cursorParam: "cursor",
      nextCursor: "next_cursor",
      hasMore: "has_more",
    });
    expect(detectPagination(query("limit", "cursor"), { data: arrayOf }, "sessions")).toBeUndefined();
  });

  it("page and offset styles, with limit, total and page size where the API has them", () => {
    const pageFields = { sessions: arrayOf, totalCount: { type: "number" }, pageSize: { type: "number" } };
    expect(detectPagination(query("page", "status"), pageFields, "sessions")).toEqual({
      style: "page",
      items: "sessions",
      pageParam: "page",
      firstPage: 1,
      total: "totalCount",
      pageSize: "pageSize",
    });
    expect(detectPagination(query("offset", "limit"), { rows: arrayOf, total: { type: "integer" } }, "things")).toEqual({
      style: "offset",
      items: "rows",
      offsetParam: "offset",
      limitParam: "limit",
      total: "total",
    });
  });

  it("nothing without an array of items or a pagination parameter", () => {
    expect(detectPagination(query("status"), { sessions: arrayOf }, "sessions")).toBeUndefined();
    expect(detectPagination(query("page"), { count: { type: "number" } }, "sessions")).toBeUndefined();
    expect(detectPagination(query("page"), { a: arrayOf, b: arrayOf }, "sessions")).toBeUndefined();
  });
});

describe("the Chaser client model", () => {
  const model = modelOf("chaser");
  const sessions = model.resources.find((r) => r.name === "sessions")!;
  const method = (name: string) => sessions.methods.find((m) => m.name === name)!;

  it("has the resource and method names the issue asks for", () => {
    expect(model.resources.map((r) => r.name)).toEqual(["sessions"]);
    expect(sessions.methods.map((m) => m.name).sort()).toEqual(["create", "delete", "get", "list", "previewToken", "screenshot"]);
    expect(sessions.iterators.map((i) => i.name)).toEqual(["listAll"]);
    expect(sessions.waiters.map((w) => w.name)).toEqual(["waitUntilReady"]);
    expect(model.names).toEqual({ factory: "createChaserClient", client: "ChaserClient", options: "ChaserClientOptions", error: "ChaserError", errorCode: "ChaserErrorCode" });
  });

  it("takes auth, key, base URL and error pointers from api.yaml and the document", () => {
    expect(model.auth).toEqual({ kind: "bearer", env: "CHASER_API_KEY" });
    expect(model.baseUrl).toBe("https://api.chaser.sh");
    expect(model.errorCodePointer).toBe("/error/code");
    expect(model.errorMessagePointer).toBe("/error/message");
    expect(model.errorCodes).toContain("session_not_open");
  });

  it("retries idempotent methods and the POSTs api.yaml marks safe, not create", () => {
    expect(Object.fromEntries(sessions.methods.map((m) => [m.name, m.retryable]))).toEqual({
      list: true,
      create: false,
      get: true,
      delete: true,
      previewToken: true,
      screenshot: true,
    });
  });

  it("reads results as JSON, bytes or nothing", () => {
    expect(method("screenshot").result).toMatchObject({ kind: "bytes", mediaType: "image/png", type: "Uint8Array" });
    expect(method("delete").result).toMatchObject({ kind: "void", status: "204", type: "void" });
    expect(method("get").result).toMatchObject({ kind: "json", type: "SessionInfo" });
    expect(method("list").resultAlias).toBe("ListSessionsResult");
  });

  it("uses the declared cursor pagination and the declared wait", () => {
    expect(sessions.iterators[0]!.spec).toEqual({ style: "cursor", items: "data", cursorParam: "cursor", nextCursor: "next_cursor", hasMore: "has_more" });
    expect(sessions.iterators[0]!.itemType).toBe("SessionInfo");
    expect(sessions.waiters[0]!.spec).toEqual({ subject: "session", field: "status", ready: ["ready"], failed: ["closed", "error"], intervalMs: 500, timeoutMs: 120000 });
  });
});

describe("the Hyperbrowser client model", () => {
  const model = modelOf("hyperbrowser");
  const sessions = model.resources[0]!;

  it("puts /api/session and /api/sessions on one resource with SDK-like names", () => {
    expect(model.resources.map((r) => r.name)).toEqual(["sessions"]);
    expect(sessions.methods.map((m) => m.name).sort()).toEqual([
      "create",
      "evaluateCaptcha",
      "get",
      "getDownloadsUrl",
      "getRecordingUrl",
      "getVideoRecordingUrl",
      "list",
      "stop",
      "update",
    ]);
    expect(model.auth).toEqual({ kind: "header", name: "x-api-key", env: "HYPERBROWSER_API_KEY" });
    expect(model.errorCodePointer).toBeUndefined();
    expect(model.errorMessagePointer).toBe("/message");
  });

  it("pages by page number", () => {
    expect(sessions.iterators[0]).toMatchObject({ name: "listAll", itemType: "Session", managedParams: ["page"] });
    expect(sessions.iterators[0]!.spec).toEqual({ style: "page", items: "sessions", pageParam: "page", firstPage: 1, total: "totalCount", pageSize: "pageSize" });
  });
});

describe("client settings that do not fit the document", () => {
  const doc = canonical("chaser");
  const resolve = (client: Record<string, unknown>) => resolveClientModel({ ...configOf({}, "chaser"), client }, doc, () => 7).findings;

  it("name the api.yaml key and line", () => {
    const findings = resolve({ operations: { "no-such-op": { method: "x" } } });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "config-invalid", pointer: "/client/operations/no-such-op", sources: [{ file: "api.yaml", line: 7 }] });
    expect(findings[0]!.args).toEqual({
      key: "client.operations.no-such-op",
      reason: "no operation has the operationId 'no-such-op' (known: list-sessions, create-session, get-session, delete-session, create-preview-token, screenshot-session)",
    });
  });

  it("catch pagination parameters and fields the operation does not have", () => {
    const findings = resolve({ operations: { "list-sessions": { pagination: { style: "cursor", items: "rows", cursorParam: "after", nextCursor: "next_cursor" } } } });
    expect(findings.map((f) => f.pointer).sort()).toEqual(["/client/operations/list-sessions/pagination/cursorParam", "/client/operations/list-sessions/pagination/items"]);
  });

  it("catch two members with one name and waits on something that is not a GET", () => {
    const clash = resolve({ operations: { "create-session": { method: "get" } } });
    expect(clash).toMatchObject([{ rule: "config-invalid", args: { reason: "sessions.get is defined twice; give one of them another name" } }]);
    const poll = resolve({ polling: [{ method: "waitForIt", operation: "create-session", field: "status", ready: ["ready"] }] });
    expect(poll.map((f) => [f.rule, f.args])).toEqual([
      ["config-invalid", { key: "client.polling.0.operation", reason: "'create-session' must be a GET answering JSON to be polled" }],
    ]);
  });

  it("are checked against client-config.schema.json when api.yaml is loaded", () => {
    const text = "client:\n  maxRetries: 99\n  operations:\n    get-session:\n      pagination: { style: sideways }\n  surprise: true\n";
    const { findings } = loadApiConfig("chaser", parseYamlSource("api.yaml", text));
    const pointers = findings.map((f) => f.pointer);
    expect(pointers).toContain("/client/maxRetries");
    expect(pointers).toContain("/client/surprise");
    expect(pointers.some((p) => p.startsWith("/client/operations/get-session/pagination"))).toBe(true);
  });
});

describe("documents the client stage used to refuse or mishandle", () => {
  /** api.yaml absent: every setting at its default, and no file to point at. */
  const noApiYaml = (id: string) => resolveConfig(id, {}, () => undefined, false);
  const doc = (extra: Partial<OpenApiDocument> = {}): OpenApiDocument => ({
    openapi: "3.1.0",
    info: { title: "Pets API", version: "1" },
    servers: [{ url: "https://pets.example.com/" }],
    paths: {
      "/pets/{petId}": {
        get: {
          operationId: "getPet",
          "x-source": ["fragments/get-pet.yaml:7"],
          parameters: [{ name: "petId", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "The pet.", content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } } },
        },
      },
    },
    components: { schemas: { Pet: { type: "object", properties: { id: { type: "string" } } } } },
    ...extra,
  });
  const resolve = (d: OpenApiDocument) => resolveClientModel(noApiYaml("pets"), d, () => undefined);

  it("a public API (no security scheme) gets a client without a key", () => {
    const { model, findings } = resolve(doc());
    expect(findings).toEqual([]);
    expect(model.auth).toEqual({ kind: "none" });
    expect(model.baseUrl).toBe("https://pets.example.com");
  });

  it("no servers (a self-hosted API): no default base URL, so the caller must give one", () => {
    const { model, findings } = resolve(doc({ servers: undefined }));
    expect(findings).toEqual([]);
    expect(model.baseUrl).toBeUndefined();
  });

  it("a server without a url: says what is missing and what fixes it, at the document, not at a missing api.yaml", () => {
    const { findings } = resolve(doc({ servers: [{ description: "production" }] as never }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "client-unsupported", pointer: "/servers/0", sources: [] });
    expect(findings[0]!.args).toEqual({
      key: "client.baseUrl",
      reason:
        "the client has no default base URL: the first server of the canonical document has no url; set client.baseUrl in an api.yaml (specs/pets/ has none), or servers in a fragment",
    });
  });

  it("a relative first server is not taken for a base URL", () => {
    const { findings } = resolve(doc({ servers: [{ url: "/api" }] }));
    expect(findings).toMatchObject([{ pointer: "/servers/0/url" }]);
    expect(resolve(doc({ servers: [{ url: "https://{region}.pets.example.com", variables: { region: { default: "eu" } } }] })).model.baseUrl).toBe("https://eu.pets.example.com");
  });

  it("an unsupported scheme is reported at the scheme, with api.yaml only where it names it", () => {
    const oauth = doc({ security: [{ oauth: [] }], components: { securitySchemes: { oauth: { type: "oauth2", flows: {} } }, schemas: { Pet: { type: "object" } } } });
    expect(resolve(oauth).findings).toMatchObject([{ pointer: "/components/securitySchemes/oauth", sources: [] }]);
    const named = resolveClientModel({ ...configOf({ auth: { scheme: "oauth" } }, "pets") }, oauth, (p) => (p === "/auth/scheme" ? 4 : undefined));
    expect(named.findings).toMatchObject([{ pointer: "/auth/scheme", sources: [{ file: "api.yaml", line: 4 }] }]);
  });

  it("renames a component schema that takes a name the package exports for itself", () => {
    const clashing = doc();
    clashing.components!.schemas = {
      ...clashing.components!.schemas,
      NotFoundError: { type: "object" },
      Logger: { type: "object" },
      ApiPromise: { type: "string" },
      PetsErrorBody: {},
    };
    const { model, findings } = resolve(clashing);
    expect(findings).toEqual([]);
    expect(model.schemas.map((s) => s.alias)).toEqual(["Pet", "NotFoundErrorSchema", "LoggerSchema", "ApiPromiseSchema", "PetsErrorBodySchema"]);
  });

  it("a name clash of operationIds is resolved by the HTTP method and path shape", () => {
    const clash = doc();
    clash.paths!["/pets/{petId}"]!.put = { operationId: "get-pet", "x-source": ["fragments/put-pet.yaml:3"], responses: { "204": { description: "ok" } } };
    const { model, findings } = resolve(clash);
    expect(findings).toEqual([]);
    expect(model.resources[0]!.methods.map((m) => `${m.name} ${m.httpMethod}`)).toEqual(["get GET", "update PUT"]);
  });

  it("no operations is a clear problem, and the README renderer says so instead of a TypeError", () => {
    const empty = doc({ paths: {} });
    const { model, findings } = resolve(empty);
    expect(findings).toMatchObject([{ pointer: "/paths" }]);
    expect(findings[0]!.args).toEqual({
      key: "client",
      reason: "the canonical document has no operations, and a client needs at least one: add a fragment with paths, or leave this API out (--api)",
    });
    expect(() => renderReadme(empty, model)).toThrow(DriftlessError);
  });

  it("an operation without an operationId (which stage 1 never lets through) is an internal error, not skipped", () => {
    const anonymous = doc();
    delete anonymous.paths!["/pets/{petId}"]!.get!.operationId;
    expect(() => resolve(anonymous)).toThrow(/GET \/pets\/\{petId\} reached the client stage without an operationId/);
  });

  it("reads only single JSON values as JSON: not JSON sequences or JSON Lines", () => {
    expect(resultKindOf("application/json-seq")).toBe("bytes");
    expect(resultKindOf("application/jsonl")).toBe("bytes");
    expect(resultKindOf("application/problem+json; charset=utf-8")).toBe("json");
    expect(resultKindOf("text/json")).toBe("json");
    expect(preferredMedia({ "application/json-seq": {}, "application/json": {} })?.[0]).toBe("application/json");
  });
});
