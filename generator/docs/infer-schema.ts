/**
 * JSON Schema 2020-12 from example values: the shape every documented example shares, never more.
 * No enum or const is invented from example values; formats are claimed only when every example
 * string has them (checked with ajv-formats' own definitions, so the examples validate later).
 */
import { fullFormats } from "ajv-formats/dist/formats.js";
import { X_EXAMPLES_PARTIAL, X_SOURCE, isObject, type JsonObject } from "../openapi/types.ts";
import type { JsonLocation } from "./examples.ts";

/** One example value and, when known, where it and its parts were written. */
export interface Sample {
  value: unknown;
  at?: JsonLocation;
  /** The whole example is a projection or was elided: the keys it lacks say nothing. */
  partial?: boolean;
}

export interface InferSchemaOptions {
  /** File named in `x-source` ("docs/sessions-api.md"); without it no provenance is written. */
  file?: string;
  /** Location of each example (parallel to `examples`), for `x-source` on every property. */
  locations?: readonly (JsonLocation | undefined)[];
  /** Keys present in every example of an object become `required` (default true; false for request bodies). */
  required?: boolean;
  /** Detect string formats (default true). */
  formats?: boolean;
  /**
   * "Same object" identity: objects with the same identity are one type, so every example of it
   * anywhere (`related`) shapes its schema, e.g. a list's `data` items and the single GET body.
   */
  identify?: (value: JsonObject) => string | undefined;
  /** All samples of each identity in the document (see `collectIdentities`). */
  related?: ReadonlyMap<string, readonly Sample[]>;
  /** Called with each object schema inferred for an identity: the place to fold documented facts in. */
  annotate?: (schema: JsonObject, identity: string) => void;
  /** Name of the value at the root (a property name), used when every example is null. */
  name?: string;
}

/**
 * Default identity: the `object` field of objects that also carry an `id` (Stripe-style resources:
 * `{"id": "sess_…", "object": "session"}`). Envelopes such as `{"object": "list"}` have no id and
 * stay per-response.
 */
export function identifyByObjectField(value: JsonObject): string | undefined {
  return typeof value.object === "string" && value.object !== "" && Object.hasOwn(value, "id") ? value.object : undefined;
}

/** Every object (at any depth) of the samples that has an identity, grouped by it, in document order. */
export function collectIdentities(samples: readonly Sample[], identify: (value: JsonObject) => string | undefined): Map<string, Sample[]> {
  const out = new Map<string, Sample[]>();
  const visit = (s: Sample): void => {
    if (Array.isArray(s.value)) {
      s.value.forEach((v, i) => {
        visit({ value: v, at: s.at?.children?.get(String(i)) });
      });
    } else if (isObject(s.value)) {
      const id = identify(s.value);
      if (id !== undefined) {
        const list = out.get(id) ?? [];
        list.push(s);
        out.set(id, list);
      }
      for (const [k, v] of Object.entries(s.value)) visit({ value: v, at: s.at?.children?.get(k) });
    }
  };
  samples.forEach(visit);
  return out;
}

export function inferSchema(examples: unknown[], options: InferSchemaOptions = {}): JsonObject {
  const samples = examples.map((value, i) => ({ value, at: options.locations?.[i] }));
  return inferSamples(samples, options);
}

/** Like `inferSchema`, for samples that carry their locations. */
export function inferSamples(samples: readonly Sample[], options: InferSchemaOptions = {}): JsonObject {
  return infer(samples, options, options.name, []);
}

type Kind = "null" | "boolean" | "integer" | "number" | "string" | "array" | "object";

function kindOf(value: unknown): Kind {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  switch (typeof value) {
    case "boolean":
      return "boolean";
    case "number":
      return Number.isInteger(value) ? "integer" : "number";
    case "string":
      return "string";
    default:
      return "object";
  }
}

function infer(samples: readonly Sample[], options: InferSchemaOptions, name: string | undefined, stack: string[]): JsonObject {
  // An unquoted `<data>` placeholder says a value is there, not what type it has.
  const values = samples.filter((s) => s.value !== undefined && !s.at?.placeholder);
  if (values.length === 0) return {};
  const kinds: Kind[] = [];
  for (const s of values) {
    const k = s.at?.decimal && typeof s.value === "number" ? "number" : kindOf(s.value);
    if (!kinds.includes(k)) kinds.push(k);
  }
  const hasNull = kinds.includes("null");
  let types = kinds.filter((k) => k !== "null");
  if (types.includes("integer") && types.includes("number")) types = types.filter((k) => k !== "integer");

  if (types.length === 0) return nullOnly(name);

  const schema: JsonObject = { type: undefined };
  for (const type of types) {
    const ofType = values.filter((s) => {
      const k = s.at?.decimal && typeof s.value === "number" ? "number" : kindOf(s.value);
      return k === type || (type === "number" && k === "integer");
    });
    if (type === "string" && options.formats !== false) {
      const format = detectFormat(ofType.map((s) => s.value as string));
      if (format) schema.format = format;
    } else if (type === "array") {
      const elements: Sample[] = [];
      for (const s of ofType) {
        for (const [i, v] of (s.value as unknown[]).entries()) elements.push({ value: v, at: s.at?.children?.get(String(i)), ...(s.partial ? { partial: true } : {}) });
      }
      if (elements.length > 0) schema.items = infer(elements, options, undefined, stack);
    } else if (type === "object") {
      Object.assign(schema, inferObject(ofType, options, stack));
    }
  }
  const typeList: string[] = [...types, ...(hasNull ? ["null"] : [])];
  schema.type = typeList.length === 1 ? typeList[0] : typeList;
  // `"success" | "error"` in a pseudo-JSON example lists the values: an enum the page states.
  const listed = values.flatMap((s) => s.at?.values ?? []);
  if (listed.length > 0) schema.enum = [...new Set(listed)];
  return schema;
}

function inferObject(samples: readonly Sample[], options: InferSchemaOptions, stack: string[]): JsonObject {
  let group: readonly Sample[] = samples;
  let identity: string | undefined;
  if (options.identify) {
    const ids = new Set(samples.map((s) => options.identify!(s.value as JsonObject)));
    const [only] = ids;
    if (ids.size === 1 && only !== undefined && !stack.includes(only)) {
      identity = only;
      const related = options.related?.get(only) ?? [];
      const seen = new Set(related.map((s) => s.value));
      group = [...related, ...samples.filter((s) => !seen.has(s.value))];
    }
  }
  const nextStack = identity ? [...stack, identity] : stack;

  const keys: string[] = [];
  for (const s of group) for (const k of Object.keys(s.value as JsonObject)) if (!keys.includes(k)) keys.push(k);

  const out: JsonObject = {};
  if (keys.length > 0) {
    const properties: Record<string, JsonObject> = {};
    for (const key of keys) {
      const present = group.filter((s) => Object.hasOwn(s.value as JsonObject, key));
      const children = present.map((s) => ({ value: (s.value as JsonObject)[key], at: s.at?.children?.get(key), ...(s.partial ? { partial: true } : {}) }));
      const property = infer(children, options, key, nextStack);
      if (options.file) {
        const lines = [...new Set(children.map((c) => c.at?.line).filter((l): l is number => l !== undefined))].sort((a, b) => a - b);
        if (lines.length > 0) property[X_SOURCE] = lines.map((l) => `${options.file}:${l}`);
      }
      Object.defineProperty(properties, key, { value: property, enumerable: true, writable: true, configurable: true });
    }
    out.properties = properties;
    if (options.required !== false) {
      // Elided objects (`…`) and projections (jq) are evidence of the keys they show, not of the ones they lack.
      const whole = group.filter((s) => !s.partial && !s.at?.partial);
      const required = whole.length === 0 ? [] : keys.filter((k) => whole.every((s) => Object.hasOwn(s.value as JsonObject, k)));
      if (required.length > 0) out.required = required;
      if (whole.length === 0) out[X_EXAMPLES_PARTIAL] = true;
    }
  }
  if (identity) options.annotate?.(out, identity);
  return out;
}

/** Every example is null: the non-null type is assumed from the field name, and the description says so. */
function nullOnly(name: string | undefined): JsonObject {
  const guess = guessFromName(name);
  return {
    type: [guess.type, "null"],
    ...(guess.format ? { format: guess.format } : {}),
    description: guess.basis
      ? `Every documented example is null; the non-null type (${guess.basis}) is assumed from the field name.`
      : "Every documented example is null; the non-null type is assumed to be string.",
  };
}

/** Name conventions that make a type obvious. Kept short on purpose. */
export function guessFromName(name: string | undefined): { type: string; format?: string; basis?: string } {
  const n = (name ?? "").replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
  if (/(^|_)at$/.test(n)) return { type: "string", format: "date-time", basis: "date-time string, from `_at`" };
  if (/(^|_)(url|uri)$/.test(n)) return { type: "string", format: "uri", basis: "URI string, from `_url`" };
  if (/^(is|has|can|should)_/.test(n) || /_enabled$/.test(n)) return { type: "boolean", basis: "boolean, from its `is_`/`has_`/`_enabled` form" };
  if (/(^|_)(count|seconds|ms|millis|bytes)$/.test(n)) return { type: "integer", basis: "integer, from a count or unit suffix" };
  return { type: "string" };
}

const FORMAT_ORDER = ["date-time", "date", "uuid", "email", "uri", "ipv4", "ipv6"] as const;

/** Cheap shape tests first; ajv-formats decides. `uri` needs a `scheme://` so ids like `sess_…` never qualify. */
const FORMAT_SHAPE: Record<(typeof FORMAT_ORDER)[number], RegExp> = {
  "date-time": /^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d/,
  date: /^\d{4}-\d\d-\d\d$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  uri: /^[a-z][a-z0-9+.-]*:\/\/[^\s/?#]+\S*$/i,
  ipv4: /^\d{1,3}(\.\d{1,3}){3}$/,
  ipv6: /^[0-9a-f:.]*:[0-9a-f:.]*$/i,
};

function ajvAccepts(format: string, value: string): boolean {
  const def = (fullFormats as Record<string, unknown>)[format];
  const check = isObject(def) && "validate" in def ? def.validate : def;
  if (check instanceof RegExp) return check.test(value);
  if (typeof check === "function") return Boolean((check as (s: string) => unknown)(value));
  return false;
}

/** The format every string has, or undefined. */
export function detectFormat(strings: readonly string[]): string | undefined {
  if (strings.length === 0) return undefined;
  for (const format of FORMAT_ORDER) {
    if (strings.every((s) => FORMAT_SHAPE[format].test(s) && ajvAccepts(format, s))) return format;
  }
  return undefined;
}
