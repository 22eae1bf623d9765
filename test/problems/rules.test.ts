import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../generator/problems/rules.ts";
import { finding } from "../../generator/problems/finding.ts";
import { projectRoot } from "../helpers/workspace.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = path.join(dir, name);
    return statSync(abs).isDirectory() ? sourceFiles(abs) : name.endsWith(".ts") ? [abs] : [];
  });
}

describe("the rule table", () => {
  const code = sourceFiles(path.join(projectRoot, "generator"))
    .filter((f) => !f.endsWith(path.join("problems", "rules.ts")))
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");

  for (const [id, rule] of Object.entries(RULES)) {
    it(`${id}: kebab-case id, a summary, a message that renders, and a place that emits it`, () => {
      expect(id).toMatch(/^[a-z]+(-[a-z0-9.]+)*$/);
      expect(rule.summary.length).toBeGreaterThan(10);
      expect(rule.summary.endsWith(".")).toBe(true);
      const text = finding(id as keyof typeof RULES, { args: {} }).message;
      expect(typeof text).toBe("string");
      expect(code).toContain(`"${id}"`);
    });
  }
});
