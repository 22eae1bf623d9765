/** RFC 6901 JSON pointers. */

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/**
 * Segments of a JSON pointer. Only the URI-fragment form (`#/paths/~1a%7Bid%7D`, as `$ref`s are
 * written) is %-decoded; a plain pointer (`/paths/~1a%20b`, what `toPointer` builds and JSONPath
 * matches return) names members exactly as they are, `%` included.
 */
export function parsePointer(pointer: string): string[] {
  if (pointer === "" || pointer === "#") return [];
  const fragment = pointer.startsWith("#");
  const segments = (fragment ? pointer.slice(1) : pointer).split("/").slice(1);
  return segments.map((s) => unescapeSegment(fragment ? decodeURIComponentSafe(s) : s));
}

function decodeURIComponentSafe(s: string): string {
  if (!s.includes("%")) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => "/" + escapeSegment(String(s))).join("");
}

/** Appends segments to a pointer. */
export function joinPointer(base: string, ...segments: (string | number)[]): string {
  return base + toPointer(segments);
}

/** The value at `pointer` inside `root`, or undefined. */
export function getAtPointer(root: unknown, pointer: string | string[]): unknown {
  let node: unknown = root;
  for (const segment of typeof pointer === "string" ? parsePointer(pointer) : pointer) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** True when `a` equals `b` or is one of its ancestors. */
export function isPointerPrefix(a: string, b: string): boolean {
  return a === b || b.startsWith(a + "/") || a === "";
}
