import { describe, expect, it } from "vitest";
import { RULES } from "../../generator/problems/rules.ts";
import { DRIFT_RULE_IDS, DRIFT_RULES } from "../../generator/drift/rules.ts";

const BRIEF_TABLE = ["undocumented-status", "undocumented-content-type", "missing-required-field", "undocumented-field", "type-mismatch", "enum-mismatch", "format-mismatch", "server-error"];

describe("the drift rule table", () => {
  it("has every rule of the brief's table", () => {
    for (const id of BRIEF_TABLE) expect(DRIFT_RULE_IDS).toContain(id);
  });

  it("keeps drift ids apart from the merge rules", () => {
    for (const id of DRIFT_RULE_IDS) expect(Object.keys(RULES)).not.toContain(id);
  });

  it.each(DRIFT_RULE_IDS)("%s: kebab-case id, severity, area, summary, help and a message using its arguments", (id) => {
    const rule = DRIFT_RULES[id];
    expect(id).toMatch(/^[a-z]+(-[a-z]+)+$/);
    expect(["error", "warning"]).toContain(rule.severity);
    expect(["status", "content-type", "body", "server"]).toContain(rule.area);
    expect(rule.summary).toMatch(/^[A-Z].*\.$/);
    expect(rule.help).toMatch(/^[A-Z].*\.$/);
    const text = rule.message({ operation: "GET /x/{id}", status: 200, pointer: "/a/0/b", expected: "EXPECTED", observed: "OBSERVED" });
    expect(text).toContain("GET /x/{id}");
    expect(text.includes("OBSERVED") || text.includes("EXPECTED")).toBe(true);
    expect(text).not.toMatch(/undefined|\[object/);
  });
});
