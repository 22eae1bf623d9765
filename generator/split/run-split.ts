import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseYamlSource } from "../load/yaml-source.ts";
import { DriftlessError } from "../problems/error.ts";
import type { Finding } from "../problems/finding.ts";
import { assertOpenApiDocument } from "./openapi-input.ts";
import { renderFragmentYaml, type YamlCache } from "./render-yaml.ts";
import { splitDocument } from "./split-document.ts";

export interface RunSplitOptions {
  /** A whole OpenAPI 3.0/3.1 document, JSON or YAML. */
  file: string;
  /** Folder to write one `<name>.yaml` per operation into; created if missing. */
  outDir: string;
}

export interface RunSplitResult {
  /** Paths written, sorted. */
  written: string[];
  /** What split changed to make the fragments stand alone (warnings and info; errors throw). */
  findings: Finding[];
}

/**
 * `driftless split FILE --out DIR`: writes one YAML document per operation and returns the paths
 * written. Existing files of the same names are overwritten (a re-run gives the same bytes);
 * other files in DIR are left alone.
 */
export async function runSplit({ file, outDir }: RunSplitOptions): Promise<RunSplitResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new DriftlessError("E_IO", `${file}: cannot read the file (${(error as Error).message})`, { cause: error });
  }
  const { value, lineOf } = parseDocument(file, text);
  assertOpenApiDocument(value, { file, lineOf });
  const findings: Finding[] = [];
  // Written one at a time from fragments that share the source's objects, so each component is
  // turned into YAML once (the cache) and no copy of the document is held per fragment.
  const fragments = splitDocument(value, { file, lineOf, findings, copy: false });

  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  const cache: YamlCache = new WeakMap();
  for (const fragment of fragments) {
    const target = path.join(outDir, fragment.fileName);
    await writeFile(target, renderFragmentYaml(fragment.document, cache), "utf8");
    written.push(target);
  }
  return { written, findings };
}

/**
 * JSON goes through JSON.parse (a 13 MB description parses in well under a second that way); YAML,
 * and JSON with a syntax error, through the YAML loader, which reports the line. Line positions are
 * only built when a finding needs one.
 */
function parseDocument(file: string, text: string): { value: unknown; lineOf: (pointer: string) => number } {
  const body = text.replace(/^\uFEFF/, "");
  let source: ReturnType<typeof parseYamlSource> | undefined;
  const yaml = (): ReturnType<typeof parseYamlSource> => (source ??= parseYamlSource(file, body));
  if (/^\s*[{[]/.test(body)) {
    try {
      return { value: JSON.parse(body), lineOf: (pointer) => yaml().lineOf(pointer) };
    } catch {
      // Not strict JSON: YAML (a superset) either reads it or says on which line it breaks.
    }
  }
  return { value: yaml().value, lineOf: (pointer) => yaml().lineOf(pointer) };
}
