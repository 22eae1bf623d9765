import type { JsonObject } from "../openapi/types.ts";
import { parsePointer } from "../openapi/pointer.ts";
import { mappingRefs } from "../openapi/refs.ts";
import { walkNode, type ObjectKind, type OpenApiVersion } from "../openapi/walk.ts";

/** A reference to somewhere in the same document, found while walking a value. */
export interface LocalRef {
  /** The reference as written, e.g. `#/components/schemas/Session`. */
  ref: string;
  /** Its target as pointer segments, e.g. ["components", "schemas", "Session"]. */
  target: string[];
  /** Segments from the document root to the object holding the reference (for error locations). */
  at: string[];
  /**
   * A reference that may legitimately point nowhere, so a missing target is not an error: a
   * discriminator mapping value written as a bare schema name (`Cat`, which may as well be a
   * relative URL).
   */
  implicit?: boolean;
}

/**
 * Every local (`#…`) reference of `value`, an object of `kind` standing at `at` in the document,
 * appended to `out`: `$ref`s and discriminator mappings. External references are not followed.
 * The walker tells references from data: a `$ref` inside `example`, an Example's `value`,
 * `default`, `enum`, `const` or an extension is a value (OpenAPI: "Embedded literal example") and
 * is neither carried nor checked, while a property *named* `example` under `properties` is a
 * schema and is walked.
 */
export function collectLocalRefs(value: unknown, kind: ObjectKind, at: string[], out: LocalRef[], version?: OpenApiVersion): void {
  walkNode(
    value,
    kind,
    at,
    (node, nodeKind, path, expected) => {
      if (nodeKind === "reference") {
        const ref = node.$ref as string;
        if (ref.startsWith("#")) out.push({ ref, target: parsePointer(ref), at: [...path] });
      }
      if (expected === "schema") collectMapping(node, path, out);
    },
    { version },
  );
}

function collectMapping(schema: JsonObject, at: string[], out: LocalRef[]): void {
  for (const { key, ref, implicit } of mappingRefs(schema)) {
    const where = [...at, "discriminator", "mapping", key];
    if (implicit) out.push({ ref: ref.slice("#/components/schemas/".length), target: parsePointer(ref), at: where, implicit: true });
    else out.push({ ref, target: parsePointer(ref), at: where });
  }
}
