import { mkdir, readFile, realpath, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseYamlSource } from "../load/yaml-source.ts";
import { eachOperation } from "../openapi/types.ts";
import { DriftlessError } from "../problems/error.ts";
import { finding, messageOf } from "../problems/finding.ts";
import { fragmentBaseName } from "../split/fragment-name.ts";
import { assertOpenApiDocument } from "../split/openapi-input.ts";
import { extractEmbeddedOpenApi } from "./embedded-openapi.ts";

export interface RunImportOptions {
  /** The vendor's doc page (markdown or scraped text) embedding an OpenAPI document. */
  page: string;
  /** The API's folder name under specsDir, e.g. "hyperbrowser". */
  api: string;
  /** The specs folder; nothing is written outside it. */
  specsDir: string;
  /** Replace a fragment that exists with other content (it may have been corrected by hand). */
  force?: boolean;
}

/**
 * `driftless import PAGE --api API`: takes the OpenAPI document embedded in a vendor's page and
 * stores it as `specsDir/<api>/fragments/<name>.yaml`, named after its first operation (kebab-case
 * operationId, else method and path). The YAML is kept exactly as the vendor wrote it (only line
 * endings become LF and trailing blank lines go), so the fragment stays evidence of what was
 * published; it is parsed first, so a broken page fails here with the page's own line numbers.
 * Returns the path written.
 */
export async function runImport({ page, api, specsDir, force = false }: RunImportOptions): Promise<string> {
  let text: string;
  try {
    text = await readFile(page, "utf8");
  } catch (error) {
    throw new DriftlessError("E_IO", `${page}: cannot read the page (${(error as Error).message})`, { cause: error });
  }
  const embedded = extractEmbeddedOpenApi({ file: page, text });
  // Padding with the lines above the block makes every YAML position a position in the page.
  const source = parseYamlSource(page, "\n".repeat(embedded.line - 1) + embedded.yaml);
  const doc = source.value;
  assertOpenApiDocument(doc, { file: page, lineOf: (pointer) => source.lineOf(pointer) });

  const first = eachOperation(doc).next();
  if (first.done) {
    const f = finding("not-openapi", {
      sources: [{ file: page, line: source.lineOf("/paths") }],
      args: { reason: "it has no operation under `paths`, so there is nothing to name the fragment after" },
    });
    throw new DriftlessError("E_INPUT", `${page}:${source.lineOf("/paths")}: ${messageOf(f)}`, { findings: [f] });
  }
  const { method, path: route, operation } = first.value;
  const name = fragmentBaseName(method, route, operation);

  const target = await targetInside(specsDir, api, `${name}.yaml`);
  const content = normalizeText(embedded.yaml);
  const existing = await readFile(target, "utf8").catch(() => undefined);
  if (existing !== undefined && existing !== content && !force) {
    throw new DriftlessError("E_USAGE", `${target} exists with other content (edited by hand, or another version of the page); nothing was written. Pass --force to replace it.`);
  }
  await writeFile(target, content, "utf8");
  return target;
}

/** `specsDir/<api>/fragments/<fileName>`, created, refusing anything that would land outside specsDir. */
async function targetInside(specsDir: string, api: string, fileName: string): Promise<string> {
  const root = path.resolve(specsDir);
  const folder = path.resolve(root, api, "fragments");
  const target = path.join(folder, fileName);
  if (!isInside(root, target)) throw outsideSpecs(target);
  if (api === "" || api.includes("/") || api.includes("\\") || api.startsWith(".")) {
    throw new DriftlessError("E_USAGE", `--api ${JSON.stringify(api)}: expected one folder name under ${specsDir}, such as "chaser"`);
  }
  // A symlinked api folder could still lead elsewhere: compare real locations, before creating anything.
  const realRoot = await realExisting(root);
  if (!isInside(realRoot, await realExisting(folder), { orEqual: true })) throw outsideSpecs(target);
  await mkdir(folder, { recursive: true });
  if (!isInside(await realpath(root), await realpath(folder))) throw outsideSpecs(target);
  return target;
}

/** The real path of `p`, or of its deepest ancestor that exists. */
async function realExisting(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch {
    const parent = path.dirname(p);
    return parent === p ? p : realExisting(parent);
  }
}

function isInside(root: string, candidate: string, { orEqual = false } = {}): boolean {
  const relative = path.relative(root, candidate);
  if (relative === "") return orEqual;
  return relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

function outsideSpecs(target: string): DriftlessError {
  const f = finding("path-outside-specs", { sources: [{ file: target }], args: { target } });
  return new DriftlessError("E_INPUT", `${target}: ${messageOf(f)}`, { findings: [f] });
}

/** LF line endings and exactly one final newline: the only changes made to the vendor's text. */
function normalizeText(yaml: string): string {
  return yaml.replace(/\r\n?/g, "\n").replace(/\s+$/, "") + "\n";
}
