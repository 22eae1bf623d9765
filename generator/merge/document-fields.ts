import { isObject, type JsonObject } from "../openapi/types.ts";
import { finding } from "../problems/finding.ts";
import { firstDifference, sameContent, type MergeContext, type SourceDocument } from "./context.ts";

/** Document-level fields that must agree across fragments, or be declared in api.yaml. */
const AGREED_FIELDS = ["info", "servers", "security", "externalDocs", "jsonSchemaDialect"] as const;

/** An absent list and an empty one mean the same (no servers, no global security). */
function effective(value: unknown): unknown {
  return Array.isArray(value) && value.length === 0 ? undefined : value;
}

function declared(ctx: MergeContext, field: string): unknown {
  if (field === "info" && ctx.config.info) return ctx.config.info;
  if (field === "servers" && ctx.config.servers) return ctx.config.servers;
  return undefined;
}

/**
 * info, servers and global security: taken from api.yaml when declared there; otherwise every
 * fragment must say the same thing, and a disagreement is a finding naming each file.
 */
export function mergeDocumentFields(ctx: MergeContext, fragments: SourceDocument[]): void {
  for (const field of AGREED_FIELDS) {
    const fromConfig = declared(ctx, field);
    const values = fragments.map((f) => ({ file: f.file, fragment: f, value: effective(f.doc[field]) })).filter((v) => v.value !== undefined);
    if (fromConfig !== undefined) {
      const first = values[0]?.value;
      // Keep what the fragments say beyond the declared keys (e.g. info.description).
      (ctx.document as JsonObject)[field] = isObject(first) && isObject(fromConfig) ? { ...first, ...fromConfig } : fromConfig;
      ctx.findings.push(finding("document-field-declared", { pointer: `/${field}`, sources: [{ file: ctx.config.file ?? "api.yaml" }], args: { field } }));
      continue;
    }
    const distinct: typeof values = [];
    for (const v of values) if (!distinct.some((d) => sameContent(d.value, v.value))) distinct.push(v);
    if (distinct.length > 1) {
      ctx.findings.push(
        finding("document-field-conflict", {
          pointer: `/${field}`,
          // Lines only for what is reported: asking a file for a line re-reads its positions.
          sources: distinct.map((d) => ({ file: d.file, line: d.fragment.lineOf?.(`/${field}`) })),
          args: { field, detail: `${distinct[0]!.file} and ${distinct[1]!.file} differ ${firstDifference(distinct[0]!.value, distinct[1]!.value)}` },
        }),
      );
    }
    if (distinct[0]) (ctx.document as JsonObject)[field] = distinct[0].value;
  }
  mergeTags(ctx, fragments);
}

/** Tags are a union by name; the first description wins only when the others have none. */
function mergeTags(ctx: MergeContext, fragments: SourceDocument[]): void {
  const byName = new Map<string, JsonObject>();
  for (const f of fragments) {
    for (const tag of Array.isArray(f.doc.tags) ? f.doc.tags : []) {
      if (!isObject(tag) || typeof tag.name !== "string") continue;
      const existing = byName.get(tag.name);
      if (!existing) byName.set(tag.name, tag);
      else if (!sameContent(existing, tag)) {
        ctx.findings.push(
          finding("document-field-conflict", {
            pointer: "/tags",
            sources: [{ file: f.file, line: f.lineOf?.("/tags") }],
            args: { field: `tag ${tag.name}`, detail: String(firstDifference(existing, tag)) },
          }),
        );
      }
    }
  }
  if (byName.size > 0) ctx.document.tags = [...byName.values()];
}
