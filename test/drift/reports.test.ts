import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderMarkdown } from "../../generator/drift/report/markdown.ts";
import { renderPretty, wantsColor } from "../../generator/drift/report/pretty.ts";
import { DRIFT_TARGETS } from "../../generator/cli/emulator.ts";
import { DRIFT_RULE_IDS } from "../../generator/problems/rules.ts";
import { runDrift, type DriftRun } from "../../generator/drift/run-drift.ts";
import { GENERATED, SPECS, fastPlan, projectRoot, sink } from "./helpers.ts";

let dir: string;
let run: DriftRun;
const read = (name: string) => readFileSync(path.join(dir, name), "utf8");

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "driftless-reports-"));
  run = await runDrift({
    targets: DRIFT_TARGETS,
    specsDir: SPECS,
    generatedDir: GENERATED,
    formats: ["pretty", "json", "junit", "sarif", "markdown"],
    output: path.join(dir, "drift"),
    extraHeaders: { "x-emulator-scenario": "wrong-type,extra-field" },
    planOverride: fastPlan(),
    stdout: sink(),
    stderr: sink(),
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("reports", () => {
  it("several formats with --output write PATH.json, PATH.junit.xml, PATH.sarif, PATH.md", () => {
    for (const name of ["drift.json", "drift.junit.xml", "drift.sarif", "drift.md"]) expect(existsSync(path.join(dir, name)), name).toBe(true);
    expect(run.exitCode).toBe(1);
  });

  it("SARIF 2.1.0: every rule described, every result located at the spec line that documented the node", () => {
    const sarif = JSON.parse(read("drift.sarif"));
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    const driver = sarif.runs[0].tool.driver;
    expect(driver.name).toBe("driftless");
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(DRIFT_RULE_IDS);
    for (const r of driver.rules) {
      expect(r.shortDescription.text.length).toBeGreaterThan(10);
      expect(r.help.text.length).toBeGreaterThan(10);
      expect(["error", "warning", "note"]).toContain(r.defaultConfiguration.level);
    }
    // SARIF results are checked field by field; a full type would restate the SARIF schema here.
    const results = sarif.runs[0].results as any[];
    expect(results.length).toBe(run.report.apis.reduce((n, a) => n + a.findings.length, 0));
    for (const r of results) {
      expect(driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.partialFingerprints["driftless/v1"]).toMatch(/^[0-9a-f]{32}$/);
      const loc = r.locations[0].physicalLocation;
      const file = path.join(projectRoot, loc.artifactLocation.uri);
      expect(existsSync(file), loc.artifactLocation.uri).toBe(true);
      const lines = readFileSync(file, "utf8").split("\n");
      expect(loc.region.startLine).toBeGreaterThan(0);
      expect(loc.region.startLine).toBeLessThanOrEqual(lines.length);
    }
    // The region is the line that documents the field.
    const bytesUp = results.find((r) => r.properties.bodyPointer === "/bytes_up")!;
    const loc = bytesUp.locations[0].physicalLocation;
    expect(loc.artifactLocation.uri).toBe("specs/chaser/docs/sessions-api.md");
    expect(readFileSync(path.join(projectRoot, loc.artifactLocation.uri), "utf8").split("\n")[loc.region.startLine - 1]).toContain("bytes_up");
    expect(bytesUp.level).toBe("error");
    expect(bytesUp.locations[0].logicalLocations[0].fullyQualifiedName).toBe("chaser GET /v1/sessions/{id}");
  });

  it("JUnit: one test case per observed operation and rule, failures where drift was found", () => {
    const xml = read("drift.junit.xml");
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    const chaserOps = run.report.apis[0]!.operations.length;
    const hbOps = run.report.apis[1]!.operations.length;
    const hbNotObserved = run.report.apis[1]!.notObserved.length;
    expect(xml).toContain(`<testsuite name="drift.chaser" tests="${chaserOps * DRIFT_RULE_IDS.length}" failures="2" errors="0" skipped="0">`);
    expect(xml).toContain(`<testsuite name="drift.hyperbrowser" tests="${hbOps * DRIFT_RULE_IDS.length + hbNotObserved}" failures="3" errors="0" skipped="${hbNotObserved}">`);
    expect(xml).toMatch(/<testcase name="GET \/v1\/sessions\/\{id\} type-mismatch" classname="drift.chaser">\n\s+<failure message="1 type-mismatch finding\(s\)" type="type-mismatch">/);
    // Warnings below --fail-on are output, not failures.
    expect(xml).toMatch(/<testcase name="GET \/v1\/sessions\/\{id\} undocumented-field" classname="drift.chaser">\n\s+<system-out>/);
    expect((xml.match(/<testcase /g) ?? []).length).toBe(Number(/<testsuites [^>]*tests="(\d+)"/.exec(xml)![1]));
    expect((xml.match(/<failure /g) ?? []).length).toBe(Number(/<testsuites [^>]*failures="(\d+)"/.exec(xml)![1]));
  });

  it("markdown: a verdict table and a findings table per API", () => {
    const md = read("drift.md");
    expect(md).toMatch(/^## API drift \(driftless\)\n/);
    expect(md).toMatch(/\| chaser \| emulator \| \d+ \| 2 \| 3 \| 2 \| 0 \| 0 \| 0 \| ❌ drift \|/);
    expect(md).toContain("| ❌ | error | `type-mismatch` | `GET /v1/sessions/{id} 200` | `/bytes_up` | integer |");
    expect(md).toContain("`specs/chaser/docs/sessions-api.md:75`");
  });

  it("markdown cells escape pipes", () => {
    const report = structuredClone(run.report);
    report.apis[0]!.findings[0]!.args.observed = 'string "a|b"';
    expect(renderMarkdown(report)).toContain('string "a\\|b"');
  });

  it("JSON is deterministic: no times, no ports", () => {
    const json = read("drift.json");
    expect(json).not.toMatch(/127\.0\.0\.1|"(time|timestamp|startedDateTime|duration|elapsed)"/);
    const parsed = JSON.parse(json);
    expect(parsed.exitCode).toBe(1);
    expect(parsed.summary).toMatchObject({ errors: 5, warnings: 6, failing: 5 });
  });

  it.each([
    [{ isTTY: true }, {}, true],
    [{ isTTY: false }, {}, false],
    [{ isTTY: true }, { NO_COLOR: "1" }, false],
    [{ isTTY: false }, { FORCE_COLOR: "1" }, true],
    [{ isTTY: true }, { TERM: "dumb" }, false],
  ])("colours for %o with %o: %s", (stream, env, expected) => {
    expect(wantsColor(stream, env)).toBe(expected);
    expect(/\x1b\[/.test(renderPretty(run.report, expected))).toBe(expected);
  });
});
