import type { ApiConfig, PrecedenceRule } from "../config/api-config.ts";
import { getAtPointer, isPointerPrefix, toPointer } from "../openapi/pointer.ts";
import { deepEqual } from "../openapi/json.ts";
import { isObject, X_SOURCE, type JsonObject, type OpenApiDocument } from "../openapi/types.ts";
import { finding, type Finding, type SourceLocation } from "../problems/finding.ts";
import { parseSourceRef } from "../normalize/context.ts";
import type { Relocation } from "../load/provenance.ts";

/** A source document after normalization, ready to merge; `file` is relative to the API folder. */
export interface SourceDocument {
  file: string;
  doc: OpenApiDocument;
  /** Line of a pointer in the file as written, for findings about nodes that carry no x-source. */
  lineOf?: (pointer: string) => number;
  /**
   * Components this document holds in common with other fragments (one object for every
   * identical copy, load/shared-components.ts), with how to read their stamps as this copy's
   * lines. A step that changes one fragment's copy, or keeps it rather than the first, takes a
   * `relocatedCopy` first.
   */
  shared?: ReadonlyMap<object, Relocation>;
}

/** State shared by the merge steps: the document being built, what was found, and the settings. */
export interface MergeContext {
  config: ApiConfig;
  document: OpenApiDocument;
  findings: Finding[];
  /** Which file each merged node came from, by canonical pointer (for conflict messages and `prefer`). */
  origin: Map<string, string>;
  /** Precedence rules that settled something. */
  usedRules?: Set<PrecedenceRule>;
  /** The error body a docs page shows ("Error format"), used where api.yaml declares no `errors`. */
  errorEnvelope?: { schema: JsonObject; codePointer: string; source: SourceLocation };
  /** Line of a JSON pointer in api.yaml, when the API has one: findings about its entries point there. */
  configLine?: (pointer: string) => number | undefined;
}

/**
 * The most specific precedence rule of api.yaml covering `pointer`. Only asked where sources
 * disagree, so a rule returned here is a rule in use (see reportUnusedRules).
 */
export function ruleFor(ctx: MergeContext, pointer: string): PrecedenceRule | undefined {
  let best: PrecedenceRule | undefined;
  for (const rule of ctx.config.precedence) {
    if (isPointerPrefix(rule.pointer, pointer) && (!best || rule.pointer.length > best.pointer.length)) best = rule;
  }
  if (best) (ctx.usedRules ??= new Set()).add(best);
  return best;
}

/** A rule that settled nothing is stale (the sources agree now) or mistyped: say so, at its line. */
export function reportUnusedRules(ctx: MergeContext): void {
  for (const rule of ctx.config.precedence) {
    if (ctx.usedRules?.has(rule)) continue;
    ctx.findings.push(finding("precedence-rule-unused", { pointer: rule.pointer, sources: [parseSourceRef(rule.location)], args: { pointer: rule.pointer } }));
  }
}

/** True when a `prefer` value names `file`: the file itself, or its kind ("fragments", "docs"). */
export function prefers(rule: PrecedenceRule, file: string): boolean {
  const prefer = rule.prefer ?? "";
  return file === prefer || file.startsWith(prefer.replace(/\/?$/, "/"));
}

export function sameContent(a: unknown, b: unknown): boolean {
  return deepEqual(a, b, X_SOURCE);
}

/** The path (segments) where two values first differ, ignoring provenance; undefined when equal. */
export function differencePath(a: unknown, b: unknown): string[] | undefined {
  if (sameContent(a, b)) return undefined;
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== X_SOURCE);
    for (const key of keys) {
      const inner = differencePath(a[key], b[key]);
      if (inner) return [key, ...inner];
    }
  }
  return [];
}

/** Where two values first differ, for messages: "at /responses/200: {…} vs {…}". */
export function firstDifference(a: unknown, b: unknown): string | undefined {
  const path = differencePath(a, b);
  if (!path) return undefined;
  return `at ${toPointer(path) || "/"}: ${brief(getAtPointer(a, path))} vs ${brief(getAtPointer(b, path))}`;
}

function brief(value: unknown): string {
  if (value === undefined) return "absent";
  const text = JSON.stringify(value, (k, v) => (k === X_SOURCE ? undefined : v));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The finding for a contradiction a precedence rule settled: what disagreed, and which rule decided. */
export function settledByRule(rule: PrecedenceRule, at: { pointer: string; sources: SourceLocation[]; what: string; detail: string }): Finding {
  return finding("conflict-resolved-by-rule", {
    pointer: at.pointer,
    sources: [...at.sources, parseSourceRef(rule.location)],
    args: { what: at.what, detail: at.detail },
    resolution: { by: rule.location, reason: `prefer ${rule.prefer} — ${rule.reason}`, action: "precedence rule" },
  });
}
