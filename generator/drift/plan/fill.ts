import type { ValueSource } from "../config.ts";
import { escapeSegment, getAtPointer } from "../../openapi/pointer.ts";
import type { JsonObject } from "../../openapi/types.ts";
import { shapeOf, singular, type OperationIndex, type PlanOperation, type PlanParam, type Segment } from "./operations.ts";

/**
 * A planned step whose answer holds resources other steps can take ids from: a list (its items)
 * or a create (the created resource itself).
 */
export interface Origin {
  step: string;
  kind: "list" | "created";
  /** The collection path: the list's path, or the path the create posts to. */
  segments: Segment[];
  /** `shapeOf(segments)`: the parent of a path is found by comparing shapes. */
  shape: string;
  /** Where one resource is in the answer: "/data/0", "/sessions/0", "/0", or "" for a create. */
  itemPointer: string;
  item?: JsonObject;
  /** Documented example answers of the step's operation (to learn what ids look like). */
  examples: unknown[];
  /** The path values the step itself was sent with, by its parameter names in path order. */
  fills: Record<string, ValueSource>;
  paramNames: string[];
}

/** The origins steps may take values from, indexed by collection shape (parents) and kept apart when sent no values (roots). */
export class Origins {
  readonly all: Origin[] = [];
  readonly roots: Origin[] = [];
  readonly #byShape = new Map<string, Origin[]>();

  constructor(origins: Origin[] = []) {
    for (const o of origins) this.add(o);
  }

  add(origin: Origin): void {
    this.all.push(origin);
    if (origin.paramNames.length === 0) this.roots.push(origin);
    this.#byShape.set(origin.shape, [...(this.#byShape.get(origin.shape) ?? []), origin]);
  }

  withShape(shape: string): readonly Origin[] {
    return this.#byShape.get(shape) ?? [];
  }
}

/** What is known of the field a path parameter is filled from: its schema and example values. */
export interface FieldHint {
  schema?: JsonObject;
  examples: unknown[];
}

/** Fields that identify a resource in a path, best first; `id` wins for `{id}`-like names. */
const KEY_FIELDS = ["id", "slug", "login", "name", "key", "uuid", "number"];

/**
 * `sessionId` / `session_id` / `issue_number`: the resource and the field the suffix names. The
 * suffix must start a word (camel case or a separator): `valid` is not `val` + `id`.
 */
const SUFFIX = /^(.+?)(?:[-_](id|uuid|number|name|slug|key|sha|login|code|handle)|(Id|ID|Uuid|UUID|Number|Name|Slug|Key|Sha|SHA|Login|Code|Handle))$/;

function suffixOf(name: string): { resource: string; field: string } | undefined {
  const m = SUFFIX.exec(name);
  return m ? { resource: m[1]!, field: (m[2] ?? m[3])!.toLowerCase() } : undefined;
}

export type PathFill = { ok: true; path: Record<string, ValueSource>; hints: Map<string, FieldHint> } | { ok: false; param: string };

/**
 * Values for every path parameter of `op`, taken from the answers of earlier steps (`origins`).
 * The last parameter comes from the origin whose collection the path continues (`/v1/sessions` for
 * `/v1/sessions/{id}`, also `/api/sessions` for `/api/session/{id}`), the ones before it from the
 * values that origin was itself sent with. Failing that, each parameter from any origin whose items
 * carry a matching field (`{owner}` ← `owner.login`, `{sessionId}` ← `id` of a sessions list).
 */
export function fillPath(index: OperationIndex, op: PlanOperation, origins: Origins): PathFill {
  const params = index.pathParams(op);
  if (params.length === 0) return { ok: true, path: {}, hints: new Map() };
  return fromParent(index, op, params, origins) ?? fromAnywhere(index, params, op.segments, origins);
}

function fromParent(index: OperationIndex, op: PlanOperation, params: PlanParam[], origins: Origins): PathFill | undefined {
  const last = params.at(-1)!;
  const at = op.segments.findIndex((s) => "param" in s && s.param === last.name);
  const prefix = op.segments.slice(0, at);
  for (const origin of origins.withShape(shapeOf(prefix))) {
    const field = pickField(index, last, origin.item, lastStatic(prefix));
    if (!field) continue;
    const path: Record<string, ValueSource> = {};
    const hints = new Map<string, FieldHint>();
    // Parameters before the last sit where the origin's own parameters sit: same values, by position.
    params.slice(0, -1).forEach((p, i) => {
      const value = origin.fills[origin.paramNames[i] ?? ""];
      if (value) path[p.name] = value;
    });
    if (Object.keys(path).length !== params.length - 1) continue;
    path[last.name] = { from: origin.step, pointer: origin.itemPointer + field.pointer };
    hints.set(last.name, hintOf(origin, field));
    return { ok: true, path, hints };
  }
  return undefined;
}

function fromAnywhere(index: OperationIndex, params: PlanParam[], segments: Segment[], origins: Origins): PathFill {
  // Only origins that were sent no values of their own: a value must not depend on a guess of another.
  const roots = origins.roots;
  const wants = params.map((param) => {
    const at = segments.findIndex((s) => "param" in s && s.param === param.name);
    const resource = resourceOf(param.name) ?? lastStatic(segments.slice(0, at));
    const byResource = roots.filter((o) => resource !== undefined && sameResource(resource, lastStatic(o.segments)));
    // A bare `{id}` or `{name}` says nothing of whose: only a list of that resource may fill it.
    const generic = KEY_FIELDS.includes(param.name.toLowerCase());
    return { param, resource, byResource, candidates: generic ? byResource : [...byResource, ...roots] };
  });
  const pick = (want: (typeof wants)[number], origin: Origin) => pickField(index, want.param, origin.item, want.byResource.includes(origin) ? want.resource : undefined);
  // One origin for all parameters first: an owner and a repository from the same item belong together.
  if (params.length > 1) {
    for (const origin of wants.flatMap((w) => w.byResource)) {
      const fields = wants.map((w) => (w.candidates.includes(origin) ? pick(w, origin) : undefined));
      if (fields.every((f) => f !== undefined)) return filled(params.map((p, i) => [p.name, origin, fields[i]!]));
    }
  }
  const found: [string, Origin, { pointer: string; schema: JsonObject }][] = [];
  for (const want of wants) {
    let hit: [string, Origin, { pointer: string; schema: JsonObject }] | undefined;
    for (const origin of want.candidates) {
      const field = pick(want, origin);
      if (field) {
        hit = [want.param.name, origin, field];
        break;
      }
    }
    if (!hit) return { ok: false, param: want.param.name };
    found.push(hit);
  }
  return filled(found);
}

function filled(found: [string, Origin, { pointer: string; schema: JsonObject }][]): PathFill {
  const path: Record<string, ValueSource> = {};
  const hints = new Map<string, FieldHint>();
  for (const [name, origin, field] of found) {
    path[name] = { from: origin.step, pointer: origin.itemPointer + field.pointer };
    hints.set(name, hintOf(origin, field));
  }
  return { ok: true, path, hints };
}

function hintOf(origin: Origin, field: { pointer: string; schema: JsonObject }): FieldHint {
  const pointer = origin.itemPointer + field.pointer;
  const examples = origin.examples.map((ex) => getAtPointer(ex, pointer)).filter((v) => v !== undefined);
  return { schema: field.schema, examples };
}

/**
 * The field of an item that fills `param`: a field of the same name (an object one through its
 * login/slug/name/id), the field its suffix names (`issue_number` → `number`), else the item's key
 * field. Types must agree; a string parameter takes an integer field only when nothing else fits.
 * `resource` is set when the item is known to be the resource the parameter names.
 */
function pickField(index: OperationIndex, param: PlanParam, item: JsonObject | undefined, resource: string | undefined): { pointer: string; schema: JsonObject } | undefined {
  if (!item) return undefined;
  const { reader } = index;
  const props = reader.properties(item);
  const byName = normalNames(props);
  const want = reader.types(param.schema);
  const find = (names: string[], strict: boolean) => {
    for (const name of names) {
      const prop = byName.get(normal(name));
      if (prop && fits(want, reader.types(prop[1]), strict)) return { pointer: `/${escapeSegment(prop[0])}`, schema: reader.deref(prop[1]) ?? {} };
    }
    return undefined;
  };
  const same = byName.get(normal(param.name));
  if (same && reader.types(same[1]).includes("object")) {
    const nested = pickField(index, { ...param, name: "" }, reader.deref(same[1]), "nested");
    if (nested) return { pointer: `/${escapeSegment(same[0])}${nested.pointer}`, schema: nested.schema };
  }
  const suffix = suffixOf(param.name)?.field;
  const named = [param.name, ...(suffix && resource ? [suffix] : [])];
  const keys = resource ? KEY_FIELDS : [];
  // Failing those, an item of the resource named by the path identifies itself by its one `…Id` field (`jobId`).
  const ids = resource ? [...props.keys()].filter((k) => suffixOf(k)?.field === "id") : [];
  for (const strict of [true, false]) {
    const found = find(named, strict) ?? find(keys, strict) ?? (ids.length === 1 ? find(ids, strict) : undefined);
    if (found) return found;
  }
  return undefined;
}

function fits(param: string[], field: string[], strict: boolean): boolean {
  const p = param.length === 0 ? ["string"] : param;
  const f = field.length === 0 ? ["string"] : field;
  const numeric = (t: string) => t === "integer" || t === "number";
  if (p.some((t) => f.includes(t) || (numeric(t) && f.some(numeric)))) return true;
  return !strict && p.includes("string") && f.some(numeric);
}

/** The resource a parameter name names: `sessionId` → "session"; undefined for `id` or a bare name. */
export function resourceOf(name: string): string | undefined {
  const split = suffixOf(name);
  if (split) return split.resource.length >= 2 ? split.resource : undefined;
  return name.length >= 3 && name.toLowerCase() !== "uuid" ? name : undefined;
}

/** "org" and "organizations", "repo" and "repos": the same resource, loosely. */
function sameResource(a: string, b: string | undefined): boolean {
  if (!b) return false;
  const x = singular(a);
  const y = singular(b);
  return x === y || (Math.min(x.length, y.length) >= 3 && (x.startsWith(y) || y.startsWith(x)));
}

export function lastStatic(segments: readonly Segment[]): string | undefined {
  for (let i = segments.length - 1; i >= 0; i--) {
    const s = segments[i]!;
    if ("static" in s) return s.static;
  }
  return undefined;
}

const normalized = new WeakMap<Map<string, JsonObject>, Map<string, [string, JsonObject]>>();

/** Properties by their loosely compared name (`session_id` = `sessionId`), built once per property map. */
function normalNames(props: Map<string, JsonObject>): Map<string, [string, JsonObject]> {
  let map = normalized.get(props);
  if (!map) {
    map = new Map();
    for (const entry of props) if (!map.has(normal(entry[0]))) map.set(normal(entry[0]), entry);
    normalized.set(props, map);
  }
  return map;
}

function normal(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}
