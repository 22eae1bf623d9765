import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A package's dist/, built from its src/ by TypeScript (typescript-build.ts), behind two caches:
 * one in memory (tests and `generate --check` ask for the same package again in one process) and
 * one on disk, so a re-run of `generate` on unchanged specs — and every test process after the
 * first — neither type-checks again nor loads TypeScript at all (the build is most of generate's
 * CPU time). An entry is keyed by everything its output depends on: the sources, the TypeScript
 * version and the build module's own text. A cache is only ever a faster way to the same bytes.
 */

const memory = new Map<string, Map<string, string>>();

/** `DRIFTLESS_CACHE_DIR` when set (`off` disables it), else node_modules/.cache/driftless of the working directory, when there is one. */
export function buildCacheDir(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  const given = env.DRIFTLESS_CACHE_DIR;
  if (given === "off") return undefined;
  if (given) return path.resolve(cwd, given);
  const modules = path.join(cwd, "node_modules");
  return existsSync(modules) ? path.join(modules, ".cache", "driftless") : undefined;
}

let buildIdentity: string | undefined;

/** The TypeScript version and the text of the module that builds: a change to either is a new key. */
function identity(): string {
  if (buildIdentity === undefined) {
    const here = fileURLToPath(import.meta.url);
    const builder = path.join(path.dirname(here), `typescript-build${path.extname(here)}`);
    const { version } = createRequire(import.meta.url)("typescript/package.json") as { version: string };
    buildIdentity = `${version}\u0000${readFileSync(builder, "utf8")}`;
  }
  return buildIdentity;
}

function readEntry(file: string): Map<string, string> | undefined {
  try {
    const entries = JSON.parse(readFileSync(file, "utf8")) as unknown;
    if (!Array.isArray(entries) || !entries.every((e) => Array.isArray(e) && typeof e[0] === "string" && typeof e[1] === "string")) return undefined;
    return new Map(entries as [string, string][]);
  } catch {
    return undefined; // absent or unreadable: build again
  }
}

function writeEntry(dir: string, file: string, built: Map<string, string>): void {
  try {
    mkdirSync(dir, { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify([...built]));
    renameSync(partial, file); // whole or not at all: parallel test workers may race for the same entry
  } catch {
    // A read-only or full disk costs speed, never the build.
  }
}

/** src/** (relative path → text) → dist/** (relative path → text), sorted by path. */
export async function compilePackage(apiId: string, sources: Map<string, string>): Promise<Map<string, string>> {
  const key = createHash("sha256")
    .update(JSON.stringify([identity(), apiId, [...sources].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]))
    .digest("hex");
  const remembered = memory.get(key);
  if (remembered) return remembered;
  const dir = buildCacheDir();
  const file = dir ? path.join(dir, `client-build-${key}.json`) : undefined;
  let built = file ? readEntry(file) : undefined;
  if (!built) {
    const { buildWithTypeScript } = await import("./typescript-build.ts");
    built = buildWithTypeScript(apiId, sources);
    if (dir && file) writeEntry(dir, file, built);
  }
  memory.set(key, built);
  return built;
}
