import { mkdirSync, readFileSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSplit } from "../../generator/split/run-split.ts";
import { loadApi } from "../../generator/load/load-api.ts";
import { mergeApi, type MergeResult } from "../../generator/pipeline/merge-api.ts";
import { canonicalJson } from "../../generator/openapi/json.ts";
import { eachOperation, X_SOURCE, type OpenApiDocument } from "../../generator/openapi/types.ts";
import { projectRoot } from "../helpers/workspace.ts";

/**
 * GitHub's REST description cut into one fragment per operation must merge back into the same
 * API. Both sides go through the same normalization (3.0 → 3.1), so the comparison is between
 * "the whole document merged alone" and "its ~1,200 fragments merged together".
 */
const githubFile = path.join(projectRoot, "node_modules/@octokit/openapi/generated/api.github.com.json");

describe("GitHub's REST description: split, then merge back", () => {
  let root: string;
  let whole: MergeResult;
  let pieces: MergeResult;
  let fragmentCount: number;
  const original = JSON.parse(readFileSync(githubFile, "utf8")) as OpenApiDocument;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), "driftless-github-"));
    const fragments = path.join(root, "split/github/fragments");
    fragmentCount = (await runSplit({ file: githubFile, outDir: fragments })).written.length;
    const alone = path.join(root, "whole/github/fragments");
    mkdirSync(alone, { recursive: true });
    const { copyFileSync } = await import("node:fs");
    copyFileSync(githubFile, path.join(alone, "api.github.com.json"));
    const merge = (specs: string) => mergeApi(loadApi(specs, "github").sources, specs, { validate: false });
    whole = merge(path.join(root, "whole"));
    pieces = merge(path.join(root, "split"));
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const strip = (value: unknown) => canonicalJson(value, X_SOURCE);

  it("cuts one fragment per operation", () => {
    expect(fragmentCount).toBe([...eachOperation(original)].length);
    expect(fragmentCount).toBeGreaterThan(1000);
  });

  it("merges without conflicts", () => {
    expect(pieces.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("has the same paths and operations as the original", () => {
    const ops = (doc: OpenApiDocument) => [...eachOperation(doc)].map((o) => `${o.method} ${o.path}`).sort();
    expect(ops(pieces.document)).toEqual(ops(original));
  });

  it("has the same parameters, request bodies and responses for every operation", () => {
    const wholeOps = new Map([...eachOperation(whole.document)].map((o) => [`${o.method} ${o.path}`, o.operation]));
    let compared = 0;
    for (const { method, path: p, operation } of eachOperation(pieces.document)) {
      const other = wholeOps.get(`${method} ${p}`)!;
      for (const part of ["parameters", "requestBody", "responses"] as const) {
        expect(strip(operation[part]), `${method} ${p} ${part}`).toBe(strip(other[part]));
      }
      compared++;
    }
    expect(compared).toBe(fragmentCount);
  });

  it("has every referenced component, unchanged", () => {
    const kinds = Object.keys(pieces.document.components ?? {});
    expect(kinds).toEqual(expect.arrayContaining(["schemas", "parameters", "responses"]));
    for (const kind of kinds) {
      const mine = (pieces.document.components as Record<string, Record<string, unknown>>)[kind]!;
      const theirs = (whole.document.components as Record<string, Record<string, unknown>>)[kind]!;
      for (const [name, value] of Object.entries(mine)) expect(strip(value), `${kind}/${name}`).toBe(strip(theirs[name]));
    }
    // Components no operation references are not part of any fragment; all the others come back.
    const referenced = new Set(JSON.stringify(whole.document.paths).match(/#\/components\/schemas\/[^"]+/g));
    for (const ref of referenced) expect(pieces.document.components!.schemas, ref).toHaveProperty([ref.split("/").pop()!]);
  });
});
