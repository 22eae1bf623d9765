import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { load } from "js-yaml";
import { splitDocument, type SplitFragment } from "../../generator/split/split-document.ts";
import { renderFragmentYaml } from "../../generator/split/render-yaml.ts";
import { eachOperation, type OpenApiDocument } from "../../generator/openapi/types.ts";
import { getAtPointer } from "../../generator/openapi/pointer.ts";
import { everyRef } from "./every-ref.ts";

// GitHub's REST description: about 1,200 operations, 900 schemas, refs everywhere. The real-size case.
const file = createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json");
const github = JSON.parse(readFileSync(file, "utf8")) as OpenApiDocument;

describe("splitting GitHub's REST description", () => {
  const started = performance.now();
  const fragments: SplitFragment[] = splitDocument(github);
  const elapsed = performance.now() - started;

  it("takes a few seconds at most", () => {
    expect(elapsed).toBeLessThan(5_000);
  });

  it("gives one fragment per operation, each with exactly one operation and a unique file name", () => {
    const operations = [...eachOperation(github)];
    expect(operations.length).toBeGreaterThan(1_000);
    expect(fragments).toHaveLength(operations.length);
    expect(new Set(fragments.map((f) => f.fileName)).size).toBe(fragments.length);
    for (const { document } of fragments) expect([...eachOperation(document)]).toHaveLength(1);
  });

  it("resolves every $ref of every fragment inside that fragment, except those inside example data and extensions", () => {
    // GitHub writes `{"$ref": "#/components/examples/…"}` inside example values and refs inside
    // its `x-github-breaking-changes` extension. Both are data (OpenAPI: "Embedded literal
    // example"; an extension's value is any JSON), so the split does not carry their targets.
    const data = /\/(x-[^/]+|example|examples\/[^/]+\/value)(\/|$)/;
    const dangling: string[] = [];
    let inData = 0;
    for (const { fileName, document } of fragments) {
      for (const { at, ref } of everyRef(document)) {
        if (getAtPointer(document, ref) !== undefined) continue;
        if (data.test(at)) inData++;
        else dangling.push(`${fileName}${at}: ${ref}`);
      }
    }
    expect(dangling).toEqual([]);
    expect(inData).toBeGreaterThan(0);
  });

  it("alters nothing: merged back, the fragments give the source's operations and components", () => {
    const paths: Record<string, Record<string, unknown>> = {};
    const components: Record<string, Record<string, unknown>> = {};
    for (const { document } of fragments) {
      for (const [path, item] of Object.entries(document.paths!)) Object.assign((paths[path] ??= {}), item);
      for (const [kind, members] of Object.entries(document.components ?? {})) {
        for (const [name, value] of Object.entries(members as Record<string, unknown>)) {
          const seen = (components[kind] ??= {});
          if (name in seen) expect(value).toEqual(seen[name]);
          seen[name] = value;
          expect(value).toEqual((github.components as Record<string, Record<string, unknown>>)[kind]![name]);
        }
      }
    }
    expect(paths).toEqual(github.paths);
  });

  it("writes YAML that reads back as the same document", () => {
    // Every 10th fragment keeps the test quick; the renderer is the same for all.
    for (const { fileName, document } of fragments.filter((_, i) => i % 10 === 0)) {
      expect(load(renderFragmentYaml(document)), fileName).toEqual(document);
    }
  });
});
