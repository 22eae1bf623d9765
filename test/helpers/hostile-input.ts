// Hostile inputs shared by test/load/hostile-input.test.ts and bench/hostile-input.ts: each is a
// copy of specs/hyperbrowser/ with one fragment that must end in exit 2 naming it.
import { cpSync, mkdirSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { INPUT_LIMITS } from "../../generator/load/limits.ts";
import { projectRoot } from "./workspace.ts";

/** Nine levels of nine aliases each: 9^9 (387 million) strings from a few hundred bytes. */
export const ALIAS_BOMB = ["openapi: 3.1.0", "info: { title: bomb, version: '1' }", "paths: {}", 'x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat("bcdefghi".split("").map((name, i) => `x-${name}: &${name} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(",")}]`))
  .join("\n");

/** A JSON document whose `x-deep` array is nested 10,000 levels deep. */
export const DEEP_JSON = `{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{},"x-deep":${"[".repeat(10_000)}${"]".repeat(10_000)}}`;

/** Copies specs/hyperbrowser into `root/name` and adds `file` with `text`; returns the specs folder. */
export function apiWith(root: string, name: string, file: string, text?: string): string {
  const specs = path.join(root, name);
  cpSync(path.join(projectRoot, "specs/hyperbrowser"), path.join(specs, "hyperbrowser"), { recursive: true });
  const target = path.join(specs, "hyperbrowser/fragments", file);
  mkdirSync(path.dirname(target), { recursive: true });
  if (text !== undefined) writeFileSync(target, text);
  return specs;
}

/** A fragment 1 MiB larger than driftless reads. Sparse: the size is on record and no disk is used. */
export function apiWithHugeFragment(root: string): string {
  const specs = apiWith(root, "huge", "huge.yaml", "");
  truncateSync(path.join(specs, "hyperbrowser/fragments/huge.yaml"), INPUT_LIMITS.maxFileBytes + 1024 * 1024);
  return specs;
}
