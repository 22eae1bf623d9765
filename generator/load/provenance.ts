import { eachOperation, isObject, X_SOURCE, type JsonObject, type OpenApiDocument } from "../openapi/types.ts";
import { eachSchema } from "../openapi/walk.ts";

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

/**
 * Stamps `x-source: ["file:line"]` on every operation, parameter, request body, response and
 * schema of a fragment, before anything moves, so provenance survives renames, dedup and overlays.
 */
export function annotateProvenance(doc: JsonObject, file: string, locate: (node: JsonObject, path: string[]) => number): void {
  const stamp = (node: JsonObject, path: string[]) => addSource(node, sourceRef(file, locate(node, path)));
  // A Reference Object (a parameter, body or response that is only a $ref) takes no siblings.
  const stampPart = (node: unknown, path: string[]) => {
    if (isObject(node) && typeof node.$ref !== "string") stamp(node, path);
  };
  const api = doc as OpenApiDocument;
  for (const { path, method, operation } of eachOperation(api)) {
    const base = ["paths", path, method];
    stamp(operation, base);
    (operation.parameters ?? []).forEach((param, i) => stampPart(param, [...base, "parameters", String(i)]));
    stampPart(operation.requestBody, [...base, "requestBody"]);
    for (const [status, response] of Object.entries(operation.responses ?? {})) stampPart(response, [...base, "responses", status]);
  }
  for (const [path, item] of Object.entries(api.paths ?? {})) {
    if (isObject(item) && Array.isArray(item.parameters)) item.parameters.forEach((param, i) => stampPart(param, ["paths", path, "parameters", String(i)]));
  }
  const components = (api.components ?? {}) as Record<string, unknown>;
  for (const kind of ["parameters", "responses", "requestBodies"]) {
    const map = components[kind];
    if (isObject(map)) for (const [name, node] of Object.entries(map)) stampPart(node, ["components", kind, name]);
  }
  // Every schema, nested ones included; in 3.1 a $ref schema may carry siblings, so it is stamped too.
  eachSchema(api, stamp);
}
