import { parsePointer, toPointer } from "../openapi/pointer.ts";
import { X_SOURCE, isObject, type OpenApiDocument } from "../openapi/types.ts";
import { SKIP, walkDocument } from "../openapi/walk.ts";
import type { SourceLocation } from "../problems/finding.ts";
import { parseSource } from "./finding.ts";

/**
 * Where every object of the canonical document stands, built once per document: the body checker
 * walks schema objects, not pointers, and asks for a node's pointer only when it reports on it.
 */
export class DocumentIndex {
  readonly doc: OpenApiDocument;
  readonly #pointers = new WeakMap<object, string>();
  readonly #sources = new Map<string, SourceLocation[]>();

  constructor(doc: OpenApiDocument) {
    this.doc = doc;
    // Every object of the document's structure (operations, parameters, responses, schemas, …);
    // example data is not structure and is never asked for. A node met twice (a YAML alias)
    // keeps its first place.
    walkDocument(doc, (node, _kind, path) => {
      if (this.#pointers.has(node)) return SKIP;
      this.#pointers.set(node, toPointer(path));
    });
  }

  pointerOf(node: object): string {
    return this.#pointers.get(node) ?? "";
  }

  /** The node a local `$ref` points at. */
  resolve(ref: string): unknown {
    if (!ref.startsWith("#")) return undefined;
    let node: unknown = this.doc;
    for (const segment of parsePointer(ref)) {
      if (typeof node !== "object" || node === null) return undefined;
      node = (node as Record<string, unknown>)[segment];
    }
    return node;
  }

  /** Follows `$ref`s of Reference Objects (responses, parameters) to the object itself. */
  deref<T>(node: T): T {
    let current: unknown = node;
    for (let i = 0; i < 20 && isObject(current) && typeof current.$ref === "string"; i++) current = this.resolve(current.$ref);
    return current as T;
  }

  /** Provenance of the node at `pointer`, or of its nearest ancestor that has some ("file:line" from `x-source`). */
  sourcesAt(pointer: string): SourceLocation[] {
    const cached = this.#sources.get(pointer);
    if (cached) return cached;
    let node: unknown = this.doc;
    let found: unknown[] = [];
    const here = (n: unknown) => (isObject(n) && Array.isArray(n[X_SOURCE]) ? (n[X_SOURCE] as unknown[]) : undefined);
    found = here(node) ?? found;
    for (const segment of parsePointer(pointer)) {
      if (typeof node !== "object" || node === null) break;
      node = (node as Record<string, unknown>)[segment];
      found = here(node) ?? found;
    }
    const sources = found.filter((s): s is string => typeof s === "string").map(parseSource);
    this.#sources.set(pointer, sources);
    return sources;
  }
}
