// An API described only by markdown pages (no fragments, no api.yaml) generates its canonical
// document and client: here linkding's real API page from the corpus.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../generator/openapi/types.ts";
import { projectRoot, runCli } from "../helpers/workspace.ts";

describe("generate on an API with only docs/*.md", () => {
  const root = mkdtempSync(path.join(tmpdir(), "driftless-docs-only-"));
  const specs = path.join(root, "specs");
  const out = path.join(root, "generated");
  let result: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    cpSync(path.join(projectRoot, "test/docs/corpus/linkding/docs/api.md"), path.join(specs, "linkding/docs/api.md"));
    result = await runCli(["generate", "--specs-dir", specs, "--out-dir", out]);
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("succeeds and writes the canonical document with the page's endpoints, each pointing at its line", () => {
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const doc = JSON.parse(readFileSync(path.join(out, "linkding/openapi.json"), "utf8")) as OpenApiDocument;
    // As the page writes them: the trailing slash is part of the URL (linkding is a Django app).
    expect(Object.keys(doc.paths!)).toEqual(expect.arrayContaining(["/api/bookmarks/", "/api/bookmarks/{id}/", "/api/tags/"]));
    expect(Object.keys(doc.paths!)).not.toContain("/api/bookmarks");
    const list = (doc.paths!["/api/bookmarks/"] as Record<string, { parameters?: { name: string }[]; "x-source"?: string[] }>).get!;
    expect(list.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(["q", "limit", "offset"]));
    expect(list["x-source"]![0]).toMatch(/^docs\/api\.md:\d+$/);
  });

  it("writes a client package for it, whose base URL the caller gives (the page names no server)", () => {
    for (const file of ["package.json", "src/client.ts", "dist/client.js", "dist/client.d.ts"]) expect(existsSync(path.join(out, "linkding", file)), file).toBe(true);
    const client = readFileSync(path.join(out, "linkding/src/client.ts"), "utf8");
    expect(client).toContain('"/api/bookmarks/{id}/"');
    expect(client).toContain("export type LinkdingClientOptions = ClientOptions & { baseUrl: string };");
  });

  it("accounts for every element of the page in the report", () => {
    const report = JSON.parse(readFileSync(path.join(out, "linkding/merge-report.json"), "utf8")) as { findings: { rule: string }[] };
    const rules = new Set(report.findings.map((f) => f.rule));
    expect(rules).toContain("docs-read");
    expect(rules).not.toContain("docs-page-empty");
  });
});
