/**
 * GFM tables under a recognised label, read by column name into rows of facts. A table that lacks
 * a required column, a row whose cell count differs from the header, and a cell that cannot be
 * read for its column become `docs-unreadable` findings; the readable rest is still used.
 */
import type { PhrasingContent, Table } from "mdast";
import type { JsonObject } from "../openapi/types.ts";
import type { ConversionContext } from "./context.ts";
import { codeSpans, lineOf, plainText, sourceOf } from "./markdown.ts";
import {
  enumFromProse,
  isAbsent,
  parseDefaultCell,
  parseRequiredCell,
  parseStatus,
  parseTypeCell,
  rangeFromProse,
  requiredFromProse,
  typeFromDescription,
} from "./prose.ts";

type Cells = Record<string, PhrasingContent[]>;

interface ColumnSpec {
  key: string;
  /** Header words that name this column (compared lower-case, without trailing ":"). */
  names: string[];
  required?: boolean;
}

export interface TableRow {
  line: number;
  cells: Cells;
}

/** Where a table sits, for messages and finding pointers. */
export interface TablePlace {
  what: string;
  pointer: string;
}

const NAME: ColumnSpec = { key: "name", names: ["field", "name", "parameter", "param", "property", "attribute", "key"], required: true };
const TYPE: ColumnSpec = { key: "type", names: ["type", "schema"] };
const DEFAULT: ColumnSpec = { key: "default", names: ["default", "default value"] };
const DESCRIPTION: ColumnSpec = { key: "description", names: ["description", "meaning", "notes", "details", "summary"] };
const REQUIRED: ColumnSpec = { key: "required", names: ["required", "required?", "optional?"] };

function headerName(cell: PhrasingContent[]): string {
  return plainText(cell).trim().toLowerCase().replace(/:$/, "").replace(/\s+/g, " ");
}

/** Columns the reader does not know; reported by the caller as ignored. */
export function readTable(
  table: Table,
  columns: ColumnSpec[],
  place: TablePlace,
  ctx: ConversionContext,
  oneOf?: string[],
): TableRow[] | undefined {
  const [header, ...body] = table.children;
  if (!header) return undefined;
  const names = header.children.map((c) => headerName(c.children));
  const index = new Map<string, number>();
  for (const col of columns) {
    const i = names.findIndex((n) => col.names.includes(n));
    if (i !== -1) index.set(col.key, i);
  }
  const missing = columns.filter((c) => c.required && !index.has(c.key));
  if (missing.length > 0) {
    const want = missing.map((c) => `"${c.names[0]![0]!.toUpperCase()}${c.names[0]!.slice(1)}"`).join(", ");
    ctx.unreadable(place.what, `the table has no ${want} column (columns: ${names.join(" | ") || "none"})`, lineOf(header), place.pointer);
    return undefined;
  }
  if (oneOf && !oneOf.some((k) => index.has(k))) {
    ctx.unreadable(place.what, `the table needs one of the columns ${oneOf.map((k) => `"${k}"`).join(", ")} (columns: ${names.join(" | ")})`, lineOf(header), place.pointer);
    return undefined;
  }
  const rows: TableRow[] = [];
  for (const row of body) {
    if (row.children.length !== header.children.length) {
      ctx.unreadable(place.what, `the row has ${row.children.length} cells but the header has ${header.children.length}`, lineOf(row), place.pointer);
      continue;
    }
    const cells: Cells = {};
    for (const [key, i] of index) cells[key] = row.children[i]!.children;
    rows.push({ line: lineOf(row), cells });
  }
  return rows;
}

/** One documented field or parameter, read from a table row. */
export interface FieldFact {
  name: string;
  /** Segments below the documented object: "data[].status" → ["data", "[]", "status"]. */
  path: string[];
  line: number;
  /** Schema from the Type column (declared), when the table has one and the cell says a type. */
  declared?: JsonObject;
  /** Type stated in the description, used only for fields no example shows. */
  described?: JsonObject;
  hasDefault: boolean;
  default?: unknown;
  description?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  required?: boolean;
}

/** "`ttl_seconds`", "ttl_seconds*", "`data[].status`" → name and path; undefined for an empty cell. */
export function readFieldName(cell: PhrasingContent[]): { name: string; path: string[]; required?: boolean } | undefined {
  const spans = codeSpans(cell);
  let raw = spans[0] ?? plainText(cell);
  let required: boolean | undefined;
  const text = plainText(cell);
  if (/\(required\)|\*\s*$/i.test(text)) required = true;
  raw = raw.trim().replace(/\s*\(.*\)\s*$/, "").replace(/\*+$/, "").trim();
  if (raw === "" || isAbsent(raw)) return undefined;
  const path = raw
    .replace(/\[\d*\]/g, ".[]")
    .split(".")
    .map((s) => s.trim())
    .filter(Boolean);
  return { name: raw, path, ...(required ? { required } : {}) };
}

/**
 * Rows of a Field/Parameter table as facts. `requireType`: the Type column is required
 * (request bodies and parameters); response field tables may have only Field | Description.
 */
export function readFieldTable(table: Table, place: TablePlace, ctx: ConversionContext, requireType: boolean): FieldFact[] {
  const columns = [NAME, { ...TYPE, required: requireType }, DEFAULT, DESCRIPTION, REQUIRED];
  const rows = readTable(table, columns, place, ctx, requireType ? undefined : ["type", "description"]);
  if (!rows) return [];
  const facts: FieldFact[] = [];
  for (const row of rows) {
    const name = readFieldName(row.cells.name!);
    if (!name) {
      ctx.unreadable(place.what, "the row has no field name", row.line, place.pointer);
      continue;
    }
    const fact: FieldFact = { name: name.name, path: name.path, line: row.line, hasDefault: false };
    if (name.required) fact.required = true;

    if (row.cells.type) {
      const type = parseTypeCell(plainText(row.cells.type));
      if (!type.ok) ctx.unreadable(place.what, `${name.name}: ${type.reason}`, row.line, place.pointer);
      else {
        if (type.schema) fact.declared = type.schema;
        if (type.required !== undefined) fact.required = type.required;
      }
    }
    if (row.cells.default) {
      const value = parseDefaultCell(row.cells.default, fact.declared);
      if (!value.ok) ctx.unreadable(place.what, `${name.name}: ${value.reason}`, row.line, place.pointer);
      else if (value.value !== undefined) {
        fact.hasDefault = true;
        fact.default = value.value;
      }
    }
    if (row.cells.required) {
      const raw = plainText(row.cells.required);
      const required = parseRequiredCell(raw);
      if (required === undefined) ctx.unreadable(place.what, `${name.name}: "${raw.trim()}" is not a Required value (yes or no)`, row.line, place.pointer);
      else fact.required = required;
    }
    const cell = row.cells.description;
    if (cell && cell.length > 0) {
      const description = sourceOf(ctx.text, cell);
      const plain = plainText(cell);
      if (description && !isAbsent(description)) fact.description = description;
      const values = enumFromProse(cell);
      if (values) fact.enum = values;
      Object.assign(fact, rangeFromProse(plain));
      const described = typeFromDescription(plain);
      if (described) fact.described = described;
      else if (values && values.every((v) => !/^-?\d+(\.\d+)?$|^(true|false|null)$/.test(v))) fact.described = { type: "string" };
      if (fact.required === undefined && requiredFromProse(plain)) fact.required = true;
    }
    facts.push(fact);
  }
  return facts;
}

/** A row of an Errors table: the status, its error codes and what it means. */
export interface ErrorFact {
  status: string;
  codes: string[];
  meaning?: string;
  line: number;
}

const STATUS: ColumnSpec = { key: "status", names: ["status", "status code", "http status", "http code", "http"], required: true };
const CODE: ColumnSpec = { key: "code", names: ["code", "error code", "error", "error type"], required: true };
const MEANING: ColumnSpec = { key: "meaning", names: ["meaning", "description", "message", "reason", "when", "cause"] };

export function readErrorTable(table: Table, place: TablePlace, ctx: ConversionContext): ErrorFact[] {
  const rows = readTable(table, [STATUS, CODE, MEANING], place, ctx);
  if (!rows) return [];
  const facts: ErrorFact[] = [];
  for (const row of rows) {
    const rawStatus = plainText(row.cells.status!);
    const status = parseStatus(rawStatus);
    if (!status) {
      ctx.unreadable(place.what, `"${rawStatus.trim()}" is not an HTTP status code`, row.line, place.pointer);
      continue;
    }
    let codes = codeSpans(row.cells.code!);
    if (codes.length === 0) {
      const word = plainText(row.cells.code!).trim();
      codes = isAbsent(word) ? [] : word.split(/\s*,\s*|\s+or\s+/).filter((w) => /^[A-Za-z0-9_.:-]+$/.test(w));
    }
    const fact: ErrorFact = { status, codes: [...new Set(codes.map((c) => c.trim()).filter(Boolean))], line: row.line };
    const meaning = row.cells.meaning ? sourceOf(ctx.text, row.cells.meaning) : "";
    if (meaning && !isAbsent(meaning)) fact.meaning = meaning;
    facts.push(fact);
  }
  return facts;
}
