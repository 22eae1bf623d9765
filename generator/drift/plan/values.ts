import type { ValueSource } from "../config.ts";
import { isObject, type JsonObject } from "../../openapi/types.ts";
import type { FieldHint } from "./fill.ts";
import type { PlanParam } from "./operations.ts";
import type { SchemaReader } from "./schema.ts";

export const ZERO_UUID = "00000000-0000-4000-8000-000000000000";
const UUID_TAIL = /^(.*?)[0-9a-f]{8}-[0-9a-f]{4}-([0-9a-f])[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A parameter value as the URL carries it: scalars as text, arrays comma-joined (form style, explode off). */
export function asParamText(value: unknown): string | undefined {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null)) return value.join(",");
  return undefined;
}

/**
 * The value a happy-path probe sends for a query parameter. Required ones take the documented
 * `default`, an example, else the first enum value; optional ones only their `default` (sending it
 * changes nothing, while an example such as a name filter could empty the list later steps read).
 */
export function queryValue(reader: SchemaReader, param: PlanParam): ValueSource | undefined {
  const schema = param.schema;
  const candidates: unknown[] = [schema.default];
  if (param.required) {
    candidates.push(...reader.examples(param.node), ...reader.examples(schema));
    const items = reader.items(schema);
    const enumValues = Array.isArray(schema.enum) ? schema.enum : Array.isArray(items?.enum) ? items!.enum : [];
    candidates.push(enumValues.find((v) => v !== null));
  }
  for (const value of candidates) {
    const text = value === undefined ? undefined : asParamText(value);
    if (text !== undefined) return { literal: text };
  }
  return undefined;
}

/**
 * An id no resource has, shaped like the real ones so the API answers "not found" rather than
 * "malformed": a uuid (keeping a vendor prefix such as `sess_` and the uuid version), the pattern's
 * literal prefix, or the documented examples with every digit zeroed. The first candidate the
 * parameter's schema accepts wins.
 */
export function unknownId(param: PlanParam, hint: FieldHint | undefined, siblingExamples: unknown[], reader: SchemaReader): string {
  const schemas = [param.schema, hint?.schema].filter((s): s is JsonObject => s !== undefined);
  const examples = [...reader.examples(param.node), ...reader.examples(param.schema), ...(hint?.examples ?? []), ...siblingExamples].filter(
    (v): v is string | number => typeof v === "string" || typeof v === "number",
  );
  const candidates: string[] = [];
  for (const example of examples) candidates.push(...zeroed(String(example)));
  if (schemas.some((s) => s.format === "uuid")) candidates.unshift(ZERO_UUID);
  for (const s of schemas) {
    const prefix = typeof s.pattern === "string" ? /^\^?([A-Za-z0-9]+[_-])/.exec(s.pattern)?.[1] : undefined;
    if (prefix) candidates.push(`${prefix}${ZERO_UUID}`, `${prefix}000000000000`);
  }
  const numeric = reader.types(param.schema).some((t) => t === "integer" || t === "number");
  const max = typeof param.schema.maximum === "number" ? param.schema.maximum : undefined;
  candidates.push(numeric ? String(max !== undefined ? Math.min(max, 999_999_999) : 999_999_999) : ZERO_UUID, "driftless-unknown-id");
  return candidates.find((c) => accepts(param.schema, c)) ?? candidates[0]!;
}

function zeroed(example: string): string[] {
  const uuid = UUID_TAIL.exec(example);
  if (uuid) return [`${uuid[1]}00000000-0000-${uuid[2]}000-8000-000000000000`];
  if (/^\d+$/.test(example)) return ["999999999"];
  const prefix = /^([A-Za-z]+[_-])/.exec(example)?.[1] ?? "";
  return [
    prefix +
      example
        .slice(prefix.length)
        .replace(/[0-9]/g, "0")
        .replace(/[A-Za-z]/g, "0"),
  ];
}

/** A light check of a path value against its schema (format uuid, pattern, lengths, integers), without compiling a validator. */
export function accepts(schema: JsonObject, value: string): boolean {
  if (schema.format === "uuid" && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return false;
  if (schema.type === "integer" && !/^-?\d+$/.test(value)) return false;
  if (typeof schema.minLength === "number" && value.length < schema.minLength) return false;
  if (typeof schema.maxLength === "number" && value.length > schema.maxLength) return false;
  if (typeof schema.pattern === "string") {
    try {
      if (!new RegExp(schema.pattern, "u").test(value)) return false;
    } catch {
      return true; // a pattern JavaScript cannot read says nothing we can check
    }
  }
  return true;
}

/** One query value outside what the schema allows, per kind of violation the schema makes possible. */
export function invalidQueryValues(reader: SchemaReader, param: PlanParam): { kind: "out-of-range" | "wrong-type" | "out-of-enum"; value: string }[] {
  const schema = param.schema;
  const types = reader.types(schema);
  const out: { kind: "out-of-range" | "wrong-type" | "out-of-enum"; value: string }[] = [];
  const range = outOfRange(schema);
  if (range !== undefined) out.push({ kind: "out-of-range", value: range });
  if (types.length > 0 && !types.includes("string")) {
    if (types.some((t) => t === "integer" || t === "number")) out.push({ kind: "wrong-type", value: "not-a-number" });
    else if (types.includes("boolean")) out.push({ kind: "wrong-type", value: "not-a-boolean" });
  }
  const enumValues = Array.isArray(schema.enum) ? schema.enum : Array.isArray(reader.items(schema)?.enum) ? (reader.items(schema)!.enum as unknown[]) : undefined;
  if (enumValues && enumValues.length > 0 && enumValues.every((v) => typeof v === "string" || v === null)) {
    let value = "driftless-not-in-enum";
    while (enumValues.includes(value)) value += "-x";
    out.push({ kind: "out-of-enum", value });
  }
  return out;
}

function outOfRange(schema: JsonObject): string | undefined {
  if (typeof schema.exclusiveMaximum === "number") return String(schema.exclusiveMaximum);
  if (typeof schema.maximum === "number") return String(schema.exclusiveMaximum === true ? schema.maximum : schema.maximum + 1);
  if (typeof schema.exclusiveMinimum === "number") return String(schema.exclusiveMinimum);
  if (typeof schema.minimum === "number") return String(schema.exclusiveMinimum === true ? schema.minimum : schema.minimum - 1);
  if (typeof schema.maxLength === "number") return "x".repeat(schema.maxLength + 1);
  if (typeof schema.minLength === "number" && schema.minLength > 1) return "x".repeat(schema.minLength - 1);
  return undefined;
}

/** A value of another JSON type than the schema's, for the wrong-type body probe. */
export function wrongTypeValue(types: string[]): unknown {
  if (types.includes("string")) return types.some((t) => t === "integer" || t === "number") ? { wrong: true } : 12345;
  if (types.some((t) => t === "integer" || t === "number")) return "not-a-number";
  if (types.includes("boolean")) return "not-a-boolean";
  if (types.includes("array")) return "not-an-array";
  return "not-an-object";
}

/** A credential the API cannot know, shaped like a key (so it is refused as invalid, not as absent). */
export function malformedCredential(scheme: JsonObject | undefined): string {
  if (isObject(scheme) && scheme.type === "http" && String(scheme.scheme).toLowerCase() === "basic") return "driftless:invalid-credential";
  return "driftless-invalid-key-0000000000000000";
}
