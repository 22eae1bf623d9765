import { sourcesOf } from "../../load/provenance.ts";
import { isJsonMediaType } from "../../openapi/media-types.ts";
import { getAtPointer } from "../../openapi/pointer.ts";
import { isObject, type JsonObject, type OpenApiDocument, type Operation, type PathItem } from "../../openapi/types.ts";
import type { ResultKind } from "./types.ts";

/** Follows local `$ref`s (components.parameters, responses, requestBodies, examples, schemas) to the node. */
export function deref(doc: OpenApiDocument, node: unknown): JsonObject | undefined {
  let current = node;
  for (let hops = 0; hops < 32 && isObject(current) && typeof current.$ref === "string"; hops++) {
    if (!current.$ref.startsWith("#")) return undefined;
    current = getAtPointer(doc, current.$ref);
  }
  return isObject(current) ? current : undefined;
}

/** The component name a schema refers to (`#/components/schemas/SessionInfo` → SessionInfo), if it is a bare reference. */
export function schemaRefName(schema: unknown): string | undefined {
  if (!isObject(schema) || typeof schema.$ref !== "string") return undefined;
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(schema.$ref);
  return match ? match[1]!.replace(/~1/g, "/").replace(/~0/g, "~") : undefined;
}

export interface ParameterFacts {
  name: string;
  in: string;
  required: boolean;
  description: string | undefined;
  schema: JsonObject | undefined;
  sources: string[];
  example: unknown;
}

export const nonEmptyText = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

/** Path-level and operation-level parameters, the operation's winning on the same name and location. */
export function parametersOf(doc: OpenApiDocument, item: PathItem, operation: Operation): ParameterFacts[] {
  const byKey = new Map<string, ParameterFacts>();
  for (const raw of [...(Array.isArray(item.parameters) ? item.parameters : []), ...(operation.parameters ?? [])]) {
    const p = deref(doc, raw);
    if (!p || typeof p.name !== "string" || typeof p.in !== "string") continue;
    const schema = deref(doc, p.schema);
    byKey.set(`${p.in} ${p.name}`, {
      name: p.name,
      in: p.in,
      required: p.required === true || p.in === "path",
      description: nonEmptyText(p.description),
      schema,
      sources: sourcesOf(p),
      example: p.example ?? schema?.example ?? (Array.isArray(schema?.examples) ? schema.examples[0] : undefined) ?? schema?.default,
    });
  }
  return [...byKey.values()];
}

/** A documented example of a media type object: `example`, else the first of `examples`. */
export function mediaExample(doc: OpenApiDocument, media: JsonObject): unknown {
  if (media.example !== undefined) return media.example;
  if (isObject(media.examples)) {
    for (const entry of Object.values(media.examples)) {
      const example = deref(doc, entry);
      if (example && example.value !== undefined) return example.value;
    }
  }
  return undefined;
}

/**
 * How the client reads a media type: JSON (one value; not JSON sequences or lines), text, or bytes
 * (images, PDFs, octet streams, JSON sequences, …).
 */
export function resultKindOf(mediaType: string): ResultKind {
  if (isJsonMediaType(mediaType)) return "json";
  if (/^text\//i.test(mediaType)) return "text";
  return "bytes";
}

/** Preferred media type of a content map: JSON first, then the first listed. */
export function preferredMedia(content: unknown): [string, JsonObject] | undefined {
  if (!isObject(content)) return undefined;
  const entries = Object.entries(content).filter((e): e is [string, JsonObject] => isObject(e[1]));
  return entries.find(([type]) => isJsonMediaType(type)) ?? entries[0];
}

export interface SuccessFacts {
  status: string;
  kind: ResultKind;
  mediaType: string | undefined;
  schema: unknown;
  description: string | undefined;
  sources: string[];
}

/** The success answer: the lowest 2xx (or 2XX) status; no content (e.g. 204) means `void`. */
export function successOf(doc: OpenApiDocument, operation: Operation): SuccessFacts {
  const statuses = Object.keys(operation.responses ?? {})
    .filter((s) => /^2(\d\d|XX)$/i.test(s))
    .sort();
  const status = statuses[0];
  const response = status === undefined ? undefined : deref(doc, operation.responses?.[status]);
  const media = preferredMedia(response?.content);
  return {
    status: status ?? "200",
    kind: media === undefined ? "void" : resultKindOf(media[0]),
    mediaType: media?.[0],
    schema: media?.[1].schema,
    description: nonEmptyText(response?.description),
    sources: response ? sourcesOf(response) : [],
  };
}

export interface BodyFacts {
  required: boolean;
  mediaType: string;
  description: string | undefined;
  sources: string[];
  example: unknown;
  /** The body's schema is written in place (not a $ref) and is a plain object: its alias can be an interface. */
  inlineObject: boolean;
}

/**
 * Whether openapi-typescript types `schema` as an object literal (`{ … }`): an object schema in
 * place, not a reference, a composition, an enum or a type list (`["object", "null"]` is a union).
 */
export function isInlineObjectSchema(schema: unknown): boolean {
  if (!isObject(schema) || "$ref" in schema) return false;
  if (["oneOf", "anyOf", "allOf", "enum", "const", "not", "if", "discriminator"].some((k) => k in schema)) return false;
  return schema.type === "object" || (schema.type === undefined && isObject(schema.properties));
}

export function requestBodyOf(doc: OpenApiDocument, operation: Operation): BodyFacts | undefined {
  const body = deref(doc, operation.requestBody);
  const media = preferredMedia(body?.content);
  if (!body || !media) return undefined;
  return {
    required: body.required === true,
    mediaType: media[0],
    description: nonEmptyText(body.description),
    sources: sourcesOf(body),
    example: mediaExample(doc, media[1]),
    inlineObject: isInlineObjectSchema(isObject(media[1]) ? media[1].schema : undefined),
  };
}

/** 4xx, 5xx and default answers with their documented codes, for @throws. */
export function errorsOf(doc: OpenApiDocument, operation: Operation): { status: string; description: string | undefined; codes: string[] }[] {
  return Object.entries(operation.responses ?? {})
    .filter(([status]) => /^[45]/.test(status) || status === "default")
    .map(([status, raw]) => {
      const response = deref(doc, raw);
      const codes = Array.isArray(response?.["x-error-codes"]) ? response["x-error-codes"].filter((c): c is string => typeof c === "string") : [];
      return { status, description: nonEmptyText(response?.description), codes };
    });
}

/** TypeScript type of a path parameter from its schema: string literals for an enum, else by JSON type. */
export function simpleType(schema: JsonObject | undefined): string {
  if (Array.isArray(schema?.enum) && schema.enum.every((v) => typeof v === "string")) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const type = Array.isArray(schema?.type) ? schema.type.find((t) => t !== "null") : schema?.type;
  if (type === "integer" || type === "number") return "number";
  if (type === "boolean") return "boolean";
  return "string";
}
