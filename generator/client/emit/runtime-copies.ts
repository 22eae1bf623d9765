import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { runtimeCopyHeader } from "./header.ts";
import { packagePath } from "../../package-root.ts";

// The runtime ships as TypeScript sources: they are copied into every generated package as they are.
const runtimeDir = packagePath("generator/client/runtime");

/** generator/client/runtime/*.ts, sorted by name. */
export function runtimeSources(): { name: string; text: string }[] {
  return readdirSync(runtimeDir)
    .filter((name) => name.endsWith(".ts"))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(runtimeDir, name), "utf8") }));
}

/** The copy of one runtime helper as a package holds it: the original under a do-not-edit header. */
export function runtimeCopy(name: string, text: string): string {
  return `${runtimeCopyHeader(name)}\n\n${text.replace(/\r\n?/g, "\n")}`;
}

/** src/runtime/<name> → copy, for every runtime helper. */
export function runtimeFiles(): Map<string, string> {
  return new Map(runtimeSources().map(({ name, text }) => [`src/runtime/${name}`, runtimeCopy(name, text)]));
}
