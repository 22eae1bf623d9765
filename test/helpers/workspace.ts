import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { main } from "../../generator/cli/main.ts";

export const projectRoot = path.resolve(import.meta.dirname, "../..");

/** A throwaway copy of specs/ (or one API of it) to break on purpose. */
export function copySpecs(apis: string[] = ["chaser", "hyperbrowser"]): { root: string; specs: string; out: string; cleanup(): void } {
  const root = mkdtempSync(path.join(tmpdir(), "driftless-test-"));
  const specs = path.join(root, "specs");
  for (const api of apis) cpSync(path.join(projectRoot, "specs", api), path.join(specs, api), { recursive: true });
  return { root, specs, out: path.join(root, "generated"), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** sha256 of every file under `dir` (path → hash): equal maps mean byte-identical folders. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, base: string) => {
    for (const name of readdirSync(d).sort()) {
      const abs = path.join(d, name);
      const rel = base ? `${base}/${name}` : name;
      if (statSync(abs).isDirectory()) walk(abs, rel);
      else out[rel] = createHash("sha256").update(readFileSync(abs)).digest("hex");
    }
  };
  walk(dir, "");
  return out;
}

/** Runs the CLI in-process, capturing what it prints. */
export async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}
