import type { ApiConfig } from "../config/api-config.ts";
import { sourcesOf } from "../load/provenance.ts";
import type { SourceLocation } from "../problems/finding.ts";
import type { JsonObject } from "../openapi/types.ts";

/** What a normalization step knows about the document it rewrites. */
export interface NormalizeContext {
  /** The source file, relative to the API folder. */
  file: string;
  config: ApiConfig;
}

/** "fragments/a.yaml:12" strings of a node's provenance as locations; the file alone when it has none. */
export function locationsOf(node: JsonObject | undefined, file: string): SourceLocation[] {
  const refs = node ? sourcesOf(node) : [];
  if (refs.length === 0) return [{ file }];
  return refs.map(parseSourceRef);
}

export function parseSourceRef(ref: string): SourceLocation {
  const m = /^(.*):(\d+)$/.exec(ref);
  return m ? { file: m[1]!, line: Number(m[2]) } : { file: ref };
}
