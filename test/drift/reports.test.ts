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
    expect(xml).toMatch(
      /<testcase name="GET \/v1\/sessions\/\{id\} type-mismatch" classname="drift.chaser">\n\s+<failure message="1 type-mismatch finding\(s\)" type="type-mismatch">/,
    );
    // Warnings below --fail-on are output, not failures.
    expect(xml).toMatch(/<testcase name="GET \/v1\/sessions\/\{id\} undocumented-field" classname="drift.chaser">\n\s+<system-out>/);
    expect((xml.match(/<testcase /g) ?? []).length).toBe(Number(/<testsuites [^>]*tests="(\d+)"/.exec(xml)![1]));
    expect((xml.match(/<failure /g) ?? []).length).toBe(Number(/<testsuites [^>]*failures="(\d+)"/.exec(xml)![1]));
  });

  it("markdown: a verdict table and a findings table per API", () => {
    const md = read("drift.md");
    expect(md).toMatch(/^## API drift \(driftless\)\n/);
    // 3 errors, 2 of them failing: the third is the vendor's 400 on preview-token, known from specs/chaser/drift-baseline.json.
    expect(md).toMatch(/\| chaser \| emulator \| \d+ \| 3 \| 3 \| 2 \| 1 \| 0 \| 0 \| ❌ drift \|/);
    expect(md).toContain("| ❌ | error | `type-mismatch` | `GET /v1/sessions/{id} 200` | `/bytes_up` | integer |");
    expect(md).toContain("`specs/chaser/docs/sessions-api.md:75`");
    // Coverage: a line and one row per operation of the document.
    expect(md).toContain("**Coverage:** 6 of 6 operations checked (6 planned).");
    expect(md).toMatch(/\| `GET \/v1\/sessions` \| 200 400 401 \| 403 500 503 \| {2}\| {2}\|/);
    expect(md).toContain("| `POST /v1/sessions/{id}/preview-token` | 200 400 | 401 403 404 409 429 500 503 | 400 |  |");
  });

  it("pretty: the coverage of each API, one line per operation", () => {
    const text = renderPretty(run.report, false);
    expect(text).toContain("  coverage: 6 of 6 operations checked (6 planned)");
    expect(text).toMatch(/^ {4}GET \/v1\/sessions\/\{id\} +answered 200 401 404; not seen 403 500 503$/m);
    expect(text).toContain("  coverage: 9 of 9 operations checked (9 planned)");
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
    // Known: the vendor departures the committed specs/<api>/drift-baseline.json files accept.
    expect(parsed.summary).toMatchObject({ errors: 9, warnings: 6, failing: 5, known: 4 });
  });

  it("JSON: coverage (operations checked of the total, with details) and every probe with its intent", () => {
    const parsed = JSON.parse(read("drift.json"));
    const chaser = parsed.apis[0];
    expect(chaser.coverage.operations).toMatchObject({ checked: 6, total: 6, planned: 6 });
    expect(chaser.coverage.operations.details).toHaveLength(6);
    expect(chaser.coverage.operations.details[0]).toEqual({
      operation: "GET /v1/sessions",
      documented: ["200", "400", "401", "403", "500", "503"],
      observed: [200, 400, 401],
      statuses: { checked: 3, total: 6 },
      missing: ["403", "500", "503"],
      undocumented: [],
    });
    expect(chaser.coverage).toMatchObject({ unplanned: [], trimmed: [] });
    expect(chaser.probes).toContainEqual({
      step: "list-sessions--no-key",
      operation: "GET /v1/sessions",
      intent: "no-key",
      negative: true,
      expect: ["401", "403"],
      statuses: [401],
    });
    expect(chaser.probes).toContainEqual({ step: "list-sessions", operation: "GET /v1/sessions", intent: "read", expect: ["200"], statuses: [200] });
    const known = chaser.findings.find((f: { rule: string }) => f.rule === "undocumented-status");
    expect(known).toMatchObject({ operation: "POST /v1/sessions/{id}/preview-token", status: 400, intent: "null-body", baseline: "known" });
    expect(parsed.apis[1].coverage.operations).toMatchObject({ checked: 9, total: 9 });
  });

  it.each([
    [{ isTTY: true }, {}, true],
    [{ isTTY: false }, {}, false],
    [{ isTTY: true }, { NO_COLOR: "1" }, false],
    [{ isTTY: false }, { FORCE_COLOR: "1" }, true],
    [{ isTTY: true }, { TERM: "dumb" }, false],
  ])("colours for %o with %o: %s", (stream, env, expected) => {
    expect(wantsColor(stream, env)).toBe(expected);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts a terminal colour code
    expect(/\x1b\[/.test(renderPretty(run.report, expected))).toBe(expected);
  });
});
