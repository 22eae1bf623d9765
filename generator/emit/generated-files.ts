import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Files of one API's output folder: path relative to generated/<api>/ → content. */
export type FileSet = Map<string, string | Uint8Array>;

/**
 * What a user may put into a package folder that generate does not own: an install
 * (node_modules, when the folder is a workspace) and packed tarballs. They are neither compared
 * nor lost: the swap carries them over into the new folder.
 */
function isUserOwned(name: string): boolean {
  return name === "node_modules" || name.endsWith(".tgz");
}

function listFiles(dir: string, base = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    if (!base && isUserOwned(entry.name)) return [];
    if (entry.isDirectory()) return listFiles(path.join(dir, entry.name), rel);
    return [rel];
  });
}

/**
 * Writes every API's files at once, or nothing: each API folder is written complete into a
 * temporary sibling and swapped in with renames, so a failure never leaves a half-written output.
 */
export function writeGenerated(outDir: string, outputs: Map<string, FileSet>): void {
  mkdirSync(outDir, { recursive: true });
  const staged: { api: string; tmp: string }[] = [];
  try {
    for (const [api, files] of outputs) {
      const tmp = path.join(outDir, `.${api}.tmp-${process.pid}`);
      rmSync(tmp, { recursive: true, force: true });
      for (const [rel, content] of files) {
        const target = path.join(tmp, rel);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
      staged.push({ api, tmp });
    }
  } catch (error) {
    for (const { tmp } of staged) rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  for (const { api, tmp } of staged) {
    const final = path.join(outDir, api);
    const old = path.join(outDir, `.${api}.old-${process.pid}`);
    if (existsSync(final)) {
      for (const name of readdirSync(final).filter(isUserOwned)) renameSync(path.join(final, name), path.join(tmp, name));
      renameSync(final, old);
    }
    renameSync(tmp, final);
    rmSync(old, { recursive: true, force: true });
  }
}

export interface StaleReport {
  stale: string[];
  missing: string[];
  extra: string[];
}

/** Compares what generate would write with what is on disk, file by file. */
export function compareGenerated(outDir: string, outputs: Map<string, FileSet>): StaleReport {
  const report: StaleReport = { stale: [], missing: [], extra: [] };
  for (const [api, files] of outputs) {
    const dir = path.join(outDir, api);
    const onDisk = new Set(listFiles(dir));
    for (const [rel, content] of files) {
      const shown = `${api}/${rel}`;
      if (!onDisk.has(rel)) {
        report.missing.push(shown);
        continue;
      }
      onDisk.delete(rel);
      const actual = readFileSync(path.join(dir, rel));
      const expected = typeof content === "string" ? Buffer.from(content) : Buffer.from(content);
      if (!actual.equals(expected)) report.stale.push(shown);
    }
    for (const rel of onDisk) report.extra.push(`${api}/${rel}`);
  }
  for (const list of Object.values(report)) list.sort();
  return report;
}
