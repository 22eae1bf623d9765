import type { Operation } from "../openapi/types.ts";

/**
 * "listSessions", "list_sessions", "repos/get-content" → "list-sessions", "repos-get-content".
 * Only [a-z0-9-] survives, so a name can never carry a path separator or `..` into a file path.
 */
export function kebabCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The file name (without extension) vendors' per-endpoint pages would use: the operationId, else method and path. */
export function fragmentBaseName(method: string, path: string, operation: Operation): string {
  const fromId = typeof operation.operationId === "string" ? kebabCase(operation.operationId) : "";
  if (fromId) return fromId;
  const slug = kebabCase(path);
  return `${method.toLowerCase()}-${slug || "root"}`;
}

export interface NamedOperation {
  path: string;
  method: string;
  base: string;
}

/**
 * Unique names for a set of operations, independent of document order: within a group sharing a base
 * name, operations are ordered by path and method, the first keeps the base and the others get the
 * smallest free `-2`, `-3`, … (never one that another operation uses as its own base name).
 * Returns the names in the order of `ops`.
 */
export function uniqueNames(ops: readonly NamedOperation[]): string[] {
  const groups = new Map<string, number[]>();
  ops.forEach((op, i) => {
    const group = groups.get(op.base);
    if (group) group.push(i);
    else groups.set(op.base, [i]);
  });
  const taken = new Set(groups.keys());
  const names = new Array<string>(ops.length);
  for (const [base, members] of groups) {
    members.sort((a, b) => compare(ops[a]!.path, ops[b]!.path) || compare(ops[a]!.method, ops[b]!.method));
    names[members[0]!] = base;
    let n = 2;
    for (const index of members.slice(1)) {
      while (taken.has(`${base}-${n}`)) n++;
      const name = `${base}-${n}`;
      taken.add(name);
      names[index] = name;
    }
  }
  return names;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
