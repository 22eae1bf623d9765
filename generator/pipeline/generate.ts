import path from "node:path";
import type { clientFiles as ClientFiles } from "../client/index.ts";
import { renderOpenApiJson, renderOpenApiYaml, renderReportJson, renderReportMarkdown } from "../emit/render-merge.ts";
import { compareGenerated, writeGenerated, type FileSet, type StaleReport } from "../emit/generated-files.ts";
import { listApis, loadApi } from "../load/load-api.ts";
import { DriftlessError } from "../problems/error.ts";
import { applyRuleSeverities, type RuleSeverity } from "../problems/severities.ts";
import { hasErrors, sortFindings, type Finding } from "../problems/finding.ts";
import { renderFindings } from "../problems/render.ts";
import { mergeApi, type MergeResult } from "./merge-api.ts";

export interface GenerateOptions {
  specsDir: string;
  outDir: string;
  /** API ids to build; all under specsDir when empty. */
  apis: string[];
  /** Told as each API enters a stage; the CLI shows it (generate/progress.ts), library callers may ignore it. */
  onProgress?: (step: GenerateStep) => void;
  /** `--rule id=severity` settings, over api.yaml's `rules:`. */
  rules?: Record<string, RuleSeverity>;
}

/** One stage of one API's build: `index` of `total` APIs (1-based). */
export interface GenerateStep {
  api: string;
  index: number;
  total: number;
  stage: "merge" | "client" | "done" | "failed";
}

/**
 * Loads and merges one API; any error finding (input, unsettled conflict, invalid result) fails it
 * with every problem listed. Warnings and info go to the report only.
 */
export function buildCanonical(specsDir: string, id: string, rules: Record<string, RuleSeverity> = {}): MergeResult {
  const { sources, findings: loadFindings } = loadApi(specsDir, id);
  const result: MergeResult = hasErrors(loadFindings)
    ? { id, document: { openapi: "3.1.0" }, findings: sortFindings(loadFindings), sources }
    : mergeApi(sources, path.resolve(specsDir));
  // api.yaml `rules:` then `--rule` set severities; a finding turned off is not reported at all.
  result.findings = applyRuleSeverities(sortFindings([...(hasErrors(loadFindings) ? [] : loadFindings), ...result.findings]), sources.config.rules, rules);
  const errors = result.findings.filter((f) => f.severity === "error");
  if (errors.length > 0) {
    const prefix = `${path.join(specsDir, id)}/`;
    throw new DriftlessError("E_INPUT", `${id}: ${errors.length} problem(s) in ${prefix} — nothing was written.\n\n${renderFindings(errors, sources.texts, prefix)}`, {
      findings: errors,
    });
  }
  return result;
}

/**
 * The files of generated/<api>/ that stage 1 owns. `sourceBase` is specs/<api>/ relative to the
 * output folder (the report links its sources there); generated/<api>/ beside specs/<api>/ by default.
 */
export function canonicalFiles(result: MergeResult, sourceBase?: string): FileSet {
  return new Map<string, string>([
    ["openapi.yaml", renderOpenApiYaml(result.id, result.document)],
    ["openapi.json", renderOpenApiJson(result.document)],
    ["merge-report.json", renderReportJson(result.id, result.findings)],
    ["merge-report.md", renderReportMarkdown(result.id, result.findings, { texts: result.sources.texts, document: result.document, sourceBase })],
  ]);
}

/** specs/<api>/ as seen from generated/<api>/, in URL form ("../../specs/chaser/"): no absolute path gets into a report. */
function sourceBase(options: GenerateOptions, id: string): string {
  const rel = path.relative(path.resolve(options.outDir, id), path.resolve(options.specsDir, id)).split(path.sep).join("/");
  return `${rel || "."}/`;
}

function resolveApis(options: GenerateOptions): string[] {
  return options.apis.length > 0 ? options.apis : listApis(options.specsDir);
}

/** What generate builds for one API: the files of generated/<api>/ and the merge's findings. */
export interface ApiOutput {
  files: FileSet;
  findings: Finding[];
}

/** Everything `generate` would write, in memory. Fails (throws) before anything is written. */
export async function buildOutputs(options: GenerateOptions): Promise<Map<string, ApiOutput>> {
  const ids = resolveApis(options);
  if (ids.length === 0) throw new DriftlessError("E_USAGE", `no API folders (DIR/<api>/fragments/) under ${options.specsDir}.`);
  const outputs = new Map<string, ApiOutput>();
  const failures: DriftlessError[] = [];
  for (const [i, id] of ids.entries()) {
    const tell = (stage: GenerateStep["stage"]) => options.onProgress?.({ api: id, index: i + 1, total: ids.length, stage });
    try {
      tell("merge");
      const result = buildCanonical(options.specsDir, id, options.rules);
      const files = canonicalFiles(result, sourceBase(options, id));
      tell("client");
      const clientFiles = await loadClientStage();
      for (const [rel, content] of await clientFiles(options.specsDir, result)) files.set(rel, content);
      outputs.set(id, { files, findings: result.findings });
      tell("done");
    } catch (error) {
      if (!(error instanceof DriftlessError)) throw error;
      tell("failed");
      failures.push(error);
    }
  }
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    throw new DriftlessError("E_INPUT", failures.map((f) => f.message).join("\n\n"), { findings: failures.flatMap((f) => f.findings) });
  }
  return outputs;
}

const filesOf = (outputs: Map<string, ApiOutput>) => new Map([...outputs].map(([id, o]) => [id, o.files]));

export async function generate(options: GenerateOptions): Promise<Map<string, ApiOutput>> {
  const outputs = await buildOutputs(options);
  writeGenerated(options.outDir, filesOf(outputs));
  return outputs;
}

export async function checkGenerated(options: GenerateOptions): Promise<StaleReport> {
  return compareGenerated(options.outDir, filesOf(await buildOutputs(options)));
}

/**
 * The client stage loads ts-morph, openapi-typescript and (on a cache miss) TypeScript: seconds of
 * module loading that a run refused at stage 1 (bad input, an alias bomb) must not pay.
 */
async function loadClientStage(): Promise<typeof ClientFiles> {
  return (await import("../client/index.ts")).clientFiles;
}
