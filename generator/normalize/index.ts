import type { Finding } from "../problems/finding.ts";
import type { OpenApiDocument } from "../openapi/types.ts";
import { authHeaderToSecurity } from "./auth-header.ts";
import type { NormalizeContext } from "./context.ts";
import { dropInvalidKeywords } from "./invalid-keywords.ts";
import { normalizePathTemplates } from "./path-templates.ts";
import { upgradeToOpenApi31 } from "./upgrade-openapi.ts";

export type { NormalizeContext } from "./context.ts";

/** The normalization steps, in order; each rewrites the document in place and reports every change. */
const STEPS: ((doc: OpenApiDocument, ctx: NormalizeContext) => Finding[])[] = [upgradeToOpenApi31, dropInvalidKeywords, normalizePathTemplates, authHeaderToSecurity];

export function normalizeDocument(doc: OpenApiDocument, ctx: NormalizeContext): Finding[] {
  return STEPS.flatMap((step) => step(doc, ctx));
}
