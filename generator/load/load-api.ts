import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { loadApiConfig } from "../config/load-config.ts";
import type { ApiConfig } from "../config/api-config.ts";
import { DriftlessError } from "../problems/error.ts";
import { finding, type Finding } from "../problems/finding.ts";
import { INPUT_LIMITS } from "./limits.ts";
import { SharedComponents } from "./shared-components.ts";
import { parseYamlSource, type YamlSource } from "./yaml-source.ts";

export interface MarkdownSource {
  file: string;
  text: string;
}

/** Everything under specs/<api>/, read and parsed; file names are relative to the API folder. */
export interface ApiSources {
  id: string;
  config: ApiConfig;
  /** api.yaml as parsed (with positions), when the folder has one. */
  configSource?: YamlSource;
  fragments: YamlSource[];
  /** The components the fragments hold in common (one object for every identical copy). */
  shared: SharedComponents;
  docs: MarkdownSource[];
  overlays: YamlSource[];
  /** Text of every file read, for code frames in error output (fragments' read again when asked for). */
  texts: Map<string, string>;
}

/** An API's id: its folder name under specs/, and the stem of its package and env names. */
export const API_ID = /^[a-z][a-z0-9-]*$/;
const YAML_FILE = /\.(ya?ml|json)$/i;

/** An API folder has per-endpoint OpenAPI documents (fragments/), markdown pages (docs/), or both. */
function isApiFolder(dir: string): boolean {
  return existsSync(path.join(dir, "fragments")) || existsSync(path.join(dir, "docs"));
}

/** API ids under a specs folder: every sub-folder with a fragments/ or docs/ folder. */
export function listApis(specsDir: string): string[] {
  if (!existsSync(specsDir)) throw new DriftlessError("E_USAGE", `specs folder ${specsDir} does not exist; pass --specs-dir DIR.`);
  return readdirSync(specsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && isApiFolder(path.join(specsDir, d.name)))
    .map((d) => d.name)
    .sort();
}

/**
 * Reads one API folder. Problems (bad YAML, files outside the specs folder, an invalid api.yaml)
 * are collected, not thrown one by one; the caller fails once with all of them.
 */
export function loadApi(specsDir: string, id: string): { sources: ApiSources; findings: Finding[] } {
  const findings: Finding[] = [];
  const root = realpathSync.native(specsDir);
  const apiDir = path.join(root, id);
  if (!API_ID.test(id) || !isInside(root, path.resolve(root, id))) {
    throw new DriftlessError("E_USAGE", `API id '${id}' must be a folder name inside ${specsDir} (lowercase letters, digits, '-').`, {
      findings: [finding("path-outside-specs", { sources: [{ file: id }], args: { target: id } })],
    });
  }
  if (!isApiFolder(apiDir)) {
    throw new DriftlessError(
      "E_USAGE",
      `${path.join(specsDir, id)} has neither a fragments/ nor a docs/ folder; an API folder needs per-endpoint OpenAPI documents (fragments/*.yaml) or markdown pages (docs/*.md).`,
    );
  }
  const texts = new SourceTexts();
  const read = (rel: string, keep = true): string | undefined => {
    const abs = path.join(apiDir, rel);
    // The system's realpath: one call, where Node's own lstat()s every folder on the way (per file, at 1,200 fragments).
    const real = realpathSync.native(abs);
    if (!isInside(root, real)) {
      findings.push(finding("path-outside-specs", { sources: [{ file: rel }], args: { target: `${rel} (links to a file outside ${specsDir})` } }));
      return undefined;
    }
    const bytes = statSync(real).size;
    if (bytes > INPUT_LIMITS.maxFileBytes) {
      const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;
      findings.push(
        finding("input-limit", {
          sources: [{ file: rel }],
          args: { what: `its size (${mib(bytes)})`, limit: `the ${mib(INPUT_LIMITS.maxFileBytes)} driftless reads of one file` },
        }),
      );
      return undefined;
    }
    const text = readFileSync(real, "utf8");
    if (keep) texts.set(rel, text);
    else texts.later(rel, () => readFileSync(real, "utf8"));
    return text;
  };
  const parse = (rel: string, shared?: SharedComponents): YamlSource | undefined => {
    // Fragments are most of an API's bytes and, once parsed, rarely read again: not kept.
    const keep = shared === undefined;
    const text = read(rel, keep);
    if (text === undefined) return undefined;
    try {
      return parseYamlSource(rel, text, { shared, ...(keep ? {} : { reread: () => texts.get(rel)! }) });
    } catch (error) {
      if (error instanceof DriftlessError) findings.push(...error.findings);
      else throw error;
      return undefined;
    }
  };
  const list = (folder: string, pattern: RegExp) =>
    existsSync(path.join(apiDir, folder))
      ? readdirSync(path.join(apiDir, folder))
          .filter((name) => pattern.test(name) && statSync(path.join(apiDir, folder, name)).isFile())
          .sort()
          .map((name) => `${folder}/${name}`)
      : [];

  const fragmentFiles = list("fragments", YAML_FILE);
  const docFiles = list("docs", /\.md$/i);
  if (fragmentFiles.length === 0 && docFiles.length === 0) {
    // A freshly scaffolded folder (driftless init): say what to add, not that the merge lacks `info`.
    throw new DriftlessError(
      "E_INPUT",
      `${path.join(specsDir, id)}/ holds no fragment (fragments/*.yaml or *.json) and no doc page (docs/*.md) yet: add the vendor's documents there, or leave this API out with --api.`,
    );
  }
  const configSource = existsSync(path.join(apiDir, "api.yaml")) ? parse("api.yaml") : undefined;
  const { config, findings: configFindings } = loadApiConfig(id, configSource);
  findings.push(...configFindings);
  // Fragments repeat the components they reference: each distinct one is constructed once.
  const shared = new SharedComponents();
  const fragments = fragmentFiles.map((file) => parse(file, shared)).filter((s): s is YamlSource => s !== undefined);
  const overlays = list("overlays", YAML_FILE)
    .map((file) => parse(file))
    .filter((s): s is YamlSource => s !== undefined);
  const docs = docFiles.flatMap((file) => {
    const text = read(file);
    return text === undefined ? [] : [{ file, text }];
  });
  return { sources: { id, config, configSource, fragments, shared, docs, overlays, texts }, findings };
}

/**
 * The texts of an API's files by path. Fragments are not kept in memory (Stripe's are 363 MB):
 * their text is read again from the file when a code frame or a line needs it, the last one
 * read kept for the next question (findings about one file come together).
 */
class SourceTexts extends Map<string, string> {
  readonly #later = new Map<string, () => string>();
  #last: [string, string] | undefined;

  /** `file`'s text is `read()` when asked for. */
  later(file: string, read: () => string): void {
    this.#later.set(file, read);
  }

  override get(file: string): string | undefined {
    const kept = super.get(file);
    if (kept !== undefined) return kept;
    if (this.#last?.[0] === file) return this.#last[1];
    const read = this.#later.get(file);
    if (!read) return undefined;
    this.#last = [file, read()];
    return this.#last[1];
  }

  override has(file: string): boolean {
    return super.has(file) || this.#later.has(file);
  }
}

export function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}
