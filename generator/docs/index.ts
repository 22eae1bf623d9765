/**
 * The markdown stage: one vendor markdown page → a partial OpenAPI 3.1 document in which every
 * operation, parameter, request body, response and schema property names the markdown line it
 * came from (`x-source`), plus what the page states for the whole API (`rules`: error codes, an
 * error envelope, rate limits, an authentication scheme) for the merge to place on operations.
 * It converts only; folding into the fragments' document is the merge's job. Content problems
 * never throw and never fail the run: each element of the page is read (`docs-read`) or reported
 * with why (`docs-unread`).
 */
import type { Finding } from "../problems/finding.ts";
import type { OpenApiDocument } from "../openapi/types.ts";
import { buildDocument } from "./build.ts";
import { ConversionContext, type ConversionOptions } from "./context.ts";
import { parseMarkdown } from "./markdown.ts";
import type { PageRules } from "./page.ts";
import { readPage } from "./read.ts";

export { inferSamples, inferSchema, type InferSchemaOptions } from "./infer-schema.ts";
export type { PageRules, PageError, PageRateLimit, PageAuth } from "./page.ts";
export type { ConversionOptions } from "./context.ts";

export interface DocsConversion {
  document: OpenApiDocument;
  rules: PageRules;
  findings: Finding[];
  /** Calls whose path holds concrete ids matched no known template: converting again with `knownPaths` may place them. */
  unresolvedCalls: number;
}

/** `file` is the path named in `x-source` and findings, relative to the API folder (e.g. "docs/sessions-api.md"). */
export function convertMarkdownDoc(input: { file: string; text: string }, options: ConversionOptions = {}): DocsConversion {
  const ctx = new ConversionContext(input.file, input.text, options);
  const page = readPage(parseMarkdown(input.text), ctx);
  const document = buildDocument(page, ctx);
  // Document order: by line (stable, so findings of one line keep the order they were found in).
  const findings = [...ctx.findings].sort((a, b) => (a.sources[0]?.line ?? 0) - (b.sources[0]?.line ?? 0));
  return { document, rules: page.rules, findings, unresolvedCalls: ctx.unresolvedCalls };
}
