/**
 * Examples as vendors write them. JSON is read with jsonc-parser (comments and trailing commas
 * allowed) after elisions (`...`, `…`, `// more fields`) are blanked out and unquoted `<id>`
 * placeholders quoted, keeping every offset, so each key and element keeps its line. An object
 * with an elision is marked `partial`: its keys are evidence of fields, its missing keys are not
 * evidence of anything. `http` message blocks ("GET /x HTTP/1.1", "HTTP/1.1 200 OK") give
 * method, status, headers and body.
 */
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { computeLineStarts, lineFromStarts } from "../load/line-index.ts";

/** Line of a JSON value; for objects the children are keyed by property name (the line of the key), for arrays by index. */
export interface JsonLocation {
  line: number;
  children?: Map<string, JsonLocation>;
  /** The object or array had an elision: what is missing is not evidence. */
  partial?: boolean;
  /** A number written with a fraction or exponent (`1.0`): a number, not an integer. */
  decimal?: boolean;
  /** An unquoted `<value>` placeholder: a value of unknown type. */
  placeholder?: boolean;
  /** `"a" | "b"`: the values the page lists for this field. */
  values?: unknown[];
  /** The comment written above this member (and the members after it, up to the next comment). */
  comment?: string;
}

export type JsonParseResult = { ok: true; value: unknown; location: JsonLocation; elided: boolean } | { ok: false; line: number; column: number; reason: string };

/** A comment that says something was left out: `// more fields`, `/* … *\/`, `// etc.` */
const ELIDING_COMMENT = /\.\.\.|…|\b(?:more|etc|omitted|truncated|other|others|additional|remaining|rest|snip|abbreviated)\b/i;

/** Values that stand for a type word written in place of a value, no wider than the word. */
const TYPE_VALUES: Record<string, string> = {
  float: "0.5",
  double: "0.5",
  number: "0.5",
  decimal: "0.5",
  int: "0",
  integer: "0",
  long: "0",
  bool: "true",
  boolean: "true",
  string: '"str"',
  str: '"s"',
  object: "{}",
  array: "[]",
};

interface Prepared {
  text: string;
  elisions: number[];
  /** Offsets of unquoted `<placeholder>` values: they stand for a value of unknown type. */
  placeholders: Set<number>;
  /** `"a" | "b"`: the offset of the first string and every alternative written. */
  unions: Map<number, unknown[]>;
  /** Comments (`// Only set if status is "error"`) by offset. */
  comments: { offset: number; text: string }[];
}

/** Blanks out elisions and quotes `<placeholder>` values, keeping every offset where it was. */
function prepare(source: string): Prepared {
  const out = source.split("");
  const elisions: number[] = [];
  const placeholders = new Set<number>();
  const unions = new Map<number, unknown[]>();
  const comments: { offset: number; text: string }[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '"') {
      const start = i;
      i++;
      while (i < source.length && source[i] !== '"' && source[i] !== "\n") i += source[i] === "\\" ? 2 : 1;
      i++;
      // `"success" | "error"`: pseudo-JSON listing the values a field takes; the first stays, the rest are blanked.
      const union = /^(\s*\|\s*"[^"\n]*")+/.exec(source.slice(i));
      if (union) {
        const values = [JSON.parse(source.slice(start, i)) as unknown, ...[...union[0].matchAll(/"([^"\n]*)"/g)].map((m) => m[1])];
        unions.set(start, values);
        for (let k = i; k < i + union[0].length; k++) out[k] = " ";
        i += union[0].length;
      }
      continue;
    }
    if (c === "/" && (source[i + 1] === "/" || source[i + 1] === "*")) {
      const end = source[i + 1] === "/" ? source.indexOf("\n", i) : source.indexOf("*/", i + 2) + 2;
      const stop = end <= 0 || end === 1 ? source.length : end;
      if (ELIDING_COMMENT.test(source.slice(i, stop))) elisions.push(i);
      comments.push({
        offset: i,
        text: source
          .slice(i, stop)
          .replace(/^\/[/*]\s*|\s*\*\/$/g, "")
          .trim(),
      });
      i = stop;
      continue;
    }
    if (source.startsWith("...", i) || c === "…") {
      const len = c === "…" ? 1 : /^\.+/.exec(source.slice(i))![0].length;
      for (let k = i; k < i + len; k++) out[k] = " ";
      // `"type": ...`: a value left out stands as a placeholder (of no known type) when there is room.
      if (/:\s*$/.test(out.slice(Math.max(0, i - 20), i).join("")) && len >= 2) {
        out[i] = '"';
        out[i + 1] = '"';
        placeholders.add(i);
      } else elisions.push(i);
      i += len;
      continue;
    }
    // Pseudo-JSON that names a type where a value goes ("prob": float): a value of that type, same width.
    if (/[A-Za-z]/.test(c) && /[:[,]\s*$/.test(source.slice(Math.max(0, i - 40), i))) {
      const word = /^[A-Za-z_]\w*/.exec(source.slice(i))![0];
      const stand = TYPE_VALUES[word.toLowerCase()];
      if (stand && stand.length <= word.length) {
        const filled = stand.padEnd(word.length, " ");
        for (let k = 0; k < word.length; k++) out[i + k] = filled[k]!;
      }
      i += word.length;
      continue;
    }
    if (c === "<") {
      const m = /^<[\w .:|-]{1,40}>/.exec(source.slice(i));
      if (m) {
        out[i] = '"';
        out[i + m[0].length - 1] = '"';
        placeholders.add(i);
        i += m[0].length;
        continue;
      }
    }
    i++;
  }
  // `{…},` — one element cut out of a list: the comma after the value is not part of it.
  const trailing = /,\s*$/.exec(out.join(""));
  if (trailing) out[trailing.index] = " ";
  return { text: out.join(""), elisions, placeholders, unions, comments };
}

/** Parses an example; lines in the result are `firstLine`-based (the markdown line of the text's first character). */
export function parseExampleJson(source: string, firstLine = 1): JsonParseResult {
  const starts = computeLineStarts(source);
  const lineAt = (offset: number): number => firstLine + lineFromStarts(starts, offset) - 1;
  const { text, elisions, placeholders, unions, comments } = prepare(source);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
    const first = errors[0];
    const offset = first?.offset ?? 0;
    const column = offset - (starts[lineFromStarts(starts, offset) - 1] ?? 0) + 1;
    const reason = first ? describe(printParseErrorCode(first.error), text.slice(offset, offset + Math.max(1, first.length))) : "no JSON value";
    return { ok: false, line: lineAt(offset), column, reason };
  }
  const partial = new Set<Node>();
  for (const at of elisions) {
    const container = innermostContainer(root, at);
    if (container) partial.add(container);
  }
  // An elision after the root value (`{…} ...`) leaves the value whole but says more values exist.
  return { ok: true, value: getNodeValue(root), location: locate(root, lineAt, partial, { text, placeholders, unions, comments }), elided: elisions.length > 0 };
}

function describe(code: string, near: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return `${words} near ${JSON.stringify(near)}`;
}

function innermostContainer(node: Node, offset: number): Node | undefined {
  if (offset < node.offset || offset > node.offset + node.length) return undefined;
  for (const child of node.children ?? []) {
    const inner = innermostContainer(child.type === "property" ? (child.children?.[1] ?? child) : child, offset);
    if (inner) return inner;
  }
  return node.type === "object" || node.type === "array" ? node : undefined;
}

interface Marks {
  text: string;
  placeholders: ReadonlySet<number>;
  unions: ReadonlyMap<number, unknown[]>;
  comments: readonly { offset: number; text: string }[];
}

function locate(node: Node, lineAt: (offset: number) => number, partial: ReadonlySet<Node>, marks: Marks): JsonLocation {
  const location: JsonLocation = { line: lineAt(node.offset) };
  if (partial.has(node)) location.partial = true;
  if (node.type === "number" && /[.eE]/.test(marks.text.slice(node.offset, node.offset + node.length))) location.decimal = true;
  if (node.type === "string" && marks.placeholders.has(node.offset)) location.placeholder = true;
  const union = marks.unions.get(node.offset);
  if (union) location.values = union;
  if (node.type === "object") {
    location.children = new Map();
    let comment: string | undefined;
    let from = node.offset;
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (!key || !value) continue;
      const above = marks.comments.filter((c) => c.offset > from && c.offset < key.offset);
      if (above.length > 0) comment = above.map((c) => c.text).join(" ");
      from = property.offset + property.length;
      location.children.set(String(key.value), { ...locate(value, lineAt, partial, marks), line: lineAt(key.offset), ...(comment ? { comment } : {}) });
    }
  } else if (node.type === "array") {
    location.children = new Map();
    (node.children ?? []).forEach((child, i) => {
      location.children!.set(String(i), locate(child, lineAt, partial, marks));
    });
  }
  return location;
}

/** Strings that stand for a value rather than being one: "string", "<id>", "YOUR_API_KEY", "…". */
export function isPlaceholderString(value: string): boolean {
  return (
    /^<[^<>]+>$/.test(value) ||
    /^\{\{?[^{}]+\}?\}$/.test(value) ||
    /^(?:string|integer|number|boolean|text|uuid|date|datetime|timestamp|url|value|id|\.\.\.|…)$/i.test(value) ||
    /^(?:YOUR|MY)_[A-Z0-9_]+$/.test(value) ||
    /^\$[A-Z_][A-Z0-9_]*$/.test(value)
  );
}

export interface HttpHeader {
  name: string;
  value: string;
  line: number;
}

export type HttpMessage =
  | { kind: "request"; method: string; target: string; headers: HttpHeader[]; body?: { text: string; line: number } }
  | { kind: "response"; status: string; reason?: string; headers: HttpHeader[]; body?: { text: string; line: number } }
  /** Headers then a body, with no start line (a response printed from its headers on). */
  | { kind: "headers"; headers: HttpHeader[]; body?: { text: string; line: number } };

/**
 * An HTTP message as docs print it, also as a `curl -v` transcript (`> ` and `< ` prefixes, `* `
 * notes, `...` for what was left out). Lines are 1-based within `text`. A request needs a method
 * and a target on its first line; a response `HTTP/x[.y] NNN` (or `HTTP NNN`); otherwise leading
 * `Name: value` lines make a "headers" message.
 */
export function parseHttpMessage(text: string): HttpMessage | undefined {
  type Line = { text: string; kind: "blank" | "elided" | "text" };
  const lines: Line[] = text.split("\n").map((raw) => {
    const t = raw.replace(/^[<>] ?/, "").trimEnd();
    if (/^\*\s/.test(raw) || t.trim() === "") return { text: "", kind: "blank" };
    if (/^\s*(?:\.\.\.|…)\s*$/.test(t)) return { text: "", kind: "elided" };
    return { text: t, kind: "text" };
  });
  let i = 0;
  while (i < lines.length && lines[i]!.kind !== "text") i++;
  const head = lines[i]?.text.trim() ?? "";
  const request = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/[\d.]+)?$/.exec(head);
  // "HTTP/1.1 200 OK", "HTTP 404", or a bare "200 OK" line above a body.
  const response = /^HTTP(?:\/[\d.]+)?\s+([1-5]\d\d)(?:\s+(.+))?$/i.exec(head) ?? /^([1-5]\d\d)\s+([A-Z][A-Za-z' -]{1,40})$/.exec(head);
  if (request || response) i++;
  const headers: HttpHeader[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.kind === "elided") continue;
    if (line.kind === "blank") {
      if (headers.length > 0 || request || response) break;
      continue;
    }
    const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line.text.trim());
    if (!m || /^https?$/i.test(m[1]!)) break; // the body starts without a blank line
    headers.push({ name: m[1]!, value: m[2]!.trim(), line: i + 1 });
  }
  while (i < lines.length && lines[i]!.kind !== "text") i++;
  const rest = lines.slice(i).map((l) => l.text);
  const body = rest.join("\n").trim() ? { text: rest.join("\n"), line: i + 1 } : undefined;
  if (request) return { kind: "request", method: request[1]!, target: request[2]!, headers, ...(body ? { body } : {}) };
  if (response) return { kind: "response", status: response[1]!, ...(response[2] ? { reason: response[2]!.trim() } : {}), headers, ...(body ? { body } : {}) };
  if (headers.length > 0) return { kind: "headers", headers, ...(body ? { body } : {}) };
  return undefined;
}
