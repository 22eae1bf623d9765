import type { ApiSources } from "../load/load-api.ts";
import type { OpenApiDocument } from "../openapi/types.ts";
import type { Finding } from "../problems/finding.ts";

/**
 * Stage 1's product for one API (pipeline/merge-api.ts `mergeApi`): the canonical document and
 * every finding. Later stages (the client package) build from it, so it lives below both.
 */
export interface MergeResult {
  id: string;
  document: OpenApiDocument;
  findings: Finding[];
  /** The API's settings and its api.yaml (for later stages that report at api.yaml lines). */
  sources: ApiSources;
}
