import type { ErrorObject } from "ajv";
import { deepEqual } from "../openapi/json.ts";
import { escapeSegment, unescapeSegment } from "../openapi/pointer.ts";
import { isObject, type JsonObject } from "../openapi/types.ts";
import type { DriftRuleId } from "../problems/rules.ts";
import type { Redactor } from "./redact.ts";
import type { DocumentIndex } from "./schema-index.ts";
import type { Validators } from "./validators.ts";

/** A place in the observed body, as a linked list: pointers are only spelled out for findings. */
export interface BodyPath {
  readonly parent: BodyPath | undefined;
  readonly key: string;
  readonly index: boolean;
}

export interface BodyIssue {
  rule: DriftRuleId;
  path: BodyPath | undefined;
  /** Pointer of the schema node in the canonical document the issue is about. */
  specPointer: string;
  expected: string;
  observed: string;
  /** Extra identity for the fingerprint (observed type, value); "" when place and rule say it all. */
  category: string;
  observedType?: string;
}

export function bodyPointer(path: BodyPath | undefined): string {
  const parts: string[] = [];
  for (let p = path; p; p = p.parent) parts.push(escapeSegment(p.key));
  return parts.length ? "/" + parts.reverse().join("/") : "";
}

/** The pointer with array indexes as `*`: the shape of the place, the same in every list item. */
export function bodyShape(path: BodyPath | undefined): string {
  const parts: string[] = [];
  for (let p = path; p; p = p.parent) parts.push(p.index ? "*" : escapeSegment(p.key));
  return parts.length ? "/" + parts.reverse().join("/") : "";
}

const child = (parent: BodyPath | undefined, key: string, index = false): BodyPath => ({ parent, key, index });

export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function matchesType(type: unknown, value: unknown): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    default:
      return true; // an unknown type name constrains nothing we can check
  }
}

const NUMBER_LIMITS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"] as const;

/**
 * Checks a JSON body against a response schema. ajv (compiled once per schema) decides whether the
 * body is valid; this walker explains why, rule by rule, at the right pointer, and finds what JSON
 * Schema never reports: properties no schema describes. On a valid body only that second part runs.
 *
 * The walker keeps to the schemas that apply at each place: `$ref` targets, every `allOf` member,
 * the `anyOf`/`oneOf` branches the value matches (or, when it matches none, the branch it misses
 * by the fewest problems, so a body that is almost a `Session` is reported as a broken `Session`).
 */
export class BodyChecker {
  readonly #index: DocumentIndex;
  readonly #validators: Validators;
  readonly #redactor: Redactor;
  /** Applicable schemas of a schema that has no value-dependent branches. */
  readonly #static = new WeakMap<object, JsonObject[]>();
  readonly #patterns = new Map<string, RegExp | null>();

  constructor(index: DocumentIndex, validators: Validators, redactor: Redactor) {
    this.#index = index;
    this.#validators = validators;
    this.#redactor = redactor;
  }

  check(schemaPointer: string, value: unknown): BodyIssue[] {
    const schema = this.#index.resolve("#" + schemaPointer);
    if (!isObject(schema)) return [];
    const validate = this.#validators.forPointer(schemaPointer);
    const valid = validate(value) as boolean;
    const issues: BodyIssue[] = [];
    this.#walk(schema, value, undefined, issues, !valid, undefined);
    if (!valid && !issues.some((i) => i.rule !== "undocumented-field")) {
      // A keyword the walker does not explain (if/then, dependentRequired, …): report what ajv says.
      // (Undeclared properties are the walker's own finding, already reported with their names.)
      for (const error of validate.errors ?? []) {
        if (error.keyword !== "additionalProperties" && error.keyword !== "unevaluatedProperties") issues.push(this.#fromAjv(error, schemaPointer));
      }
    }
    return dedupe(issues);
  }

  /** Schemas that apply to `value` where `schema` stands. */
  #applicable(schema: JsonObject, value: unknown): JsonObject[] {
    const cached = this.#static.get(schema);
    if (cached) return cached;
    const out: JsonObject[] = [];
    const seen = new Set<object>();
    let dynamic = false;
    const visit = (s: unknown): void => {
      if (!isObject(s) || seen.has(s)) return;
      seen.add(s);
      out.push(s);
      if (typeof s.$ref === "string") visit(this.#index.resolve(s.$ref));
      if (Array.isArray(s.allOf)) for (const member of s.allOf) visit(member);
      for (const kw of ["anyOf", "oneOf"] as const) {
        const branches = s[kw];
        if (Array.isArray(branches) && branches.length > 0) {
          dynamic = true;
          for (const b of this.#choose(branches, value)) visit(b);
        }
      }
      if (isObject(s.if)) {
        dynamic = true;
        visit(this.#validators.forNode(s.if)(value) ? s.then : s.else);
      }
    };
    visit(schema);
    if (!dynamic) this.#static.set(schema, out);
    return out;
  }

  /** The branches `value` matches; or the one it misses by the fewest problems. */
  #choose(branches: unknown[], value: unknown): unknown[] {
    const objects = branches.filter(isObject);
    const matching = objects.filter((b) => this.#validators.forNode(b)(value));
    if (matching.length > 0) return matching;
    let best: JsonObject | undefined;
    let fewest = Infinity;
    for (const b of objects) {
      const trial: BodyIssue[] = [];
      this.#walk(b, value, undefined, trial, true, undefined);
      if (trial.length < fewest) {
        fewest = trial.length;
        best = b;
      }
    }
    return best ? [best] : [];
  }

  #walk(schema: JsonObject, value: unknown, path: BodyPath | undefined, out: BodyIssue[], keywords: boolean, name: string | undefined): void {
    const applicable = this.#applicable(schema, value);
    if (keywords) {
      for (const s of applicable) if (this.#keywords(s, value, path, out, name)) break;
    }
    if (isObject(value)) this.#properties(applicable, value, path, out, keywords);
    else if (Array.isArray(value)) this.#items(applicable, value, path, out, keywords);
  }

  #properties(applicable: JsonObject[], value: JsonObject, path: BodyPath | undefined, out: BodyIssue[], keywords: boolean): void {
    let host: JsonObject | undefined;
    let describes = false;
    for (const s of applicable) {
      if (isObject(s.properties) || isObject(s.patternProperties) || s.additionalProperties === false || s.unevaluatedProperties === false) {
        describes = true;
        if (isObject(s.properties)) host = s;
        host ??= s;
      }
    }
    for (const key of Object.keys(value)) {
      const schemas: JsonObject[] = [];
      for (const s of applicable) {
        const props = s.properties;
        if (isObject(props) && Object.hasOwn(props, key) && isObject(props[key])) schemas.push(props[key] as JsonObject);
        const patterns = s.patternProperties;
        if (isObject(patterns)) {
          for (const [pattern, ps] of Object.entries(patterns)) if (isObject(ps) && this.#pattern(pattern)?.test(key)) schemas.push(ps);
        }
      }
      if (schemas.length === 0) {
        // An explicit schema for extra properties describes them (a map such as `env`); `true` does not.
        for (const s of applicable) {
          for (const kw of ["additionalProperties", "unevaluatedProperties"] as const) {
            const extra = s[kw];
            if (isObject(extra) && Object.keys(extra).some((k) => !k.startsWith("x-") && k !== "description")) schemas.push(extra);
          }
        }
      }
      const at = child(path, key);
      if (schemas.length === 0) {
        if (describes && host) {
          out.push({
            rule: "undocumented-field",
            path: at,
            specPointer: this.#index.pointerOf(host),
            expected: "a documented property",
            observed: this.#describe(value[key], key),
            category: "",
            observedType: jsonType(value[key]),
          });
        }
        continue;
      }
      for (const s of new Set(schemas)) this.#walk(s, value[key], at, out, keywords, key);
    }
  }

  #items(applicable: JsonObject[], value: unknown[], path: BodyPath | undefined, out: BodyIssue[], keywords: boolean): void {
    for (let i = 0; i < value.length; i++) {
      const schemas = new Set<JsonObject>();
      for (const s of applicable) {
        const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : undefined;
        if (prefix && i < prefix.length) {
          if (isObject(prefix[i])) schemas.add(prefix[i] as JsonObject);
        } else if (isObject(s.items)) {
          schemas.add(s.items);
        }
      }
      if (schemas.size === 0) continue;
      const at = child(path, String(i), true);
      for (const s of schemas) this.#walk(s, value[i], at, out, keywords, undefined);
    }
  }

  /** Checks one schema's own keywords; true when the type is wrong (nothing else is worth saying there). */
  #keywords(s: JsonObject, value: unknown, path: BodyPath | undefined, out: BodyIssue[], name: string | undefined): boolean {
    const spec = () => this.#index.pointerOf(s);
    const shown = () => this.#redactor.preview(value, name);
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? s.type : [s.type];
      if (!types.some((t) => matchesType(t, value))) {
        out.push({
          rule: "type-mismatch",
          path,
          specPointer: spec(),
          expected: types.join(" or "),
          observed: this.#describe(value, name),
          category: jsonType(value),
          observedType: jsonType(value),
        });
        return true;
      }
    }
    if (Object.hasOwn(s, "const") && !deepEqual(s.const, value)) {
      out.push({ rule: "enum-mismatch", path, specPointer: spec(), expected: this.#redactor.preview(s.const), observed: shown(), category: shown() });
    }
    if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, value))) {
      const expected = s.enum.map((e) => this.#redactor.preview(e)).join(", ");
      out.push({ rule: "enum-mismatch", path, specPointer: spec(), expected: `[${expected}]`, observed: shown(), category: shown() });
    }
    if (typeof value === "string" && typeof s.format === "string" && this.#validators.checkFormat(s.format, value) === false) {
      out.push({ rule: "format-mismatch", path, specPointer: spec(), expected: s.format, observed: shown(), category: "" });
    }
    if (isObject(value) && Array.isArray(s.required)) {
      for (const required of s.required) {
        if (typeof required !== "string" || Object.hasOwn(value, required)) continue;
        const props = isObject(s.properties) ? s.properties : {};
        const target = isObject(props[required]) ? this.#index.pointerOf(props[required] as object) : `${spec()}/required`;
        out.push({ rule: "missing-required-field", path: child(path, required), specPointer: target, expected: required, observed: "(absent)", category: "" });
      }
    }
    this.#constraints(s, value, path, out, spec, shown);
    return false;
  }

  #constraints(s: JsonObject, value: unknown, path: BodyPath | undefined, out: BodyIssue[], spec: () => string, shown: () => string): void {
    const broken: string[] = [];
    if (typeof value === "number") {
      for (const kw of NUMBER_LIMITS) {
        const limit = s[kw];
        if (typeof limit !== "number") continue;
        const ok =
          kw === "minimum"
            ? value >= limit
            : kw === "maximum"
              ? value <= limit
              : kw === "exclusiveMinimum"
                ? value > limit
                : kw === "exclusiveMaximum"
                  ? value < limit
                  : limit > 0 && Number.isInteger(value / limit);
        if (!ok) broken.push(`${kw} ${limit}`);
      }
    } else if (typeof value === "string") {
      const length = [...value].length;
      if (typeof s.minLength === "number" && length < s.minLength) broken.push(`minLength ${s.minLength}`);
      if (typeof s.maxLength === "number" && length > s.maxLength) broken.push(`maxLength ${s.maxLength}`);
      if (typeof s.pattern === "string" && this.#pattern(s.pattern)?.test(value) === false) broken.push(`pattern ${s.pattern}`);
    } else if (Array.isArray(value)) {
      if (typeof s.minItems === "number" && value.length < s.minItems) broken.push(`minItems ${s.minItems}`);
      if (typeof s.maxItems === "number" && value.length > s.maxItems) broken.push(`maxItems ${s.maxItems}`);
      if (s.uniqueItems === true && value.some((v, i) => value.findIndex((w) => deepEqual(v, w)) !== i)) broken.push("uniqueItems");
    } else if (isObject(value)) {
      const count = Object.keys(value).length;
      if (typeof s.minProperties === "number" && count < s.minProperties) broken.push(`minProperties ${s.minProperties}`);
      if (typeof s.maxProperties === "number" && count > s.maxProperties) broken.push(`maxProperties ${s.maxProperties}`);
    }
    if (isObject(s.not) && this.#validators.forNode(s.not)(value)) broken.push("not");
    if (Array.isArray(s.oneOf) && s.oneOf.filter((b) => isObject(b) && this.#validators.forNode(b)(value)).length > 1) broken.push("oneOf (matches more than one)");
    for (const what of broken) out.push({ rule: "constraint-mismatch", path, specPointer: spec(), expected: what, observed: shown(), category: what.split(" ")[0]! });
  }

  /** `string "abc"`, `integer 3`, `null`, `object`: the type, and the value when it says more. */
  #describe(value: unknown, name: string | undefined): string {
    const type = jsonType(value);
    const shown = this.#redactor.preview(value, name);
    return shown === type || shown === "null" || shown.startsWith("array(") || shown === "object" ? (shown.startsWith("array(") ? shown : type) : `${type} ${shown}`;
  }

  #pattern(source: string): RegExp | null {
    let re = this.#patterns.get(source);
    if (re === undefined) {
      try {
        re = new RegExp(source, "u");
      } catch {
        re = null;
      }
      this.#patterns.set(source, re);
    }
    return re;
  }

  #fromAjv(error: ErrorObject, schemaPointer: string): BodyIssue {
    const rule: DriftRuleId =
      error.keyword === "required"
        ? "missing-required-field"
        : error.keyword === "type"
          ? "type-mismatch"
          : error.keyword === "enum" || error.keyword === "const"
            ? "enum-mismatch"
            : error.keyword === "format"
              ? "format-mismatch"
              : error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties"
                ? "undocumented-field"
                : "constraint-mismatch";
    let path: BodyPath | undefined;
    for (const segment of error.instancePath.split("/").slice(1)) path = child(path, unescapeSegment(segment), /^\d+$/.test(segment));
    return {
      rule,
      path,
      specPointer: schemaPointer,
      expected: `${error.keyword}${error.message ? ` (${error.message})` : ""}`,
      observed: "(see pointer)",
      category: error.keyword,
    };
  }
}

/** One issue per rule and place: a value reached through two schemas is reported once. */
function dedupe(issues: BodyIssue[]): BodyIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.rule}\u0000${bodyPointer(i.path)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
