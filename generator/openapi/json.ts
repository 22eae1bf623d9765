import { isObject } from "./types.ts";

/**
 * JSON text with object keys in sorted order, skipping `ignoreKey` (e.g. provenance) at every level:
 * the identity used to tell "identical" from "different" across sources.
 */
export function canonicalJson(value: unknown, ignoreKey?: string): string {
  return JSON.stringify(sortKeysDeep(value, ignoreKey));
}

function sortKeysDeep(value: unknown, ignoreKey?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => sortKeysDeep(v, ignoreKey));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (key !== ignoreKey) out[key] = sortKeysDeep(value[key], ignoreKey);
  }
  return out;
}

/** Structural equality ignoring key order and `ignoreKey`. */
export function deepEqual(a: unknown, b: unknown, ignoreKey?: string): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i], ignoreKey));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const ka = Object.keys(a).filter((k) => k !== ignoreKey);
  const kb = Object.keys(b).filter((k) => k !== ignoreKey);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k], ignoreKey));
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}
