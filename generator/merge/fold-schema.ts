import { addSource, sourcesOf } from "../load/provenance.ts";
import { parseSourceRef } from "../normalize/context.ts";
import { clone } from "../openapi/json.ts";
import { getAtPointer, joinPointer } from "../openapi/pointer.ts";
import { isObject, X_EXAMPLES_PARTIAL, type JsonObject } from "../openapi/types.ts";
import { finding, type SourceLocation } from "../problems/finding.ts";
import { prefers, ruleFor, sameContent, settledByRule, type MergeContext } from "./context.ts";

/** Where the docs fact being folded came from, and what it describes (for messages). */
export interface FoldSite {
  pointer: string;
  what: string;
  docsFile: string;
  /** Where the docs describe this (the enclosing body or parameter) when the schema itself has no x-source. */
  docsSources?: SourceLocation[];
}

const locs = (node: unknown): SourceLocation[] => sourcesOf(node).map(parseSourceRef);

/** Keywords the docs may add to a schema that has none; differing values are contradictions. */
const FACT_KEYWORDS = [
  "format",
  "enum",
  "default",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "contentMediaType",
] as const;

function typesOf(schema: JsonObject): Set<string> | undefined {
  if (typeof schema.type === "string") return new Set([schema.type]);
  if (Array.isArray(schema.type)) return new Set(schema.type.map(String));
  return undefined;
}

/** A schema that constrains nothing ("Any type"): the docs may fill it in. */
export function isUnconstrained(schema: JsonObject): boolean {
  return Object.keys(schema).every((k) => k === "description" || k === "title" || k.startsWith("x-"));
}

/** Follows `$ref`s to the component they name, with its pointer, so facts land where the schema lives. */
function resolveTarget(ctx: MergeContext, schema: JsonObject, pointer: string): { schema: JsonObject; pointer: string } {
  let current = schema;
  let at = pointer;
  for (let hops = 0; typeof current.$ref === "string" && current.$ref.startsWith("#") && hops < 32; hops++) {
    const next = getAtPointer(ctx.document, current.$ref);
    if (!isObject(next)) break;
    at = current.$ref.slice(1);
    current = next;
  }
  return { schema: current, pointer: at };
}

/**
 * Folds a schema the docs document into the schema the fragments already have. Additions (new
 * properties, a format, an enum, nullability) are reported as folded facts; contradictions (other
 * types, other enums or defaults, a different shape) are `source-conflict` findings with both
 * locations, and the fragments' version stays until an overlay or rule settles it.
 */
export function foldSchema(ctx: MergeContext, targetIn: JsonObject, docs: JsonObject, site: FoldSite): void {
  const { schema: target, pointer } = resolveTarget(ctx, targetIn, site.pointer);
  const at = { ...site, pointer };
  if (sameContent(target, docs)) {
    addSource(target, ...sourcesOf(docs));
    return;
  }
  if (isUnconstrained(target)) {
    const keep = target.description;
    Object.assign(target, clone(docs));
    if (keep !== undefined && docs.description === undefined) target.description = keep;
    ctx.findings.push(
      finding("docs-fact-folded", { pointer, sources: [...locs(targetIn), ...locs(docs)], args: { fact: `schema of ${site.what} (the fragment leaves it open)` } }),
    );
    return;
  }
  if (isObject(docs.properties)) {
    if (!isObject(target.properties)) {
      const detail = `the fragments describe ${shape(target)}, the docs an object with ${Object.keys(docs.properties).join(", ")}`;
      if (conflict(ctx, { ...at, pointer: site.pointer }, target, docs, detail) === "docs") replaceWith(targetIn, docs);
      return;
    }
    if (foldProperties(ctx, target, docs, at, site.pointer) === "docs") {
      replaceWith(targetIn, docs);
      return;
    }
  } else if (docs.type === "array" && target.type === "array" && isObject(docs.items) && isObject(target.items)) {
    foldSchema(ctx, target.items, docs.items, { ...at, pointer: joinPointer(pointer, "items"), what: `${site.what}[]` });
  }
  foldScalarFacts(ctx, target, docs, at);
  addSource(target, ...sourcesOf(docs));
}

function shape(schema: JsonObject): string {
  for (const k of ["oneOf", "anyOf", "allOf"]) {
    if (Array.isArray(schema[k]))
      return `${k} of ${(schema[k] as JsonObject[]).map((s) => (typeof s.$ref === "string" ? s.$ref.split("/").pop() : (s.type ?? "schema"))).join(" | ")}`;
  }
  return typeof schema.type === "string" ? `a ${schema.type}` : "another shape";
}

/** Replaces a schema in place (keeping the object, so whoever holds it sees the change). */
function replaceWith(node: JsonObject, docs: JsonObject): void {
  for (const key of Object.keys(node)) delete node[key];
  Object.assign(node, clone(docs));
}

/**
 * Reports a contradiction. A precedence rule of api.yaml covering the pointer settles it (the
 * caller applies the preferred side); otherwise it is a `source-conflict` error for an overlay
 * or a rule to settle.
 */
function conflict(ctx: MergeContext, site: FoldSite, target: JsonObject, docs: JsonObject, detail: string): "docs" | "fragments" | undefined {
  const docsLocs = locs(docs).length ? locs(docs) : (site.docsSources ?? []);
  const sources = [...locs(target), ...docsLocs];
  const rule = ruleFor(ctx, site.pointer);
  if (rule?.prefer) {
    const winner = prefers(rule, site.docsFile) ? "docs" : "fragments";
    ctx.findings.push(settledByRule(rule, { pointer: site.pointer, sources, what: site.what, detail }));
    return winner;
  }
  ctx.findings.push(finding("source-conflict", { pointer: site.pointer, sources, args: { what: site.what, detail } }));
  return undefined;
}

/** Returns "docs" when a rule says the docs' object replaces the fragments' one wholesale. */
function foldProperties(ctx: MergeContext, target: JsonObject, docs: JsonObject, site: FoldSite, sitePointer: string): "docs" | undefined {
  const props = target.properties as Record<string, JsonObject>;
  const docsProps = docs.properties as Record<string, JsonObject>;
  const before = Object.keys(props);
  if (before.length > 0 && !before.some((k) => k in docsProps)) {
    const detail = `no property in common: the fragments document ${before.join(", ")}; the docs document ${Object.keys(docsProps).join(", ")}`;
    const winner = conflict(ctx, { ...site, pointer: sitePointer }, target, docs, detail);
    if (winner === "docs") return "docs";
    if (winner === "fragments") return undefined;
  }
  for (const [name, schema] of Object.entries(docsProps)) {
    const pointer = joinPointer(site.pointer, "properties", name);
    if (!isObject(props[name])) {
      props[name] = clone(schema);
      ctx.findings.push(finding("docs-property-added", { pointer, sources: locs(schema), args: { name, inferred: schema.type ? JSON.stringify(schema.type) : undefined } }));
    } else {
      foldSchema(ctx, props[name]!, schema, { ...site, pointer, what: `${site.what}.${name}` });
    }
  }
  // A property the fragments require but the docs' body lacks cannot stay required: the documented
  // example would not validate. Requirements the docs add are kept.
  const required = Array.isArray(target.required) ? (target.required as string[]) : [];
  const relaxed = docs[X_EXAMPLES_PARTIAL] === true ? [] : required.filter((r) => !(r in docsProps));
  if (relaxed.length > 0) {
    ctx.findings.push(
      finding("required-relaxed", {
        pointer: joinPointer(site.pointer, "required"),
        sources: [...locs(target), ...(locs(docs).length ? locs(docs) : (site.docsSources ?? []))],
        args: { names: relaxed, file: locs(target)[0]?.file ?? "the fragments", other: site.docsFile },
      }),
    );
  }
  const docsRequired = Array.isArray(docs.required) ? (docs.required as string[]) : [];
  const added = docsRequired.filter((r) => !required.includes(r));
  if (added.length > 0) {
    ctx.findings.push(
      finding("docs-required-added", {
        pointer: joinPointer(site.pointer, "required"),
        sources: locs(docs).length ? locs(docs) : (site.docsSources ?? []),
        args: { names: added, file: site.docsFile },
      }),
    );
  }
  const merged = [...required.filter((r) => !relaxed.includes(r)), ...added];
  if (merged.length > 0) target.required = merged;
  else delete target.required;
  return undefined;
}

function foldScalarFacts(ctx: MergeContext, target: JsonObject, docs: JsonObject, site: FoldSite): void {
  const sources = [...locs(target), ...locs(docs)];
  const targetTypes = typesOf(target);
  const docsTypes = typesOf(docs);
  if (targetTypes && docsTypes) {
    const widen = (t: Set<string>) => new Set([...t].flatMap((x) => (x === "integer" ? ["integer", "number"] : [x])));
    const common = [...widen(targetTypes)].filter((t) => t !== "null" && widen(docsTypes).has(t));
    const nonNull = [...targetTypes].filter((t) => t !== "null");
    if (common.length === 0 && nonNull.length > 0 && [...docsTypes].some((t) => t !== "null")) {
      if (conflict(ctx, site, target, docs, `type ${[...targetTypes].join("|")} in the fragments, ${[...docsTypes].join("|")} in the docs`) === "docs") replaceWith(target, docs);
      return;
    }
    if (docsTypes.has("null") && !targetTypes.has("null")) {
      target.type = [...targetTypes, "null"];
      ctx.findings.push(finding("docs-fact-folded", { pointer: site.pointer, sources, args: { fact: `nullability of ${site.what} (the docs show null)` } }));
    }
  } else if (docsTypes && !targetTypes && !target.$ref && !target.oneOf && !target.anyOf && !target.allOf) {
    target.type = docs.type;
  }
  for (const keyword of FACT_KEYWORDS) {
    if (docs[keyword] === undefined) continue;
    if (target[keyword] === undefined) {
      target[keyword] = clone(docs[keyword]);
      ctx.findings.push(
        finding("docs-fact-folded", { pointer: joinPointer(site.pointer, keyword), sources, args: { fact: `${keyword} ${JSON.stringify(docs[keyword])} of ${site.what}` } }),
      );
    } else if (!sameContent(target[keyword], docs[keyword])) {
      const detail = `${keyword} ${JSON.stringify(target[keyword])} in the fragments, ${JSON.stringify(docs[keyword])} in the docs`;
      if (conflict(ctx, { ...site, pointer: joinPointer(site.pointer, keyword) }, target, docs, detail) === "docs") target[keyword] = clone(docs[keyword]);
    }
  }
  if (target.description === undefined && typeof docs.description === "string") target.description = docs.description;
}
