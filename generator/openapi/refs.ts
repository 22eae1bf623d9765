import path from "node:path";
import { finding, type Finding } from "../problems/finding.ts";
import { getAtPointer, toPointer } from "./pointer.ts";
import { isObject } from "./types.ts";

/** Calls `visit(ref, holder, path)` for every `$ref` string in a value. */
export function eachRef(value: unknown, visit: (ref: string, holder: Record<string, unknown>, path: string[]) => void, path: string[] = []): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => eachRef(v, visit, [...path, String(i)]));
    return;
  }
  if (!isObject(value)) return;
  if (typeof value.$ref === "string") visit(value.$ref, value, path);
  for (const [key, child] of Object.entries(value)) {
    if (typeof child === "object" && child !== null) eachRef(child, visit, [...path, key]);
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
    const sources = [{ file, line: lineOf(at) }];
    const pointer = toPointer(at);
    if (!ref.startsWith("#")) {
      const target = ref.split("#")[0]!;
      const resolved = path.resolve(fileDir, target);
      const rel = path.relative(specsRoot, resolved);
      if (/^[a-z]+:/i.test(target) || rel.startsWith("..") || path.isAbsolute(rel)) {
        findings.push(finding("path-outside-specs", { pointer, sources, args: { target: `$ref ${ref}` } }));
      } else {
        findings.push(finding("ref-dangling", { pointer, sources, args: { ref: `${ref} (references to other files are not supported: copy the target into this fragment)` } }));
      }
      return;
    }
    const chain = [ref];
    let current: unknown = getAtPointer(doc, ref);
    while (isObject(current) && typeof current.$ref === "string" && Object.keys(current).every((k) => k === "$ref" || k.startsWith("x-") || k === "description" || k === "summary")) {
      const next = current.$ref;
      if (chain.includes(next)) {
        findings.push(finding("ref-cycle", { pointer, sources, args: { chain: [...chain, next].join(" → ") } }));
        return;
      }
      chain.push(next);
      current = next.startsWith("#") ? getAtPointer(doc, next) : {};
    }
    if (current === undefined) {
      findings.push(finding("ref-dangling", { pointer, sources, args: { ref: chain[chain.length - 1] } }));
    }
  });
  // One cycle is found from each of its members; report it once.
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = f.rule === "ref-cycle" ? [...String(f.message.split(": ")[0]).split(" → ")].sort().join() : `${f.pointer}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
