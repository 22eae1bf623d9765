import { escapeSegment } from "../../openapi/pointer.ts";
import { eachOperation, isObject, operationKey, type JsonObject, type OpenApiDocument, type Operation } from "../../openapi/types.ts";
import { SchemaReader } from "./schema.ts";

/** One parameter of an operation, `$ref` followed, path-level ones merged in. */
export interface PlanParam {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  /** The parameter object itself (its `example`/`examples` live here). */
  node: JsonObject;
  schema: JsonObject;
}

export type Segment = { static: string } | { param: string };

/** An operation of the document as the planner sees it. */
export interface PlanOperation {
  /** "GET /v1/sessions/{id}" */
  key: string;
  method: string;
  path: string;
  operation: Operation;
  segments: Segment[];
  params: PlanParam[];
  /** The step id derived for it: unique in the document, stable across runs. */
  id: string;
  /** Position in the document (ties are broken by it). */
  order: number;
}

/** Reads the document's operations once; everything the planner derives starts here. */
export class OperationIndex {
  readonly reader: SchemaReader;
  readonly all: PlanOperation[] = [];
  readonly byKey = new Map<string, PlanOperation>();
  /** Paths by shape (`shapeOf`), for finding a collection's item path without a scan. */
  readonly #byShape = new Map<string, string>();

  constructor(readonly doc: OpenApiDocument) {
    this.reader = new SchemaReader(doc);
    for (const { path, method, operation } of eachOperation(doc)) {
      const item = doc.paths?.[path] as JsonObject;
      const segments = splitPath(path);
      const op: PlanOperation = {
        key: operationKey(method, path),
        method: method.toUpperCase(),
        path,
        operation,
        segments,
        params: this.paramsOf(item.parameters, operation.parameters),
        id: "",
        order: this.all.length,
      };
      this.all.push(op);
      this.byKey.set(op.key, op);
      if (!this.#byShape.has(shapeOf(segments))) this.#byShape.set(shapeOf(segments), path);
    }
    // Ids once every path is known: whether a POST creates depends on the item paths beside it.
    const used = new Set<string>();
    for (const op of this.all) op.id = uniqueId(baseStepId(op, { create: this.isCreate(op), list: this.listIn(op) !== undefined }), used);
  }

  // Asked for every candidate fill and step: worked out once per operation.
  readonly #pathParams = new WeakMap<PlanOperation, PlanParam[]>();
  readonly #success = new WeakMap<PlanOperation, { schema?: JsonObject; media?: JsonObject }>();

  /** The path parameters in the order the path names them. */
  pathParams(op: PlanOperation): PlanParam[] {
    let params = this.#pathParams.get(op);
    if (!params) this.#pathParams.set(op, (params = this.pathParamsOf(op)));
    return params;
  }

  private pathParamsOf(op: PlanOperation): PlanParam[] {
    const params = op.segments.flatMap((s) => ("param" in s ? [s.param] : []));
    return params.map((name) => op.params.find((p) => p.in === "path" && p.name === name) ?? { name, in: "path", required: true, node: {}, schema: { type: "string" } });
  }

  /** Documented response statuses ("200", "4XX", "default"). */
  statuses(op: PlanOperation): string[] {
    return isObject(op.operation.responses) ? Object.keys(op.operation.responses) : [];
  }

  /** The schema of the first documented 2XX JSON answer, and its media object (for examples). */
  successBody(op: PlanOperation): { schema?: JsonObject; media?: JsonObject } {
    let body = this.#success.get(op);
    if (!body) this.#success.set(op, (body = this.successBodyOf(op)));
    return body;
  }

  private successBodyOf(op: PlanOperation): { schema?: JsonObject; media?: JsonObject } {
    const responses = isObject(op.operation.responses) ? op.operation.responses : {};
    const status = Object.keys(responses)
      .filter((s) => /^2(\d\d|XX)$/i.test(s))
      .sort()[0];
    const response = status ? this.reader.deref(responses[status]) : undefined;
    const media = response ? this.reader.jsonMedia(response.content) : undefined;
    const schema = media ? this.reader.deref(media.schema) : undefined;
    return { ...(schema ? { schema } : {}), ...(media ? { media } : {}) };
  }

  /**
   * The array of items in the operation's answer, and where item 0 is ("/data/0", "/sessions/0",
   * "/0"): a top-level array of objects, or the object property holding one (`data`, `items`… or
   * one named after the path, first). Undefined when the answer is not a list.
   */
  listIn(op: PlanOperation): { pointer: string; item: JsonObject } | undefined {
    const { reader } = this;
    const schema = this.successBody(op).schema;
    if (!schema) return undefined;
    const objectItems = (node: unknown) => {
      const item = reader.items(node);
      return item && (reader.types(item).includes("object") || reader.properties(item).size > 0) ? item : undefined;
    };
    if (reader.types(schema).includes("array")) {
      const item = objectItems(schema);
      return item ? { pointer: "/0", item } : undefined;
    }
    const statics = op.segments.filter((s): s is { static: string } => "static" in s);
    const resource = statics.at(-1)?.static;
    const arrays = [...reader.properties(schema)].filter(([, prop]) => reader.types(prop).includes("array") && objectItems(prop));
    const rank = ([name]: [string, JsonObject]) => {
      const i = LIST_NAMES.indexOf(name.toLowerCase());
      if (i >= 0) return i;
      return resource && singular(name) === singular(resource) ? LIST_NAMES.length : LIST_NAMES.length + 1;
    };
    const best = arrays.sort((a, b) => rank(a) - rank(b))[0];
    return best ? { pointer: `/${escapeSegment(best[0])}/0`, item: objectItems(best[1])! } : undefined;
  }

  /** The request body's JSON media object, and whether a body is required. */
  requestBody(op: PlanOperation): { media?: JsonObject; required: boolean; documented: boolean } {
    const body = this.reader.deref(op.operation.requestBody);
    if (!body) return { required: false, documented: false };
    const media = this.reader.jsonMedia(body.content);
    return { ...(media ? { media } : {}), required: body.required === true, documented: true };
  }

  /**
   * A create: a POST to a collection path (one without a trailing parameter that has an item path
   * under it), or one whose operationId or summary says it creates.
   */
  isCreate(op: PlanOperation): boolean {
    if (op.method !== "POST") return false;
    const last = op.segments.at(-1);
    if (!last || "param" in last) return false;
    if (this.itemPathOf(op) !== undefined) return true;
    const words = `${op.operation.operationId ?? ""} ${op.operation.summary ?? ""}`;
    return /(^|[^a-z])(create|add|new)(?![a-z])/i.test(words.replace(/([a-z])([A-Z])/g, "$1 $2"));
  }

  /**
   * The item path of what a collection path holds: `/v1/sessions` → `/v1/sessions/{id}`, also
   * across singular and plural (`/api/session` → `/api/session/{id}` or `/api/sessions/{id}`).
   */
  itemPathOf(collection: Pick<PlanOperation, "segments">): string | undefined {
    return this.#byShape.get(shapeOf([...collection.segments, { param: "" }]));
  }

  private paramsOf(pathLevel: unknown, opLevel: unknown): PlanParam[] {
    const out = new Map<string, PlanParam>();
    for (const list of [pathLevel, opLevel]) {
      for (const raw of Array.isArray(list) ? list : []) {
        const node = this.reader.deref(raw);
        if (!node || typeof node.name !== "string" || !["path", "query", "header", "cookie"].includes(String(node.in))) continue;
        const schema = this.reader.deref(node.schema) ?? this.reader.deref(this.reader.jsonMedia(node.content)?.schema) ?? {};
        out.set(`${node.in} ${node.name}`, { name: node.name, in: node.in as PlanParam["in"], required: node.required === true || node.in === "path", node, schema });
      }
    }
    return [...out.values()];
  }
}

/** Array properties whose name says "the page of items". */
const LIST_NAMES = ["data", "items", "results", "records", "entries", "list", "values", "nodes", "elements"];

export function splitPath(path: string): Segment[] {
  return path
    .split("/")
    .filter((s) => s !== "")
    .map((s) => (/^\{[^}]+\}$/.test(s) ? { param: s.slice(1, -1) } : { static: s }));
}

/** A path's shape: parameters unnamed, static segments singular. Equal shapes are `sameSegments`. */
export function shapeOf(segments: readonly Segment[]): string {
  return segments.map((s) => ("param" in s ? "{}" : singular(s.static))).join("/");
}

/** Whether two path shapes name the same resources: parameters by position, static segments up to singular/plural. */
export function sameSegments(a: readonly Segment[], b: readonly Segment[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((s, i) => {
    const t = b[i]!;
    if ("param" in s || "param" in t) return "param" in s && "param" in t;
    return s.static === t.static || singular(s.static) === singular(t.static);
  });
}

/** "sessions" → "session", "repositories" → "repository", "Session_IDs" → "sessionid": names compared loosely. */
export function singular(word: string): string {
  let out = singulars.get(word);
  if (out === undefined) singulars.set(word, (out = singularWord(word.toLowerCase().replace(/[^a-z0-9]/g, ""))));
  return out;
}

/** Path segments repeat across a document's operations: each is made singular once. */
const singulars = new Map<string, string>();

/** The singular of an English plural, spelling otherwise kept ("hyper-agents" → "hyper-agent"). */
export function singularWord(w: string): string {
  if (/ies$/i.test(w) && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(sses|xes|ches|shes)$/i.test(w)) return w.slice(0, -2);
  if (/[^su]s$/i.test(w) && w.length > 3) return w.slice(0, -1);
  return w;
}

/** Segments that say nothing about the resource (`/api`, `/v1`): left out of derived ids. */
const NOISE = /^(api|rest|v\d+(\.\d+)*)$/i;

/** Non-GET actions that name their verb in the last segment and read well as `stop-session`. */
const ACTION_VERBS = /^(stop|cancel|close|end|terminate|abort|kill|shutdown|release|finish|start|restart|resume|pause|archive|evaluate|screenshot|update|refresh)$/i;

/**
 * The step id of an operation: its operationId in kebab case (`listSessions` → `list-sessions`),
 * else method and path (`GET /api/sessions` → `list-sessions`, `PUT /api/session/{id}/stop` →
 * `stop-session`). The same document gives the same ids on every run, so api.yaml steps can refine
 * a derived step by naming it.
 */
export function baseStepId(op: Pick<PlanOperation, "method" | "segments" | "operation">, kind: { create: boolean; list: boolean }): string {
  if (typeof op.operation.operationId === "string" && op.operation.operationId.trim() !== "") return kebab(op.operation.operationId);
  const statics = op.segments.filter((s): s is { static: string } => "static" in s && !NOISE.test(s.static)).map((s) => s.static);
  const last = op.segments.at(-1);
  const endsWithParam = last !== undefined && "param" in last;
  let verb: string;
  const create = kind.create;
  if (op.method === "GET") verb = kind.list && !endsWithParam ? "list" : "get";
  else if (op.method === "DELETE") verb = "delete";
  else if (create) verb = "create";
  else if (!endsWithParam && statics.length > 1 && ACTION_VERBS.test(statics.at(-1)!)) verb = statics.pop()!.toLowerCase();
  else verb = op.method === "PATCH" ? "update" : op.method.toLowerCase();
  const noun = (verb === "list" ? statics : statics.map((s, i) => (i === statics.length - 1 && (endsWithParam || create) ? singularWord(s) : s))).join("-");
  return kebab(noun ? `${verb}-${noun}` : verb);
}

/** Lower-case words joined by '-', as api.yaml step ids are written (`^[a-z][a-z0-9-]*$`). */
export function kebab(text: string): string {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return /^[a-z]/.test(words) ? words : `op-${words || "step"}`;
}

/** `id`, or `id-2`, `id-3`… when taken: the first operation in document order keeps the plain id. */
export function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`;
  used.add(candidate);
  return candidate;
}
