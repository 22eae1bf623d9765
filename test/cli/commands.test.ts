import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectRoot, runCli } from "../helpers/workspace.ts";

const tmp = mkdtempSync(path.join(tmpdir(), "driftless-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const seeds = path.resolve(projectRoot, "test/fixtures/vendor/seeds");

describe("driftless merge", () => {
  it("writes one canonical document (yaml) and its report beside it", async () => {
    const out = path.join(tmp, "merged/chaser.yaml");
    const result = await runCli(["merge", path.join(projectRoot, "specs/chaser"), "--out", out]);
    expect(result.code).toBe(0);
    const doc = parse(readFileSync(out, "utf8"));
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/v1/sessions/{id}/screenshot");
    const report = JSON.parse(readFileSync(path.join(tmp, "merged/chaser.report.json"), "utf8"));
    expect(report.api).toBe("chaser");
    expect(report.findings.length).toBeGreaterThan(0);
  });
  it("writes JSON when asked, identical to generate's openapi.json", async () => {
    const out = path.join(tmp, "merged/hyperbrowser.json");
    expect((await runCli(["merge", path.join(projectRoot, "specs/hyperbrowser"), "--out", out])).code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(path.join(projectRoot, "generated/hyperbrowser/openapi.json"), "utf8"));
  });
  it("refuses an output that is neither YAML nor JSON", async () => {
    const result = await runCli(["merge", path.join(projectRoot, "specs/chaser"), "--out", path.join(tmp, "x.txt")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(".yaml, .yml or .json");
  });
});

describe("driftless split and import", () => {
  it("splits the vendor's Hyperbrowser document into one fragment per operation", async () => {
    const out = path.join(tmp, "split");
    const result = await runCli(["split", path.resolve(projectRoot, "test/fixtures/vendor/reference/hyperbrowser-openapi.json"), "--out", out]);
    expect(result.code).toBe(0);
    expect(readdirSync(out)).toHaveLength(54);
    expect(result.stdout).toContain("54 fragment(s)");
  });
  it("imports the OpenAPI document embedded in a vendor page", async () => {
    const specs = path.join(tmp, "specs");
    const result = await runCli(["import", path.join(seeds, "003_d8a4e97706df204b.txt"), "--api", "hb", "--specs-dir", specs]);
    expect(result.code).toBe(0);
    const written = result.stdout.trim();
    expect(existsSync(written)).toBe(true);
    expect(parse(readFileSync(written, "utf8")).paths).toHaveProperty(["/api/sessions"]);
  });
  it("says a page whose YAML lost its line breaks cannot be imported, and exits 2", async () => {
    const result = await runCli(["import", path.join(seeds, "000_e9aee203bda7320f.txt"), "--api", "chaser2", "--specs-dir", path.join(tmp, "specs")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/000_e9aee203bda7320f\.txt:1/);
    expect(result.stderr).toContain("lost its line breaks");
  });
});

describe("driftless import over an existing fragment", () => {
  it("refuses to replace a fragment with other content unless --force, and re-imports the same page silently", async () => {
    const specs = path.join(tmp, "specs-force");
    const page = path.join(seeds, "003_d8a4e97706df204b.txt");
    const first = await runCli(["import", page, "--api", "hb", "--specs-dir", specs]);
    expect(first.code).toBe(0);
    expect((await runCli(["import", page, "--api", "hb", "--specs-dir", specs])).code).toBe(0);
    const file = first.stdout.trim();
    const { appendFileSync } = await import("node:fs");
    appendFileSync(file, "# corrected by hand\n");
    const refused = await runCli(["import", page, "--api", "hb", "--specs-dir", specs]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--force");
    expect(readFileSync(file, "utf8")).toContain("# corrected by hand");
    expect((await runCli(["import", page, "--api", "hb", "--specs-dir", specs, "--force"])).code).toBe(0);
    expect(readFileSync(file, "utf8")).not.toContain("# corrected by hand");
  });
});

describe("driftless init", () => {
  it("scaffolds specs/<api>/ whose api.yaml the loader accepts and whose schema comment points at the real schema", async () => {
    const specs = path.join(tmp, "specs-init");
    const result = await runCli(["init", "acme-billing", "--specs-dir", specs]);
    expect(result.code).toBe(0);
    const dir = path.join(specs, "acme-billing");
    expect(readdirSync(dir).sort()).toEqual(["README.md", "api.yaml", "docs", "fragments"]);
    const text = readFileSync(path.join(dir, "api.yaml"), "utf8");
    const schema = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text)![1];
    expect(path.resolve(dir, schema)).toBe(path.join(projectRoot, "generator/config/api-config.schema.json"));
    const { loadApiConfig } = await import("../../generator/config/load-config.ts");
    const { parseYamlSource } = await import("../../generator/load/yaml-source.ts");
    const { config, findings } = loadApiConfig("acme-billing", parseYamlSource("api.yaml", text));
    expect(findings).toEqual([]);
    expect(config.packageName).toBe("acme-billing-client");
  });

  it("refuses an existing folder (changing nothing) and an id that is not a folder name", async () => {
    const specs = path.join(tmp, "specs-init-twice");
    expect((await runCli(["init", "acme", "--specs-dir", specs])).code).toBe(0);
    const before = readFileSync(path.join(specs, "acme/api.yaml"), "utf8");
    const again = await runCli(["init", "acme", "--specs-dir", specs]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists; nothing was changed");
    expect(readFileSync(path.join(specs, "acme/api.yaml"), "utf8")).toBe(before);
    for (const bad of ["Acme", "../acme", "1acme"]) {
      const refused = await runCli(["init", bad, "--specs-dir", specs]);
      expect(refused.code, bad).toBe(2);
      expect(refused.stderr).toContain("lower-case letters, digits and dashes");
    }
  });
});
