import { isJsonMediaType } from "../../openapi/media-types.ts";
import { parsePointer } from "../../openapi/pointer.ts";
import { eachOperation, isObject, type JsonObject, type OpenApiDocument } from "../../openapi/types.ts";
import { deref, preferredMedia, schemaRefName } from "../model/read-operation.ts";
import type { ClientModel } from "../model/types.ts";
import { jsonCode } from "./literal.ts";

/**
 * What the client source needs from the canonical document beyond the client model: the type of
 * an error answer's body and the headers that carry keys. (Read here, from the document, so that
 * the model stays as it is while it is ported to the new OpenAPI walker.)
 */

/** The per-status error classes every package exports, each a subclass of the API's error class. */
export const STATUS_ERRORS: readonly { status: number; name: string; what: string }[] = [
  { status: 400, name: "BadRequestError", what: "the request was malformed or invalid" },
  { status: 401, name: "AuthenticationError", what: "the key is missing or unknown" },
  { status: 403, name: "PermissionDeniedError", what: "the key may not do this" },
  { status: 404, name: "NotFoundError", what: "no such resource" },
  { status: 409, name: "ConflictError", what: "the resource's state does not allow this" },
  { status: 422, name: "UnprocessableEntityError", what: "the request was understood but refused" },
  { status: 429, name: "RateLimitError", what: "too many requests" },
];
export const SERVER_ERROR = { name: "InternalServerError", what: "the server failed (any 5xx status)" };

/** The per-status classes with the codes the document lists for their statuses (`status` 5xx for the server class). */
export function statusErrorClasses(model: ClientModel): { name: string; status: string; what: string; codes: string[] }[] {
  const codesOf = (match: (status: string) => boolean): string[] =>
    [...new Set(model.resources.flatMap((r) => r.methods.flatMap((m) => m.errors.filter((e) => match(e.status)).flatMap((e) => e.codes))))].sort();
  return [
    ...STATUS_ERRORS.map((e) => ({ name: e.name, status: String(e.status), what: e.what, codes: codesOf((s) => s === String(e.status)) })),
    { name: SERVER_ERROR.name, status: "5xx", what: SERVER_ERROR.what, codes: codesOf((s) => /^5/.test(s)) },
  ];
}

/** The class a status is thrown as: its own, the 5xx class, else the API's. */
export function errorClassFor(model: ClientModel, status: string): string {
  return STATUS_ERRORS.find((e) => String(e.status) === status)?.name ?? (/^5/.test(status) ? SERVER_ERROR.name : model.names.error);
}

/** What every package exports beside its API's own names: the per-status errors and the runtime's response, logger and drift types. */
export const PACKAGE_RUNTIME_EXPORTS: readonly string[] = [
  ...STATUS_ERRORS.map((e) => e.name),
  SERVER_ERROR.name,
  "ApiPromise",
  "WithResponse",
  "Logger",
  "LogLevel",
  "DriftFinding",
  "DriftRule",
  "DriftSentinel",
  "ValidateResponsesOptions",
];

/** Every name a package exports besides the model's own (schema aliases must not take one). */
export function packageExportNames(model: ClientModel): string[] {
  return [`${model.names.error}Body`, ...PACKAGE_RUNTIME_EXPORTS];
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

interface TypeContext {
  doc: OpenApiDocument;
  /** components.schemas key → exported alias. */
  aliasOf: Map<string, string>;
  /** Property names from the body's root to the error code (`["error", "code"]`), if the API has one. */
  codePath: string[] | undefined;
  codeType: string;
  /** Aliases the type uses, for the import. */
  used: Set<string>;
}

/**
 * A TypeScript type for a JSON schema: objects, arrays, scalars, enums, unions and references to
 * named component schemas. The error code's property is typed with the API's code union (plus any
 * string), not with the enum of the one answer it was documented for.
 */
function typeOf(ctx: TypeContext, raw: unknown, at: string[] | undefined, depth = 0): string {
  if (depth > 12 || !isObject(raw)) return "unknown";
  const named = schemaRefName(raw);
  if (named !== undefined && ctx.aliasOf.has(named)) {
    const alias = ctx.aliasOf.get(named)!;
    ctx.used.add(alias);
    return alias;
  }
  const schema = deref(ctx.doc, raw);
  if (!schema) return "unknown";
  if (at !== undefined && ctx.codePath !== undefined && at.length === ctx.codePath.length && at.every((s, i) => s === ctx.codePath![i])) return ctx.codeType;
  // Literal types in the formatter's layout (`{ "a": 1 }`): client.ts is printed without a formatting pass.
  if (schema.const !== undefined) return jsonCode(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return [...new Set(schema.enum.map(jsonCode))].join(" | ");
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) return `(${[...new Set(options.map((o) => typeOf(ctx, o, undefined, depth + 1)))].join(" | ")})`;
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) return `(${schema.allOf.map((o) => typeOf(ctx, o, at, depth + 1)).join(" & ")})`;
  const types = Array.isArray(schema.type) ? schema.type : typeof schema.type === "string" ? [schema.type] : isObject(schema.properties) ? ["object"] : [];
  if (types.length === 0) return "unknown";
  const out = types.map((type) => {
    if (type === "string") return "string";
    if (type === "integer" || type === "number") return "number";
    if (type === "boolean") return "boolean";
    if (type === "null") return "null";
    if (type === "array") return `${wrap(typeOf(ctx, schema.items, undefined, depth + 1))}[]`;
    if (type === "object") return objectType(ctx, schema, at, depth);
    return "unknown";
  });
  return [...new Set(out)].join(" | ");
}

const wrap = (type: string): string => (/^[\w$."]+$/.test(type) ? type : `(${type})`);

function objectType(ctx: TypeContext, schema: JsonObject, at: string[] | undefined, depth: number): string {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === "string") : []);
  const members = Object.entries(properties).map(([name, property]) => {
    const key = IDENTIFIER.test(name) ? name : JSON.stringify(name);
    return `${key}${required.has(name) ? "" : "?"}: ${typeOf(ctx, property, at === undefined ? undefined : [...at, name], depth + 1)};`;
  });
  const extra = schema.additionalProperties;
  if (extra === true || isObject(extra)) members.push(`[key: string]: ${extra === true ? "unknown" : `${typeOf(ctx, extra, undefined, depth + 1)} | undefined`};`);
  return members.length > 0 ? `{ ${members.join(" ")} }` : "Record<string, unknown>";
}

export interface ErrorBodyType {
  /** The type of `error.body` when the answer is JSON: one type, a union of the distinct documented ones, or `unknown`. */
  type: string;
  /** Schema aliases the type names (imported from types.ts). */
  aliases: string[];
  /** How many documented error answers have a JSON body. */
  documented: number;
}

/**
 * The body type of the API's error answers: the JSON schemas of every 4xx, 5xx and default
 * answer, with the code (api.yaml `errors.codePointer`) typed as the API's code union; answers
 * that differ only in the codes they list (api.yaml `errors.schema` with each answer's codes)
 * give one type.
 */
export function errorBodyType(doc: OpenApiDocument, model: ClientModel): ErrorBodyType {
  const ctx: TypeContext = {
    doc,
    aliasOf: new Map(model.schemas.map((s) => [s.component, s.alias])),
    codePath: model.errorCodePointer === undefined ? undefined : parsePointer(model.errorCodePointer),
    codeType: model.errorCodes.length > 0 ? `${model.names.errorCode} | (string & {})` : "string",
    used: new Set(),
  };
  const types = new Set<string>();
  let documented = 0;
  for (const { operation } of eachOperation(doc)) {
    for (const [status, raw] of Object.entries(operation.responses ?? {})) {
      if (!/^[45]/.test(status) && status !== "default") continue;
      const media = preferredMedia(deref(doc, raw)?.content);
      if (!media || !isJsonMediaType(media[0]) || media[1].schema === undefined) continue;
      documented++;
      types.add(typeOf(ctx, media[1].schema, []));
    }
  }
  const distinct = [...types];
  return { type: distinct.length === 0 || distinct.includes("unknown") ? "unknown" : distinct.join(" | "), aliases: [...ctx.used].sort(), documented };
}

/** Lower-case names of the headers the document's apiKey security schemes use: never logged. */
export function secretHeaderNames(doc: OpenApiDocument): string[] {
  const names = new Set<string>();
  for (const raw of Object.values(doc.components?.securitySchemes ?? {})) {
    const scheme = deref(doc, raw);
    if (scheme?.type === "apiKey" && scheme.in === "header" && typeof scheme.name === "string") names.add(scheme.name.toLowerCase());
  }
  return [...names].sort();
}
