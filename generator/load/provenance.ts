import { isObject, X_SOURCE, type JsonObject } from "../openapi/types.ts";
import { walkDocument, type NodeKind } from "../openapi/walk.ts";

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

/** The objects that carry `x-source`: where a finding about an element of the API points. */
const STAMPED = new Set<NodeKind>(["operation", "parameter", "requestBody", "response"]);

/**
 * Stamps `x-source: ["file:line"]` on every operation, parameter, request body, response and
 * schema of a fragment (wherever they stand: paths, webhooks, callbacks, components), before
 * anything moves, so provenance survives renames, dedup and overlays.
 */
export function annotateProvenance(doc: JsonObject, file: string, locate: (node: JsonObject, path: string[]) => number): void {
  walkDocument(doc, (node, kind, path, expected) => {
    // A Reference Object (a parameter, body or response that is only a $ref) takes no siblings;
    // in 3.1 a $ref schema may carry them, so every schema is stamped.
    if (STAMPED.has(kind) || expected === "schema") addSource(node, sourceRef(file, locate(node, path)));
  });
}
