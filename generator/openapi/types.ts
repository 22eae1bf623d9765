/**
 * Loose OpenAPI shapes. The pipeline reads vendors' documents, which are often not quite valid,
 * so these describe what we rely on and leave every other key open.
 */
export type JsonObject = Record<string, unknown>;

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Provenance key: a list of "file:line" strings, on operations, parameters, responses, request bodies and schemas. */
export const X_SOURCE = "x-source";

/** On a response the docs show without stating its status (200 assumed): a status another source documents wins. */
export const X_STATUS_ASSUMED = "x-status-assumed";

/**
 * On an object schema the docs inferred only from partial examples (elided with `…`, or projected
 * by jq): the properties it lacks are not evidence that the API lacks them. Removed after the merge.
 */
export const X_EXAMPLES_PARTIAL = "x-examples-partial";

export interface OpenApiDocument extends JsonObject {
  openapi: string;
  info?: JsonObject;
  servers?: JsonObject[];
  paths?: Record<string, PathItem>;
  components?: Components;
  security?: Record<string, string[]>[];
  tags?: JsonObject[];
}

export interface Components extends JsonObject {
  schemas?: Record<string, JsonObject>;
  parameters?: Record<string, JsonObject>;
  responses?: Record<string, JsonObject>;
  requestBodies?: Record<string, JsonObject>;
  securitySchemes?: Record<string, JsonObject>;
  headers?: Record<string, JsonObject>;
  examples?: Record<string, JsonObject>;
}

export type PathItem = JsonObject & Partial<Record<HttpMethod, Operation>>;

export interface Operation extends JsonObject {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: JsonObject[];
  requestBody?: JsonObject;
  responses?: Record<string, JsonObject>;
  security?: Record<string, string[]>[];
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isHttpMethod(key: string): key is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(key);
}

/** "GET /v1/sessions" — how operations are named in findings, api.yaml and reports. */
export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/** Every operation of a document, in document order. */
export function* eachOperation(doc: OpenApiDocument): Generator<{ path: string; method: HttpMethod; operation: Operation }> {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!isObject(item)) continue;
    for (const [key, operation] of Object.entries(item)) {
      if (isHttpMethod(key) && isObject(operation)) yield { path, method: key, operation: operation as Operation };
    }
  }
}
