import { isHttpMethod, isObject, X_SOURCE, type JsonObject } from "../openapi/types.ts";
import { walkSchema } from "../openapi/walk.ts";

/** "file:line" — the one spelling of a provenance entry. */
export function sourceRef(file: string, line: number | undefined): string {
  return line ? `${file}:${line}` : file;
}

export function addSource(node: JsonObject, ...refs: string[]): void {
  const existing = Array.isArray(node[X_SOURCE]) ? (node[X_SOURCE] as string[]) : [];
  const merged = [...existing];
  for (const ref of refs) if (!merged.includes(ref)) merged.push(ref);
  node[X_SOURCE] = merged;
}

export function sourcesOf(node: unknown): string[] {
  return isObject(node) && Array.isArray(node[X_SOURCE]) ? (node[X_SOURCE] as string[]) : [];
}

/** Every schema reachable from a media-type map (`content`). */
function walkContent(content: unknown, path: string[], visit: (node: JsonObject, path: string[]) => void): void {
  if (!isObject(content)) return;
  for (const [type, media] of Object.entries(content)) {
    if (isObject(media)) walkSchema(media.schema, [...path, type, "schema"], visit);
  }
}

/**
 * Stamps `x-source: ["file:line"]` on every operation, parameter, request body, response and
 * schema of a fragment, before anything moves, so provenance survives renames, dedup and overlays.
 */
export function annotateProvenance(doc: JsonObject, file: string, locate: (node: JsonObject, path: string[]) => number): void {
  const lineOf = (path: string[], node?: JsonObject) => (node ? locate(node, path) : locate(doc, path));
  const stamp = (node: JsonObject, path: string[]) => {
    if (typeof node.$ref === "string" && !path.includes("schema") && !isSchemaPath(path)) return; // a Reference Object takes no siblings
    addSource(node, sourceRef(file, lineOf(path, node)));
  };
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [p, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!isObject(operation)) continue;
      const base = ["paths", p, method];
      if (method === "parameters" && Array.isArray(operation)) continue;
      if (!isHttpMethod(method)) continue;
      stamp(operation, base);
      stampOperationParts(operation, base, stamp);
    }
    if (Array.isArray(item.parameters)) stampParameters(item.parameters, ["paths", p, "parameters"], stamp);
  }
  const components = isObject(doc.components) ? doc.components : {};
  for (const [kind, map] of Object.entries(components)) {
    if (!isObject(map)) continue;
    for (const [name, node] of Object.entries(map)) {
      if (!isObject(node)) continue;
      const path = ["components", kind, name];
      if (kind === "schemas") walkSchema(node, path, (schema, at) => addSource(schema, sourceRef(file, lineOf(at, schema))));
      else if (kind === "parameters") stampParameters([node], path, stamp, true);
      else if (kind === "responses" || kind === "requestBodies") {
        stamp(node, path);
        walkContent(node.content, [...path, "content"], (schema, at) => addSource(schema, sourceRef(file, lineOf(at, schema))));
      }
    }
  }
}

function isSchemaPath(path: string[]): boolean {
  return path[0] === "components" && path[1] === "schemas";
}

function stampParameters(list: unknown[], path: string[], stamp: (n: JsonObject, p: string[]) => void, single = false): void {
  list.forEach((param, i) => {
    if (!isObject(param)) return;
    const at = single ? path : [...path, String(i)];
    stamp(param, at);
    walkSchema(param.schema, [...at, "schema"], (schema, p) => stamp(schema, p));
  });
}

function stampOperationParts(operation: JsonObject, base: string[], stamp: (n: JsonObject, p: string[]) => void): void {
  if (Array.isArray(operation.parameters)) stampParameters(operation.parameters, [...base, "parameters"], stamp);
  if (isObject(operation.requestBody)) {
    stamp(operation.requestBody, [...base, "requestBody"]);
    walkContent(operation.requestBody.content, [...base, "requestBody", "content"], stamp);
  }
  if (isObject(operation.responses)) {
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!isObject(response)) continue;
      stamp(response, [...base, "responses", status]);
      walkContent(response.content, [...base, "responses", status, "content"], stamp);
    }
  }
}
