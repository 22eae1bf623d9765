import { addSource, sourcesOf } from "../load/provenance.ts";
import { parseSourceRef } from "../normalize/context.ts";
import { clone } from "../openapi/json.ts";
import { getAtPointer, parsePointer, toPointer } from "../openapi/pointer.ts";
import { mappingRefs } from "../openapi/refs.ts";
import { COMPONENT_KINDS, SKIP, walkDocument, walkNode, type Visitor } from "../openapi/walk.ts";
import { eachOperation, HTTP_METHODS, isObject, operationKey, type JsonObject, type OpenApiDocument } from "../openapi/types.ts";
import { finding } from "../problems/finding.ts";
import type { MergeContext } from "./context.ts";
import { isUnconstrained } from "./fold-schema.ts";

/**
 * Error tables in the docs give status and code but not the body; api.yaml's `errors` says what
 * the body looks like. Each documented error response gets that schema with its codes as an enum,
 * so a client can narrow on the code and the drift check can flag an undocumented one.
 */
export function materializeErrorResponses(ctx: MergeContext): void {
  const errors = ctx.config.errors ?? ctx.errorEnvelope;
  if (!errors) return;
  const declaredAt = ctx.config.errors ? { file: ctx.config.file ?? "api.yaml" } : ctx.errorEnvelope!.source;
  for (const { path, method, operation } of eachOperation(ctx.document)) {
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      if (!isObject(response) || !Array.isArray(response["x-error-codes"])) continue;
      // An overlay appends to the array (Overlay 1.0 merges arrays by appending): a code a page also names comes twice.
      const codes = [...new Set(response["x-error-codes"] as string[])];
      response["x-error-codes"] = codes;
      const content = (response.content ??= {}) as Record<string, JsonObject>;
      const media = (content["application/json"] ??= {});
      if (isObject(media.schema) && !isUnconstrained(media.schema)) continue;
      const schema = clone(errors.schema);
      setCodeEnum(schema, errors.codePointer, codes);
      media.schema = schema;
      addSource(schema, ...sourcesOf(response));
      ctx.findings.push(
        finding("docs-fact-folded", {
          pointer: toPointer(["paths", path, method, "responses", status, "content", "application/json", "schema"]),
          sources: [...sourcesOf(response).map(parseSourceRef), declaredAt],
          args: {
            fact: `error body (${ctx.config.errors ? "api.yaml errors" : `the error format of ${declaredAt.file}`}) with codes ${codes.join(", ")} for ${status} ${operationKey(method, path)}`,
          },
        }),
      );
    }
  }
}

/** Walks `properties` along the body pointer (/error/code) and pins that property to the codes. */
function setCodeEnum(schema: JsonObject, codePointer: string, codes: string[]): void {
  let node = schema;
  for (const segment of parsePointer(codePointer)) {
    const props = (node.properties ??= {}) as Record<string, JsonObject>;
    node = props[segment] ??= { type: "string" };
  }
  node.enum = [...codes];
}

const singular = (word: string): string => (word.endsWith("ies") ? `${word.slice(0, -3)}y` : word.endsWith("ss") ? word : word.replace(/s$/, ""));
const kebab = (text: string): string[] =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());

/**
 * A readable, stable id from method and path, named the way SDKs name REST calls, so a client
 * generated without any api.yaml still reads well: GET /api/sessions → list-sessions,
 * POST /api/session → create-session, GET /api/session/{id} → get-session,
 * PUT /api/session/{id}/stop → stop-session, GET /api/session/{id}/recording-url →
 * get-session-recording-url. A leading `api` or version segment names nothing and is skipped.
 */
export function derivedOperationId(method: string, path: string): string {
  const verb = method.toLowerCase();
  const segments = path
    .split("/")
    .filter(Boolean)
    .filter((s, i) => !(i === 0 && s === "api") && !/^v\d+(\.\d+)*$/.test(s));
  const lastParam = segments.map((s) => s.startsWith("{")).lastIndexOf(true);
  const literals = (list: string[]) => list.filter((s) => !s.startsWith("{")).flatMap(kebab);
  if (lastParam === -1) {
    const words = literals(segments);
    if (words.length === 0) return verb;
    if (verb === "get") return ["list", ...words].join("-");
    if (verb === "post") return ["create", ...words.slice(0, -1), singular(words[words.length - 1]!)].join("-");
    return [verb, ...words].join("-");
  }
  const subject = literals(segments.slice(0, lastParam)).slice(-1).map(singular);
  const action = literals(segments.slice(lastParam + 1));
  if (action.length === 0) {
    const itemVerb = { get: "get", delete: "delete", put: "update", patch: "update" }[verb] ?? verb;
    return [itemVerb, ...subject].join("-") || verb;
  }
  // /session/{id}/stop: the last word is the action; GET reads a sub-resource (a plural one is a list).
  if (verb === "get") return [singular(action[action.length - 1]!) === action[action.length - 1] ? "get" : "list", ...subject, ...action].join("-");
  return [action[action.length - 1]!, ...subject, ...action.slice(0, -1)].join("-");
}

/**
 * Every operation ends up with an operationId, because later stages name things by it (client
 * methods, reports): the one api.yaml declares (`operations: { "GET /path": { operationId } }`),
 * else the vendor's, else one derived from method and path. Each assignment is reported.
 */
export function assignOperationIds(ctx: MergeContext): void {
  reportUnknownOperations(ctx);
  const taken = new Set([...eachOperation(ctx.document)].map((o) => o.operation.operationId).filter(Boolean));
  // In the canonical order (paths sorted, methods in HTTP order), not in the order the fragments
  // happened to be read: two operations deriving the same id get `-2` the same way however the
  // API is cut into files (a whole document, or the fragments `split` makes of it).
  const operations = [...eachOperation(ctx.document)].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : HTTP_METHODS.indexOf(a.method) - HTTP_METHODS.indexOf(b.method),
  );
  for (const { path, method, operation } of operations) {
    const key = operationKey(method, path);
    const declared = ctx.config.operations[key]?.operationId;
    const before = operation.operationId;
    if (declared && before === declared) continue;
    if (!declared && before) continue;
    let id = declared ?? derivedOperationId(method, path);
    for (let i = 2; !declared && taken.has(id); i++) id = `${derivedOperationId(method, path)}-${i}`;
    operation.operationId = id;
    taken.add(id);
    const how = declared ? "by api.yaml" : "from method and path (name it in api.yaml operations to choose another)";
    ctx.findings.push(
      finding("operation-id-added", {
        pointer: toPointer(["paths", path, method, "operationId"]),
        sources: declared ? [{ file: ctx.config.file ?? "api.yaml" }] : sourcesOf(operation).map(parseSourceRef),
        args: { operationId: before ? `${id} (was ${before})` : id, operation: key, how },
      }),
    );
  }
}

/** An `operations:` entry of api.yaml naming an operation the document lacks would silently do nothing. */
function reportUnknownOperations(ctx: MergeContext): void {
  const known = new Set([...eachOperation(ctx.document)].map((o) => operationKey(o.method, o.path)));
  for (const key of Object.keys(ctx.config.operations)) {
    if (known.has(key)) continue;
    const pointer = toPointer(["operations", key]);
    const line = ctx.configLine?.(pointer);
    const near = [...known].filter((k) => k.split(" ")[1] === key.split(" ")[1] || k.split(" ")[0] === key.split(" ")[0]).slice(0, 3);
    ctx.findings.push(
      finding("config-invalid", {
        pointer,
        sources: [{ file: ctx.config.file ?? "api.yaml", ...(line ? { line } : {}) }],
        args: {
          key: `operations.${key}`,
          reason: `no operation ${key} in the document${near.length ? ` (it has ${near.join(", ")})` : ""}; correct the method and path or remove the entry`,
        },
      }),
    );
  }
}

/**
 * The API's declared scheme applies to every operation that states no security of its own, so
 * operations known only from prose (which never spell out auth) are authenticated like the rest.
 */
export function applyDeclaredSecurity(ctx: MergeContext): void {
  const scheme = ctx.config.auth.scheme;
  if (!scheme) return;
  const schemes = ctx.document.components?.securitySchemes ?? {};
  if (!schemes[scheme]) return;
  for (const { path, method, operation } of eachOperation(ctx.document)) {
    if (operation.security !== undefined) continue;
    operation.security = [{ [scheme]: [] }];
    ctx.findings.push(
      finding("security-applied", {
        pointer: toPointer(["paths", path, method, "security"]),
        sources: sourcesOf(operation).map(parseSourceRef),
        args: { operation: operationKey(method, path), scheme },
      }),
    );
  }
}

const OPERATION_ORDER = [
  "operationId",
  "summary",
  "description",
  "tags",
  "deprecated",
  "parameters",
  "requestBody",
  "responses",
  "callbacks",
  "security",
  "servers",
  "externalDocs",
];
const TOP_LEVEL_ORDER = ["openapi", "info", "jsonSchemaDialect", "servers", "security", "tags", "externalDocs", "paths", "webhooks", "components"];
const COMPONENT_ORDER = ["schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links", "callbacks", "pathItems"];

function ordered<T extends JsonObject>(obj: T, order: readonly string[], sortRest = true): T {
  const keys = Object.keys(obj);
  const known = order.filter((k) => k in obj);
  const rest = keys.filter((k) => !order.includes(k));
  if (sortRest) rest.sort();
  const out: JsonObject = {};
  for (const k of [...known, ...rest]) out[k] = obj[k];
  return out as T;
}

/**
 * A stable layout independent of which file happened to mention something first: paths and
 * component names sorted, methods in HTTP order, responses by status.
 */
export function sortDocument(doc: OpenApiDocument): OpenApiDocument {
  const paths: JsonObject = {};
  for (const path of Object.keys(doc.paths ?? {}).sort()) {
    const item = doc.paths![path]!;
    const withOps = ordered(item, ["summary", "description", "servers", "parameters", ...HTTP_METHODS], false);
    for (const method of HTTP_METHODS) {
      const op = withOps[method];
      if (!isObject(op)) continue;
      if (isObject(op.responses)) op.responses = ordered(op.responses, Object.keys(op.responses).sort());
      withOps[method] = ordered(op, OPERATION_ORDER, false);
    }
    paths[path] = withOps;
  }
  const components: JsonObject = {};
  for (const [kind, map] of Object.entries(ordered(doc.components ?? {}, COMPONENT_ORDER))) {
    components[kind] = isObject(map) ? ordered(map, Object.keys(map).sort()) : map;
  }
  const out: JsonObject = { ...doc, paths };
  if (Object.keys(components).length > 0) out.components = components;
  else delete out.components;
  return ordered(out, TOP_LEVEL_ORDER) as OpenApiDocument;
}

const PRUNABLE = ["schemas", "responses", "parameters", "examples", "requestBodies", "headers", "links", "callbacks", "pathItems"];

/**
 * Components nothing refers to any more (typically the losing side of a settled conflict) are
 * removed and reported, so the canonical document and the client describe only what the
 * operations use. References from anywhere outside components are the roots; a reference into a
 * component's inside (`#/components/schemas/Pet/properties/owner`) keeps the whole component, and
 * a discriminator's mapping keeps the schemas it names. A `$ref` inside example data or an
 * extension is data and keeps nothing.
 */
export function pruneUnusedComponents(ctx: MergeContext): void {
  const components = (ctx.document.components ?? {}) as Record<string, Record<string, unknown>>;
  const reachable = new Set<string>();
  const queue: string[][] = [];
  const use = (ref: string) => {
    if (!ref.startsWith("#/components/")) return;
    const [, section, name] = parsePointer(ref);
    if (section === undefined || name === undefined) return;
    const key = toPointer(["components", section, name]);
    if (reachable.has(key)) return;
    reachable.add(key);
    queue.push(["components", section, name]);
  };
  const visit: Visitor = (node, kind, _path, expected) => {
    if (kind === "components") return SKIP; // only reached through references
    if (kind === "reference") use(node.$ref as string);
    if (expected === "schema") for (const m of mappingRefs(node)) use(m.ref);
  };
  walkDocument(ctx.document, visit);
  while (queue.length > 0) {
    const at = queue.pop()!;
    const kind = COMPONENT_KINDS[at[1]!];
    if (kind !== undefined) walkNode(getAtPointer(ctx.document, at), kind, at, visit);
  }
  for (const kind of PRUNABLE) {
    const map = components[kind];
    if (!isObject(map)) continue;
    for (const name of Object.keys(map)) {
      const pointer = toPointer(["components", kind, name]);
      if (reachable.has(pointer)) continue;
      ctx.findings.push(finding("component-unused-removed", { pointer, sources: sourcesOf(map[name]).map(parseSourceRef), args: { name: `${kind}/${name}` } }));
      delete map[name];
    }
    if (Object.keys(map).length === 0) delete components[kind];
  }
}
