import { eachOperation, isHttpMethod, isObject, operationKey } from "../openapi/types.ts";
import type { HttpMethod, JsonObject, OpenApiDocument, Operation, PathItem } from "../openapi/types.ts";
import { getAtPointer, parsePointer, toPointer } from "../openapi/pointer.ts";
import { kindAt, walkNode, type ObjectKind } from "../openapi/walk.ts";
import { DriftlessError } from "../problems/error.ts";
import { finding, formatLocation, messageOf, type Finding } from "../problems/finding.ts";
import { ComponentGraph, type ComponentEntry } from "./component-graph.ts";
import type { LocalRef } from "./local-refs.ts";
import { fragmentBaseName, kebabCase, uniqueNames } from "./fragment-name.ts";

export interface SplitFragment {
  /** `<kebab-case operationId>.yaml`, else `<method>-<path-slug>.yaml`; unique within one split. */
  fileName: string;
  document: OpenApiDocument;
}

export interface SplitOptions {
  /** Name of the source file, for findings. */
  file?: string;
  /** Line of a JSON pointer in the source file, for findings. */
  lineOf?: (pointer: string) => number | undefined;
  /** Receives what split changed to make fragments stand alone (warnings and info; errors throw). */
  findings?: Finding[];
  /**
   * false: fragments share the source's objects (and each other's), for a caller that only reads
   * them, such as runSplit writing them out. Cloning every fragment of Stripe's description holds
   * 452 copies of most of its schemas at once. Default true: independent copies.
   */
  copy?: boolean;
}

/**
 * Top-level keys a per-operation document does not repeat: `paths` and `components` are rebuilt for
 * the one operation, `tags` is filtered to the tags it uses, and webhooks (`webhooks`, and the 3.0
 * convention `x-webhooks`) are not operations under `paths`, so no per-endpoint page carries them.
 */
const REBUILT_KEYS = new Set(["paths", "components", "tags", "webhooks", "x-webhooks"]);

/**
 * Cuts a whole OpenAPI 3.0/3.1 document into one complete document per operation, the way vendors
 * publish per-endpoint pages: the document-level fields, the operation under its path (with the
 * path item's own fields), the tags it uses and every component it references, transitively.
 *
 * Components keep their names and the vendor's order, values are copied as they are, so merging
 * the fragments again gives back the same operations and components. One rewrite: a `$ref` whose
 * target lies outside `#/components/<kind>/<name>` (DigitalOcean points into `#/paths/…` 2,708
 * times) is replaced by a copy of its target in every fragment, whether or not that fragment
 * happens to hold the target — so a component carried by several fragments is the same in all of
 * them — and reported once per reference (`split-ref-inlined`). A document with no operation is
 * written whole as one fragment (`split-no-operations`). Fragments are independent copies (editing
 * one never changes another) and are sorted by file name. A `$ref` that resolves nowhere in the
 * source fails the whole split with one `ref-dangling` finding per broken reference.
 */
export function splitDocument(input: OpenApiDocument, options: SplitOptions = {}): SplitFragment[] {
  const doc = withPathItemRefsResolved(input, options);
  const graph = new ComponentGraph(doc);
  const shared = sharedFields(doc, graph);
  const tags = Array.isArray(doc.tags) ? doc.tags : [];
  const operations = [...eachOperation(doc)];
  const names = uniqueNames(operations.map(({ path, method, operation }) => ({ path, method, base: fragmentBaseName(method, path, operation) })));
  const problems: Finding[] = [];

  // Every place (in the source) of each reference copied in place of its target, for the findings.
  const inlined = new Map<string, Set<string>>();
  const fragments = operations.map(({ path, method, operation }, index): SplitFragment => {
    const pathItem = doc.paths![path]!;
    const item = singleOperationItem(pathItem, method);
    const roots: ComponentEntry[] = [...shared.components];
    const elsewhere: LocalRef[] = [...shared.elsewhere];
    const deps = graph.dependenciesOf(item, "pathItem", ["paths", path]);
    roots.push(...deps.components);
    elsewhere.push(...deps.elsewhere);
    roots.push(...securitySchemes(operation.security, graph), ...bearerSchemesFor(doc, pathItem, operation, graph));

    const closure = closureThroughTargets(graph, roots, elsewhere);
    const document = assemble(doc, { [path]: item }, componentsOf(doc, graph, closure.components), usedTags(tags, operation));
    for (const problem of unusableRefs(doc, closure.elsewhere, operationKey(method, path), options)) {
      // A component used by many operations would report its one bad ref once per operation.
      if (!problems.some((p) => p.pointer === problem.pointer)) problems.push(problem);
    }
    for (const ref of closure.elsewhere) {
      if (ref.implicit || !isInlinable(ref)) continue;
      const places = inlined.get(ref.ref) ?? new Set<string>();
      places.add(toPointer(ref.at));
      inlined.set(ref.ref, places);
    }
    return { fileName: `${names[index]}.yaml`, document };
  });
  if (operations.length === 0) fragments.push(wholeDocument(doc, options));

  problems.unshift(
    ...graph.broken().map((broken) =>
      finding("ref-dangling", {
        pointer: broken.at,
        sources: [source(options, broken.at, `${broken.at}/$ref`)],
        args: { ref: broken.ref },
      }),
    ),
  );
  if (problems.length > 0) {
    const first = problems[0]!;
    const where = first.sources[0] ? `${formatLocation(first.sources[0])}: ` : "";
    throw new DriftlessError("E_INPUT", `${where}cannot split: ${messageOf(first)}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""}`, { findings: problems });
  }
  for (const [ref, places] of inlined) {
    const at = [...places].sort()[0]!;
    options.findings?.push(finding("split-ref-inlined", { pointer: at, sources: [source(options, at, `${at}/$ref`)], args: { ref, places: places.size } }));
  }
  // Each fragment gets its own copy: the vendor's objects are shared between operations in `doc`;
  // references outside #/components are replaced in the copy.
  const copy = (document: OpenApiDocument) =>
    inlined.size > 0 ? inlineOutsideRefs(structuredClone(document), doc) : options.copy === false ? document : structuredClone(document);
  return fragments.sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0)).map((f) => ({ fileName: f.fileName, document: copy(f.document) }));
}

/**
 * A path item written as a `$ref` to another path item (`"/support/ip-address": { "$ref":
 * "#/paths/~1ip-address" }`, surevoip.co.uk) holds its operations there: the document as split sees
 * the target's fields in its place (the source is not changed), reported like any copied target.
 */
function withPathItemRefsResolved(doc: OpenApiDocument, options: SplitOptions): OpenApiDocument {
  if (!isObject(doc.paths)) return doc;
  let paths: Record<string, PathItem> | undefined;
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!isObject(item) || typeof item.$ref !== "string" || !item.$ref.startsWith("#/paths/")) continue;
    const target = getAtPointer(doc, item.$ref);
    if (!isObject(target) || typeof target.$ref === "string") continue;
    const { $ref, ...siblings } = item;
    paths ??= { ...doc.paths };
    paths[path] = { ...target, ...siblings } as PathItem;
    const at = toPointer(["paths", path]);
    options.findings?.push(finding("split-ref-inlined", { pointer: at, sources: [source(options, at, `${at}/$ref`)], args: { ref: $ref as string, places: 1 } }));
  }
  return paths ? { ...doc, paths } : doc;
}

/**
 * The component closure of `roots`, following also the references whose target lies outside
 * components (`#/paths/…`): such a target is copied into the fragment, so what it refers to
 * travels too. `elsewhere` collects every such reference met on the way.
 */
function closureThroughTargets(graph: ComponentGraph, roots: ComponentEntry[], start: LocalRef[]): { components: Set<ComponentEntry>; elsewhere: LocalRef[] } {
  const components = new Set<ComponentEntry>();
  const elsewhere: LocalRef[] = [];
  const followed = new Set<string>();
  let pendingRoots = roots;
  let pendingRefs = start;
  while (pendingRoots.length > 0 || pendingRefs.length > 0) {
    const closure = graph.closure(pendingRoots.filter((e) => !components.has(e)));
    for (const entry of closure.components) components.add(entry);
    pendingRoots = [];
    const refs = [...pendingRefs, ...closure.elsewhere];
    pendingRefs = [];
    for (const ref of refs) {
      elsewhere.push(ref);
      if (ref.implicit || !isInlinable(ref) || followed.has(ref.ref)) continue;
      followed.add(ref.ref);
      const deps = graph.dependenciesAt(ref.target);
      pendingRoots.push(...deps.components);
      pendingRefs.push(...deps.elsewhere);
    }
  }
  return { components, elsewhere };
}

/** A `$ref` object split can replace by its target; a discriminator mapping's value is a string it cannot. */
function isInlinable(ref: LocalRef): boolean {
  return !ref.at.includes("discriminator");
}

/** `#/components/<kind>/<name>…` with an OpenAPI component kind: carried as a component, never copied. */
function isComponentRef(segments: string[]): boolean {
  return segments[0] === "components" && segments.length >= 3 && !segments[1]!.startsWith("x-");
}

/**
 * Replaces, in `fragment`, every `$ref` whose target lies outside `#/components/<kind>/<name>` by
 * a copy of that target in `source` (its own such references replaced in turn). A Reference
 * Object's `summary`/`description` override the target's (OpenAPI 3.1); a schema's other keywords
 * beside `$ref` apply together with it, so such a schema becomes `allOf: [target]` beside them.
 * A chain of such references that comes back to itself is left as it is (unusableRefs reports it).
 */
export function inlineOutsideRefs<T>(fragment: T, source: unknown): T {
  const expand = (holder: JsonObject, expected: string, trail: string[]): void => {
    const ref = holder.$ref as string;
    if (trail.includes(ref)) return;
    const target = getAtPointer(source, ref);
    if (!isObject(target)) return;
    const copy = structuredClone(target);
    inlineIn(copy, kindAt(parsePointer(ref)) ?? (expected as ObjectKind), [...trail, ref]);
    const siblings = Object.entries(holder).filter(([k]) => k !== "$ref");
    // Extensions beside the `$ref` (x-source, say) annotate; they never need the allOf.
    const keywords = siblings.filter(([k]) => !k.startsWith("x-"));
    for (const key of Object.keys(holder)) delete holder[key];
    if (expected === "schema" && keywords.length > 0) Object.assign(holder, Object.fromEntries(siblings), { allOf: [copy] });
    else Object.assign(holder, copy, Object.fromEntries(siblings));
  };
  const inlineIn = (value: unknown, kind: ObjectKind, trail: string[]): void => {
    const found: { holder: JsonObject; expected: string }[] = [];
    walkNode(value, kind, [], (node, nodeKind, _path, expected) => {
      if (nodeKind !== "reference") return;
      const ref = node.$ref as string;
      if (ref.startsWith("#") && !isComponentRef(parsePointer(ref))) found.push({ holder: node, expected });
    });
    for (const { holder, expected } of found) expand(holder, expected, trail);
  };
  inlineIn(fragment, "document", []);
  return fragment;
}

/**
 * Components needed by the document-level fields every fragment repeats: the schemes the
 * top-level security names. The other fields (info, servers, tags, externalDocs, extensions) hold
 * no references: an extension's inside is data, so a `$ref` there carries nothing.
 */
function sharedFields(doc: OpenApiDocument, graph: ComponentGraph): { components: ComponentEntry[]; elsewhere: LocalRef[] } {
  return { components: securitySchemes(doc.security, graph), elsewhere: [] };
}

/**
 * The document's HTTP bearer schemes, when the operation spells its auth as an `Authorization`
 * header parameter: the merge turns that parameter into the API's own bearer scheme, found among
 * the fragment's schemes (normalize/auth-header.ts), so without it the fragment would name another
 * one (just-eat.co.uk).
 */
function bearerSchemesFor(doc: OpenApiDocument, item: PathItem, operation: Operation, graph: ComponentGraph): ComponentEntry[] {
  const params = [...(Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(operation.parameters) ? operation.parameters : [])];
  const resolved = params.map((p) => (isObject(p) && typeof p.$ref === "string" && p.$ref.startsWith("#") ? getAtPointer(doc, p.$ref) : p));
  const authorization = resolved.some((p) => isObject(p) && p.in === "header" && typeof p.name === "string" && p.name.toLowerCase() === "authorization");
  if (!authorization) return [];
  const schemes = isObject(doc.components?.securitySchemes) ? doc.components.securitySchemes : {};
  return Object.entries(schemes)
    .filter(([, s]) => isObject(s) && s.type === "http" && String(s.scheme).toLowerCase() === "bearer")
    .map(([name]) => graph.entry("securitySchemes", name))
    .filter((e): e is ComponentEntry => e !== undefined);
}

/** The path item with its own fields (summary, description, servers, parameters, …) and only `method`. */
function singleOperationItem(pathItem: PathItem, method: HttpMethod): PathItem {
  const item: JsonObject = {};
  for (const [key, value] of Object.entries(pathItem)) {
    if (!isHttpMethod(key) || key === method) item[key] = value;
  }
  return item as PathItem;
}

/** Security requirements name schemes instead of referencing them; those schemes travel too. */
function securitySchemes(security: unknown, graph: ComponentGraph): ComponentEntry[] {
  if (!Array.isArray(security)) return [];
  const out: ComponentEntry[] = [];
  for (const requirement of security) {
    if (!isObject(requirement)) continue;
    for (const name of Object.keys(requirement)) {
      const entry = graph.entry("securitySchemes", name);
      if (entry) out.push(entry);
    }
  }
  return out;
}

/** `components` restricted to `keep`, kinds and names in the source document's order. */
function componentsOf(doc: OpenApiDocument, graph: ComponentGraph, keep: Set<ComponentEntry>): JsonObject | undefined {
  if (keep.size === 0) return undefined;
  const byKind = new Map<string, ComponentEntry[]>();
  for (const entry of keep) {
    const list = byKind.get(entry.kind);
    if (list) list.push(entry);
    else byKind.set(entry.kind, [entry]);
  }
  const out: JsonObject = {};
  for (const kind of Object.keys(doc.components ?? {})) {
    const entries = byKind.get(kind);
    if (!entries) continue;
    entries.sort((a, b) => a.order - b.order);
    const members: JsonObject = {};
    for (const entry of entries) members[entry.name] = graph.value(entry);
    out[kind] = members;
  }
  return out;
}

function usedTags(tags: unknown[], operation: Operation): JsonObject[] {
  const names = new Set(Array.isArray(operation.tags) ? operation.tags : []);
  return tags.filter((tag): tag is JsonObject => isObject(tag) && names.has(tag.name));
}

/** The source document's top-level keys in their order, with paths, components and tags for one operation. */
function assemble(doc: OpenApiDocument, paths: Record<string, PathItem>, components: JsonObject | undefined, tags: JsonObject[]): OpenApiDocument {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key === "paths") out.paths = paths;
    else if (key === "components") {
      if (components) out.components = { ...components, ...componentExtensions(doc) };
    } else if (key === "tags") {
      if (tags.length > 0) out.tags = tags;
    } else if (!REBUILT_KEYS.has(key)) out[key] = value;
  }
  if (!out.paths) out.paths = paths;
  if (components && !out.components) out.components = components;
  return out as OpenApiDocument;
}

/** `x-…` keys directly under `components` are the vendor's own; every fragment keeps them. */
function componentExtensions(doc: OpenApiDocument): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(doc.components ?? {})) if (key.startsWith("x-")) out[key] = value;
  return out;
}

/**
 * Local refs outside `#/components/<kind>/<name>` (into `#/paths/…`, say) that split cannot carry:
 * `$ref`s that resolve nowhere in the source, a discriminator mapping's value that resolves (a
 * string, which cannot be replaced by its target), and a reference to itself.
 */
function unusableRefs(doc: OpenApiDocument, refs: LocalRef[], operation: string, options: SplitOptions): Finding[] {
  const out: Finding[] = [];
  const report = (ref: LocalRef, why: string) => {
    const at = toPointer(ref.at);
    out.push(finding("ref-dangling", { pointer: at, sources: [source(options, at, `${at}/$ref`)], args: { ref: `${ref.ref} (${why})` } }));
  };
  for (const ref of refs) {
    // A bare name in a discriminator mapping may be a relative URL: never an error.
    if (ref.implicit) continue;
    const target = getAtPointer(doc, ref.target);
    // A discriminator mapping naming a place that does not exist is the vendor's, copied as it is:
    // the merge does not resolve mapping values either (DigitalOcean maps to `#/floating_ip_action_assign`).
    if (target === undefined && !isInlinable(ref)) continue;
    if (target === undefined) report(ref, "its target is not in the document");
    else if (!isInlinable(ref)) report(ref, `a discriminator mapping outside #/components, which the fragment for ${operation} cannot carry`);
    else if (isObject(target) && typeof target.$ref === "string" && target.$ref === ref.ref) report(ref, "it refers to itself");
  }
  return out;
}

/**
 * A document with no operation under `paths` (webhooks only, or nothing yet) is written whole, as
 * one fragment named after its title, so its fields and components survive a split and a merge.
 */
function wholeDocument(doc: OpenApiDocument, options: SplitOptions): SplitFragment {
  const title = isObject(doc.info) && typeof doc.info.title === "string" ? kebabCase(doc.info.title) : "";
  const kept = ["webhooks", "x-webhooks", "components", "tags"].filter((k) => doc[k] !== undefined);
  options.findings?.push(
    finding("split-no-operations", { pointer: "/paths", sources: [source(options, "/paths")], args: { kept: kept.length > 0 ? kept.join(", ") : "its document-level fields" } }),
  );
  return { fileName: `${title || "document"}.yaml`, document: doc };
}

/** Where a finding points: `pointer` names the object, `linePointer` the line shown (the `$ref` itself). */
function source(options: SplitOptions, pointer: string, linePointer = pointer): { file: string; line?: number; pointer: string } {
  const file = options.file ?? "<document>";
  const line = options.lineOf?.(linePointer);
  return line === undefined ? { file, pointer } : { file, line, pointer };
}
