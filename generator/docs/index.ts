/**
 * The markdown stage: one vendor markdown page → a partial OpenAPI 3.1 document in which every
 * operation, parameter, request body, response and schema property names the markdown line it
 * came from (`x-source`). It converts only; folding into the fragments' document is the merge's job.
 * Content problems never throw: they are `docs-unreadable` findings.
 */
import type { Finding } from "../problems/finding.ts";
import type { OpenApiDocument } from "../openapi/types.ts";
import { buildDocument } from "./build.ts";
import { ConversionContext } from "./context.ts";
import { parseMarkdown } from "./markdown.ts";
import { readPage } from "./read.ts";

export { inferSchema, type InferSchemaOptions } from "./infer-schema.ts";

export interface DocsConversion {
  document: OpenApiDocument;
  findings: Finding[];
}

/** `file` is the path named in `x-source` and findings, relative to the API folder (e.g. "docs/sessions-api.md"). */
export function convertMarkdownDoc(input: { file: string; text: string }): DocsConversion {
  const ctx = new ConversionContext(input.file, input.text);
  const page = readPage(parseMarkdown(input.text), ctx);
  const document = buildDocument(page, ctx);
  // Document order: by line (stable, so findings of one line keep the order they were found in).
  const findings = [...ctx.findings].sort((a, b) => (a.sources[0]?.line ?? 0) - (b.sources[0]?.line ?? 0));
  return { document, findings };
}
