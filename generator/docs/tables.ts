/**
 * GFM tables read by what their columns are, whatever they are called and in whatever order:
 * field and parameter tables, error tables (status + code), status tables, endpoint tables
 * (method + path) and rate-limit tables (endpoint + limit). Column names come from
 * COLUMN_SYNONYMS; ambiguous ones ("code", "type") are settled by what their cells hold.
 */
import type { PhrasingContent, Table } from "mdast";
import type { ConversionContext } from "./context.ts";
import { findEndpoint, type EndpointMention } from "./endpoints.ts";
import { codeSpans, lineOf, plainText, sourceOf } from "./markdown.ts";
import { parseFieldDescription, type FieldFact, type FieldLocation } from "./fields.ts";
import { parseFieldName, pathName } from "./fields.ts";
import { defaultFromProse, isAbsent, parseDefaultCell, parseRequiredCell, parseStatus } from "./prose.ts";
import type { JsonObject } from "../openapi/types.ts";
import { parseTypeCell } from "./types.ts";
import { COLUMN_SYNONYMS, normalizeLabel, type ColumnKey } from "./vocabulary.ts";

type Cells = PhrasingContent[][];

export interface TableColumns {
  /** Header names as written (for messages). */
  names: string[];
  index: Partial<Record<ColumnKey, number>>;
}

export type TableShape = "fields" | "errors" | "codes" | "statuses" | "endpoints" | "rateLimits" | "unknown";

/** Where a table sits, for messages and finding pointers. */
export interface TablePlace {
  what: string;
  pointer: string;
}

const rowsOf = (table: Table): Cells[] => table.children.slice(1).map((row) => row.children.map((c) => c.children));

function columnValues(table: Table, i: number): string[] {
  return rowsOf(table)
    .map((cells) => plainText(cells[i] ?? []).trim())
    .filter((v) => v !== "");
}

const mostly = (values: string[], test: (v: string) => boolean): boolean => values.length > 0 && values.filter(test).length / values.length >= 0.6;
const statusLike = (v: string): boolean => parseStatus(v) !== undefined;
const identifierLike = (v: string): boolean => /^[`"']?[A-Za-z][\w.:-]*[`"']?(?:\s*,\s*[`"']?[A-Za-z][\w.:-]*[`"']?)*$/.test(v);

/** Which column is which: by header synonyms, with cell contents settling "code", "type" and "path". */
export function tableColumns(table: Table, servers: readonly string[]): TableColumns {
  const header = table.children[0];
  const names = (header?.children ?? []).map((c) => plainText(c.children).trim());
  const norm = names.map((n) => normalizeLabel(n));
  const index: Partial<Record<ColumnKey, number>> = {};
  const taken = new Set<number>();
  const candidates = (key: ColumnKey): number[] =>
    norm
      .map((n, i) => ({ i, rank: (COLUMN_SYNONYMS[key] as readonly string[]).indexOf(n) }))
      .filter((c) => c.rank !== -1 && !taken.has(c.i))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .map((c) => c.i);
  const assign = (key: ColumnKey, i: number | undefined): void => {
    if (i === undefined) return;
    index[key] = i;
    taken.add(i);
  };

  assign(
    "status",
    candidates("status").find((i) => mostly(columnValues(table, i), statusLike)),
  );
  const endpointColumn = norm.findIndex((_, i) => mostly(columnValues(table, i), (v) => findEndpoint(v, servers) !== undefined));
  if (endpointColumn !== -1) assign("path", endpointColumn);
  const METHOD = "(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)";
  const methodList = new RegExp(`^\`?${METHOD}\`?(?:\\s*[|/,]\\s*\`?${METHOD}\`?)*$`, "i");
  assign(
    "method",
    candidates("method").find((i) => mostly(columnValues(table, i), (v) => methodList.test(v))),
  );
  if (index.method !== undefined && index.path === undefined)
    assign(
      "path",
      candidates("path").find((i) => mostly(columnValues(table, i), (v) => /^`?(?:\/|https?:|[A-Z][A-Z0-9]*_[A-Z0-9_]+|\{\{|\$)/.test(v))),
    );
  if (index.status !== undefined) {
    assign(
      "errorCode",
      candidates("errorCode").find((i) => mostly(columnValues(table, i), identifierLike)),
    );
  } else {
    // "| Code | Description |" of error codes: only a column named for codes, holding identifiers, not sentences.
    assign(
      "errorCode",
      candidates("errorCode").find(
        (i) =>
          ["code", "error code", "error", "error_code", "error name", "reason code", "machine code"].includes(norm[i]!) &&
          mostly(columnValues(table, i), (v) => /^`?[A-Za-z][\w.:-]*`?$/.test(v)),
      ),
    );
  }
  assign("name", candidates("name")[0]);
  for (const key of ["type", "required", "default", "in", "values", "limit", "example", "description"] as const) assign(key, candidates(key)[0]);
  return { names, index };
}

export function shapeOf(columns: TableColumns): TableShape {
  const { index } = columns;
  if (index.path !== undefined) {
    if (index.limit !== undefined) return "rateLimits";
    if (index.status !== undefined && index.errorCode !== undefined) return "errors";
    return "endpoints";
  }
  if (index.status !== undefined && index.errorCode !== undefined) return "errors";
  if (index.status !== undefined && index.name === undefined) return "statuses";
  if (index.errorCode !== undefined && index.name === undefined) return "codes";
  if (index.name !== undefined && [index.type, index.description, index.required, index.default, index.values].some((i) => i !== undefined)) return "fields";
  return "unknown";
}

/** Rows whose cell count differs from the header's are reported and skipped; the rest are read. */
function checkedRows(table: Table, place: TablePlace, ctx: ConversionContext): { cells: Cells; line: number }[] {
  const width = table.children[0]?.children.length ?? 0;
  const out: { cells: Cells; line: number }[] = [];
  for (const row of table.children.slice(1)) {
    if (row.children.length !== width) {
      ctx.unread(lineOf(row), place.what, `the row has ${row.children.length} cells but the header has ${width}`, place.pointer);
      continue;
    }
    out.push({ cells: row.children.map((c) => c.children), line: lineOf(row) });
  }
  return out;
}

/** Rows of a field or parameter table. `location`: where rows go unless an In column says otherwise. */
export function readFieldTable(table: Table, columns: TableColumns, place: TablePlace, ctx: ConversionContext, defaults: { required?: boolean } = {}): FieldFact[] {
  const { index } = columns;
  const facts: FieldFact[] = [];
  let parent: FieldFact | undefined;
  for (const { cells, line } of checkedRows(table, place, ctx)) {
    const cell = (key: ColumnKey): PhrasingContent[] | undefined => (index[key] === undefined ? undefined : cells[index[key]!]);
    const rawName = plainText(cell("name")!).trim();
    // "↳ child" / "└ child": a child of the row above.
    const child = /^[↳└├─\s-]+\S/.test(rawName) && /^[↳└├─]/.test(rawName);
    // "`roomId` `channel`": one row documents alternatives; each is a field, neither required alone.
    const alternatives = codeSpans(cell("name")!);
    const onlySpans =
      alternatives.length > 1 &&
      plainText(cell("name")!)
        .replace(new RegExp(alternatives.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g"), "")
        .replace(/\b(?:or|and)\b|[,/|\s]/gi, "") === "";
    const names = onlySpans ? alternatives.map((a) => parseFieldName(a)) : [parseFieldName(cell("name")!)];
    const name = names[0];
    if (!name) {
      if (!isAbsent(rawName)) ctx.unread(line, place.what, `"${rawName}" is not a field name`, place.pointer);
      continue;
    }
    const path = child && parent ? [...parent.path, ...name.path] : name.path;
    const fact: FieldFact = { name: pathName(path), path, line, hasDefault: false };
    if (name.required !== undefined) fact.required = name.required;
    if (name.nullable) fact.nullable = true;
    const typeCell = cell("type");
    if (typeCell) readTypeCell(fact, plainText(typeCell), place, ctx);
    const requiredCell = cell("required");
    if (requiredCell) {
      const raw = plainText(requiredCell);
      const required = parseRequiredCell(raw);
      if (required === undefined) ctx.unread(line, place.what, `${fact.name}: "${raw.trim()}" is not a Required value (yes or no)`, place.pointer);
      else fact.required = required;
      // "Optional Default: `false`": a default written in the Required cell.
      const inCell = defaultFromProse(sourceOf(ctx.text, requiredCell));
      if (inCell !== undefined && !/^(?:n\/a|none|now)$/i.test(inCell)) fact.defaultWord = inCell;
    }
    const exampleCell = cell("example");
    if (exampleCell) fact.exampleType = typeOfExampleCell(plainText(exampleCell).trim());
    const defaultCell = cell("default");
    if (defaultCell) {
      const value = parseDefaultCell(defaultCell, fact.declared);
      if (!value.ok) ctx.unread(line, place.what, `${fact.name}: ${value.reason}`, place.pointer);
      else if (value.value !== undefined) {
        fact.hasDefault = true;
        fact.default = value.value;
      }
    }
    const inCell = cell("in");
    if (inCell) {
      const where = locationWord(plainText(inCell));
      if (where) fact.in = where;
    }
    const valuesCell = cell("values");
    if (valuesCell) {
      const spans = codeSpans(valuesCell);
      const words =
        spans.length >= 1
          ? spans
          : plainText(valuesCell)
              .split(/\s*[,|/]\s*|\s+or\s+/)
              .map((w) => w.trim())
              .filter((w) => w && !isAbsent(w));
      if (words.length > 0 && words.every((w) => !/\s/.test(w))) fact.enum = words;
    }
    const description = cell("description");
    if (description && description.length > 0) parseFieldDescription(fact, description, ctx.text);
    if (fact.required === undefined && defaults.required !== undefined) fact.required = defaults.required;
    if (names.length > 1) {
      delete fact.required;
      for (const other of names.slice(1)) if (other) facts.push({ ...fact, name: pathName(other.path), path: other.path });
    }
    facts.push(fact);
    if (!child) parent = fact;
  }
  return facts;
}

/** A Type cell into the fact; a word this stage does not know is a warning and the field stays untyped. */
export function readTypeCell(fact: FieldFact, raw: string, place: TablePlace, ctx: ConversionContext): void {
  const type = parseTypeCell(raw);
  if (!type.ok) {
    ctx.unread(fact.line, place.what, `${fact.name}: ${type.reason}; the field is kept untyped`, place.pointer);
    return;
  }
  if (type.schema) fact.declared = type.schema;
  if (type.required !== undefined && fact.required === undefined) fact.required = type.required;
}

/** The JSON type of an Example cell's value: `true` → boolean, `10` → integer, `[{}]` → array, words → string. */
function typeOfExampleCell(raw: string): JsonObject | undefined {
  if (raw === "" || isAbsent(raw)) return undefined;
  const first = raw.split(/\s+(?:OR|or)\s+|\s+/)[0]!;
  try {
    const v: unknown = JSON.parse(raw);
    if (v === null) return undefined;
    if (Array.isArray(v)) return { type: "array" };
    if (typeof v === "object") return { type: "object" };
    if (typeof v === "number") return { type: Number.isInteger(v) && !/[.eE]/.test(raw) ? "integer" : "number" };
    if (typeof v === "boolean") return { type: "boolean" };
    return { type: "string" };
  } catch {
    if (/^(?:true|false)$/.test(first)) return { type: "boolean" };
    return { type: "string" };
  }
}

export function locationWord(raw: string): FieldLocation | undefined {
  const t = raw.trim().toLowerCase().replace(/[`*]/g, "");
  if (/^(?:query|querystring|query string|url query)$/.test(t)) return "query";
  if (/^(?:path|url|route|uri)$/.test(t)) return "path";
  if (/^(?:header|headers)$/.test(t)) return "header";
  if (/^(?:cookie|cookies)$/.test(t)) return "cookie";
  if (/^(?:body|json|form|formdata|form data|payload|request body)$/.test(t)) return "body";
  return undefined;
}

/** A row of an error or status table: the status, its error codes and what it means. */
export interface ErrorFact {
  status: string;
  codes: string[];
  meaning?: string;
  line: number;
  /** Endpoints the row names (an Endpoint column, or `METHOD /path` in a cell). */
  operations?: EndpointMention[];
}

/** `status`: the one status of a table that has no Status column (error codes under "A `4XX` response…"). */
export function readErrorTable(table: Table, columns: TableColumns, place: TablePlace, ctx: ConversionContext, servers: readonly string[], status?: string): ErrorFact[] {
  const { index } = columns;
  const facts: ErrorFact[] = [];
  for (const { cells, line } of checkedRows(table, place, ctx)) {
    const rawStatus = index.status === undefined ? (status ?? "") : plainText(cells[index.status] ?? []);
    const parsedStatus = parseStatus(rawStatus);
    if (!parsedStatus) {
      ctx.unread(
        line,
        place.what,
        index.status === undefined ? "the table gives no status and none is stated above it" : `"${rawStatus.trim()}" is not an HTTP status code`,
        place.pointer,
      );
      continue;
    }
    let codes: string[] = [];
    if (index.errorCode !== undefined) {
      const codeCell = cells[index.errorCode] ?? [];
      codes = codeSpans(codeCell);
      if (codes.length === 0) {
        const word = plainText(codeCell).trim();
        codes = isAbsent(word)
          ? []
          : word
              .split(/\s*,\s*|\s+or\s+/)
              .map((w) => w.replace(/^["']|["']$/g, ""))
              .filter((w) => /^[A-Za-z][\w.:-]*$/.test(w));
      }
    }
    const fact: ErrorFact = { status: parsedStatus, codes: [...new Set(codes.map((c) => c.trim()).filter(Boolean))], line };
    const meaningCell = index.description !== undefined ? cells[index.description] : undefined;
    const meaning = meaningCell ? sourceOf(ctx.text, meaningCell) : "";
    if (meaning && !isAbsent(meaning)) fact.meaning = meaning;
    if (index.path !== undefined) {
      const mention = findEndpoint(plainText(cells[index.path] ?? []), servers);
      if (mention) fact.operations = [mention];
    }
    facts.push(fact);
  }
  return facts;
}

/** A row of an endpoint table (Method | Path | Description, Endpoint | Limit, … | Success | Failure). */
export interface EndpointRow {
  mention: EndpointMention;
  line: number;
  summary?: string;
  limit?: string;
  /** Statuses its Success / Failure / Status columns list. */
  statuses: string[];
  /** `?digest=<digest>&n=<integer>` written in the path cell. */
  query: { name: string; value: string }[];
}

const STATUS_LIST_COLUMN =
  /^(?:success|failure|success codes?|failure codes?|success status|failure status|statuses|status codes?|response codes?|responses|returns|errors?|error codes?)$/;

export function readEndpointTable(table: Table, columns: TableColumns, place: TablePlace, ctx: ConversionContext, servers: readonly string[]): EndpointRow[] {
  const { index } = columns;
  const out: EndpointRow[] = [];
  for (const { cells, line } of checkedRows(table, place, ctx)) {
    const pathText = plainText(cells[index.path!] ?? []).trim();
    const methodText =
      index.method !== undefined
        ? plainText(cells[index.method] ?? [])
            .trim()
            .replace(/`/g, "")
        : "";
    const mention = findEndpoint(methodText ? `${methodText.toUpperCase()} ${pathText.replace(/`/g, "")}` : pathText, servers);
    if (!mention) {
      ctx.unread(line, place.what, `"${[methodText, pathText].filter(Boolean).join(" ")}" is not an endpoint (METHOD /path)`, place.pointer);
      continue;
    }
    const row: EndpointRow = { mention, line, statuses: [], query: [] };
    const query = /\?([^\s`]*)/.exec(pathText.replace(/`/g, ""))?.[1];
    for (const pair of (query ?? "").split("&").filter(Boolean)) {
      const [name, value = ""] = pair.split("=");
      if (name && /^[\w.[\]-]+$/.test(name)) row.query.push({ name, value });
    }
    columns.names.forEach((name, i) => {
      if (i === index.path || i === index.method || !STATUS_LIST_COLUMN.test(normalizeLabel(name))) return;
      for (const m of plainText(cells[i] ?? []).matchAll(/\b([1-5]\d\d|[1-5]XX)\b/gi)) if (!row.statuses.includes(m[1]!.toUpperCase())) row.statuses.push(m[1]!.toUpperCase());
    });
    if (index.description !== undefined) {
      const text = sourceOf(ctx.text, cells[index.description] ?? []);
      if (text && !isAbsent(text)) row.summary = text;
    }
    if (index.limit !== undefined) row.limit = plainText(cells[index.limit] ?? []).trim();
    out.push(row);
  }
  return out;
}
