import { isObject, X_SOURCE, type JsonObject } from "../openapi/types.ts";
import { SKIP, walkDocument, type NodeKind } from "../openapi/walk.ts";
import type { SourceLocation } from "../problems/finding.ts";

/** "file:line" — the one spelling of a provenance entry. */
export function sourceRef(file: string, line: number | undefined): string {
  return line ? `${file}:${line}` : file;
}

/** A "file:line" provenance entry as a location (the file alone when it has no line). */
export function parseSourceRef(ref: string): SourceLocation {
  const m = /^(.*):(\d+)$/.exec(ref);
  return m ? { file: m[1]!, line: Number(m[2]) } : { file: ref };
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
export function annotateProvenance(doc: JsonObject, file: string, locate: (node: JsonObject, path: string[]) => number, skip?: (node: object) => boolean): void {
  walkDocument(doc, (node, kind, path, expected) => {
    // A component another fragment holds too and stamped already (its stamps name that fragment).
    if (skip?.(node)) return SKIP;
    // A Reference Object (a parameter, body or response that is only a $ref) takes no siblings;
    // in 3.1 a $ref schema may carry them, so every schema is stamped.
    if (STAMPED.has(kind) || expected === "schema") addSource(node, sourceRef(file, locate(node, path)));
  });
}

/**
 * Where an object's stamps point when it is one fragment's copy of a component another fragment
 * stamped (load/shared-components.ts): they name `file`, and this copy's lines are `delta` after them.
 */
export interface Relocation {
  file: string;
  delta: number;
}

/** A location of the first copy read as the same place in another copy (`to`); other files' locations stay. */
export function relocate(location: SourceLocation, relocation: Relocation, to: string): SourceLocation {
  if (location.file !== relocation.file || relocation.file === to) return location;
  return location.line === undefined ? { ...location, file: to } : { ...location, file: to, line: location.line + relocation.delta };
}

/**
 * A private copy of a shared component for the fragment `to`, its stamps (and every nested
 * node's) read as that fragment's lines: for the rare merge step that changes one fragment's copy
 * (a rename rewrites its `$ref`s) or keeps it in place of the first (a `prefer` rule).
 */
export function relocatedCopy<T>(node: T, relocation: Relocation, to: string): T {
  const copy = structuredClone(node);
  if (relocation.file === to) return copy;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) for (const v of value) visit(v);
    else if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (key === X_SOURCE && Array.isArray(child)) {
          value[key] = child.map((ref) => {
            if (typeof ref !== "string") return ref;
            const moved = relocate(parseSourceRef(ref), relocation, to);
            return sourceRef(moved.file, moved.line);
          });
        } else visit(child);
      }
    }
  };
  visit(copy);
  return copy;
}
