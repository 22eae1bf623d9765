import path from "node:path";
import { finding, type Finding } from "../problems/finding.ts";
import { getAtPointer, toPointer } from "./pointer.ts";
import { isObject } from "./types.ts";

/**
 * Calls `visit(ref, holder, path)` for every `$ref` string in a value. `path` is one shared array
 * (valid during the call only; copy it to keep it): walks cover whole documents, so no per-node arrays.
 */
export function eachRef(value: unknown, visit: (ref: string, holder: Record<string, unknown>, path: string[]) => void, path: string[] = []): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child = value[i];
      if (typeof child !== "object" || child === null) continue;
      path.push(String(i));
      eachRef(child, visit, path);
      path.pop();
    }
    return;
  }
  if (!isObject(value)) return;
  if (typeof value.$ref === "string") visit(value.$ref, value, path);
  for (const key in value) {
    const child = value[key];
    if (typeof child !== "object" || child === null) continue;
    path.push(key);
    eachRef(child, visit, path);
    path.pop();
  }
}

/** Rewrites `$ref`s in place through `rename` (old ref → new ref); returns how many changed. */
export function rewriteRefs(value: unknown, rename: Map<string, string>): number {
  let count = 0;
  eachRef(value, (ref, holder) => {
    const to = rename.get(ref);
    if (to !== undefined) {
      holder.$ref = to;
      count++;
    }
  });
  return count;
}

/**
 * Checks that every `$ref` of a document resolves inside it: local refs must point at something,
 * chains of refs must end at a real object, and refs to other files are refused (outside the
 * specs folder they are a path escape; inside, they must be inlined into the fragment).
 */
export function checkRefs(doc: unknown, file: string, lineOf: (path: string[]) => number, fileDir: string, specsRoot: string): Finding[] {
  const findings: Finding[] = [];
  eachRef(doc, (ref, _holder, at) => {
    // Positions are built only for a ref that is reported: most refs are fine.
    // (read while `at` is still this ref's path: the getters run inside this visit)
    const lazy = { get sources() { return [{ file, line: lineOf(at) }]; }, get pointer() { return toPointer(at); } };
    if (!ref.startsWith("#")) {
      const target = ref.split("#")[0]!;
      const resolved = path.resolve(fileDir, target);
      const rel = path.relative(specsRoot, resolved);
      if (/^[a-z]+:/i.test(target) || rel.startsWith("..") || path.isAbsolute(rel)) {
        findings.push(finding("path-outside-specs", { pointer: lazy.pointer, sources: lazy.sources, args: { target: `$ref ${ref}` } }));
      } else {
        findings.push(finding("ref-dangling", { pointer: lazy.pointer, sources: lazy.sources, args: { ref: `${ref} (references to other files are not supported: copy the target into this fragment)` } }));
      }
      return;
    }
    const chain = [ref];
    let current: unknown = getAtPointer(doc, ref);
    while (isObject(current) && typeof current.$ref === "string" && Object.keys(current).every((k) => k === "$ref" || k.startsWith("x-") || k === "description" || k === "summary")) {
      const next = current.$ref;
      if (chain.includes(next)) {
        findings.push(finding("ref-cycle", { pointer: lazy.pointer, sources: lazy.sources, args: { chain: [...chain, next] } }));
        return;
      }
      chain.push(next);
      current = next.startsWith("#") ? getAtPointer(doc, next) : {};
    }
    if (current === undefined) {
      findings.push(finding("ref-dangling", { pointer: lazy.pointer, sources: lazy.sources, args: { ref: chain[chain.length - 1] } }));
    }
  });
  // One cycle is found from each of its members; report it once.
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = f.rule === "ref-cycle" ? [...f.args.chain].sort().join() : `${f.pointer}|${f.rule}|${JSON.stringify(f.args)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
