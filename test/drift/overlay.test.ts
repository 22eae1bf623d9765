import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jsonPathOf } from "../../generator/drift/overlay.ts";
import { DRIFT_TARGETS } from "../../generator/cli/emulator.ts";
import { runDrift, type DriftOptions } from "../../generator/drift/run-drift.ts";
import { parseYamlSource } from "../../generator/load/yaml-source.ts";
import { applyOverlays } from "../../generator/overlay/index.ts";
import type { OpenApiDocument } from "../../generator/openapi/types.ts";
import { GENERATED, SPECS, fastPlan, sink } from "./helpers.ts";

let dir: string;
beforeEach(() => void (dir = mkdtempSync(path.join(tmpdir(), "driftless-overlay-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const drift = (options: DriftOptions) =>
  runDrift({ targets: DRIFT_TARGETS, specsDir: SPECS, generatedDir: GENERATED, formats: ["json"], stdout: sink(), stderr: sink(), planOverride: fastPlan(), ...options });

/** Records one run per scenario set and joins them into one HAR: all the drift at once. */
async function recordDrift(api: string, scenarioSets: string[]): Promise<string> {
  const entries: unknown[] = [];
  for (const [i, scenarios] of scenarioSets.entries()) {
    const file = path.join(dir, `part-${i}.har`);
    await drift({ apis: [api], record: file, extraHeaders: { "x-emulator-scenario": scenarios } });
    entries.push(...(JSON.parse(readFileSync(file, "utf8")) as { log: { entries: unknown[] } }).log.entries);
  }
  const har = path.join(dir, `${api}.har`);
  writeFileSync(har, JSON.stringify({ log: { version: "1.2", creator: { name: "test", version: "1" }, entries } }));
  return har;
}

const SETS: Record<string, string[]> = {
  chaser: ["extra-field,wrong-type,bad-enum,bad-format", "missing-field", "undocumented-status", "wrong-content-type"],
  hyperbrowser: ["extra-field,wrong-type,bad-enum,bad-format", "undocumented-status", "wrong-content-type"],
};

describe("--write-overlay", () => {
  for (const api of ["chaser", "hyperbrowser"]) {
    it(`${api}: the overlay, applied to the canonical document, makes the same traffic check clean`, async () => {
      const har = await recordDrift(api, SETS[api]!);
      const overlayFile = path.join(dir, "drift-observed.yaml");
      const before = await drift({ apis: [api], target: har, writeOverlay: overlayFile });
      const rules = new Set(before.report.apis[0]!.findings.map((f) => f.rule));
      expect(rules).toEqual(
        new Set([
          "undocumented-field",
          "type-mismatch",
          "enum-mismatch",
          "format-mismatch",
          "undocumented-status",
          "undocumented-content-type",
          ...(api === "chaser" ? ["missing-required-field"] : []),
        ]),
      );

      const text = readFileSync(overlayFile, "utf8");
      expect(text).toMatch(/^# Written by 'driftless drift --write-overlay'/);
      expect(text).toMatch(/# GET \/\S+ 200 at \/\S*emulator_?[eE]xtra: undocumented-field, observed string "undocumented" \(\d+ answers?\)/);
      // Applied as `generate` applies overlays: valid, every target matches.
      const canonical = JSON.parse(readFileSync(path.join(GENERATED, api, "openapi.json"), "utf8")) as OpenApiDocument;
      const applied = applyOverlays(canonical, [parseYamlSource("overlays/drift-observed.yaml", text)]);
      expect(applied.findings.filter((f) => f.severity === "error").map((f) => [f.rule, f.args])).toEqual([]);
      expect(applied.actions.length).toBeGreaterThan(0);

      const generated = path.join(dir, "generated");
      mkdirSync(path.join(generated, api), { recursive: true });
      writeFileSync(path.join(generated, api, "openapi.json"), JSON.stringify(applied.document));
      const after = await drift({ apis: [api], target: har, generatedDir: generated });
      expect(after.report.apis[0]!.findings.map((f) => `${f.rule} ${f.args.operation} ${f.args.bodyPointer}`)).toEqual([]);
      expect(after.exitCode).toBe(0);
    });
  }

  it("an undocumented status answered in a non-JSON media type: overlay → applyOverlays → the same traffic checks clean", async () => {
    const traffic = path.join(dir, "teapot.ndjson");
    const exchange = {
      api: "chaser",
      method: "GET",
      url: "https://api.chaser.sh/v1/sessions?limit=5",
      status: 418,
      headers: { "content-type": "text/html; charset=utf-8" },
      body: "<html><body>I'm a teapot</body></html>",
    };
    writeFileSync(traffic, `${JSON.stringify(exchange)}\n`);
    const overlayFile = path.join(dir, "drift-observed.yaml");
    const before = await drift({ apis: ["chaser"], target: traffic, writeOverlay: overlayFile });
    expect(before.report.apis[0]!.findings.map((f) => `${f.rule} ${f.args.status} ${f.args.mediaType}`)).toEqual(["undocumented-status 418 text/html"]);

    const text = readFileSync(overlayFile, "utf8");
    const canonical = JSON.parse(readFileSync(path.join(GENERATED, "chaser", "openapi.json"), "utf8")) as OpenApiDocument;
    const applied = applyOverlays(canonical, [parseYamlSource("overlays/drift-observed.yaml", text)]);
    expect(applied.findings.filter((f) => f.severity === "error").map((f) => [f.rule, f.args])).toEqual([]);
    const documented = (applied.document.paths!["/v1/sessions"]!.get!.responses as Record<string, { content?: object }>)["418"];
    expect(documented?.content).toEqual({ "text/html": {} });

    const generated = path.join(dir, "generated");
    mkdirSync(path.join(generated, "chaser"), { recursive: true });
    writeFileSync(path.join(generated, "chaser", "openapi.json"), JSON.stringify(applied.document));
    const after = await drift({ apis: ["chaser"], target: traffic, generatedDir: generated });
    expect(after.report.apis[0]!.findings.map((f) => `${f.rule} ${f.args.operation} ${f.args.status}`)).toEqual([]);
    expect(after.exitCode).toBe(0);
  });

  it("writes the same overlay for the same traffic", async () => {
    const har = await recordDrift("chaser", ["extra-field,bad-enum"]);
    const a = path.join(dir, "a.yaml");
    const b = path.join(dir, "b.yaml");
    await drift({ apis: ["chaser"], target: har, writeOverlay: a });
    await drift({ apis: ["chaser"], target: har, writeOverlay: b });
    expect(readFileSync(b, "utf8")).toBe(readFileSync(a, "utf8"));
  });

  it.each([
    ["/components/schemas/SessionInfo/properties", "$.components.schemas.SessionInfo.properties"],
    ["/paths/~1v1~1sessions~1{id}/get/responses", "$.paths['/v1/sessions/{id}'].get.responses"],
    ["/paths/~1a/get/responses/200/content/application~1json/schema", "$.paths['/a'].get.responses['200'].content['application/json'].schema"],
    ["/components/schemas/O'Brien", "$.components.schemas['O\\'Brien']"],
    ["/components/schemas/SessionDetail/allOf/1", "$.components.schemas.SessionDetail.allOf[1]"],
  ])("jsonPathOf(%s)", (pointer, expected) => {
    const doc = { components: { schemas: { SessionDetail: { allOf: [{}, {}] } } } };
    expect(jsonPathOf(pointer, doc)).toBe(expected);
  });
});
