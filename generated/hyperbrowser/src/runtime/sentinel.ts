// Copied by driftless from generator/client/runtime/sentinel.ts — do not edit here; change the original and run `npm run generate`.

import type { CheckedFinding, DriftRule } from "./drift.ts";

/**
 * The drift sentinel's checker: an answer against the response schemas of the canonical
 * document, which the generator writes into the package as a table (drift-checks.ts). No
 * validator library: this walker knows the keywords the drift checker reports on, with the same
 * rule ids and the same reading of the document (docs/drift.md):
 *
 * - `type-mismatch`, `enum-mismatch` (enum, const), `format-mismatch` (date-time, date, time,
 *   uri, uuid, email, iso8601, timestamp-milliseconds; other formats are not checked),
 *   `missing-required-field`;
 * - `undocumented-field`: a property no applicable schema describes, where one lists properties
 *   (or forbids extra ones) and none gives a schema for extra properties;
 * - `undocumented-status`, `undocumented-content-type`: an answer the operation does not document.
 *
 * `$ref`s were resolved by the generator; `allOf` members all apply; of `anyOf`/`oneOf` branches,
 * those the value matches apply, or when it matches none, the branch it misses by the fewest
 * findings (so a body that is almost a Session is reported as a broken Session).
 */

/** One schema, keywords abbreviated; numbers are indexes into the table's schemas. */
export interface SchemaNode {
  /** type */
  readonly t?: readonly string[];
  /** enum (const as a one-value enum) */
  readonly e?: readonly unknown[];
  /** format */
  readonly f?: string;
  /** properties */
  readonly p?: Readonly<Record<string, number>>;
  /** required */
  readonly r?: readonly string[];
  /** additionalProperties as a schema that describes extra properties */
  readonly x?: number;
  /** additionalProperties: false (the schema describes its properties even without listing any) */
  readonly c?: 1;
  /** items */
  readonly i?: number;
  /** allOf */
  readonly a?: readonly number[];
  /** anyOf and oneOf */
  readonly o?: readonly number[];
}

/** The documented answers of one operation: status (`200`, `4XX`, `default`) → media type → schema index, or null for a body that is not checked. */
export interface OperationChecks {
  /** The operationId. */
  readonly operation: string;
  readonly responses: Readonly<Record<string, Readonly<Record<string, number | null>>>>;
}

export interface DriftTable {
  readonly schemas: readonly SchemaNode[];
  /** By method and path: `GET /v1/sessions/{id}`. */
  readonly operations: Readonly<Record<string, OperationChecks>>;
}

interface Issue {
  rule: DriftRule;
  pointer: string;
  expected: string;
  observed: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?(z|[+-]\d{2}(:?\d{2})?)?$/i;
const ISO8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

function validTime(text: string, zone: boolean): boolean {
  const m = TIME.exec(text);
  return !!m && Number(m[1]) <= 23 && Number(m[2]) <= 59 && Number(m[3]) <= 60 && (!zone || m[5] !== undefined);
}

/** The formats the drift checker checks (ajv-formats' and the vendor ones); undefined: not checked. */
const FORMATS: Record<string, (value: string) => boolean> = {
  "date-time": (v) => {
    const at = v.search(/[Tt ]/);
    return at === 10 && validDate(v.slice(0, 10)) && validTime(v.slice(11), true);
  },
  date: validDate,
  time: (v) => validTime(v, true),
  uri: (v) => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(v),
  uuid: (v) => /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(v),
  email: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
  iso8601: (v) => ISO8601.test(v) && !Number.isNaN(Date.parse(v.replace(" ", "T"))),
  "timestamp-milliseconds": (v) => /^-?\d{1,16}$/.test(v),
};

/** Values of properties named like credentials never reach a finding. */
const SECRET_NAME = /key|token|secret|password|signature|credential|cookie|authorization/i;

const jsonType = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "number" ? (Number.isInteger(value) ? "integer" : "number") : typeof value;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function matchesType(type: string, value: unknown): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    default:
      return true;
  }
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A value as a finding shows it: short, and "[redacted]" under a credential's name. */
function preview(value: unknown, name: string | undefined): string {
  if (name !== undefined && SECRET_NAME.test(name) && value !== null && typeof value !== "object") return "[redacted]";
  if (Array.isArray(value)) return `array(${value.length})`;
  if (isObject(value)) return "object";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `string "abc"`, `integer 3`, `null`, `object`, `array(2)`. */
function describe(value: unknown, name: string | undefined): string {
  const type = jsonType(value);
  const shown = preview(value, name);
  return shown === "object" || shown === "null" || shown.startsWith("array(") ? shown : `${type} ${shown}`;
}

const child = (pointer: string, key: string): string => `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;

class Walker {
  readonly #schemas: readonly SchemaNode[];
  constructor(schemas: readonly SchemaNode[]) {
    this.#schemas = schemas;
  }

  walk(id: number, value: unknown, pointer: string, name: string | undefined, out: Issue[]): void {
    const applicable = this.#applicable(id, value);
    for (const s of applicable) if (this.#keywords(s, value, pointer, name, out)) break;
    if (isObject(value)) this.#properties(applicable, value, pointer, out);
    else if (Array.isArray(value)) {
      const items = new Set<number>();
      for (const s of applicable) if (s.i !== undefined) items.add(s.i);
      for (const item of items) for (const [index, v] of value.entries()) this.walk(item, v, child(pointer, String(index)), undefined, out);
    }
  }

  #applicable(id: number, value: unknown): SchemaNode[] {
    const out: SchemaNode[] = [];
    const seen = new Set<number>();
    const visit = (n: number): void => {
      if (seen.has(n)) return;
      seen.add(n);
      const s = this.#schemas[n];
      if (s === undefined) return;
      out.push(s);
      for (const member of s.a ?? []) visit(member);
      if (s.o !== undefined && s.o.length > 0) for (const branch of this.#choose(s.o, value)) visit(branch);
    };
    visit(id);
    return out;
  }

  /** The branches the value matches; or the one it misses by the fewest findings. */
  #choose(branches: readonly number[], value: unknown): number[] {
    let best: number | undefined;
    let fewest = Infinity;
    const matching: number[] = [];
    for (const b of branches) {
      const trial: Issue[] = [];
      this.walk(b, value, "", undefined, trial);
      // A branch matches as JSON Schema says (a property it does not list is not a failure there).
      if (trial.every((i) => i.rule === "undocumented-field")) matching.push(b);
      if (trial.length < fewest) {
        fewest = trial.length;
        best = b;
      }
    }
    return matching.length > 0 ? matching : best === undefined ? [] : [best];
  }

  /** One schema's own keywords; true when the type is wrong (nothing else is worth saying there). */
  #keywords(s: SchemaNode, value: unknown, pointer: string, name: string | undefined, out: Issue[]): boolean {
    if (s.t !== undefined && !s.t.some((t) => matchesType(t, value))) {
      out.push({ rule: "type-mismatch", pointer, expected: s.t.join(" or "), observed: describe(value, name) });
      return true;
    }
    if (s.e !== undefined && !s.e.some((e) => equal(e, value))) {
      out.push({ rule: "enum-mismatch", pointer, expected: `[${s.e.map((e) => preview(e, undefined)).join(", ")}]`, observed: preview(value, name) });
    }
    if (s.f !== undefined && typeof value === "string" && FORMATS[s.f]?.(value) === false) {
      out.push({ rule: "format-mismatch", pointer, expected: s.f, observed: preview(value, name) });
    }
    if (s.r !== undefined && isObject(value)) {
      for (const required of s.r)
        if (!Object.hasOwn(value, required)) out.push({ rule: "missing-required-field", pointer: child(pointer, required), expected: required, observed: "(absent)" });
    }
    return false;
  }

  #properties(applicable: SchemaNode[], value: Record<string, unknown>, pointer: string, out: Issue[]): void {
    const describes = applicable.some((s) => s.p !== undefined || s.c === 1);
    for (const key of Object.keys(value)) {
      const schemas = new Set<number>();
      for (const s of applicable) if (s.p !== undefined && Object.hasOwn(s.p, key)) schemas.add(s.p[key]!);
      if (schemas.size === 0) for (const s of applicable) if (s.x !== undefined) schemas.add(s.x);
      const at = child(pointer, key);
      if (schemas.size === 0) {
        if (describes) out.push({ rule: "undocumented-field", pointer: at, expected: "a documented property", observed: describe(value[key], key) });
        continue;
      }
      for (const id of schemas) this.walk(id, value[key], at, key, out);
    }
  }
}

/** The media type of a Content-Type header, lower case, without parameters. */
const mediaType = (header: string | null): string | undefined => header?.split(";")[0]?.trim().toLowerCase() || undefined;

/** The documented media type an answer's matches: exact, then `type/*`, then `*\/*`. */
function documentedMedia(content: Readonly<Record<string, number | null>>, actual: string): string | undefined {
  const keys = Object.keys(content);
  const lower = new Map(keys.map((k) => [k.toLowerCase(), k]));
  return lower.get(actual) ?? lower.get(`${actual.split("/")[0]}/*`) ?? lower.get("*/*");
}

/** Everything an answer of the operation at `endpoint` (`GET /v1/sessions/{id}`) departs from in the document. */
export function checkAgainst(table: DriftTable, endpoint: string, status: number, contentType: string | null, body: unknown, bodyRead: boolean): CheckedFinding[] {
  const op = table.operations[endpoint];
  if (op === undefined) return [];
  const finding = (issue: Issue): CheckedFinding => ({ ...issue, operation: op.operation, endpoint, status });
  const statuses = Object.keys(op.responses);
  const key = [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, "default"].find((k) => Object.hasOwn(op.responses, k));
  if (key === undefined) return [finding({ rule: "undocumented-status", pointer: "", expected: statuses.join(", "), observed: String(status) })];
  const content = op.responses[key]!;
  const documented = Object.keys(content);
  const actual = mediaType(contentType);
  if (documented.length === 0 || status === 204 || (actual === undefined && (!bodyRead || body === undefined))) return [];
  const media = actual === undefined ? undefined : documentedMedia(content, actual);
  if (media === undefined) return [finding({ rule: "undocumented-content-type", pointer: "", expected: documented.join(", "), observed: actual ?? "(none)" })];
  const schema = content[media];
  if (schema === null || schema === undefined || !bodyRead) return [];
  const issues: Issue[] = [];
  new Walker(table.schemas).walk(schema, body, "", undefined, issues);
  const seen = new Set<string>();
  return issues
    .filter((i) => {
      const id = `${i.rule} ${i.pointer}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .map(finding);
}
