import path from "node:path";
import type { FileSet } from "../emit/generated-files.ts";
import type { MergeResult } from "../merge/result.ts";
import { DriftlessError } from "../problems/error.ts";
import { hasErrors } from "../problems/finding.ts";
import { renderFindings } from "../problems/render.ts";
import { compilePackage } from "./build/compile.ts";
import { clientSource } from "./emit/client-source.ts";
import { driftChecksSource, sentinelSource } from "./emit/drift-checks-source.ts";
import { generatedHeader } from "./emit/header.ts";
import { indexSource } from "./emit/index-source.ts";
import { runtimeFiles } from "./emit/runtime-copies.ts";
import { schemaTypes } from "./emit/schema-types.ts";
import { typesSource } from "./emit/types-source.ts";
import { resolveClientModel } from "./model/resolve.ts";
import type { ClientModel } from "./model/types.ts";
import { renderPackageJson, renderReadme } from "./package/render.ts";

/**
 * The client model of one API; throws with every problem found: `client:` settings that do not fit
 * the document (at their api.yaml line), and what the document lacks for a client (at the
 * document's own place and provenance; never at an api.yaml that does not exist).
 */
export function clientModel(specsDir: string, result: MergeResult): ClientModel {
  const { config, configSource: source, texts } = result.sources;
  const { model, findings } = resolveClientModel(config, result.document, (pointer) => source?.lineOf(pointer));
  if (hasErrors(findings)) {
    const errors = findings.filter((f) => f.severity === "error");
    throw new DriftlessError(
      "E_CONFIG",
      `${result.id}: ${errors.length} problem(s) building the client package — nothing was written.\n\n${renderFindings(errors, texts, `${path.join(specsDir, result.id)}/`)}`,
      {
        findings: errors,
      },
    );
  }
  return model;
}

/**
 * Stage 2 of `generate`: the client package of one API, as files relative to generated/<api>/ —
 * package.json, README.md, src/ (schema types, aliases, client, index, runtime copies) and
 * dist/ (JavaScript and declarations built from src/).
 */
export async function clientFiles(specsDir: string, result: MergeResult): Promise<FileSet> {
  const model = clientModel(specsDir, result);
  const header = generatedHeader(model.apiId);
  const sources = new Map<string, string>([
    ["src/schema.ts", `${header}\n\n${await schemaTypes(result.document, new Map(model.schemas.map((s) => [s.component, s.alias])))}`],
    ["src/types.ts", typesSource(model)],
    ["src/client.ts", clientSource(model, result.document)],
    ["src/drift-checks.ts", driftChecksSource(model, result.document)],
    ["src/sentinel.ts", sentinelSource(model)],
    ["src/index.ts", indexSource(model)],
    ...runtimeFiles(),
  ]);
  const files: FileSet = new Map<string, string>([["package.json", renderPackageJson(model)], ["README.md", renderReadme(result.document, model)], ...sources]);
  for (const [rel, text] of await compilePackage(model.apiId, sources)) {
    // Comments before the first statement do not always survive emit: the header is put back.
    files.set(rel, text.startsWith("// ") ? text : `${header}\n${text}`);
  }
  return files;
}
