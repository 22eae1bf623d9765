/**
 * The `update` semantics of an Overlay action, and where provenance (`x-source`) is recorded.
 *
 * Overlay 1.0.0, Action Object: "If the target selects an object node, the value of this field
 * MUST be an object with the properties and values to merge with the selected node. If the target
 * selects an array, the value of this field MUST be an entry to append to the array." and "the
 * properties in the update object are recursively merged with the properties in the target object
 * with the same names; new properties are added to the target object." Overlay 1.1.0 spells the
 * recursion out, and we follow it for 1.0 documents too:
 *
 * - a property only in the target is left unchanged; a property only in the update is inserted;
 * - primitive over primitive: replaced;
 * - object over object: merged recursively;
 * - array over array: concatenated (the update's elements appended, in order);
 * - any other combination is incompatible: an error, and the action is not applied.
 *
 * Two choices of ours where the spec is silent: `null` in the update leaves an object or array of
 * the target unchanged (the spec's own structured example writes empty `components:` and `tags:`
 * keys as placeholders), and a `null` in the target is treated as absent (replaced by anything).
 * An array update on an array target appends each of its elements (Overlay 1.1.0: "an array to
 * concatenate with each selected array, or an object or primitive value to append").
 */
import { X_SOURCE, isObject, type JsonObject } from "../openapi/types.ts";
import { kindAt, type ObjectKind } from "../openapi/walk.ts";
import { joinPointer } from "../openapi/pointer.ts";

export type Json = unknown;

function kindOf(value: Json): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (isObject(value)) return "an object";
  return `a ${typeof value}`;
}

function isContainer(value: Json): boolean {
  return typeof value === "object" && value !== null;
}

/** A deep copy of JSON-like data that never shares a node with its source (YAML aliases included). */
export function copyJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => copyJson(v)) as T;
  if (isObject(value)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = copyJson(v);
    return out as T;
  }
  return value;
}

/**
 * Problems that would make `update` incompatible with the node at `pointer` (empty when it merges
 * cleanly). Pure: run before anything is changed so an action applies entirely or not at all.
 */
export function checkUpdate(target: Json, update: Json, pointer: string): string[] {
  if (Array.isArray(target)) return [];
  if (!isObject(target)) {
    return [`target ${pointer || "(root)"} is ${kindOf(target)}; an update needs an object or an array — select the containing object instead`];
  }
  if (!isObject(update)) return [`update is ${kindOf(update)} but target ${pointer || "(root)"} is an object; give an object of properties to merge`];
  const problems: string[] = [];
  checkProperties(target, update, pointer, problems);
  return problems;
}

function checkProperties(target: JsonObject, update: JsonObject, pointer: string, problems: string[]): void {
  for (const [key, value] of Object.entries(update)) {
    const existing = target[key];
    const at = joinPointer(pointer, key);
    if (existing === undefined || existing === null || value === null) continue;
    if (isObject(existing) && isObject(value)) checkProperties(existing, value, at, problems);
    else if (Array.isArray(existing) && Array.isArray(value)) continue;
    else if (isContainer(existing) || isContainer(value)) {
      problems.push(`update would put ${kindOf(value)} where ${at} is ${kindOf(existing)}; remove it with a remove action first`);
    }
  }
}

/** Records where a node came from, once per location. */
export function appendSource(node: JsonObject, location: string): void {
  const existing = node[X_SOURCE];
  if (Array.isArray(existing)) {
    if (!existing.includes(location)) existing.push(location);
  } else {
    node[X_SOURCE] = existing === undefined ? [location] : [existing, location];
  }
}

export interface UpdateContext {
  /** "file:line" of the action, for `x-source`. */
  location: string;
}

/**
 * Applies a checked update to the node at `segments` (the target is changed in place; the caller
 * works on its own copy of the document). Every operation, parameter, response, request body or
 * schema object the update merges into or creates gets the action's location in `x-source`.
 */
export function applyUpdate(target: Json, update: Json, segments: string[], context: UpdateContext): void {
  if (Array.isArray(target)) {
    appendTo(target, Array.isArray(update) ? update : [update], segments, context);
  } else if (isObject(target) && isObject(update)) {
    mergeObject(target, update, segments, context);
  }
}

function appendTo(target: Json[], items: Json[], segments: string[], context: UpdateContext): void {
  for (const item of items) {
    const index = target.length;
    target.push(fresh(item, [...segments, String(index)], context));
  }
}

/** A copy of an update value placed where nothing was, annotated like a merge into an empty node. */
function fresh(value: Json, segments: string[], context: UpdateContext): Json {
  if (isObject(value)) {
    const node: JsonObject = {};
    mergeObject(node, value, segments, context);
    return node;
  }
  if (Array.isArray(value)) {
    const list: Json[] = [];
    appendTo(list, value, segments, context);
    return list;
  }
  return value;
}

function mergeObject(target: JsonObject, update: JsonObject, segments: string[], context: UpdateContext): void {
  for (const [key, value] of Object.entries(update)) {
    const existing = target[key];
    const at = [...segments, key];
    if (existing === undefined || existing === null) {
      target[key] = fresh(value, at, context);
    } else if (value === null) {
      if (!isContainer(existing)) target[key] = null;
    } else if (isObject(existing) && isObject(value)) {
      mergeObject(existing, value, at, context);
    } else if (Array.isArray(existing) && Array.isArray(value)) {
      appendTo(existing, value, at, context);
    } else if (!isContainer(existing) && !isContainer(value)) {
      target[key] = value;
    }
    // Anything else is incompatible; checkUpdate reported it and the action was not applied.
  }
  if (carriesProvenance(segments, target)) appendSource(target, context.location);
}

// ---------------------------------------------------------------------------------------------
// Which objects carry x-source: operations, parameters, responses, request bodies and schemas,
// recognised by where they stand (the walker's shape tables, `kindAt`). Name-keyed maps (paths,
// properties, content, components.*) never do: an "x-source" key there would read as a path, a
// property or a media type.

const PROVENANCE_KINDS = new Set<ObjectKind | undefined>(["operation", "parameter", "response", "requestBody", "schema"]);

/** True for operation, parameter, response, request body and schema objects; a Reference Object outside schemas takes no siblings. */
export function carriesProvenance(segments: readonly string[], node: JsonObject): boolean {
  const kind = kindAt(segments);
  if (!PROVENANCE_KINDS.has(kind)) return false;
  return kind === "schema" || typeof node.$ref !== "string";
}
