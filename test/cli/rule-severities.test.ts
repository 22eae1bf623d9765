// Rule severities, Redocly-style: api.yaml `rules:` and `--rule id=severity` on generate and merge.
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyRuleSeverities, parseRuleFlag, severityRefusal } from "../../generator/problems/severities.ts";
import { finding } from "../../generator/problems/finding.ts";
import { copySpecs, runCli } from "../helpers/workspace.ts";

describe("severityRefusal", () => {
  it.each([
    ["example-invalid", undefined],
    ["source-conflict", undefined],
    ["no-such-rule", "is not a rule"],
    ["undocumented-field", "is a drift rule"],
    ["yaml-syntax", "cannot be used"],
  ])("%s", (id, want) => {
    const got = severityRefusal(id);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(want);
  });
});

describe("applyRuleSeverities", () => {
  const findings = [finding("example-invalid", { pointer: "/a", args: { reason: "r" } }), finding("yaml-syntax", { args: { reason: "r" } })];
  it("changes and drops by rule id, the later settings winning, and never touches input rules", () => {
    const got = applyRuleSeverities(findings, { "example-invalid": "off", "yaml-syntax": "info" }, { "example-invalid": "warning" });
    expect(got.map((f) => [f.rule, f.severity])).toEqual([
      ["example-invalid", "warning"],
      ["yaml-syntax", "error"],
    ]);
    expect(applyRuleSeverities(findings, { "example-invalid": "off" }).map((f) => f.rule)).toEqual(["yaml-syntax"]);
  });
  it("parses --rule flags and refuses bad ones", () => {
    expect(parseRuleFlag("example-invalid=warning")).toEqual(["example-invalid", "warning"]);
    expect(() => parseRuleFlag("example-invalid")).toThrow(/RULE-ID=error\|warning\|info\|off/);
    expect(() => parseRuleFlag("example-invalid=fatal")).toThrow(/RULE-ID=/);
    expect(() => parseRuleFlag("nope=off")).toThrow(/is not a rule/);
  });
});

describe("generate with rule severities", () => {
  const ws = copySpecs(["hyperbrowser"]);
  const fragment = path.join(ws.specs, "hyperbrowser/fragments/get-api-sessions.yaml");
  const apiYaml = path.join(ws.specs, "hyperbrowser/api.yaml");
  const original = readFileSync(apiYaml, "utf8");
  beforeAll(() => {
    // The vendor's own example breaks its schema: an error by default.
    writeFileSync(fragment, readFileSync(fragment, "utf8").replace("example: 100", "example: lots"));
  });
  afterAll(() => ws.cleanup());
  const run = (...extra: string[]) => runCli(["generate", "--specs-dir", ws.specs, "--out-dir", ws.out, ...extra]);
  const report = () => JSON.parse(readFileSync(path.join(ws.out, "hyperbrowser/merge-report.json"), "utf8")) as { findings: { rule: string; severity: string }[] };
  // `merge` settles severities the same way without building the client: the cheaper run where only the merge matters.
  const merged = path.join(ws.root, "merged/hyperbrowser.json");
  const merge = (...extra: string[]) => runCli(["merge", path.join(ws.specs, "hyperbrowser"), "--out", merged, ...extra]);
  const mergeReport = () => JSON.parse(readFileSync(merged.replace(/\.json$/, ".report.json"), "utf8")) as { findings: { rule: string; severity: string }[] };

  it("fails on the invalid example by default", async () => {
    writeFileSync(apiYaml, original);
    const result = await merge();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("[example-invalid]");
  });

  it("reports it as a warning with --rule example-invalid=warning, and writes", async () => {
    writeFileSync(apiYaml, original);
    const result = await run("--rule", "example-invalid=warning");
    expect(result.code).toBe(0);
    expect(
      report()
        .findings.filter((f) => f.rule === "example-invalid")
        .map((f) => f.severity),
    ).toEqual(["warning"]);
  });

  it("takes api.yaml rules:, which --rule overrides", async () => {
    writeFileSync(apiYaml, `${original}rules:\n  example-invalid: off\n`);
    expect((await merge()).code).toBe(0);
    expect(mergeReport().findings.some((f) => f.rule === "example-invalid")).toBe(false);
    expect((await merge("--rule", "example-invalid=error")).code).toBe(2);
  });

  it("refuses an unknown rule id in api.yaml at its line, and a bad --rule as a usage error", async () => {
    writeFileSync(apiYaml, original);
    appendFileSync(apiYaml, "rules:\n  example-invalid: warning\n  no-such-rule: off\n");
    const line = readFileSync(apiYaml, "utf8").split("\n").indexOf("  no-such-rule: off") + 1;
    const result = await merge();
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`api.yaml:${line}`);
    expect(result.stderr).toContain("'no-such-rule' is not a rule");
    const flag = await run("--rule", "example-invalid=fatal");
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("--rule example-invalid=fatal: write it as RULE-ID=error|warning|info|off");
  });
});
