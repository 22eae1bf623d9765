/**
 * Stage 1's input side for fragments: each is checked (OpenAPI, `$ref`s resolve), then stamped
 * with provenance and normalized. Components several fragments hold in common
 * (load/shared-components.ts) are checked, stamped and normalized once.
 */
import path from "node:path";
import { annotateProvenance, relocate, type Relocation } from "../load/provenance.ts";
import type { ApiSources } from "../load/load-api.ts";
import type { YamlSource } from "../load/yaml-source.ts";
import type { SourceDocument } from "../merge/context.ts";
import { normalizeDocument } from "../normalize/index.ts";
import { checkIsOpenApi } from "../normalize/check-openapi.ts";
import { getAtPointer, parsePointer, toPointer } from "../openapi/pointer.ts";
import { checkRefs } from "../openapi/refs.ts";
import { isObject, type OpenApiDocument } from "../openapi/types.ts";
import { COMPONENT_KINDS, versionOf, walkNode } from "../openapi/walk.ts";
import type { Finding } from "../problems/finding.ts";

/**
 * The usable fragments, prepared; every problem goes to `findings`. Every fragment is checked
 * before any is normalized: a component shared with a fragment normalized earlier is then still
 * as written when another fragment's $refs are checked.
 */
export function prepareFragments(sources: ApiSources, specsRoot: string, findings: Finding[]): SourceDocument[] {
  const sharedRefs: SharedRefs = { refs: new Map(), pointers: new Map() };
  const usable = sources.fragments.filter((source) => {
    const problems = checkFragment(source, sources, specsRoot, sharedRefs);
    findings.push(...problems);
    return problems.length === 0;
  });
  const prepared = new Map<object, Prepared>();
  return usable.map((source) => prepareFragment(source, sources, prepared, findings));
}

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
