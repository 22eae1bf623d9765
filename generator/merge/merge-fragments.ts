import { relocate, relocatedCopy, sourcesOf } from "../load/provenance.ts";
import { parseSourceRef } from "../normalize/context.ts";
import { rewriteRefs } from "../openapi/refs.ts";
import { toPointer } from "../openapi/pointer.ts";
import { isHttpMethod, isObject, operationKey, type JsonObject } from "../openapi/types.ts";
import { finding, type SourceLocation } from "../problems/finding.ts";
import { differencePath, firstDifference, prefers, ruleFor, sameContent, settledByRule, type MergeContext, type SourceDocument } from "./context.ts";

/**
 * Union of the fragments: paths and components. Identical copies are kept once; a name or an
 * operation defined differently is a conflict, settled only by a precedence rule of api.yaml (or
 * later by an overlay) — never silently by whichever file came first.
 */
export function mergeFragments(ctx: MergeContext, fragments: SourceDocument[]): void {
  const duplicates = new Map<string, { what: "component" | "operation"; name: string; sources: SourceLocation[] }>();
  for (const fragment of fragments) {
    mergeComponents(ctx, fragment, duplicates);
    mergePaths(ctx, fragment, duplicates);
  }
  for (const [pointer, dup] of duplicates) {
    const count = new Set(dup.sources.map((s) => s.file)).size;
    ctx.findings.push(
      dup.what === "component"
        ? finding("component-deduplicated", { pointer, sources: dup.sources, args: { name: dup.name, count } })
        : finding("operation-duplicate", { pointer, sources: dup.sources, args: { operation: dup.name, count } }),
    );
  }
}

/** Where a node of `file` was documented; a shared component's stamps are read as this copy's lines. */
function locations(node: unknown, file: string, fragment?: SourceDocument): SourceLocation[] {
  const refs = sourcesOf(node);
  const relocation = isObject(node) ? fragment?.shared?.get(node) : undefined;
  if (!refs.length) return [{ file }];
  return relocation ? refs.map((ref) => relocate(parseSourceRef(ref), relocation, file)) : refs.map(parseSourceRef);
}

/** The fragment's own copy of `node` to keep in the document: a shared component stamped by another fragment is copied with this one's lines. */
function own(node: JsonObject, fragment: SourceDocument): JsonObject {
  const relocation = fragment.shared?.get(node);
  return relocation && relocation.file !== fragment.file ? relocatedCopy(node, relocation, fragment.file) : node;
}

function recordDuplicate(
  duplicates: Map<string, { what: "component" | "operation"; name: string; sources: SourceLocation[] }>,
  pointer: string,
  entry: { what: "component" | "operation"; name: string; existing: unknown; existingFile: string; incoming: unknown; fragment: SourceDocument },
): void {
  const dup = duplicates.get(pointer) ?? { what: entry.what, name: entry.name, sources: locations(entry.existing, entry.existingFile) };
  dup.sources.push(...locations(entry.incoming, entry.fragment.file, entry.fragment));
  duplicates.set(pointer, dup);
}

type Decision = "keep" | "replace" | "conflict";

/** Settles a clash at `pointer` with the precedence rules; reports the outcome. */
function settle(ctx: MergeContext, pointer: string, existing: unknown, incoming: unknown, fragment: SourceDocument, what: string): Decision {
  const file = fragment.file;
  const existingFile = ctx.origin.get(pointer) ?? "?";
  const rule = ruleFor(ctx, pointer);
  const sources = [...locations(existing, existingFile), ...locations(incoming, file, fragment)];
  if (rule?.prefer && (prefers(rule, file) || prefers(rule, existingFile))) {
    const replace = prefers(rule, file) && !prefers(rule, existingFile);
    ctx.findings.push(settledByRule(rule, { pointer, sources, what, detail: `${existingFile} vs ${file}` }));
    return replace ? "replace" : "keep";
  }
  const detail = firstDifference(existing, incoming);
  // Point at the first place they differ, so only an overlay that writes there settles it.
  pointer += toPointer(differencePath(existing, incoming) ?? []);
  ctx.findings.push(
    what.startsWith("component")
      ? finding("component-conflict", { pointer, sources, args: { name: what.replace(/^component /, ""), files: [existingFile, file], detail } })
      : finding("operation-conflict", { pointer, sources, args: { operation: what, files: [existingFile, file], detail } }),
  );
  return "conflict";
}

function mergeComponents(ctx: MergeContext, fragment: SourceDocument, duplicates: Parameters<typeof recordDuplicate>[0]): void {
  const components = fragment.doc.components ?? {};
  const target = (ctx.document.components ??= {}) as Record<string, Record<string, JsonObject>>;
  // First pass: components that clash under a `rename` rule get a new name, and every $ref of this
  // fragment follows the rename before anything is compared or added.
  const renames = new Map<string, string>();
  for (const [kind, map] of Object.entries(components)) {
    if (!isObject(map)) continue;
    for (const [name, node] of Object.entries(map)) {
      const existing = target[kind]?.[name];
      const pointer = toPointer(["components", kind, name]);
      if (!existing || sameContent(existing, node) || !ruleFor(ctx, pointer)?.rename) continue;
      const newName = uniqueName(target[kind] ?? {}, name, fragment.file);
      renames.set(`#${pointer}`, `#${toPointer(["components", kind, newName])}`);
    }
  }
  if (renames.size > 0) {
    // Rewriting changes this fragment's copies only: components it shares become its own first.
    for (const map of Object.values(fragment.doc.components ?? {})) {
      if (!isObject(map)) continue;
      for (const [name, node] of Object.entries(map)) {
        const relocation = isObject(node) ? fragment.shared?.get(node) : undefined;
        if (relocation) map[name] = relocatedCopy(node, relocation, fragment.file);
      }
    }
    const rewritten = rewriteRefs(fragment.doc, renames);
    for (const [from, to] of renames) {
      const [kind, name] = from.split("/").slice(2) as [string, string];
      const newName = to.split("/").pop()!;
      const map = (fragment.doc.components as Record<string, Record<string, JsonObject>>)[kind]!;
      map[newName] = map[name]!;
      delete map[name];
      const rule = ruleFor(ctx, from.slice(1))!;
      ctx.findings.push(
        finding("component-renamed", {
          pointer: to.slice(1),
          sources: [...locations(map[newName], fragment.file, fragment), parseSourceRef(rule.location)],
          args: { from: name, to: newName, file: fragment.file, refs: rewritten },
        }),
      );
    }
  }
  for (const [kind, map] of Object.entries(fragment.doc.components ?? {})) {
    if (!isObject(map)) continue;
    const into = (target[kind] ??= {});
    for (const [name, node] of Object.entries(map)) {
      const pointer = toPointer(["components", kind, name]);
      const existing = into[name];
      if (!existing) {
        into[name] = own(node as JsonObject, fragment);
        ctx.origin.set(pointer, fragment.file);
      } else if (sameContent(existing, node)) {
        recordDuplicate(duplicates, pointer, { what: "component", name, existing, existingFile: ctx.origin.get(pointer) ?? "?", incoming: node, fragment });
      } else if (settle(ctx, pointer, existing, node, fragment, `component ${name}`) === "replace") {
        into[name] = own(node as JsonObject, fragment);
        ctx.origin.set(pointer, fragment.file);
      }
    }
  }
}

/** `Name_<fragment>` (then _2, _3 …): readable and stable for the same inputs. */
function uniqueName(taken: Record<string, unknown>, name: string, file: string): string {
  const base = `${name}_${file
    .replace(/^.*\//, "")
    .replace(/\.[^.]+$/, "")
    .replace(/[^A-Za-z0-9]+/g, "_")}`;
  let candidate = base;
  for (let i = 2; candidate in taken; i++) candidate = `${base}_${i}`;
  return candidate;
}

function mergePaths(ctx: MergeContext, fragment: SourceDocument, duplicates: Parameters<typeof recordDuplicate>[0]): void {
  const paths = (ctx.document.paths ??= {});
  for (const [path, item] of Object.entries(fragment.doc.paths ?? {})) {
    if (!isObject(item)) continue;
    const into = (paths[path] ??= {}) as JsonObject;
    for (const [key, value] of Object.entries(item)) {
      const pointer = toPointer(["paths", path, key]);
      const existing = into[key];
      if (existing === undefined) {
        into[key] = value;
        ctx.origin.set(pointer, fragment.file);
        continue;
      }
      const what = isHttpMethod(key) ? operationKey(key, path) : `${path} ${key}`;
      if (sameContent(existing, value)) {
        if (isHttpMethod(key))
          recordDuplicate(duplicates, pointer, { what: "operation", name: what, existing, existingFile: ctx.origin.get(pointer) ?? "?", incoming: value, fragment });
      } else if (settle(ctx, pointer, existing, value, fragment, what) === "replace") {
        into[key] = value;
        ctx.origin.set(pointer, fragment.file);
      }
    }
  }
}
