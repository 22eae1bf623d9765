/**
 * Facts written in words: type cells, default cells, and constraints stated in descriptions
 * ("Range: 60–3600", "`a`, `b`, or `c`"). Each reader is small, pure and returns nothing when the
 * words do not say it plainly; the heuristics are listed in generator/docs/README.md.
 */
import type { Nodes } from "mdast";
import type { JsonObject } from "../openapi/types.ts";
import { REQUIRED_WORDS } from "./vocabulary.ts";

export type JsonType = "string" | "integer" | "number" | "boolean" | "object" | "array" | "null";

export function typesOf(schema: JsonObject): string[] {
  const t = schema.type;
  return Array.isArray(t) ? (t as string[]) : typeof t === "string" ? [t] : [];
}

/** Adds "null" to a schema's type (and to its enum, so null stays valid). */
export function addNull(schema: JsonObject): void {
  const types = typesOf(schema);
  if (types.length === 0 || types.includes("null")) return;
  schema.type = [...types, "null"];
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
}

/** The main non-null type of a schema, when it has exactly one. */
export function primaryType(schema: JsonObject | undefined): JsonType | undefined {
  if (!schema) return undefined;
  const types = typesOf(schema).filter((t) => t !== "null");
  return types.length === 1 ? (types[0] as JsonType) : undefined;
}

/** "—", "-", "n/a", empty: no value written. */
export function isAbsent(raw: string): boolean {
  return /^(|[-–—‒―−]+|n\/?a|none)$/i.test(raw.trim());
}

export type DefaultCell = { ok: true; value?: unknown } | { ok: false; reason: string };

/**
 * A Default cell read as a value of the declared type: `1800` → 1800, a bare word → that string,
 * "—"/empty/"none" → no default. A value that is not of the declared type is an error.
 */
export function parseDefaultCell(nodes: readonly Nodes[], schema: JsonObject | undefined): DefaultCell {
  const raw = plainCell(nodes);
  const isCode = nodes.length === 1 && nodes[0]!.type === "inlineCode";
  if (!isCode && isAbsent(raw)) return { ok: true };
  const types = schema ? typesOf(schema) : [];
  if (types.includes("null") && raw === "null") return { ok: true, value: null };
  const type = primaryType(schema);
  const bad = (what: string): DefaultCell => ({ ok: false, reason: `default "${raw}" is not ${what}` });
  switch (type) {
    case "integer": {
      const n = parseNumberWord(raw);
      return n !== undefined && Number.isInteger(n) ? { ok: true, value: n } : bad("an integer");
    }
    case "number": {
      const n = parseNumberWord(raw);
      return n !== undefined ? { ok: true, value: n } : bad("a number");
    }
    case "boolean":
      return /^(true|false)$/i.test(raw) ? { ok: true, value: raw.toLowerCase() === "true" } : bad("a boolean (true or false)");
    case "object":
    case "array": {
      const v = tryJson(raw);
      const ok = type === "array" ? Array.isArray(v) : v !== null && typeof v === "object" && !Array.isArray(v);
      return ok ? { ok: true, value: v } : bad(type === "array" ? "a JSON array" : "a JSON object");
    }
    case "string": {
      const v = /^".*"$/.test(raw) ? tryJson(raw) : undefined;
      return { ok: true, value: typeof v === "string" ? v : raw };
    }
    default: {
      // No single declared type: JSON if it reads as JSON, else the words.
      const v = tryJson(raw);
      return { ok: true, value: v === undefined ? raw : v };
    }
  }
}

function plainCell(nodes: readonly Nodes[]): string {
  let out = "";
  for (const n of nodes) {
    if (n.type === "text" || n.type === "inlineCode") out += n.value;
    else if ("children" in n) out += plainCell(n.children as Nodes[]);
  }
  return out.trim();
}

function tryJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

const NUMBER_WORD = /^[+-]?(?:\d{1,3}(?:[,_]\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** "1800", "1,000", "1_000", "2.5" → number; anything else → undefined. */
export function parseNumberWord(raw: string): number | undefined {
  const t = raw.trim().replace(/^[−–]/, "-");
  if (!NUMBER_WORD.test(t)) return undefined;
  const n = Number(t.replace(/[,_]/g, ""));
  return Number.isFinite(n) ? n : undefined;
}

/** A string read as a value of the type (query examples, enum words); undefined when it is not one. */
export function coerceWord(raw: string, type: JsonType | undefined): unknown {
  switch (type) {
    case "integer": {
      const n = parseNumberWord(raw);
      return n !== undefined && Number.isInteger(n) ? n : undefined;
    }
    case "number":
      return parseNumberWord(raw);
    case "boolean":
      return raw === "true" ? true : raw === "false" ? false : undefined;
    case "null":
      return raw === "null" ? null : undefined;
    case "object":
    case "array":
      return undefined;
    default:
      return raw;
  }
}

const ENUM_SEPARATOR = /^\s*(?:,|,?\s*or|\||\/)\s*$/i;

/**
 * An enumeration written as code spans joined by commas / "or" / "|" / "/":
 * "`creating`, `ready`, `closed`, or `error`" → ["creating", "ready", "closed", "error"].
 * Needs at least two spans in one run; the first such run of the description wins.
 */
export function enumFromProse(nodes: readonly Nodes[]): string[] | undefined {
  const flat = flattenInline(nodes);
  // "health check type: `["http", "https", "tcp"]`": the values as a JSON array.
  for (const node of flat) {
    if (node.type !== "inlineCode" || !/^\s*\[/.test(node.value)) continue;
    const list = tryJson(node.value);
    if (Array.isArray(list) && list.length >= 2 && list.every((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean")) {
      return [...new Set(list.map(String))];
    }
  }
  let run: string[] = [];
  let alternative = false;
  let before = "";
  let lead = "";
  let best: string[] | undefined;
  let gapOk = true;
  // A run is an enumeration when it offers alternatives ("`a`, `b`, or `c`") or is introduced as one
  // ("one of `a`, `b`"); "but including `n_ctx`, `model`" lists fields, not values.
  const close = (): void => {
    if (run.length >= 2 && !best && (alternative || ENUM_INTRO.test(lead))) best = run;
    run = [];
    alternative = false;
  };
  for (const node of flat) {
    if (node.type === "inlineCode") {
      if (run.length > 0 && gapOk) run.push(node.value);
      else {
        close();
        lead = before;
        run = [node.value];
      }
      gapOk = false;
    } else if (node.type === "text") {
      if (run.length > 0 && !gapOk && ENUM_SEPARATOR.test(node.value)) {
        gapOk = true;
        if (/\bor\b|\||\//i.test(node.value)) alternative = true;
      } else {
        close();
        gapOk = false;
      }
      before = node.value;
    } else {
      close();
      gapOk = false;
      before = "";
    }
  }
  close();
  if (!best) return undefined;
  const unique = [...new Set(best.map((v) => v.trim()))];
  // Spans with spaces or separators inside are phrases or field paths, not values.
  if (unique.some((v) => v === "" || /\s/.test(v))) return undefined;
  return unique;
}

const ENUM_INTRO = /\b(?:one of|either|values?|possible|allowed|accepted|supported|options?|can be|must be|valid|choices|following|are|is)\s*:?\s*$/i;

function flattenInline(nodes: readonly Nodes[]): Nodes[] {
  const out: Nodes[] = [];
  for (const n of nodes) {
    if (n.type === "text" || n.type === "inlineCode") out.push(n);
    else if ((n.type === "emphasis" || n.type === "strong") && "children" in n) out.push(...flattenInline(n.children));
    else out.push(n);
  }
  return out;
}

const NUM = String.raw`([+\-−]?\d[\d,_]*(?:\.\d+)?)`;
const DASH = String.raw`(?:[-–—‒―−~]|\.\.|\bto\b)`;

/** "Range: 60–3600" (any dash, "to", ".."), "between 1 and 100", "Min: 1", "Maximum 100". */
export function rangeFromProse(text: string): { minimum?: number; maximum?: number } {
  const out: { minimum?: number; maximum?: number } = {};
  const range =
    new RegExp(String.raw`\brange\s*:?\s*(?:is\s*|of\s*)?${NUM}\s*${DASH}\s*${NUM}`, "i").exec(text) ?? new RegExp(String.raw`\bbetween\s+${NUM}\s+and\s+${NUM}`, "i").exec(text);
  if (range) {
    const lo = parseNumberWord(range[1]!);
    const hi = parseNumberWord(range[2]!);
    if (lo !== undefined && hi !== undefined && lo <= hi) return { minimum: lo, maximum: hi };
  }
  const min = new RegExp(String.raw`\bmin(?:imum)?\s*(?::|=|of|is)?\s*${NUM}`, "i").exec(text);
  const max = new RegExp(String.raw`\bmax(?:imum)?\s*(?::|=|of|is)?\s*${NUM}`, "i").exec(text);
  if (min) {
    const n = parseNumberWord(min[1]!);
    if (n !== undefined) out.minimum = n;
  }
  if (max) {
    const n = parseNumberWord(max[1]!);
    if (n !== undefined) out.maximum = n;
  }
  if (out.minimum !== undefined && out.maximum !== undefined && out.minimum > out.maximum) return {};
  return out;
}

/** "Required.", "**Required**", "(required)" at the start of a description. */
export function requiredFromProse(text: string): boolean {
  return /^\s*(?:\*\*)?required\b|\(required\)|\{\{<\s*required\s*>\}\}|\b(?:is|are) (?:required|mandatory)\b|\bmust be (?:provided|given|specified|set|supplied)\b/i.test(text);
}

/** "Optional." / "(optional)" at the start of a description. */
export function optionalFromProse(text: string): boolean {
  return /^\s*(?:\*\*)?optional\b|^\s*\(optional\)/i.test(text);
}

/** "Required" column cells: yes/true/required/✓ → true; no/false/optional/— → false. */
export function parseRequiredCell(raw: string): boolean | undefined {
  const t = raw.trim().toLowerCase().replace(/[`*_]/g, "").replace(/\.$/, "");
  if ((REQUIRED_WORDS.yes as readonly string[]).includes(t) || /^(?:yes|required)\b/.test(t)) return true;
  if ((REQUIRED_WORDS.no as readonly string[]).includes(t) || /^(?:no|optional)\b/.test(t) || isAbsent(t)) return false;
  return undefined;
}

/** "Defaults to `20`.", "Default: 20", "(default 20)", "default is `asc`" → the raw default word; undefined when none is stated. */
export function defaultFromProse(text: string): string | undefined {
  const m =
    /\bdefault(?:s)?(?:\s+value)?(?:\s+(?:is|to|of|=))?\s*[:=]?\s*(`[^`]+`|"[^"]*"|'[^']*'|\[[^\]]*\]|\{[^}]*\}|-?\d[\d,_]*(?:\.\d+)?\b|true\b|false\b|null\b|[A-Za-z_][\w.-]*)/i.exec(
      text,
    );
  if (!m) return undefined;
  // "Defaults to `true` when `tmid` is specified": a default under a condition is not the default.
  const after = text.slice(m.index + m[0].length);
  if (/^\s*(?:when|if|unless|for|in case|only)\b/i.test(after)) return undefined;
  // "Defaults to minimum possible time", "Default: randomly generated": a phrase, not a value.
  if (/^[A-Za-z_]/.test(m[1]!) && /^\s+[a-z]/i.test(after)) return undefined;
  const word = m[1]!.replace(/^[`"']|[`"']$/g, "").replace(/(?<=[A-Za-z])[.,;:]+$/, "");
  // "Default: _n/a_": emphasis around "not applicable" is no value.
  if (/^_/.test(m[1]!) && /^_?n(?:\/a)?_?$|^_none_?$/i.test(text.slice(m.index + m[0].length - m[1]!.length).split(/\s/)[0]!)) return undefined;
  // "Defaults to the workspace's …" / "default behaviour": words, not a value.
  if (!/^[`"']/.test(m[1]!) && /^(?:the|a|an|this|that|it|its|their|your|none|no|is|to|value|behaviou?r|setting|settings|when|if|for|on|in|of|and|or|being)$/i.test(word))
    return undefined;
  return word;
}

/** Media types written in code spans: `image/png`, `application/json`, `text/plain; charset=utf-8`. */
export function mediaTypesIn(spans: readonly string[]): string[] {
  const out: string[] = [];
  for (const span of spans) {
    const m = /^\s*([a-z]+\/[a-z0-9.+*-]+)\s*(?:;.*)?$/i.exec(span);
    if (m && !out.includes(m[1]!.toLowerCase())) out.push(m[1]!.toLowerCase());
  }
  return out;
}

const REASONS: Record<string, string> = {
  "200": "OK",
  "201": "Created",
  "202": "Accepted",
  "203": "Non-Authoritative Information",
  "204": "No Content",
  "206": "Partial Content",
  "301": "Moved Permanently",
  "302": "Found",
  "303": "See Other",
  "304": "Not Modified",
  "307": "Temporary Redirect",
  "308": "Permanent Redirect",
  "400": "Bad Request",
  "401": "Unauthorized",
  "402": "Payment Required",
  "403": "Forbidden",
  "404": "Not Found",
  "405": "Method Not Allowed",
  "406": "Not Acceptable",
  "408": "Request Timeout",
  "409": "Conflict",
  "410": "Gone",
  "412": "Precondition Failed",
  "413": "Content Too Large",
  "415": "Unsupported Media Type",
  "422": "Unprocessable Content",
  "423": "Locked",
  "424": "Failed Dependency",
  "425": "Too Early",
  "428": "Precondition Required",
  "429": "Too Many Requests",
  "500": "Internal Server Error",
  "501": "Not Implemented",
  "502": "Bad Gateway",
  "503": "Service Unavailable",
  "504": "Gateway Timeout",
};

/** The HTTP reason phrase, used as a response description when the docs give none. */
export function reasonPhrase(status: string): string {
  return REASONS[status] ?? (/^[1-5]XX$/i.test(status) ? `${status[0]}XX response` : status === "default" ? "Default response" : `Response ${status}`);
}

/** "404", "`404`", "404 Not Found", "4XX" → the status key; undefined otherwise. */
export function parseStatus(raw: string): string | undefined {
  const m = /^\s*`?([1-5]\d\d|[1-5]XX)`?\b/i.exec(raw);
  return m ? m[1]!.toUpperCase() : undefined;
}
