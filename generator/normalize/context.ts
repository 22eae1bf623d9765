import type { ApiConfig } from "../config/api-config.ts";
import { parseSourceRef, sourcesOf } from "../load/provenance.ts";
import type { SourceLocation } from "../problems/finding.ts";
import type { JsonObject, OpenApiDocument } from "../openapi/types.ts";
import { eachSchema, SKIP, walkDocument } from "../openapi/walk.ts";

/** What a normalization step knows about the document it rewrites. */
export interface NormalizeContext {
  /** The source file, relative to the API folder. */
  file: string;
  config: ApiConfig;
  /**
   * Objects not to rewrite nor report on: components this fragment holds in common with one
   * normalized before (load/shared-components.ts), whose findings the pipeline copies to this
   * fragment's lines. A step that rewrites inside components walks with `eachSchemaOf`.
   */
  skip?: (node: object) => boolean;
}

/** Every schema of `doc` a step may rewrite: `eachSchema`, without entering the objects `ctx.skip` names. */
export function eachSchemaOf(doc: OpenApiDocument, ctx: NormalizeContext, visit: (schema: JsonObject, path: string[]) => void): void {
  const skip = ctx.skip;
  if (!skip) return eachSchema(doc, visit);
  walkDocument(doc, (node, _kind, path, expected) => {
    if (skip(node)) return SKIP;
    if (expected === "schema") visit(node, path);
  });
}

/** "fragments/a.yaml:12" strings of a node's provenance as locations; the file alone when it has none. */
export function locationsOf(node: JsonObject | undefined, file: string): SourceLocation[] {
  const refs = node ? sourcesOf(node) : [];
  if (refs.length === 0) return [{ file }];
  return refs.map(parseSourceRef);
}

export { parseSourceRef };
