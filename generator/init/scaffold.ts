import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { API_ID } from "../load/load-api.ts";
import { packagePath } from "../package-root.ts";
import { DriftlessError } from "../problems/error.ts";

/**
 * The api.yaml of a new API: its id, its package name, and the commented keys a new user reaches
 * for first. The first line points YAML editors (the YAML language server) at the JSON Schema the
 * loader validates with, so keys complete and mistakes show while typing.
 */
export function scaffoldApiYaml(id: string, schemaFromApiYaml: string): string {
  const env = `${id.toUpperCase().replace(/-/g, "_")}_API_KEY`;
  return [
    `# yaml-language-server: $schema=${schemaFromApiYaml}`,
    `# Settings of the ${id} API for driftless. Every key is optional; the schema above lists them all.`,
    `id: ${id}`,
    `package: ${id}-client`,
    "",
    "# Where the API runs, when its documents say nothing (or disagree):",
    "# servers:",
    "#   - url: https://api.example.com",
    "",
    "# How it takes its key: a security scheme of the documents, and the variable the client reads.",
    "# auth:",
    "#   scheme: BearerAuth",
    `#   env: ${env}`,
    "",
  ].join("\n");
}

const README = (id: string) =>
  [
    `# specs/${id}`,
    "",
    "- `fragments/`: the vendor's per-endpoint OpenAPI documents, as published",
    "  (`driftless import PAGE.md --api ID`, or `driftless split whole.json --out fragments`).",
    "- `docs/`: the vendor's markdown reference pages, as published.",
    "- `overlays/` (optional): OpenAPI Overlay 1.0 documents with curated corrections.",
    "- `api.yaml`: settings; every key is optional.",
    "",
    "Then `driftless generate` writes `generated/" + id + "/` and its merge report.",
    "",
  ].join("\n");

export async function runInit(options: { id: string; specsDir: string }): Promise<string[]> {
  if (!API_ID.test(options.id))
    throw new DriftlessError("E_USAGE", `init ${options.id}: an API id is lower-case letters, digits and dashes, starting with a letter (e.g. acme-billing).`);
  const dir = path.join(options.specsDir, options.id);
  if (existsSync(dir)) throw new DriftlessError("E_USAGE", `init ${options.id}: ${dir} already exists; nothing was changed.`);
  const schema = path.relative(path.resolve(dir), packagePath("generator/config/api-config.schema.json")).split(path.sep).join("/");
  const written = [path.join(dir, "api.yaml"), path.join(dir, "README.md"), path.join(dir, "fragments"), path.join(dir, "docs")];
  mkdirSync(path.join(dir, "fragments"), { recursive: true });
  mkdirSync(path.join(dir, "docs"), { recursive: true });
  writeFileSync(path.join(dir, "api.yaml"), scaffoldApiYaml(options.id, schema));
  writeFileSync(path.join(dir, "README.md"), README(options.id));
  return written;
}
