import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The toolkit's own folder, where its package.json is: the checkout when run from source (tsx),
 * the installed package when run compiled (dist/generator/…). Templates, JSON Schemas and the
 * client runtime sources ship beside package.json and are found from here, never from the
 * working directory.
 */
export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "templates"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`driftless: no package folder (package.json with templates/) above ${start}`);
  }
}

/** A file or folder of the toolkit, by its path inside the package. */
export function packagePath(...segments: string[]): string {
  return path.join(PACKAGE_ROOT, ...segments);
}
