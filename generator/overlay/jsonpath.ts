/**
 * A subset of RFC 9535 JSONPath, enough to target nodes of an OpenAPI document from an overlay.
 *
 * Supported: root `$`; child segments `.name`, `.*`, `[<selectors>]`; descendant segments `..name`,
 * `..*`, `..[<selectors>]`; selectors: name (`'a'` / `"a"`, with RFC 9535 escapes), wildcard `*`,
 * index (negative counts from the end), slice `start:end:step`, filter `?<expr>`. Filter
 * expressions: `||`, `&&`, `!`, parentheses, existence tests of `@`/`$` queries, comparisons
 * (`==`, `!=`, `<`, `<=`, `>`, `>=`) between singular queries and string / number / true / false /
 * null literals. Not supported: function extensions (`length()`, `match()`, …) — a syntax error.
 *
 * One deliberate extension: a member-name shorthand may contain `-` after its first character
 * (`@.x-oai-traits`, as the Overlay 1.0 spec's own example writes it); no valid RFC 9535 query has
 * a `-` right after a shorthand name, so every valid query keeps its meaning.
 *
 * Results are JSON pointers in document order (pre-order; object members in key order, array
 * elements by index), each node once: an overlay acts on a set of nodes, not on RFC 9535's
 * nodelist with its selector order and duplicates.
 */
import { DriftlessError } from "../problems/error.ts";
import { deepEqual } from "../openapi/json.ts";
import { toPointer } from "../openapi/pointer.ts";

/** A target that is not a well-formed query; `column` is 1-based within the query text. */
export class JsonPathSyntaxError extends DriftlessError {
  readonly path: string;
  readonly column: number;
  readonly reason: string;

  constructor(path: string, column: number, reason: string) {
    super("E_INPUT", `JSONPath ${path}: ${reason} at column ${column}`);
    this.name = "JsonPathSyntaxError";
    this.path = path;
    this.column = column;
    this.reason = reason;
  }
}

// ---------------------------------------------------------------------------------------------
// Syntax tree

type Primitive = string | number | boolean | null;

type Selector =
  | { kind: "name"; name: string }
  | { kind: "wildcard" }
  | { kind: "index"; index: number }
  | { kind: "slice"; start?: number; end?: number; step?: number }
  | { kind: "filter"; expr: LogicalExpr };

interface Segment {
  descendant: boolean;
  selectors: Selector[];
}

interface Query {
  root: "$" | "@";
  segments: Segment[];
}

type ComparisonOp = "==" | "!=" | "<" | "<=" | ">" | ">=";

type Comparable = { kind: "literal"; value: Primitive } | { kind: "query"; query: Query };

type LogicalExpr =
  | { kind: "or"; items: LogicalExpr[] }
  | { kind: "and"; items: LogicalExpr[] }
  | { kind: "not"; expr: LogicalExpr }
  | { kind: "exists"; query: Query }
  | { kind: "compare"; op: ComparisonOp; left: Comparable; right: Comparable };

/** A parsed query, reusable against many documents. */
export interface JsonPath {
  readonly text: string;
  readonly query: Query;
}

// ---------------------------------------------------------------------------------------------
// Parser: recursive descent over the ABNF of RFC 9535.

const MAX_EXACT = 2 ** 53 - 1; // I-JSON range of exact integers
const BLANK = new Set([" ", "\t", "\n", "\r"]);

function isAlpha(c: string): boolean {
  return (c >= "A" && c <= "Z") || (c >= "a" && c <= "z");
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

function isNameFirst(c: string): boolean {
  if (c === "_" || isAlpha(c)) return true;
  const code = c.codePointAt(0) ?? 0;
  return code >= 0x80 && !(code >= 0xd800 && code <= 0xdfff);
}

function isNameChar(c: string): boolean {
  return isNameFirst(c) || isDigit(c) || c === "-"; // "-": the documented extension
}

class Parser {
  readonly text: string;
  pos = 0;

  constructor(text: string) {
    this.text = text;
  }

  fail(reason: string, at = this.pos): never {
    throw new JsonPathSyntaxError(this.text, at + 1, reason);
  }

  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? "";
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  eof(): boolean {
    return this.pos >= this.text.length;
  }

  skipBlank(): void {
    while (BLANK.has(this.peek())) this.pos++;
  }

  /** The whole character (code point) at the position, so names may use any Unicode letter. */
  peekChar(): string {
    const code = this.text.codePointAt(this.pos);
    return code === undefined ? "" : String.fromCodePoint(code);
  }

  describe(): string {
    return this.eof() ? "end of the query" : `"${this.peek()}"`;
  }

  expect(s: string, what: string): void {
    if (!this.startsWith(s)) this.fail(`expected ${what} but found ${this.describe()}`);
    this.pos += s.length;
  }

  parseRoot(): Query {
    if (this.peek() !== "$") this.fail(`a query must start with "$" but starts with ${this.describe()}`);
    this.pos++;
    const query: Query = { root: "$", segments: this.parseSegments() };
    if (!this.eof()) this.fail(`unexpected ${this.describe()}`);
    return query;
  }

  /** `*(S segment)`: blank space is only consumed when a segment follows it. */
  parseSegments(): Segment[] {
    const segments: Segment[] = [];
    for (;;) {
      const save = this.pos;
      this.skipBlank();
      const c = this.peek();
      if (c !== "." && c !== "[") {
        this.pos = save;
        return segments;
      }
      segments.push(this.parseSegment());
    }
  }

  parseSegment(): Segment {
    if (this.startsWith("..")) {
      this.pos += 2;
      const c = this.peek();
      if (c === "[") return { descendant: true, selectors: this.parseBracketed() };
      if (c === "*") {
        this.pos++;
        return { descendant: true, selectors: [{ kind: "wildcard" }] };
      }
      if (isNameFirst(this.peekChar())) return { descendant: true, selectors: [{ kind: "name", name: this.parseShorthand() }] };
      this.fail(`expected a name, "*" or "[" after ".." but found ${this.describe()}`);
    }
    if (this.peek() === ".") {
      this.pos++;
      const c = this.peek();
      if (c === "*") {
        this.pos++;
        return { descendant: false, selectors: [{ kind: "wildcard" }] };
      }
      if (isNameFirst(this.peekChar())) return { descendant: false, selectors: [{ kind: "name", name: this.parseShorthand() }] };
      this.fail(`expected a member name or "*" after "." but found ${this.describe()}; quote other names as ['name']`);
    }
    return { descendant: false, selectors: this.parseBracketed() };
  }

  parseShorthand(): string {
    const start = this.pos;
    let first = true;
    while (!this.eof()) {
      const c = this.peekChar();
      if (!(first ? isNameFirst(c) : isNameChar(c))) break;
      this.pos += c.length;
      first = false;
    }
    return this.text.slice(start, this.pos);
  }

  parseBracketed(): Selector[] {
    this.expect("[", '"["');
    const selectors: Selector[] = [];
    for (;;) {
      this.skipBlank();
      selectors.push(this.parseSelector());
      this.skipBlank();
      if (this.peek() === ",") {
        this.pos++;
        continue;
      }
      if (this.peek() === "]") {
        this.pos++;
        return selectors;
      }
      this.fail(`expected "," or "]" but found ${this.describe()}`);
    }
  }

  parseSelector(): Selector {
    const c = this.peek();
    if (c === "'" || c === '"') return { kind: "name", name: this.parseString() };
    if (c === "*") {
      this.pos++;
      return { kind: "wildcard" };
    }
    if (c === "?") {
      this.pos++;
      this.skipBlank();
      return { kind: "filter", expr: this.parseLogicalOr() };
    }
    if (c === "-" || c === ":" || isDigit(c)) return this.parseIndexOrSlice();
    this.fail(`expected a selector (a quoted name, "*", an index, a slice or a "?" filter) but found ${this.describe()}`);
  }

  parseIndexOrSlice(): Selector {
    const start = this.peek() === ":" ? undefined : this.parseInt();
    const save = this.pos;
    this.skipBlank();
    if (this.peek() !== ":") {
      this.pos = save;
      return { kind: "index", index: start! };
    }
    this.pos++;
    this.skipBlank();
    let end: number | undefined;
    let step: number | undefined;
    if (this.peek() === "-" || isDigit(this.peek())) {
      end = this.parseInt();
      this.skipBlank();
    }
    if (this.peek() === ":") {
      this.pos++;
      this.skipBlank();
      if (this.peek() === "-" || isDigit(this.peek())) step = this.parseInt();
    }
    return { kind: "slice", start, end, step };
  }

  /** `int = "0" / (["-"] DIGIT1 *DIGIT)`, within the I-JSON exact range. */
  parseInt(): number {
    const start = this.pos;
    if (this.peek() === "-") this.pos++;
    if (this.peek() === "0") {
      this.pos++;
      if (this.pos - start === 2) this.fail("-0 is not an index", start);
      if (isDigit(this.peek())) this.fail("an integer must not have leading zeros", start);
      return 0;
    }
    if (!isDigit(this.peek())) this.fail(`expected a digit but found ${this.describe()}`);
    while (isDigit(this.peek())) this.pos++;
    const value = Number(this.text.slice(start, this.pos));
    if (Math.abs(value) > MAX_EXACT) this.fail("integer is out of the exact range ±(2^53-1)", start);
    return value;
  }

  /** A single- or double-quoted string literal with the escapes of RFC 9535 §2.3.1.1. */
  parseString(): string {
    const quote = this.peek();
    const start = this.pos;
    this.pos++;
    let out = "";
    for (;;) {
      if (this.eof()) this.fail(`unterminated string: missing closing ${quote}`, start);
      const c = this.peek();
      if (c === quote) {
        this.pos++;
        return out;
      }
      if (c === "\\") {
        out += this.parseEscape(quote);
        continue;
      }
      if (c < " ") this.fail("control characters must be escaped in a string");
      out += c;
      this.pos++;
    }
  }

  parseEscape(quote: string): string {
    const at = this.pos;
    this.pos++; // the backslash
    const c = this.peek();
    this.pos++;
    switch (c) {
      case "b":
        return "\b";
      case "f":
        return "\f";
      case "n":
        return "\n";
      case "r":
        return "\r";
      case "t":
        return "\t";
      case "/":
        return "/";
      case "\\":
        return "\\";
      case "u":
        return this.parseUnicodeEscape(at);
      default:
        if (c === quote) return c;
        this.fail(`invalid escape \\${c}`, at);
    }
  }

  parseUnicodeEscape(at: number): string {
    const unit = this.parseHex4(at);
    if (unit >= 0xdc00 && unit <= 0xdfff) this.fail("lone low surrogate in \\u escape", at);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      if (!this.startsWith("\\u")) this.fail("high surrogate must be followed by a \\u low surrogate", at);
      this.pos += 2;
      const low = this.parseHex4(at);
      if (low < 0xdc00 || low > 0xdfff) this.fail("high surrogate must be followed by a \\u low surrogate", at);
      return String.fromCharCode(unit, low);
    }
    return String.fromCharCode(unit);
  }

  parseHex4(at: number): number {
    const hex = this.text.slice(this.pos, this.pos + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("\\u must be followed by four hexadecimal digits", at);
    this.pos += 4;
    return parseInt(hex, 16);
  }

  // --- filter expressions ----------------------------------------------------------------------

  parseLogicalOr(): LogicalExpr {
    const items = [this.parseLogicalAnd()];
    for (;;) {
      const save = this.pos;
      this.skipBlank();
      if (!this.startsWith("||")) {
        this.pos = save;
        break;
      }
      this.pos += 2;
      this.skipBlank();
      items.push(this.parseLogicalAnd());
    }
    return items.length === 1 ? items[0]! : { kind: "or", items };
  }

  parseLogicalAnd(): LogicalExpr {
    const items = [this.parseBasic()];
    for (;;) {
      const save = this.pos;
      this.skipBlank();
      if (!this.startsWith("&&")) {
        this.pos = save;
        break;
      }
      this.pos += 2;
      this.skipBlank();
      items.push(this.parseBasic());
    }
    return items.length === 1 ? items[0]! : { kind: "and", items };
  }

  parseBasic(): LogicalExpr {
    if (this.peek() === "!" && this.peek(1) !== "=") {
      this.pos++;
      this.skipBlank();
      if (this.peek() === "(") return { kind: "not", expr: this.parseParen() };
      if (this.peek() === "@" || this.peek() === "$") return { kind: "not", expr: { kind: "exists", query: this.parseFilterQuery() } };
      this.rejectFunction();
      this.fail(`expected "(" or a query after "!" but found ${this.describe()}`);
    }
    if (this.peek() === "(") return this.parseParen();
    if (this.peek() === "@" || this.peek() === "$") {
      const start = this.pos;
      const query = this.parseFilterQuery();
      const op = this.peekComparison();
      if (!op) return { kind: "exists", query };
      requireSingular(this, query, start);
      return this.finishComparison({ kind: "query", query }, op);
    }
    this.rejectFunction();
    const literal = this.parseLiteral();
    const op = this.peekComparison();
    if (!op) this.fail(`a literal must be compared with something: expected a comparison operator but found ${this.describe()}`);
    return this.finishComparison(literal, op);
  }

  parseParen(): LogicalExpr {
    this.expect("(", '"("');
    this.skipBlank();
    const expr = this.parseLogicalOr();
    this.skipBlank();
    this.expect(")", '")"');
    return expr;
  }

  parseFilterQuery(): Query {
    const root = this.peek() as "$" | "@";
    this.pos++;
    return { root, segments: this.parseSegments() };
  }

  /** Consumes blank space and a comparison operator if one follows; otherwise leaves the position. */
  peekComparison(): ComparisonOp | undefined {
    const save = this.pos;
    this.skipBlank();
    for (const op of ["==", "!=", "<=", ">=", "<", ">"] as const) {
      if (this.startsWith(op)) {
        this.pos += op.length;
        this.skipBlank();
        return op;
      }
    }
    this.pos = save;
    return undefined;
  }

  finishComparison(left: Comparable, op: ComparisonOp): LogicalExpr {
    let right: Comparable;
    if (this.peek() === "@" || this.peek() === "$") {
      const start = this.pos;
      const query = this.parseFilterQuery();
      requireSingular(this, query, start);
      right = { kind: "query", query };
    } else {
      this.rejectFunction();
      right = this.parseLiteral();
    }
    return { kind: "compare", op, left, right };
  }

  parseLiteral(): Comparable {
    const c = this.peek();
    if (c === "'" || c === '"') return { kind: "literal", value: this.parseString() };
    for (const [word, value] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (this.startsWith(word) && !isNameChar(this.peek(word.length))) {
        this.pos += word.length;
        return { kind: "literal", value };
      }
    }
    const match = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/.exec(this.text.slice(this.pos));
    if (match) {
      const text = match[0];
      this.pos += text.length;
      if (isDigit(this.peek())) this.fail("a number must not have leading zeros", this.pos - text.length);
      return { kind: "literal", value: Number(text) };
    }
    this.fail(`expected a query, a literal, "(" or "!" but found ${this.describe()}`);
  }

  /** `name(` is a function extension: part of RFC 9535, not of this subset. */
  rejectFunction(): void {
    const match = /^[a-z][a-z0-9_]*\s*\(/.exec(this.text.slice(this.pos));
    if (match) this.fail(`function extensions such as ${match[0].replace(/\s*\($/, "")}() are not supported`);
  }
}

/** Comparisons take singular queries only: name and index selectors, one per child segment. */
function requireSingular(parser: Parser, query: Query, start: number): void {
  const singular = query.segments.every((s) => !s.descendant && s.selectors.length === 1 && (s.selectors[0]!.kind === "name" || s.selectors[0]!.kind === "index"));
  if (!singular) parser.fail("only singular queries (names and indexes, no wildcards, filters, slices or ..) can be compared", start);
}

const cache = new Map<string, JsonPath>();

/** Parses `text`; throws JsonPathSyntaxError naming the column of the first problem. */
export function parseJsonPath(text: string): JsonPath {
  const cached = cache.get(text);
  if (cached) return cached;
  const parsed: JsonPath = { text, query: new Parser(text).parseRoot() };
  if (cache.size > 500) cache.clear();
  cache.set(text, parsed);
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** A selected node: its value and how it was reached (parent chain, key, position among siblings). */
interface Node {
  value: unknown;
  parent: Node | undefined;
  key: string | number;
  ordinal: number;
}

type Json = unknown;

function isObjectValue(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

class Evaluator {
  readonly root: Json;
  readonly #keyIndex = new WeakMap<object, Map<string, number>>();

  constructor(root: Json) {
    this.root = root;
  }

  ordinalOf(object: Record<string, Json>, key: string): number {
    let index = this.#keyIndex.get(object);
    if (!index) {
      index = new Map(Object.keys(object).map((k, i) => [k, i]));
      this.#keyIndex.set(object, index);
    }
    return index.get(key) ?? 0;
  }

  run(query: Query, start: Node): Node[] {
    let nodes = [start];
    for (const segment of query.segments) {
      const next: Node[] = [];
      for (const node of nodes) {
        if (segment.descendant) this.descend(node, segment.selectors, next);
        else this.select(node, segment.selectors, next);
      }
      nodes = next;
      if (nodes.length === 0) break;
    }
    return nodes;
  }

  /** Visits `node` and its descendants in pre-order, applying the selectors to each. */
  descend(node: Node, selectors: Selector[], out: Node[]): void {
    this.select(node, selectors, out);
    for (const child of this.children(node)) this.descend(child, selectors, out);
  }

  children(node: Node): Node[] {
    const v = node.value;
    if (Array.isArray(v)) return v.map((value, i) => ({ value, parent: node, key: i, ordinal: i }));
    if (isObjectValue(v)) return Object.keys(v).map((key, i) => ({ value: v[key], parent: node, key, ordinal: i }));
    return [];
  }

  select(node: Node, selectors: Selector[], out: Node[]): void {
    const v = node.value;
    for (const selector of selectors) {
      switch (selector.kind) {
        case "name":
          if (isObjectValue(v) && Object.hasOwn(v, selector.name)) {
            out.push({ value: v[selector.name], parent: node, key: selector.name, ordinal: this.ordinalOf(v, selector.name) });
          }
          break;
        case "wildcard":
          out.push(...this.children(node));
          break;
        case "index":
          if (Array.isArray(v)) {
            const i = selector.index < 0 ? v.length + selector.index : selector.index;
            if (i >= 0 && i < v.length) out.push({ value: v[i], parent: node, key: i, ordinal: i });
          }
          break;
        case "slice":
          if (Array.isArray(v)) for (const i of sliceIndexes(selector, v.length)) out.push({ value: v[i], parent: node, key: i, ordinal: i });
          break;
        case "filter":
          for (const child of this.children(node)) if (this.test(selector.expr, child.value)) out.push(child);
          break;
      }
    }
  }

  test(expr: LogicalExpr, current: Json): boolean {
    switch (expr.kind) {
      case "or":
        return expr.items.some((e) => this.test(e, current));
      case "and":
        return expr.items.every((e) => this.test(e, current));
      case "not":
        return !this.test(expr.expr, current);
      case "exists":
        return this.query(expr.query, current).length > 0;
      case "compare":
        return compare(expr.op, this.comparable(expr.left, current), this.comparable(expr.right, current));
    }
  }

  query(query: Query, current: Json): Node[] {
    const start: Node = { value: query.root === "$" ? this.root : current, parent: undefined, key: "", ordinal: 0 };
    return this.run(query, start);
  }

  comparable(c: Comparable, current: Json): Json | typeof NOTHING {
    if (c.kind === "literal") return c.value;
    const nodes = this.query(c.query, current);
    return nodes.length === 1 ? nodes[0]!.value : NOTHING;
  }
}

/** RFC 9535 §2.3.4.2.2: the indexes a slice selects, in selection order. */
function sliceIndexes(slice: { start?: number; end?: number; step?: number }, len: number): number[] {
  const step = slice.step ?? 1;
  if (step === 0) return [];
  const normalize = (i: number) => (i >= 0 ? i : len + i);
  const out: number[] = [];
  if (step > 0) {
    const lower = Math.min(Math.max(normalize(slice.start ?? 0), 0), len);
    const upper = Math.min(Math.max(normalize(slice.end ?? len), 0), len);
    for (let i = lower; i < upper; i += step) out.push(i);
  } else {
    const upper = Math.min(Math.max(normalize(slice.start ?? len - 1), -1), len - 1);
    const lower = Math.min(Math.max(normalize(slice.end ?? -len - 1), -1), len - 1);
    for (let i = upper; lower < i; i += step) out.push(i);
  }
  return out;
}

const NOTHING = Symbol("nothing");

/** RFC 9535 §2.3.5.2.2: `==` and `<` defined, the others derived from them. */
function compare(op: ComparisonOp, a: Json | typeof NOTHING, b: Json | typeof NOTHING): boolean {
  switch (op) {
    case "==":
      return equals(a, b);
    case "!=":
      return !equals(a, b);
    case "<":
      return less(a, b);
    case "<=":
      return less(a, b) || equals(a, b);
    case ">":
      return less(b, a);
    case ">=":
      return less(b, a) || equals(a, b);
  }
}

function equals(a: Json | typeof NOTHING, b: Json | typeof NOTHING): boolean {
  if (a === NOTHING || b === NOTHING) return a === b;
  return deepEqual(a, b);
}

function less(a: Json | typeof NOTHING, b: Json | typeof NOTHING): boolean {
  if (typeof a === "number" && typeof b === "number") return a < b;
  if (typeof a === "string" && typeof b === "string") return compareScalarValues(a, b) < 0;
  return false;
}

/** Orders strings by Unicode scalar values (JS `<` compares UTF-16 code units, which differs above U+FFFF). */
function compareScalarValues(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

function chain(node: Node): Node[] {
  const out: Node[] = [];
  for (let n: Node | undefined = node; n?.parent; n = n.parent) out.push(n);
  return out.reverse();
}

/** Document order: ancestors first, then siblings by position. */
function compareOrdinals(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Evaluates a parsed query; the matched nodes as JSON pointers, in document order, each once. */
export function evaluateJsonPath(root: unknown, path: JsonPath): string[] {
  const nodes = new Evaluator(root).run(path.query, { value: root, parent: undefined, key: "", ordinal: 0 });
  const seen = new Map<string, number[]>();
  for (const node of nodes) {
    const steps = chain(node);
    const pointer = toPointer(steps.map((n) => n.key));
    if (!seen.has(pointer))
      seen.set(
        pointer,
        steps.map((n) => n.ordinal),
      );
  }
  return [...seen.entries()].sort((x, y) => compareOrdinals(x[1], y[1])).map(([pointer]) => pointer);
}

/** Matched nodes as JSON pointers, in document order; throws JsonPathSyntaxError on a syntax error. */
export function queryJsonPath(root: unknown, path: string): string[] {
  return evaluateJsonPath(root, parseJsonPath(path));
}
