import { eachOperation, operationKey, type OpenApiDocument, type Operation } from "../openapi/types.ts";

export interface MatchedOperation {
  /** "GET /v1/sessions/{id}" */
  key: string;
  path: string;
  method: string;
  operation: Operation;
}

interface Template {
  path: string;
  segments: string[];
  /** Count of literal segments: OpenAPI says concrete paths win over templated ones. */
  literals: number;
  operations: Map<string, MatchedOperation>;
}

/**
 * Matches a request (method, URL path) to an operation of the canonical document by its path
 * template. Built once per document; matching is a scan over templates with the same segment count,
 * most literal segments first, so `/v1/sessions/mine` beats `/v1/sessions/{id}`.
 */
export class OperationMatcher {
  readonly #bySegmentCount = new Map<number, Template[]>();
  /** Base paths of the document's servers (`/api/v2`), longest first, then "". */
  readonly #bases: string[];

  constructor(doc: OpenApiDocument) {
    const templates = new Map<string, Template>();
    for (const { path, method, operation } of eachOperation(doc)) {
      let t = templates.get(path);
      if (!t) {
        const segments = path.split("/").slice(1);
        t = { path, segments, literals: segments.filter((s) => !isParam(s)).length, operations: new Map() };
        templates.set(path, t);
      }
      t.operations.set(method.toUpperCase(), { key: operationKey(method, path), path, method: method.toUpperCase(), operation });
    }
    for (const t of templates.values()) {
      const list = this.#bySegmentCount.get(t.segments.length) ?? [];
      list.push(t);
      this.#bySegmentCount.set(t.segments.length, list);
    }
    for (const list of this.#bySegmentCount.values()) list.sort((a, b) => b.literals - a.literals || (a.path < b.path ? -1 : 1));
    const bases = new Set<string>([""]);
    for (const server of doc.servers ?? []) {
      const url = typeof server.url === "string" ? server.url : "";
      const base = basePath(url);
      if (base) bases.add(base);
    }
    this.#bases = [...bases].sort((a, b) => b.length - a.length);
  }

  /** The operation for `method` and a URL path (no query), or undefined. */
  match(method: string, pathname: string, extraBase = ""): MatchedOperation | undefined {
    const upper = method.toUpperCase();
    const bases = extraBase ? [extraBase, ...this.#bases] : this.#bases;
    for (const base of bases) {
      if (base && !(pathname === base || pathname.startsWith(base + "/"))) continue;
      const rest = pathname.slice(base.length) || "/";
      const segments = rest.split("/").slice(1);
      for (const t of this.#bySegmentCount.get(segments.length) ?? []) {
        if (fits(t.segments, segments)) {
          const op = t.operations.get(upper);
          if (op) return op;
        }
      }
    }
    return undefined;
  }
}

function isParam(segment: string): boolean {
  return segment.startsWith("{") && segment.endsWith("}");
}

function fits(template: string[], actual: string[]): boolean {
  for (let i = 0; i < template.length; i++) {
    const want = template[i]!;
    const got = actual[i]!;
    if (isParam(want)) {
      if (got === "") return false;
    } else if (want !== got) {
      return false;
    }
  }
  return true;
}

/** "https://api.example.com/v2/" → "/v2"; "http://localhost:8000" → "". */
export function basePath(url: string): string {
  try {
    const p = new URL(url, "http://base.invalid").pathname.replace(/\/+$/, "");
    return p === "/" ? "" : p;
  } catch {
    return "";
  }
}
