import { convertMarkdownDoc } from "../docs/index.ts";
import type { ApiSources } from "../load/load-api.ts";
import type { YamlSource } from "../load/yaml-source.ts";
import { normalizeDocument } from "../normalize/index.ts";
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
import { isObject, X_EXAMPLES_PARTIAL } from "../openapi/types.ts";
import { parsePointer } from "../openapi/pointer.ts";
import { eachSchema } from "../openapi/walk.ts";
import { hasErrors, sortFindings, type Finding } from "../problems/finding.ts";
import { validateDocument } from "../validate/validate-document.ts";
import { prepareFragments } from "./prepare-fragments.ts";
import { settleConflicts } from "./settle-conflicts.ts";

// What mergeApi returns; declared in merge/result.ts so the client stage takes it without importing the pipeline.
export type { MergeResult };

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
  const fragments = prepareFragments(sources, specsRoot, findings);
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
