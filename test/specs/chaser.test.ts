import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { dump, load } from "js-yaml";
import { parseYamlSource } from "../../generator/load/yaml-source.ts";
import { eachOperation, type OpenApiDocument } from "../../generator/openapi/types.ts";
import { getAtPointer } from "../../generator/openapi/pointer.ts";
import { everyRef } from "../split/every-ref.ts";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const seeds = path.resolve(projectRoot, "test/fixtures/vendor/seeds");
const fragments = path.join(projectRoot, "specs/chaser/fragments");

/**
 * Seeds 000, 001 and 004 lost their line breaks when scraped; the fragments restore them by hand.
 * The words must be the vendor's, in the vendor's order: only whitespace may differ.
 */
const cases = [
  { seed: "000_e9aee203bda7320f.txt", fragment: "list-sessions.yaml", method: "get", path: "/v1/sessions", operationId: "list-sessions" },
  { seed: "001_a20db763eef5405e.txt", fragment: "get-session.yaml", method: "get", path: "/v1/sessions/{id}", operationId: "get-session" },
  { seed: "004_f621cc4a75c6b76e.txt", fragment: "create-session.yaml", method: "post", path: "/v1/sessions", operationId: "create-session" },
];

/** The embedded YAML of a flattened seed: between "## OpenAPI Specification ```yaml" and the next "```". */
function embeddedYaml(seedText: string): string {
  const opening = "## OpenAPI Specification ```yaml";
  const start = seedText.indexOf(opening);
  expect(start, "seed has the OpenAPI Specification heading").toBeGreaterThan(-1);
  const end = seedText.indexOf("```", start + opening.length);
  expect(seedText.slice(end).startsWith("``` ## SDK Code Examples")).toBe(true);
  return seedText.slice(start + opening.length, end);
}

const tokens = (text: string): string[] => text.split(/\s+/).filter(Boolean);

describe.each(cases)("specs/chaser/fragments/$fragment", ({ seed, fragment, method, path: route, operationId }) => {
  const seedText = readFileSync(path.join(seeds, seed), "utf8");
  const file = path.join(fragments, fragment);
  const text = readFileSync(file, "utf8");

  it("has the seed's words in the seed's order (only line breaks and indentation restored)", () => {
    const expected = tokens(embeddedYaml(seedText));
    expect(expected.length).toBeGreaterThan(200);
    expect(tokens(text)).toEqual(expected);
  });

  it("is an OpenAPI 3.1 document with the expected operation, and its refs resolve", () => {
    const doc = parseYamlSource(file, text).value as OpenApiDocument;
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toEqual({ title: "Chaser Core API", version: "1.0.0" });
    expect(doc.servers).toEqual([{ url: "https://api.chaser.sh" }, { url: "http://localhost:8000" }]);
    const operations = [...eachOperation(doc)];
    expect(operations.map((o) => [o.method, o.path, o.operation.operationId])).toEqual([[method, route, operationId]]);
    expect(operations[0]!.operation.tags).toEqual(["subpackage_sessions"]);
    expect(doc.components?.securitySchemes).toEqual({ BearerAuth: { type: "http", scheme: "bearer" } });
    for (const { at, ref } of everyRef(doc)) expect(getAtPointer(doc, ref), `${at} → ${ref}`).toBeDefined();
  });

  it("keeps quoted scalars as strings ('null' in type lists, '200' status keys)", () => {
    const doc = load(text) as OpenApiDocument;
    const responses = Object.keys(operationOf(doc).responses ?? {});
    expect(responses[0]).toBe("200");
    expect(getAtPointer(doc, "/components/schemas/SessionInfo/properties/workspace_id/type")).toEqual(["string", "null"]);
    expect(text).toContain("- 'null'");
    expect(text).toContain("'200':");
  });

  it("is laid out as the vendor's YAML writer lays it out (folded text breaks at the same places)", () => {
    // js-yaml writes the seeds' style (2-space indent, indented sequences, `>-` past 80 columns);
    // a file it writes back unchanged has block scalars folded where such a writer folds them.
    expect(dump(load(text))).toBe(text);
  });
});

describe("specs/chaser/docs/sessions-api.md", () => {
  it("is seed 002 byte for byte", () => {
    const doc = readFileSync(path.join(projectRoot, "specs/chaser/docs/sessions-api.md"));
    expect(doc.equals(readFileSync(path.join(seeds, "002_e65d086dbe8e137c.txt")))).toBe(true);
  });
});

function operationOf(doc: OpenApiDocument) {
  return [...eachOperation(doc)][0]!.operation;
}
