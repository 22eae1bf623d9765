import { isHttpMethod, isObject, type JsonObject, type OpenApiDocument } from "./types.ts";

const SCHEMA_MAPS = ["properties", "patternProperties", "$defs", "dependentSchemas"] as const;
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"] as const;
const SCHEMA_SINGLES = ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems"] as const;

/**
 * Calls `visit(schema, path)` for a schema and every schema nested in it. `path` is the list of
 * segments from the document root. It is one array, extended and shortened as the walk goes (GitHub's
 * description has ~300k schemas; an array per node was most of the merge's garbage), so a visitor
 * that keeps it must copy it.
 */
export function walkSchema(schema: unknown, path: string[], visit: (schema: JsonObject, path: string[]) => void): void {
  if (!isObject(schema)) return;
  visit(schema, path);
  for (const key of SCHEMA_MAPS) {
    const map = schema[key];
    if (!isObject(map)) continue;
    for (const name in map) {
      path.push(key, name);
      walkSchema(map[name], path, visit);
      path.length -= 2;
    }
  }
  for (const key of SCHEMA_LISTS) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      path.push(key, String(i));
      walkSchema(list[i], path, visit);
      path.length -= 2;
    }
  }
  for (const key of SCHEMA_SINGLES) {
    if (schema[key] === undefined) continue;
    path.push(key);
    walkSchema(schema[key], path, visit);
    path.length -= 1;
  }
}

/**
 * Every top-level schema of a document with its path: component schemas, parameter and header
 * schemas, and request/response media-type schemas. Nested schemas are reached with walkSchema.
 */
export function* schemaRoots(doc: OpenApiDocument): Generator<{ schema: JsonObject; path: string[] }> {
  const components = isObject(doc.components) ? doc.components : {};
  for (const [kind, map] of Object.entries(components)) {
    if (!isObject(map)) continue;
    for (const [name, node] of Object.entries(map)) {
      if (!isObject(node)) continue;
      const path = ["components", kind, name];
      if (kind === "schemas") yield { schema: node, path };
      else yield* partSchemas(node, path);
    }
  }
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    if (!isObject(item)) continue;
    for (const [key, value] of Object.entries(item)) {
      if (key === "parameters" && Array.isArray(value)) {
        for (const [i, param] of value.entries()) if (isObject(param)) yield* partSchemas(param, ["paths", p, key, String(i)]);
      } else if (isHttpMethod(key) && isObject(value)) {
        yield* operationSchemas(value, ["paths", p, key]);
      }
    }
  }
}

function* operationSchemas(operation: JsonObject, base: string[]): Generator<{ schema: JsonObject; path: string[] }> {
  if (Array.isArray(operation.parameters)) {
    for (const [i, param] of operation.parameters.entries()) if (isObject(param)) yield* partSchemas(param, [...base, "parameters", String(i)]);
  }
  if (isObject(operation.requestBody)) yield* partSchemas(operation.requestBody, [...base, "requestBody"]);
  if (isObject(operation.responses)) {
    for (const [status, response] of Object.entries(operation.responses)) {
      if (isObject(response)) yield* partSchemas(response, [...base, "responses", status]);
    }
  }
}

/** Schemas directly inside a parameter, header, request body or response. */
function* partSchemas(node: JsonObject, path: string[]): Generator<{ schema: JsonObject; path: string[] }> {
  if (isObject(node.schema)) yield { schema: node.schema, path: [...path, "schema"] };
  if (isObject(node.content)) {
    for (const [type, media] of Object.entries(node.content)) {
      if (isObject(media) && isObject(media.schema)) yield { schema: media.schema, path: [...path, "content", type, "schema"] };
    }
  }
  if (isObject(node.headers)) {
    for (const [name, header] of Object.entries(node.headers)) {
      if (isObject(header) && isObject(header.schema)) yield { schema: header.schema, path: [...path, "headers", name, "schema"] };
    }
  }
}

/** Every schema in the document, nested ones included. */
export function eachSchema(doc: OpenApiDocument, visit: (schema: JsonObject, path: string[]) => void): void {
  for (const root of schemaRoots(doc)) walkSchema(root.schema, root.path, visit);
}
