import { isJsonMediaType } from "../../openapi/media-types.ts";
import { getAtPointer } from "../../openapi/pointer.ts";
import { isObject, type JsonObject, type OpenApiDocument } from "../../openapi/types.ts";

/** How deep the planner follows nested schemas: deep enough for request bodies, bounded for recursive ones. */
const MAX_DEPTH = 8;

/** A value built for a schema, or the pointer of the part nothing could be built for. */
export type Sample = { ok: true; value: unknown } | { ok: false; missing: string };

/**
 * Read-only questions the planner asks of the document's schemas. Vendors' documents are loose
 * (3.0 leftovers, `allOf` used as inheritance, enums without a type), so every answer is a best
 * effort that never throws.
 */
export class SchemaReader {
  // The same schemas are asked about again and again (every list item, for every parameter filled
  // from it): answers are kept per schema object.
  readonly #types = new WeakMap<object, string[]>();
  readonly #properties = new WeakMap<object, Map<string, JsonObject>>();

  constructor(readonly doc: OpenApiDocument) {}

  /** The node a chain of local `$ref`s ends at (a Reference Object, a schema, an example…). */
  deref(node: unknown): JsonObject | undefined {
    let current = node;
    for (let i = 0; i < 20 && isObject(current) && typeof current.$ref === "string"; i++) {
      const ref = current.$ref;
      current = ref.startsWith("#") ? getAtPointer(this.doc, ref.slice(1)) : undefined;
    }
    return isObject(current) ? current : undefined;
  }

  /** JSON types a schema admits: `type` as given, else inferred from its keywords or its branches. */
  types(node: unknown, depth = 0): string[] {
    const schema = this.deref(node);
    if (!schema || depth > MAX_DEPTH) return [];
    let cached = this.#types.get(schema);
    if (!cached) this.#types.set(schema, (cached = this.typesOf(schema, depth)));
    return cached;
  }

  private typesOf(schema: JsonObject, depth: number): string[] {
    if (typeof schema.type === "string") return schema.nullable === true ? [schema.type, "null"] : [schema.type];
    if (Array.isArray(schema.type)) return schema.type.filter((t): t is string => typeof t === "string");
    const branches = [...this.list(schema.allOf), ...this.list(schema.oneOf), ...this.list(schema.anyOf)];
    const fromBranches = [...new Set(branches.flatMap((b) => this.types(b, depth + 1)))];
    if (fromBranches.length > 0) return fromBranches;
    if (Array.isArray(schema.enum)) return [...new Set(schema.enum.map(jsonType))];
    if ("const" in schema) return [jsonType(schema.const)];
    if (isObject(schema.properties)) return ["object"];
    if (schema.items !== undefined) return ["array"];
    return [];
  }

  /** Properties of an object schema, `allOf` branches merged in (inheritance), first branch of `oneOf`/`anyOf` kept. */
  properties(node: unknown, depth = 0): Map<string, JsonObject> {
    const schema = this.deref(node);
    if (!schema || depth > MAX_DEPTH) return new Map();
    let cached = this.#properties.get(schema);
    if (!cached) this.#properties.set(schema, (cached = this.propertiesOf(schema, depth)));
    return cached;
  }

  private propertiesOf(schema: JsonObject, depth: number): Map<string, JsonObject> {
    const out = new Map<string, JsonObject>();
    for (const branch of this.list(schema.allOf)) for (const [k, v] of this.properties(branch, depth + 1)) out.set(k, v);
    for (const key of ["oneOf", "anyOf"] as const) {
      const first = this.list(schema[key]).find((b) => !this.types(b).every((t) => t === "null"));
      if (first) for (const [k, v] of this.properties(first, depth + 1)) if (!out.has(k)) out.set(k, v);
    }
    if (isObject(schema.properties)) for (const [k, v] of Object.entries(schema.properties)) if (isObject(v)) out.set(k, v);
    return out;
  }

  /** Required property names, `allOf` branches included. */
  required(node: unknown, depth = 0): string[] {
    const schema = this.deref(node);
    if (!schema || depth > MAX_DEPTH) return [];
    const own = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === "string") : [];
    return [...new Set([...this.list(schema.allOf).flatMap((b) => this.required(b, depth + 1)), ...own])];
  }

  /** The item schema of an array schema. */
  items(node: unknown): JsonObject | undefined {
    const schema = this.deref(node);
    return schema ? this.deref(schema.items) : undefined;
  }

  /** Documented example values of a schema or parameter: `example`, then each of `examples` (array or Example Objects). */
  examples(node: unknown): unknown[] {
    const holder = this.deref(node);
    if (!holder) return [];
    const out: unknown[] = [];
    if (holder.example !== undefined) out.push(holder.example);
    if (Array.isArray(holder.examples)) out.push(...holder.examples);
    else if (isObject(holder.examples)) {
      for (const ex of Object.values(holder.examples)) {
        const example = this.deref(ex);
        if (example && example.value !== undefined) out.push(example.value);
      }
    }
    return out;
  }

  /** The JSON media type object of a content map (`application/json` first, then any `+json`). */
  jsonMedia(content: unknown): JsonObject | undefined {
    if (!isObject(content)) return undefined;
    const types = Object.keys(content);
    const chosen = types.find((t) => t.split(";")[0]!.trim().toLowerCase() === "application/json") ?? types.find(isJsonMediaType);
    return chosen ? this.deref(content[chosen]) : undefined;
  }

  /**
   * A value the schema accepts, built from what the document says: `const`, `default`, an example,
   * the first enum value, then by type (required properties only; formats, minimums and lengths
   * honoured). A string with a `pattern` and no example cannot be made up: it is reported missing.
   */
  sample(node: unknown, at = "", depth = 0): Sample {
    const schema = this.deref(node);
    if (!schema) return { ok: true, value: {} };
    if (depth > MAX_DEPTH) return { ok: false, missing: at || "/" };
    if ("const" in schema) return { ok: true, value: schema.const };
    if (schema.default !== undefined) return { ok: true, value: schema.default };
    const [example] = this.examples(schema);
    if (example !== undefined) return { ok: true, value: example };
    if (Array.isArray(schema.enum)) {
      const value = schema.enum.find((v) => v !== null) ?? schema.enum[0];
      if (value !== undefined) return { ok: true, value };
    }
    for (const key of ["oneOf", "anyOf"] as const) {
      for (const branch of this.list(schema[key])) {
        if (this.types(branch).every((t) => t === "null")) continue;
        const sampled = this.sample(branch, at, depth + 1);
        if (sampled.ok) return sampled;
      }
    }
    return this.sampleByType(schema, at, depth);
  }

  private sampleByType(schema: JsonObject, at: string, depth: number): Sample {
    const type = this.types(schema).find((t) => t !== "null") ?? (this.list(schema.allOf).length > 0 ? "object" : undefined);
    switch (type) {
      case "object":
        return this.sampleObject(schema, at, depth);
      case "array": {
        const count = typeof schema.minItems === "number" ? schema.minItems : 0;
        if (count === 0) return { ok: true, value: [] };
        const item = this.sample(schema.items, `${at}/0`, depth + 1);
        return item.ok ? { ok: true, value: Array.from({ length: count }, () => item.value) } : item;
      }
      case "string":
        return sampleString(schema, at);
      case "integer":
      case "number":
        return { ok: true, value: sampleNumber(schema, type) };
      case "boolean":
        return { ok: true, value: false };
      case "null":
        return { ok: true, value: null };
      default:
        return { ok: true, value: {} };
    }
  }

  private sampleObject(schema: JsonObject, at: string, depth: number): Sample {
    const props = this.properties(schema);
    const value: JsonObject = {};
    for (const name of this.required(schema)) {
      const prop = props.get(name);
      if (prop && this.deref(prop)?.readOnly === true) continue; // the server sets it
      const sampled = this.sample(prop, `${at}/${name}`, depth + 1);
      if (!sampled.ok) return sampled;
      value[name] = sampled.value;
    }
    return { ok: true, value };
  }

  private list(value: unknown): JsonObject[] {
    return Array.isArray(value) ? value.map((v) => this.deref(v)).filter((v): v is JsonObject => v !== undefined) : [];
  }
}

export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Values of well-known formats that every validator accepts. */
const FORMAT_SAMPLES: Record<string, string> = {
  "date-time": "2024-01-01T00:00:00Z",
  date: "2024-01-01",
  time: "00:00:00Z",
  uuid: "00000000-0000-4000-8000-000000000000",
  email: "driftless@example.com",
  uri: "https://example.com/",
  url: "https://example.com/",
  "uri-reference": "https://example.com/",
  hostname: "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
};

function sampleString(schema: JsonObject, at: string): Sample {
  const format = typeof schema.format === "string" ? FORMAT_SAMPLES[schema.format] : undefined;
  if (format) return { ok: true, value: format };
  if (typeof schema.pattern === "string") return { ok: false, missing: at || "/" };
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Infinity;
  const value = "driftless".padEnd(min, "x").slice(0, Math.max(min, Math.min(max, 9)));
  return { ok: true, value };
}

function sampleNumber(schema: JsonObject, type: "integer" | "number"): number {
  let value = typeof schema.minimum === "number" ? schema.minimum : typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum + 1 : 1;
  if (typeof schema.maximum === "number" && value > schema.maximum) value = schema.maximum;
  if (typeof schema.multipleOf === "number" && schema.multipleOf > 0) value = Math.ceil(value / schema.multipleOf) * schema.multipleOf;
  return type === "integer" ? Math.ceil(value) : value;
}
