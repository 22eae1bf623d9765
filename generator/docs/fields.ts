/**
 * One documented field or parameter, whichever way the page writes it (a table row, a bullet, a
 * definition list entry): its name and path, and the facts its description states (type,
 * required, default, range, enum).
 */
import type { Nodes, PhrasingContent } from "mdast";
import type { JsonObject } from "../openapi/types.ts";
import { codeSpans, plainText, sourceOf } from "./markdown.ts";
import { defaultFromProse, enumFromProse, isAbsent, optionalFromProse, rangeFromProse, requiredFromProse } from "./prose.ts";
import { parseTypePhrase } from "./types.ts";

export type FieldLocation = "query" | "path" | "header" | "cookie" | "body";

export interface FieldFact {
  /** "data[].status" */
  name: string;
  /** Segments below the documented object: "data[].status" → ["data", "[]", "status"]. */
  path: string[];
  line: number;
  /** Where the field goes when the page says (an In column, a section): otherwise the section decides. */
  in?: FieldLocation;
  /** Schema from a Type column or a type written beside the name. */
  declared?: JsonObject;
  /** Type stated in the description, used only for fields no example shows. */
  described?: JsonObject;
  /** Type of the value an Example column shows, the weakest evidence: used only when nothing else types the field. */
  exampleType?: JsonObject;
  hasDefault: boolean;
  default?: unknown;
  /** A default written in words, read once the type is known. */
  defaultWord?: string;
  description?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  required?: boolean;
  nullable?: boolean;
}

const NAME = /^[A-Za-z_$@][\w$@.:-]*(?:\[[\w$-]*\])*(?:\.[A-Za-z_$@][\w$@:-]*(?:\[[\w$-]*\])*)*$/;

/**
 * "`ttl_seconds`", "ttl_seconds*", "`data[].status`", "name?", "fields_attributes[][name]",
 * "↳ child" → name and path segments; undefined when the cell is not a field name.
 */
export function parseFieldName(cell: readonly PhrasingContent[] | string): { path: string[]; required?: boolean; nullable?: boolean } | undefined {
  const text = typeof cell === "string" ? cell : plainText(cell);
  const spans = typeof cell === "string" ? [] : codeSpans(cell);
  let raw = (spans[0] ?? text).trim();
  let required: boolean | undefined;
  if (/\(required\)|\*\s*$/i.test(text)) required = true;
  else if (/\(optional\)/i.test(text)) required = false;
  raw = raw
    .replace(/^[↳└├─\s-]+/, "")
    .replace(/\s*\((?:required|optional)\)\s*$/i, "")
    .replace(/\*+$/, "")
    .trim();
  // Discord: `name?` is an optional field.
  if (raw.endsWith("?")) {
    raw = raw.slice(0, -1);
    required ??= false;
  }
  if (raw.startsWith(":")) raw = raw.slice(1); // Mastodon's `:id` path parameters
  if (raw === "" || isAbsent(raw) || !NAME.test(raw)) return undefined;
  return { path: fieldPath(raw), ...(required === undefined ? {} : { required }) };
}

/** "data[].status" → ["data", "[]", "status"]; "user[name]" → ["user", "name"]; "items[0].id" → ["items", "[]", "id"]. */
export function fieldPath(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(".")) {
    const m = /^([^[]*)((?:\[[^\]]*\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const b of m[2]!.match(/\[[^\]]*\]/g) ?? []) {
      const inner = b.slice(1, -1);
      // `[]`, `[0]`, `[i]`, `[n]`, `[*]`: an element of an array; `[name]` a member.
      out.push(inner === "" || /^(?:\d+|[a-z]|idx|index|\*)$/.test(inner) ? "[]" : inner);
    }
  }
  return out.filter(Boolean);
}

/** Folds what a description states into the fact: enum, range, default, required, a type. */
export function parseFieldDescription(fact: FieldFact, nodes: readonly Nodes[], source: string): void {
  const description = sourceOf(source, nodes as PhrasingContent[]);
  const plain = plainText(nodes);
  if (description && !isAbsent(description)) fact.description = cleanDescription(description);
  const values = enumFromProse(nodes);
  if (values && !fact.enum) fact.enum = values;
  const range = rangeFromProse(plain);
  if (range.minimum !== undefined && fact.minimum === undefined) fact.minimum = range.minimum;
  if (range.maximum !== undefined && fact.maximum === undefined) fact.maximum = range.maximum;
  const described = typeFromDescription(plain);
  if (described) fact.described = described;
  else if (values?.every((v) => /^(?:true|false)$/.test(v))) fact.described = { type: "boolean" };
  else if (values?.every((v) => !/^-?\d+(\.\d+)?$|^(true|false|null)$/.test(v))) fact.described = { type: "string" };
  if (fact.required === undefined && requiredFromProse(plain)) fact.required = true;
  if (fact.required === undefined && optionalFromProse(plain)) fact.required = false;
  if (!fact.hasDefault && fact.defaultWord === undefined) {
    // The markdown, so `b` stays a code span (one value) rather than the "b." of the sentence.
    const word = defaultFromProse(description || plain);
    if (word !== undefined) fact.defaultWord = word;
  }
}

/** Hugo shortcodes such as `{{<required>}}` are markup, not words of the description. */
function cleanDescription(text: string): string {
  return text.replace(/\{\{<\s*[\w-]+\s*>\}\}\s*/g, "").trim();
}

/**
 * A type stated in a description: "Integer. …", "String (ISO 8601 Datetime).", "(string)",
 * "Type: boolean", "Array of String.", "ISO 8601 timestamp".
 */
export function typeFromDescription(text: string): JsonObject | undefined {
  const t = text
    .replace(/\{\{<\s*[\w-]+\s*>\}\}/g, "")
    .replace(/^\s*(?:required|optional)\s*[.,:;—–-]\s*/i, "")
    .trim();
  const first = /^([^.;:—–]{1,40}?)(?:\s*\([^)]*\))?\s*(?:[.;:—–]|$)/.exec(t);
  if (first && first[1]!.split(/\s+/).length <= 4) {
    const phrase = parseTypePhrase(first[1]!.toLowerCase());
    if (phrase && Object.keys(phrase).length > 0 && isTypeStatement(first[1]!)) return phrase;
  }
  // "Boolean for use with …", "Hash of timing information", "Completion result as a string".
  const lead = /^(string|integer|boolean|array|object|hash|float|int|bool)\b(?=\s+(?:for|indicating|that|which|with|of|to|containing|representing|describing|if|whether)\b)/i.exec(
    t,
  );
  if (lead) return parseTypePhrase(lead[1]!.toLowerCase());
  const as = /\bas an? (string|integer|number|boolean|array|object)\b(?!\s+or\b)/i.exec(t);
  if (as) return { type: as[1]!.toLowerCase() };
  const m = /\((string|integer|number|boolean|object|array)\)/i.exec(t) ?? /\btype\s*:?\s*`?(string|integer|number|boolean|object|array)\b`?/i.exec(t);
  if (m) return { type: m[1]!.toLowerCase() };
  if (/\b(ISO[ -]?8601|RFC[ -]?3339)\b/i.test(t) && /\b(time|timestamp|date-time|datetime)\b/i.test(t)) {
    return { type: "string", format: "date-time" };
  }
  return undefined;
}

/** "String", "Array of String", "Integer" start a description as a type; "Hash of the key" or "ID of the user" do not. */
function isTypeStatement(phrase: string): boolean {
  const words = phrase.trim().split(/\s+/);
  if (words.length === 1) return /^(?:string|integer|number|boolean|object|array|hash|float|int|bool|datetime|timestamp|date|url|uri|uuid)$/i.test(words[0]!);
  return (
    /^(?:array|list|hash|map|string|integer|number|boolean|nullable)\b/i.test(phrase) &&
    /\b(?:of|or|string|integer|number|boolean|object|hash)\b/i.test(phrase.slice(words[0]!.length))
  );
}

/** ["data", "[]", "status"] → "data[].status". */
export function pathName(path: readonly string[]): string {
  return path.reduce((out, segment) => (segment === "[]" ? `${out}[]` : out ? `${out}.${segment}` : segment), "");
}
