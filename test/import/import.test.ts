import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { load } from "js-yaml";
import { extractEmbeddedOpenApi } from "../../generator/import/embedded-openapi.ts";
import { runImport } from "../../generator/import/run-import.ts";
import { DriftlessError } from "../../generator/problems/error.ts";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const seeds = path.resolve(projectRoot, "test/fixtures/vendor/seeds");
const seed = (name: string) => path.join(seeds, name);
const HYPERBROWSER_PAGE = seed("003_d8a4e97706df204b.txt");
const FLATTENED_PAGES = ["000_e9aee203bda7320f.txt", "001_a20db763eef5405e.txt", "004_f621cc4a75c6b76e.txt"];

function captureError(fn: () => unknown): DriftlessError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DriftlessError) return error;
    throw error;
  }
  throw new Error("expected a DriftlessError");
}

const minimal = (operationId = "") =>
  [
    "openapi: 3.1.0",
    "info:",
    "  title: T",
    "  version: '1'",
    "paths:",
    "  /v1/things/{thingId}:",
    "    get:",
    ...(operationId ? [`      operationId: ${operationId}`] : []),
    "      responses:",
    "        '200':",
    "          description: ok",
  ].join("\n");

describe("extractEmbeddedOpenApi", () => {
  it("finds Mintlify's ````yaml block with extra words in the info string (seed 003)", async () => {
    const text = await readFile(HYPERBROWSER_PAGE, "utf8");
    const { yaml, line } = extractEmbeddedOpenApi({ file: HYPERBROWSER_PAGE, text });
    expect(line).toBe(12);
    expect(text.split("\n")[line - 2]).toBe("````yaml /openapi.json GET /api/sessions");
    expect(yaml.startsWith("openapi: 3.0.1\ninfo:\n  title: Hyperbrowser API\n")).toBe(true);
    expect(yaml.trimEnd().endsWith("name: x-api-key")).toBe(true);
    expect(load(yaml)).toMatchObject({ openapi: "3.0.1", paths: { "/api/sessions": { get: { summary: "Get list of sessions" } } } });
  });

  it.each(FLATTENED_PAGES)("says that %s lost its line breaks, with file, line and what to do", async (name) => {
    const file = seed(name);
    const text = await readFile(file, "utf8");
    const error = captureError(() => extractEmbeddedOpenApi({ file, text }));
    expect(error.code).toBe("E_INPUT");
    expect(error.message.startsWith(`${file}:1: `)).toBe(true);
    expect(error.message).toContain("lost its line breaks");
    expect(error.message).toContain("openapi: 3.1.0 info: title: Chaser Core API");
    expect(error.message).toContain("Restore the line breaks");
    expect(error.message).toContain("export the page again with its newlines");
    expect(error.findings).toMatchObject([{ rule: "import-unreadable", sources: [{ file, line: 1 }] }]);
  });

  it("also catches a proper fence whose YAML was flattened inside it, at the line of that YAML", () => {
    const text = "# Page\n\n```yaml\nopenapi: 3.1.0 info: title: X version: 1.0.0 paths: {}\n```\n";
    const error = captureError(() => extractEmbeddedOpenApi({ file: "flat.md", text }));
    expect(error.message).toMatch(/^flat\.md:4: the embedded OpenAPI YAML has lost its line breaks/);
  });

  it("fails clearly when the page has no fenced OpenAPI YAML", () => {
    const text = '# Sessions\n\nSome prose.\n\n```json\n{"openapi": "3.1.0"}\n```\n';
    const error = captureError(() => extractEmbeddedOpenApi({ file: "prose.md", text }));
    expect(error.code).toBe("E_INPUT");
    expect(error.message).toContain("prose.md: no embedded OpenAPI document");
    expect(error.findings[0]).toMatchObject({ rule: "import-unreadable", sources: [{ file: "prose.md" }] });
  });

  it("skips yaml blocks without an openapi key, other languages, and blocks nested in longer fences", () => {
    const text = [
      "```yaml", // line 1: a config example, not OpenAPI
      "name: x",
      "```",
      "````markdown", // line 4: shows how a page looks; its inner fence is not this page's document
      "```yaml",
      "openapi: 3.0.0",
      "```",
      "````",
      "  ~~~ yml title=openapi.yml", // line 9: indented tilde fence, extra words
      "  openapi: 3.1.0",
      "  info: {title: t, version: '1'}",
      "  ~~~",
    ].join("\r\n");
    expect(extractEmbeddedOpenApi({ file: "mixed.md", text })).toEqual({
      yaml: "openapi: 3.1.0\ninfo: {title: t, version: '1'}",
      line: 10,
    });
  });
});

describe("runImport", () => {
  let dir: string;
  let specsDir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "driftless-import-"));
    specsDir = path.join(dir, "specs");
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function page(name: string, text: string): Promise<string> {
    const file = path.join(dir, name);
    await writeFile(file, text);
    return file;
  }

  it("imports seed 003 as the vendor wrote it, named after method and path (no operationId)", async () => {
    const written = await runImport({ page: HYPERBROWSER_PAGE, api: "hyperbrowser", specsDir });
    expect(written).toBe(path.join(specsDir, "hyperbrowser", "fragments", "get-api-sessions.yaml"));
    const text = await readFile(written, "utf8");
    const pageText = await readFile(HYPERBROWSER_PAGE, "utf8");
    const block = pageText.split("\n").slice(11, 218).join("\n");
    expect(text).toBe(`${block}\n`);
    expect(load(text)).toMatchObject({ openapi: "3.0.1", security: [], components: { securitySchemes: { ApiKeyAuth: { in: "header" } } } });
  });

  it("names the fragment after the first operation's operationId, in kebab case", async () => {
    const file = await page("p.md", `# P\n\n\`\`\`yml\n${minimal("getThingById")}\n\`\`\`\n`);
    expect(path.basename(await runImport({ page: file, api: "acme", specsDir }))).toBe("get-thing-by-id.yaml");
    const bare = await page("q.md", `\`\`\`yaml\n${minimal()}\n\`\`\`\n`);
    expect(path.basename(await runImport({ page: bare, api: "acme", specsDir }))).toBe("get-v1-things-thing-id.yaml");
  });

  it("fails on seed 000 with the lost-line-breaks message and writes nothing", async () => {
    const file = seed("000_e9aee203bda7320f.txt");
    const error = (await runImport({ page: file, api: "chaser", specsDir }).catch((e: unknown) => e)) as DriftlessError;
    expect(error).toBeInstanceOf(DriftlessError);
    expect(error.message).toMatch(/000_e9aee203bda7320f\.txt:1: the embedded OpenAPI YAML has lost its line breaks/);
    await expect(readdir(specsDir)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("fails on a page without a fence", async () => {
    const file = await page("none.md", "# Nothing here\n");
    await expect(runImport({ page: file, api: "acme", specsDir })).rejects.toThrow(/no embedded OpenAPI document/);
  });

  it("reports YAML syntax errors at the page's line, not the block's", async () => {
    // The duplicated key is on the block's 3rd line, the page's 6th.
    const file = await page("bad.md", "# Bad\n\n```yaml\nopenapi: 3.1.0\ninfo: {}\nopenapi: 3.0.0\n```\n");
    const error = (await runImport({ page: file, api: "acme", specsDir }).catch((e: unknown) => e)) as DriftlessError;
    expect(error.findings[0]).toMatchObject({ rule: "yaml-syntax", sources: [{ file, line: 6 }] });
    expect(error.message).toContain(`${file}:6: `);
  });

  it("refuses a document that is not OpenAPI 3", async () => {
    const file = await page("v2.md", "```yaml\nopenapi: 2.0\npaths: {}\n```\n");
    await expect(runImport({ page: file, api: "acme", specsDir })).rejects.toMatchObject({
      findings: [{ rule: "not-openapi", sources: [{ file, line: 2 }] }],
    });
  });

  it("refuses a document without operations: there is nothing to name the fragment after", async () => {
    const file = await page("empty.md", "# E\n```yaml\nopenapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n```\n");
    const error = (await runImport({ page: file, api: "acme", specsDir }).catch((e: unknown) => e)) as DriftlessError;
    expect(error.findings[0]).toMatchObject({ rule: "not-openapi", sources: [{ file, line: 5 }] });
    expect(error.findings[0]!.args).toEqual({ reason: "it has no operation under `paths`, so there is nothing to name the fragment after" });
  });

  it.each(["../outside", "/tmp/elsewhere", ".."])("refuses an api name (%s) that escapes specsDir", async (api) => {
    const file = await page("p.md", `\`\`\`yaml\n${minimal("x")}\n\`\`\`\n`);
    const error = (await runImport({ page: file, api, specsDir }).catch((e: unknown) => e)) as DriftlessError;
    expect(error.findings[0]!.rule).toBe("path-outside-specs");
    await expect(readdir(dir)).resolves.toEqual(["p.md"]);
  });

  it("refuses an api folder that is a symlink to somewhere outside specsDir", async () => {
    const outside = path.join(dir, "outside");
    await mkdir(outside);
    await mkdir(specsDir);
    await symlink(outside, path.join(specsDir, "linked"));
    const file = await page("p.md", `\`\`\`yaml\n${minimal("x")}\n\`\`\`\n`);
    await expect(runImport({ page: file, api: "linked", specsDir })).rejects.toMatchObject({
      findings: [{ rule: "path-outside-specs" }],
    });
    await expect(readdir(outside)).resolves.toEqual([]); // not even the fragments folder was created
  });

  it("refuses an api name that is not one folder name", async () => {
    const file = await page("p.md", `\`\`\`yaml\n${minimal("x")}\n\`\`\`\n`);
    await expect(runImport({ page: file, api: "a/b", specsDir })).rejects.toMatchObject({ code: "E_USAGE" });
  });
});
