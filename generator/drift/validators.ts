import type { ValidateFunction } from "ajv";
import { escapeSegment, parsePointer } from "../openapi/pointer.ts";
import { createAjv, type Ajv } from "../openapi/ajv.ts";
import type { DocumentIndex } from "./schema-index.ts";

const DOC_ID = "driftless:canonical";

/**
 * ISO 8601 as vendors use the word: a calendar date, optionally with a time and zone. The
 * Hyperbrowser document writes `format: iso8601` for createdAt; an HTTP date must not pass.
 */
const ISO8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Formats some vendors use that JSON Schema does not define. Without these ajv ignores them and a
 * mangled timestamp passes; with them `format-mismatch` can fire where the document clearly means
 * something. Anything else unknown stays unchecked, as JSON Schema says annotations are.
 */
export const VENDOR_FORMATS: Record<string, (value: string) => boolean> = {
  iso8601: (v) => ISO8601.test(v) && !Number.isNaN(Date.parse(v.replace(" ", "T"))),
  "timestamp-milliseconds": (v) => /^-?\d{1,16}$/.test(v),
};

/** The ajv instance of the drift checker: the toolkit's configuration plus the vendor formats. */
export function createDriftAjv(): Ajv {
  // validateSchema off: the canonical document was validated by `generate`, and it is added whole
  // (it is not itself a JSON Schema) so that `$ref: "#/components/..."` resolves inside it.
  const ajv = createAjv({ validateSchema: false, addUsedSchema: false });
  for (const [name, validate] of Object.entries(VENDOR_FORMATS)) ajv.addFormat(name, { type: "string", validate });
  return ajv;
}

/**
 * Validators compiled once per schema actually used (a response schema, or a branch of an anyOf
 * the body checker has to choose between), keyed by the schema's pointer in the document.
 */
export class Validators {
  readonly ajv: Ajv;
  readonly #index: DocumentIndex;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(index: DocumentIndex, ajv: Ajv = createDriftAjv()) {
    this.ajv = ajv;
    this.#index = index;
    ajv.addSchema(index.doc as object, DOC_ID);
  }

  /** Number of validators compiled so far (the benchmark and tests look at it). */
  get compiledCount(): number {
    return this.#compiled.size;
  }

  forPointer(pointer: string): ValidateFunction {
    let fn = this.#compiled.get(pointer);
    if (!fn) {
      const fragment = parsePointer(pointer)
        .map((s) => "/" + encodeURIComponent(escapeSegment(s)))
        .join("");
      fn = this.ajv.compile({ $ref: `${DOC_ID}#${fragment}` });
      this.#compiled.set(pointer, fn);
    }
    return fn;
  }

  forNode(node: object): ValidateFunction {
    return this.forPointer(this.#index.pointerOf(node));
  }

  /** false when `value` breaks format `name`; undefined for formats nobody defines (not checked). */
  checkFormat(name: string, value: string): boolean | undefined {
    const format = (this.ajv.formats as Record<string, unknown>)[name];
    if (format === undefined || format === true) return undefined;
    if (format instanceof RegExp) return format.test(value);
    if (typeof format === "function") return Boolean((format as (v: string) => boolean)(value));
    if (typeof format === "object" && format !== null) {
      const def = format as { type?: string; validate?: unknown; async?: boolean };
      if (def.async || (def.type !== undefined && def.type !== "string")) return undefined;
      if (def.validate instanceof RegExp) return def.validate.test(value);
      if (typeof def.validate === "function") return Boolean((def.validate as (v: string) => boolean)(value));
    }
    return undefined;
  }
}
