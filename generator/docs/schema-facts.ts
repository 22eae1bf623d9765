/**
 * Field facts (table rows, bullets, definitions) folded into the schemas built from examples:
 * declared types, descriptions, required, defaults, ranges, enums. Also the small helpers every
 * builder shares: provenance, key order.
 */
import { X_SOURCE, isObject, type JsonObject } from "../openapi/types.ts";
import type { ConversionContext } from "./context.ts";
import { pathName, type FieldFact } from "./fields.ts";
import { addNull, coerceWord, parseDefaultCell, primaryType, typesOf } from "./prose.ts";

/** Prefix of the note inferSchema writes when a field is null in every example. */
export const NULL_NOTE = "Every documented example is null";

/** Applies field facts to an object schema (or an array of objects, then to its items). */
export function applyFields(schema: JsonObject, facts: readonly FieldFact[], ctx: ConversionContext): void {
  for (const fact of facts) {
    let path = fact.path;
    if (primaryType(schema) === "array" && path[0] !== "[]") path = ["[]", ...path];
    const { node, parent, created } = locate(schema, path, ctx.source(fact.line));
    foldProperty(node, fact, created, ctx);
    const leaf = path[path.length - 1];
    if (fact.required === true && parent && leaf && leaf !== "[]") {
      const required = Array.isArray(parent.required) ? (parent.required as string[]) : [];
      if (!required.includes(leaf)) parent.required = [...required, leaf];
    }
  }
}

/**
 * A list of fields documented "in the response" often describes the objects inside it (the items
 * of `event_reports`), not the envelope. When the example-built schema lacks most of the names at
 * its root but one nested object has them, the facts are applied there.
 */
export function relocateFields(schema: JsonObject, facts: readonly FieldFact[]): FieldFact[] {
  const rootProps = isObject(schema.properties)
    ? schema.properties
    : isObject(schema.items) && isObject((schema.items as JsonObject).properties)
      ? ((schema.items as JsonObject).properties as JsonObject)
      : undefined;
  if (!rootProps) return [...facts];
  const loose = facts.filter((f) => f.path.length === 1 && !Object.hasOwn(rootProps, f.path[0]!));
  if (loose.length === 0 || loose.length < facts.filter((f) => f.path.length === 1).length / 2) return [...facts];
  let best: { path: string[]; covered: number } | undefined;
  const visit = (node: JsonObject, path: string[], depth: number): void => {
    if (depth > 4) return;
    if (isObject(node.properties) && path.length > 0) {
      const covered = loose.filter((f) => Object.hasOwn(node.properties as JsonObject, f.path[0]!)).length;
      if (!best || covered > best.covered) best = { path, covered };
    }
    if (isObject(node.properties)) for (const [k, v] of Object.entries(node.properties)) if (isObject(v)) visit(v, [...path, k], depth + 1);
    if (isObject(node.items)) visit(node.items, [...path, "[]"], depth + 1);
  };
  visit(schema, [], 0);
  const found = best as { path: string[]; covered: number } | undefined;
  if (!found || found.covered < Math.max(1, loose.length / 2)) return [...facts];
  return facts.map((f) => (loose.includes(f) ? { ...f, path: [...found.path, ...f.path], name: pathName([...found.path, ...f.path]) } : f));
}

/** The schema at a property path, created (object properties / array items) when missing. */
function locate(root: JsonObject, path: readonly string[], source: string): { node: JsonObject; parent?: JsonObject; created: boolean } {
  let node = root;
  let parent: JsonObject | undefined;
  let created = false;
  path.forEach((segment, i) => {
    const last = i === path.length - 1;
    if (segment === "[]") {
      if (typesOf(node).length === 0) node.type = "array";
      if (!isObject(node.items)) {
        node.items = {};
        created = last;
      }
      parent = undefined;
      node = node.items as JsonObject;
      return;
    }
    if (typesOf(node).length === 0) node.type = "object";
    if (!isObject(node.properties)) node.properties = {};
    const properties = node.properties as Record<string, JsonObject>;
    if (!Object.hasOwn(properties, segment) || !isObject(properties[segment])) {
      const next = path[i + 1];
      const fresh: JsonObject = last ? {} : { type: next === "[]" ? "array" : "object", [X_SOURCE]: [source] };
      Object.defineProperty(properties, segment, { value: fresh, enumerable: true, writable: true, configurable: true });
      created = last;
    }
    parent = node;
    node = properties[segment]!;
  });
  return { node, parent, created };
}

function foldProperty(node: JsonObject, fact: FieldFact, created: boolean, ctx: ConversionContext): void {
  const assumed = typeof node.description === "string" && node.description.includes(NULL_NOTE);
  const weak = fact.described ?? fact.exampleType;
  if (fact.declared || (weak && (created || assumed || typesOf(node).length === 0))) {
    if (assumed) {
      const kept = dropNote(node.description as string);
      if (kept === undefined) delete node.description;
      else node.description = kept;
    }
    applyDeclaredType(node, (fact.declared ?? weak)!);
  }
  if (fact.nullable) addNull(node);
  if (fact.description) node.description = joinDescriptions(node.description as string | undefined, fact.description);
  foldConstraints(node, fact, ctx);
  addSource(node, ctx.source(fact.line));
}

function dropNote(description: string): string | undefined {
  const kept = description.split("\n\n").filter((p) => !p.startsWith(NULL_NOTE));
  return kept.length > 0 ? kept.join("\n\n") : undefined;
}

/** Documented descriptions first, the inference note last; the same text is not repeated. */
export function joinDescriptions(existing: string | undefined, added: string): string {
  if (!existing) return added;
  const parts = existing.split("\n\n");
  if (parts.includes(added)) return existing;
  const notes = parts.filter((p) => p.startsWith(NULL_NOTE));
  const rest = parts.filter((p) => !p.startsWith(NULL_NOTE));
  return [...rest, added, ...notes].join("\n\n");
}

/**
 * A declared type replaces the inferred one; `null` seen in an example stays allowed (the example
 * is evidence the table left out). Inferred format/items stay when the type agrees.
 */
export function applyDeclaredType(node: JsonObject, declared: JsonObject): void {
  const hadNull = typesOf(node).includes("null");
  const before = primaryType(node);
  const after = primaryType(declared);
  if (before !== after) {
    for (const k of ["format", "items", "properties", "required", "additionalProperties", "contentMediaType"]) delete node[k];
  }
  for (const [k, v] of Object.entries(structuredClone(declared))) node[k] = v;
  if (hadNull) addNull(node);
}

/** Enum, range and default of a fact; a default written in words is read as the (now known) type. */
export function foldConstraints(node: JsonObject, fact: FieldFact, ctx: ConversionContext): void {
  const type = primaryType(node);
  if (fact.enum) {
    const values = fact.enum.map((v) => coerceWord(v, type));
    if (values.every((v) => v !== undefined)) {
      const merged = Array.isArray(node.enum) ? [...(node.enum as unknown[])] : [];
      for (const v of values) if (!merged.includes(v)) merged.push(v);
      node.enum = merged;
      if (typesOf(node).includes("null") && !merged.includes(null)) merged.push(null);
    }
  }
  if (type === "integer" || type === "number") {
    if (fact.minimum !== undefined) node.minimum = fact.minimum;
    if (fact.maximum !== undefined) node.maximum = fact.maximum;
  }
  if (fact.hasDefault) node.default = structuredClone(fact.default);
  else if (fact.defaultWord !== undefined) {
    const value = parseDefaultCell([{ type: "text", value: fact.defaultWord }], node);
    if (value.ok && value.value !== undefined && (type !== "string" || !/^(?:null|none)$/i.test(fact.defaultWord))) node.default = value.value;
    else if (!value.ok) ctx.unread(fact.line, `the default of ${fact.name}`, value.reason);
  }
}

export function addSource(node: JsonObject, source: string): void {
  const list = Array.isArray(node[X_SOURCE]) ? (node[X_SOURCE] as string[]) : [];
  if (!list.includes(source)) list.push(source);
  node[X_SOURCE] = sortSources(list);
}

function sortSources(list: string[]): string[] {
  const lineOf = (s: string): number => Number(/:(\d+)$/.exec(s)?.[1] ?? 0);
  return [...list].sort((a, b) => lineOf(a) - lineOf(b) || (a < b ? -1 : a > b ? 1 : 0));
}

export function sortedSources(lines: number[], ctx: ConversionContext): string[] {
  return [...new Set(lines)].sort((a, b) => a - b).map((l) => ctx.source(l));
}

export function orderKeys(obj: JsonObject, order: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const k of order) if (obj[k] !== undefined) out[k] = obj[k];
  for (const [k, v] of Object.entries(obj)) if (!(k in out) && v !== undefined) out[k] = v;
  return out;
}

const SCHEMA_KEYS = [
  "type",
  "format",
  "contentMediaType",
  "contentEncoding",
  "description",
  "enum",
  "const",
  "default",
  "minimum",
  "maximum",
  "items",
  "properties",
  "additionalProperties",
  "required",
  X_SOURCE,
];

/** Schema keywords in one fixed order, recursively (property order is left as written). */
export function tidySchema(schema: JsonObject): JsonObject {
  const out = orderKeys(schema, SCHEMA_KEYS);
  if (isObject(out.items)) out.items = tidySchema(out.items);
  if (isObject(out.additionalProperties)) out.additionalProperties = tidySchema(out.additionalProperties);
  if (isObject(out.properties)) {
    out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, v]) => [k, isObject(v) ? tidySchema(v) : v]));
  }
  for (const k of ["anyOf", "oneOf", "allOf"]) {
    if (Array.isArray(out[k])) out[k] = (out[k] as unknown[]).map((v) => (isObject(v) ? tidySchema(v) : v));
  }
  return out;
}
