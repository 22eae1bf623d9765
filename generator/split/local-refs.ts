import { isObject } from "../openapi/types.ts";
import { parsePointer } from "../openapi/pointer.ts";

/** A reference to somewhere in the same document, found while walking a value. */
export interface LocalRef {
  /** The reference as written, e.g. `#/components/schemas/Session`. */
  ref: string;
  /** Its target as pointer segments, e.g. ["components", "schemas", "Session"]. */
  target: string[];
  /** Segments from the walked root to the object holding the reference (for error locations). */
  at: string[];
  /**
   * A reference that may legitimately point nowhere, so a missing target is not an error: a
   * discriminator mapping value written as a bare schema name (`Cat`, which may as well be a
   * relative URL), or a `$ref` inside example data (GitHub's description writes
   * `{"$ref": "#/components/examples/…"}` inside example values and tools resolve them; OpenAPI
   * says example values are plain data).
   */
  implicit?: boolean;
}

/** Keys whose values are instance data (examples, defaults, enums), never OpenAPI or schema objects. */
const LITERAL_KEYS = new Set(["example", "default", "const", "enum", "value"]);

/** Keys whose values are maps from user-chosen names to objects: their keys are names, not keywords. */
const NAME_MAP_KEYS = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "content",
  "headers",
  "encoding",
  "links",
  "callbacks",
  "responses",
  "examples",
  "schemas",
  "parameters",
  "requestBodies",
  "securitySchemes",
  "pathItems",
  "variables",
  "scopes",
]);

/** How the keys of an object are read while walking. */
type Mode = "keywords" | "names" | "literal";

/**
 * Every local (`#…`) reference inside `value`, appended to `out`. External references are not
 * followed. The walk knows just enough of OpenAPI's shape to tell references from data: a `$ref`
 * under `example`, `default`, `enum`, `const` or an Example's `value` is data (collected as
 * `implicit`), while a property *named* `example` under `properties` is a schema and is walked.
 */
export function collectLocalRefs(value: unknown, out: LocalRef[], at: string[] = []): void {
  walk(value, "keywords", at, out);
}

function walk(value: unknown, mode: Mode, at: string[], out: LocalRef[]): void {
  if (Array.isArray(value)) {
    const itemMode = mode === "literal" ? "literal" : "keywords";
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item !== null && typeof item === "object") {
        at.push(String(i));
        walk(item, itemMode, at, out);
        at.pop();
      }
    }
    return;
  }
  if (!isObject(value)) return;
  if (mode !== "names") {
    const ref = value.$ref;
    if (typeof ref === "string" && ref.startsWith("#")) {
      out.push({ ref, target: parsePointer(ref), at: [...at], ...(mode === "literal" ? { implicit: true } : {}) });
    }
  }
  if (mode === "keywords") {
    const discriminator = value.discriminator;
    if (isObject(discriminator) && isObject(discriminator.mapping)) collectMapping(discriminator.mapping, at, out);
  }
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (child === null || typeof child !== "object") continue;
    at.push(key);
    walk(child, childMode(mode, key, child), at, out);
    at.pop();
  }
}

function childMode(mode: Mode, key: string, child: object): Mode {
  if (mode === "literal") return "literal";
  if (mode === "names") return "keywords";
  if (LITERAL_KEYS.has(key)) return "literal";
  // JSON Schema 2020-12 `examples` is an array of instances; OpenAPI's `examples` is a map of Example objects.
  if (key === "examples" && Array.isArray(child)) return "literal";
  return NAME_MAP_KEYS.has(key) ? "names" : "keywords";
}
function collectMapping(mapping: Record<string, unknown>, at: string[], out: LocalRef[]): void {
  for (const [key, target] of Object.entries(mapping)) {
    if (typeof target !== "string") continue;
    const where = [...at, "discriminator", "mapping", key];
    if (target.startsWith("#")) out.push({ ref: target, target: parsePointer(target), at: where });
    else if (/^[A-Za-z0-9_.-]+$/.test(target) && !/\.(ya?ml|json)$/i.test(target)) {
      out.push({ ref: target, target: ["components", "schemas", target], at: where, implicit: true });
    }
  }
}
