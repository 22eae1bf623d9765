import path from "node:path";
import { finding, type Finding } from "../problems/finding.ts";
import { getAtPointer, toPointer } from "./pointer.ts";
import { isObject, type JsonObject } from "./types.ts";
import { eachReference } from "./walk.ts";

/**
 * Rewrites the `$ref`s of a document in place through `rename` (old ref → new ref); returns how
 * many changed. A `$ref` inside example data or an extension is data and keeps its text.
 */
export function rewriteRefs(doc: unknown, rename: Map<string, string>): number {
  let count = 0;
  eachReference(doc, (ref, holder) => {
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
 * specs folder they are a path escape; inside, they must be inlined into the fragment). A `$ref`
 * inside example data (`example`, an Example's `value`, `default`, `enum`, `const`) or inside an
 * extension is a value, not a reference (OpenAPI: "Embedded literal example"), and is not checked.
 */
export function checkRefs(doc: unknown, file: string, lineOf: (path: string[]) => number, fileDir: string, specsRoot: string): Finding[] {
  const findings: Finding[] = [];
  eachReference(doc, (ref, _holder, at) => {
    // Positions are built only for a ref that is reported: most refs are fine.
    // (read while `at` is still this ref's path: the getters run inside this visit)
    const lazy = {
      get sources() {
        return [{ file, line: lineOf(at) }];
      },
      get pointer() {
        return toPointer(at);
      },
    };
    if (!ref.startsWith("#")) {
      const target = ref.split("#")[0]!;
      const resolved = path.resolve(fileDir, target);
      const rel = path.relative(specsRoot, resolved);
      if (/^[a-z]+:/i.test(target) || rel.startsWith("..") || path.isAbsolute(rel)) {
        findings.push(finding("path-outside-specs", { pointer: lazy.pointer, sources: lazy.sources, args: { target: `$ref ${ref}` } }));
      } else {
        findings.push(
          finding("ref-dangling", {
            pointer: lazy.pointer,
            sources: lazy.sources,
            args: { ref: `${ref} (references to other files are not supported: copy the target into this fragment)` },
          }),
        );
      }
      return;
    }
    const chain = [ref];
    let current: unknown = getAtPointer(doc, ref);
    while (
      isObject(current) &&
      typeof current.$ref === "string" &&
      Object.keys(current).every((k) => k === "$ref" || k.startsWith("x-") || k === "description" || k === "summary")
    ) {
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

/** A discriminator mapping entry read as the reference it is. */
export interface MappingRef {
  /** The mapping key (the discriminating value). */
  key: string;
  /** The reference: as written when it is a `#…` pointer, `#/components/schemas/<name>` for a bare name. */
  ref: string;
  /**
   * A bare schema name (`Dog`): OpenAPI reads it as a component name, but it may as well be a
   * relative URL, so a missing target is not an error.
   */
  implicit: boolean;
}

/**
 * The references of a schema's `discriminator.mapping`: its values name schemas (OpenAPI 3.x
 * "Discriminator Object": a schema name or a reference), so whoever follows `$ref`s to carry or
 * keep components follows these too. References to other files are left out.
 */
export function mappingRefs(schema: JsonObject): MappingRef[] {
  const discriminator = schema.discriminator;
  if (!isObject(discriminator) || !isObject(discriminator.mapping)) return [];
  const out: MappingRef[] = [];
  for (const [key, target] of Object.entries(discriminator.mapping)) {
    if (typeof target !== "string") continue;
    if (target.startsWith("#")) out.push({ key, ref: target, implicit: false });
    else if (/^[A-Za-z0-9_.-]+$/.test(target) && !/\.(ya?ml|json)$/i.test(target)) {
      out.push({ key, ref: `#/components/schemas/${target}`, implicit: true });
    }
  }
  return out;
}
