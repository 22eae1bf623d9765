import { eachOperation, isHttpMethod, isObject, operationKey } from "../openapi/types.ts";
import type { HttpMethod, JsonObject, OpenApiDocument, Operation, PathItem } from "../openapi/types.ts";
import { getAtPointer, toPointer } from "../openapi/pointer.ts";
import { DriftlessError } from "../problems/error.ts";
import { finding, formatLocation, messageOf, type Finding } from "../problems/finding.ts";
import { ComponentGraph, type ComponentEntry } from "./component-graph.ts";
import type { LocalRef } from "./local-refs.ts";
import { fragmentBaseName, uniqueNames } from "./fragment-name.ts";

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
 * Nothing is rewritten: components keep their names and the vendor's order, values are copied as
 * they are, so merging the fragments again gives back the same operations and components.
 * Fragments are independent copies (editing one never changes another) and are sorted by file name.
 * A `$ref` that resolves nowhere in the source fails the whole split with one `ref-dangling`
 * finding per broken reference.
 */
export function splitDocument(doc: OpenApiDocument, options: SplitOptions = {}): SplitFragment[] {
  const graph = new ComponentGraph(doc);
  const shared = sharedFields(doc, graph);
  const tags = Array.isArray(doc.tags) ? doc.tags : [];
  const operations = [...eachOperation(doc)];
  const names = uniqueNames(operations.map(({ path, method, operation }) => ({ path, method, base: fragmentBaseName(method, path, operation) })));
  const problems: Finding[] = [];

  const fragments = operations.map(({ path, method, operation }, index): SplitFragment => {
    const pathItem = doc.paths![path]!;
    const item = singleOperationItem(pathItem, method);
    const roots: ComponentEntry[] = [...shared.components];
    const elsewhere: LocalRef[] = [...shared.elsewhere];
    const deps = graph.dependenciesOf(item, "pathItem", ["paths", path]);
    roots.push(...deps.components);
    elsewhere.push(...deps.elsewhere);
    roots.push(...securitySchemes(operation.security, graph));

    const closure = graph.closure(roots);
    const document = assemble(doc, { [path]: item }, componentsOf(doc, graph, closure.components), usedTags(tags, operation));
    for (const problem of refsMissingFrom(document, [...elsewhere, ...closure.elsewhere], operationKey(method, path), options)) {
      // A component used by many operations would report its one bad ref once per operation.
      if (!problems.some((p) => p.pointer === problem.pointer)) problems.push(problem);
    }
    return { fileName: `${names[index]}.yaml`, document };
  });

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
  // Each fragment gets its own copy: the vendor's objects are shared between operations in `doc`.
  return fragments.sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0)).map((f) => ({ fileName: f.fileName, document: structuredClone(f.document) }));
}

/**
 * Components needed by the document-level fields every fragment repeats: the schemes the
 * top-level security names. The other fields (info, servers, tags, externalDocs, extensions) hold
 * no references: an extension's inside is data, so a `$ref` there carries nothing.
 */
function sharedFields(doc: OpenApiDocument, graph: ComponentGraph): { components: ComponentEntry[]; elsewhere: LocalRef[] } {
  return { components: securitySchemes(doc.security, graph), elsewhere: [] };
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
 * Local refs outside `#/components/<kind>/<name>` (into `#/paths/…`, say) resolve in a fragment only
 * if the fragment happens to carry their target; anything else would be a broken fragment.
 */
function refsMissingFrom(document: OpenApiDocument, refs: LocalRef[], operation: string, options: SplitOptions): Finding[] {
  const out: Finding[] = [];
  for (const ref of refs) {
    // A bare name in a discriminator mapping may be a relative URL: never an error.
    if (ref.implicit || getAtPointer(document, ref.target) !== undefined) continue;
    const at = toPointer(ref.at);
    out.push(
      finding("ref-dangling", {
        pointer: at,
        sources: [source(options, at, `${at}/$ref`)],
        args: { ref: `${ref.ref} (outside #/components, so the fragment for ${operation} cannot carry its target)` },
      }),
    );
  }
  return out;
}

/** Where a finding points: `pointer` names the object, `linePointer` the line shown (the `$ref` itself). */
function source(options: SplitOptions, pointer: string, linePointer = pointer): { file: string; line?: number; pointer: string } {
  const file = options.file ?? "<document>";
  const line = options.lineOf?.(linePointer);
  return line === undefined ? { file, pointer } : { file, line, pointer };
}
