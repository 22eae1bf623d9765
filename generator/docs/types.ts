/**
 * Type words as vendors write them ("integer", "?string", "ISO8601 timestamp", "array of
 * snowflakes", "partial [guild](#…) object", `"asc" | "desc"`, "string (optional)") → JSON
 * Schema, through the TYPE_WORDS table of vocabulary.ts. An unknown word is reported by the caller
 * as a warning and the field stays untyped.
 */
import type { JsonObject } from "../openapi/types.ts";
import { addNull, typesOf } from "./prose.ts";
import { TYPE_WORDS } from "./vocabulary.ts";

export type TypeCell = { ok: true; schema?: JsonObject; required?: boolean } | { ok: false; reason: string };

/** A Type cell or type phrase as a schema. Empty cells give no schema; words that are not a type are `ok: false`. */
export function parseTypeCell(raw: string): TypeCell {
  let t = raw
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1") // [channel](#DOCS…) → channel
    .replace(/[`*_]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
  if (t === "" || /^(?:[-–—]+|n\/a|none)$/.test(t)) return { ok: true };
  let required: boolean | undefined;
  let nullable = false;
  const take = (re: RegExp): boolean => {
    if (!re.test(t)) return false;
    t = t.replace(re, " ").replace(/\s+/g, " ").trim();
    return true;
  };
  if (take(/\(\s*(?:required|mandatory)\s*\)|,?\s*\b(?:required|mandatory)$|^(?:required|mandatory)\b,?/)) required = true;
  if (take(/\(\s*optional\s*\)|,?\s*\boptional$|^optional\b,?/)) required = false;
  take(/\(\s*deprecated\s*\)|,?\s*\bdeprecated$|^deprecated\b,?/);
  if (take(/^nullable\s+|,?\s*\bnullable$|\(\s*nullable\s*\)|^\?|\?$/)) nullable = true;
  if (take(/\s*(?:\||\bor\b)\s*null$|^null\s*(?:\||\bor\b)\s*/)) nullable = true;
  const schema = parseTypePhrase(t);
  if (!schema) return { ok: false, reason: `"${raw.trim()}" is not a type this stage knows (add the word to TYPE_WORDS in generator/docs/vocabulary.ts)` };
  if (nullable) addNull(schema);
  return { ok: true, schema, ...(required === undefined ? {} : { required }) };
}

/** A type phrase without qualifiers. */
export function parseTypePhrase(phrase: string): JsonObject | undefined {
  const t = phrase.trim().replace(/[.,;:]+$/, "");
  if (t === "") return undefined;
  const literal = literalEnum(t);
  if (literal) return literal;
  const alternatives = t.split(/\s*\|\s*|\s+or\s+|\s*\/\s*(?=[a-z])/).filter(Boolean);
  if (alternatives.length > 1) return union(alternatives);
  return single(t) ?? single(t.replace(/\s*\([^)]*\)\s*/g, " ").trim()) ?? looseWord(t);
}

/** `"asc" | "desc"`, `'a', 'b'` → a string enum; `1 | 2 | 3` → an integer enum. */
function literalEnum(t: string): JsonObject | undefined {
  const parts = t.split(/\s*(?:\||,|\bor\b)\s*/).filter(Boolean);
  if (parts.length < 2) return undefined;
  if (parts.every((p) => /^(["'])[^"']*\1$/.test(p))) return { type: "string", enum: parts.map((p) => p.slice(1, -1)) };
  if (parts.every((p) => /^-?\d+$/.test(p))) return { type: "integer", enum: parts.map(Number) };
  return undefined;
}

function union(alternatives: string[]): JsonObject | undefined {
  const parts = alternatives.map((a) => single(a) ?? looseWord(a));
  if (parts.some((p) => !p)) return undefined;
  const types: string[] = [];
  let merged: JsonObject = {};
  for (const p of parts as JsonObject[]) {
    const pt = typesOf(p);
    if (pt.length === 0) return {}; // "any" among them: untyped
    for (const ty of pt) if (!types.includes(ty)) types.push(ty);
    merged = { ...p, ...merged };
  }
  const { type: _ignored, ...rest } = merged;
  return { type: types.length === 1 ? types[0] : types, ...rest };
}

function single(word: string): JsonObject | undefined {
  const w = word.trim();
  if (Object.hasOwn(TYPE_WORDS, w)) return structuredClone(TYPE_WORDS[w]!);
  const plural = w.replace(/(?:es|s)$/, "");
  if (plural !== w && Object.hasOwn(TYPE_WORDS, plural)) return structuredClone(TYPE_WORDS[plural]!);
  if (w.endsWith("s") && Object.hasOwn(TYPE_WORDS, w.slice(0, -1))) return structuredClone(TYPE_WORDS[w.slice(0, -1)]!);
  let m = /^(.+?)\s*\[\s*\]$/.exec(w) ?? /^(?:array|list|set|sequence)\s*(?:<(.+)>|\[(.+)\]|\((.+)\)|\s+of\s+(.+))$/.exec(w) ?? /^\[\s*(.+?)\s*\]$/.exec(w);
  if (m) {
    const inner = (m[1] ?? m[2] ?? m[3] ?? m[4])!.trim();
    const items = parseTypePhrase(inner);
    return items ? { type: "array", items } : undefined;
  }
  m = /^(?:object|map|dict|dictionary|hash|record)\s*(?:<\s*(?:string|str)\s*,\s*(.+)>|\s+of\s+(.+))$/.exec(w);
  if (m) {
    const values = parseTypePhrase((m[1] ?? m[2])!.trim());
    return values ? { type: "object", additionalProperties: values } : undefined;
  }
  // "channel object", "partial guild member object", "array of embed objects" (handled above).
  if (/^(?:[\w-]+\s+){0,4}objects?$/.test(w)) return { type: "object" };
  return undefined;
}

/** The last or first word of a longer phrase when it is a type word: "positive integer", "string (max 100 chars)". */
function looseWord(phrase: string): JsonObject | undefined {
  const words = phrase
    .replace(/\([^)]*\)/g, " ")
    .split(/[\s,]+/)
    .filter(Boolean);
  if (words.length < 2 || words.length > 4) return undefined;
  return single(words[words.length - 1]!) ?? single(words[0]!);
}
