import path from "node:path";
import { convertMarkdownDoc } from "../docs/index.ts";
import { annotateProvenance, relocate, type Relocation } from "../load/provenance.ts";
import type { ApiSources } from "../load/load-api.ts";
import type { YamlSource } from "../load/yaml-source.ts";
import { normalizeDocument } from "../normalize/index.ts";
import { checkIsOpenApi } from "../normalize/check-openapi.ts";
import { mergeDocumentFields } from "../merge/document-fields.ts";
import { mergeFragments } from "../merge/merge-fragments.ts";
import { documentFieldsFromDocs, foldDocs } from "../merge/fold-docs.ts";
import { placePageRules } from "../merge/place-page-rules.ts";
import { toTemplatePath } from "../normalize/path-templates.ts";
import type { DocsConversion } from "../docs/index.ts";
import type { MarkdownSource } from "../load/load-api.ts";
import type { MergeResult } from "../merge/result.ts";
import { applyDeclaredSecurity, assignOperationIds, materializeErrorResponses, pruneUnusedComponents, sortDocument } from "../merge/finish.ts";
import { reportUnusedRules, type MergeContext, type SourceDocument } from "../merge/context.ts";
import { applyWinningTexts, reportContracts, reportOverlayContracts, snapshotContracts, snapshotSharedOperations } from "../merge/contracts.ts";
import { applyOverlays } from "../overlay/index.ts";
import { checkRefs } from "../openapi/refs.ts";
import { isObject, X_EXAMPLES_PARTIAL, type OpenApiDocument } from "../openapi/types.ts";
import { getAtPointer, parsePointer, toPointer } from "../openapi/pointer.ts";
import { COMPONENT_KINDS, eachSchema, versionOf, walkNode } from "../openapi/walk.ts";
import { hasErrors, sortFindings, type Finding } from "../problems/finding.ts";
import { validateDocument } from "../validate/validate-document.ts";
import { settleConflicts } from "./settle-conflicts.ts";

// What mergeApi returns; declared in merge/result.ts so the client stage takes it without importing the pipeline.
export type { MergeResult };

/** Input checks of one fragment: it is OpenAPI and its `$ref`s resolve. */
function checkFragment(source: YamlSource, sources: ApiSources, specsRoot: string, sharedRefs: SharedRefs): Finding[] {
  const lineOf = (p: string | string[]) => source.lineOf(p);
  const problems = checkIsOpenApi(source.value, { file: source.file, config: sources.config }, lineOf);
  if (problems.length > 0) return problems;
  const check = (doc: unknown) => checkRefs(doc, source.file, lineOf, path.join(specsRoot, sources.id, path.dirname(source.file)), specsRoot);
  const view = withoutCheckedShared(source.value as OpenApiDocument, sources, sharedRefs);
  if (view) {
    const found = check(view);
    if (found.length === 0) return found;
  }
  // Something to report (or a $ref into a component left out of the view): the whole fragment,
  // so every finding is exactly what checking it alone gives.
  return check(source.value);
}

/** The `$ref`s inside each shared component, found once (by the walk checkRefs makes), and parsed pointers by text. */
interface SharedRefs {
  refs: Map<object, string[]>;
  pointers: Map<string, string[]>;
}

/**
 * The fragment with the shared components whose `$ref`s all resolve here to an object that is not
 * itself a reference replaced by `{}`: checking those refs again could find nothing, and a shared
 * component is the same object in hundreds of fragments. Undefined when nothing is left out.
 * A `$ref` elsewhere that points inside a replaced component dangles in the view; the caller then
 * checks the whole fragment.
 */
function withoutCheckedShared(doc: OpenApiDocument, sources: ApiSources, sharedRefs: SharedRefs): OpenApiDocument | undefined {
  if (!isObject(doc.components)) return undefined;
  const version = versionOf(doc);
  let components: Record<string, unknown> | undefined;
  for (const [section, map] of Object.entries(doc.components)) {
    const kind = COMPONENT_KINDS[section];
    if (!isObject(map) || kind === undefined) continue;
    let copy: Record<string, unknown> | undefined;
    for (const [name, node] of Object.entries(map)) {
      // A component that is a reference itself can be a link of a chain: it stays.
      if (!isObject(node) || "$ref" in node || !sources.shared.isShared(node)) continue;
      let refs = sharedRefs.refs.get(node);
      if (!refs) {
        const found = new Set<string>();
        walkNode(
          node,
          kind,
          [],
          (n, k) => {
            if (k === "reference") found.add(n.$ref as string);
          },
          { version },
        );
        refs = [...found];
        sharedRefs.refs.set(node, refs);
      }
      const resolves = refs.every((ref) => {
        if (!ref.startsWith("#")) return false;
        let segments = sharedRefs.pointers.get(ref);
        if (!segments) sharedRefs.pointers.set(ref, (segments = parsePointer(ref)));
        const target = getAtPointer(doc, segments);
        return target !== undefined && !(isObject(target) && "$ref" in target);
      });
      if (!resolves) continue;
      copy ??= { ...map };
      copy[name] = {};
    }
    if (copy) (components ??= { ...doc.components })[section] = copy;
  }
  return components ? { ...doc, components } : undefined;
}

/** A component several fragments hold (load/shared-components.ts), as the first of them to be prepared stamped and normalized it. */
interface Prepared {
  file: string;
  /** Line of its key in that fragment. */
  line: number;
  /** What normalizing it found: each other copy reports the same at its own lines. */
  findings: Finding[];
}

/**
 * Provenance and normalization of one fragment that passed its checks. A component this fragment
 * holds in common with one prepared before is neither walked nor rewritten again: the findings it
 * gave there are reported here at this copy's lines, as normalizing the copy would have.
 */
function prepareFragment(source: YamlSource, sources: ApiSources, prepared: Map<object, Prepared>, findings: Finding[]): SourceDocument {
  // The parsed value is the merge's own from here on (no copy: at GitHub's scale copying every
  // fragment cost more than merging them).
  const doc = source.value as OpenApiDocument;
  const shared = new Map<object, Relocation>();
  const stamping: { node: object; pointer: string; line: number }[] = [];
  for (const [section, map] of Object.entries(doc.components ?? {})) {
    if (!isObject(map)) continue;
    for (const [name, node] of Object.entries(map)) {
      if (!isObject(node) || !sources.shared.isShared(node)) continue;
      const line = source.lineOfNode(node) ?? source.lineOf(["components", section, name]);
      const first = prepared.get(node);
      if (first) shared.set(node, { file: first.file, delta: line - first.line });
      else {
        shared.set(node, { file: source.file, delta: 0 });
        stamping.push({ node, pointer: toPointer(["components", section, name]), line });
      }
    }
  }
  const elsewhere = (node: object): boolean => {
    const relocation = shared.get(node);
    return relocation !== undefined && relocation.file !== source.file;
  };
  annotateProvenance(doc, source.file, (node, at) => source.lineOfNode(node) ?? source.lineOf(at), elsewhere);
  const normalized = normalizeDocument(doc, { file: source.file, config: sources.config, ...(shared.size > 0 ? { skip: elsewhere } : {}) });
  findings.push(...normalized);
  if (stamping.length > 0) {
    const byPointer = new Map(stamping.map((s) => [s.pointer, { file: source.file, line: s.line, findings: [] as Finding[] }]));
    for (const f of normalized) {
      // components/<section>/<name>: the first three segments of the pointer, as written.
      const component = /^\/components\/[^/]*\/[^/]*/.exec(f.pointer)?.[0];
      if (component) byPointer.get(component)?.findings.push(f);
    }
    for (const s of stamping) prepared.set(s.node, byPointer.get(s.pointer)!);
  }
  for (const [node, relocation] of shared) {
    if (relocation.file === source.file) continue;
    for (const f of prepared.get(node)!.findings) findings.push({ ...f, sources: f.sources.map((s) => relocate(s, relocation, source.file)) });
  }
  return { file: source.file, doc, lineOf: (pointer) => source.lineOf(pointer), ...(shared.size > 0 ? { shared } : {}) };
}

/**
 * Every docs page converted against the API's servers. A page whose calls (curl with concrete ids)
 * matched no endpoint of its own is converted once more knowing every path the fragments and the
 * other pages document, so `curl …/v1/sessions/sess_123` lands on GET /v1/sessions/{id}.
 */
function convertPages(sources: ApiSources, fragments: readonly SourceDocument[]): { page: MarkdownSource; result: DocsConversion }[] {
  const servers = (sources.config.servers ?? []).map((s) => s.url);
  const first = sources.docs.map((page) => ({ page, result: convertMarkdownDoc(page, { servers }) }));
  if (!first.some(({ result }) => result.unresolvedCalls > 0)) return first;
  const known = new Set<string>();
  for (const doc of [...fragments.map((f) => f.doc), ...first.map(({ result }) => result.document)]) {
    for (const path of Object.keys(doc.paths ?? {})) known.add(toTemplatePath(path));
  }
  const knownPaths = [...known].sort();
  return first.map((entry) => (entry.result.unresolvedCalls > 0 ? { page: entry.page, result: convertMarkdownDoc(entry.page, { servers, knownPaths }) } : entry));
}

/**
 * specs/<api>/ → the canonical document and every finding, in the pipeline's order:
 * load checks → normalize → merge fragments → fold docs → finish → overlays → validate.
 * Input errors stop before the merge (reported all at once); the caller decides what fails.
 */
export function mergeApi(sources: ApiSources, specsRoot: string, options: { validate?: boolean } = {}): MergeResult {
  const findings: Finding[] = [];
  // Every fragment is checked before any is normalized: a component shared with a fragment
  // normalized earlier is then still as written when another fragment's $refs are checked.
  const sharedRefs: SharedRefs = { refs: new Map(), pointers: new Map() };
  const usable = sources.fragments.filter((source) => {
    const problems = checkFragment(source, sources, specsRoot, sharedRefs);
    findings.push(...problems);
    return problems.length === 0;
  });
  const prepared = new Map<object, Prepared>();
  const fragments = usable.map((source) => prepareFragment(source, sources, prepared, findings));
  const converted = convertPages(sources, fragments);
  const pages: SourceDocument[] = converted.map(({ page, result }) => {
    findings.push(...result.findings);
    findings.push(...normalizeDocument(result.document, { file: page.file, config: sources.config }));
    return { file: page.file, doc: result.document };
  });
  if (hasErrors(findings)) return { id: sources.id, document: { openapi: "3.1.0" }, findings: sortFindings(findings), sources };

  const ctx: MergeContext = {
    config: sources.config,
    document: { openapi: "3.1.0", paths: {} },
    findings,
    origin: new Map(),
    configLine: (pointer) => sources.configSource?.lineOf(pointer),
  };
  // Each source's own version of the operations a `prefer` rule decides, before the merge changes them.
  const contracts = snapshotContracts(sources.config.precedence, [...fragments, ...pages]);
  const shared = sources.overlays.length > 0 ? snapshotSharedOperations([...fragments, ...pages]) : new Map();
  mergeDocumentFields(ctx, fragments);
  mergeFragments(ctx, fragments);
  for (const page of pages) foldDocs(ctx, page);
  documentFieldsFromDocs(ctx, pages);
  eachSchema(ctx.document, (schema) => delete schema[X_EXAMPLES_PARTIAL]);
  placePageRules(
    ctx,
    converted.map(({ page, result }) => ({ file: page.file, rules: result.rules })),
  );
  reportUnusedRules(ctx);
  applyWinningTexts(ctx, contracts);
  assignOperationIds(ctx);
  applyDeclaredSecurity(ctx);

  const sorted = sortDocument(ctx.document);
  const overlaid = sources.overlays.length > 0 ? applyOverlays(sorted, sources.overlays) : { document: sorted, findings: [], actions: [] };
  findings.push(...overlaid.findings);
  const settled = settleConflicts(findings, overlaid.actions);
  // After the overlays, so a response an overlay documents with `x-error-codes` gets its body too.
  ctx.document = overlaid.document;
  materializeErrorResponses(ctx);
  pruneUnusedComponents(ctx);
  reportContracts(ctx, contracts);
  reportOverlayContracts(ctx, shared, settled);
  const document = sortDocument(ctx.document);
  if (options.validate !== false) findings.push(...locateUnsourced(validateDocument(document), sources.fragments));
  return { id: sources.id, document, findings: sortFindings(findings), sources };
}

/**
 * A validation finding at a place no node's provenance covers (the document's `info`, a root-level
 * keyword) is located in the first fragment, in file order, that writes the deepest part of its
 * pointer, at that part's line: every validation finding names a file and a line.
 */
function locateUnsourced(findings: Finding[], fragments: readonly YamlSource[]): Finding[] {
  for (const f of findings) {
    if (f.sources.length > 0 || fragments.length === 0) continue;
    const segments = parsePointer(f.pointer);
    let best = { depth: -1, source: fragments[0]! };
    for (const source of fragments) {
      const depth = writtenDepth(source.value, segments);
      if (depth > best.depth) best = { depth, source };
      if (depth === segments.length) break;
    }
    f.sources = [{ file: best.source.file, line: best.source.lineOf(segments.slice(0, Math.max(best.depth, 0))) }];
  }
  return findings;
}

/** How many leading segments of a pointer exist in `value`. */
function writtenDepth(value: unknown, segments: readonly string[]): number {
  let node = value;
  for (const [i, segment] of segments.entries()) {
    if (!isObject(node) && !Array.isArray(node)) return i;
    if (!(segment in node)) return i;
    node = (node as Record<string, unknown>)[segment];
  }
  return segments.length;
}
