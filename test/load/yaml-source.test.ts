import { describe, expect, it } from "vitest";
import { parseYamlSource } from "../../generator/load/yaml-source.ts";
import { DriftlessError } from "../../generator/problems/error.ts";

const text = [
  "openapi: 3.1.0", // 1
  "paths:", // 2
  "  /v1/sessions/{id}:", // 3
  "    get:", // 4
  "      parameters:", // 5
  "        - name: id", // 6
  "          in: path", // 7
  "        - name: q", // 8
  "      description: >-", // 9
  "        folded text", // 10
  "        on two lines", // 11
  "      responses:", // 12
  "        '200': {description: ok}", // 13
  "", //
].join("\n");

describe("YamlSource", () => {
  const source = parseYamlSource("f.yaml", text);
  const cases: [string, number][] = [
    ["", 1],
    ["/openapi", 1],
    ["/paths/~1v1~1sessions~1{id}", 3],
    ["/paths/~1v1~1sessions~1{id}/get", 4],
    ["/paths/~1v1~1sessions~1{id}/get/parameters/0", 6],
    ["/paths/~1v1~1sessions~1{id}/get/parameters/0/in", 7],
    ["/paths/~1v1~1sessions~1{id}/get/parameters/1", 8],
    ["/paths/~1v1~1sessions~1{id}/get/responses/200", 13],
    ["/paths/~1v1~1sessions~1{id}/get/responses/200/description", 13],
    ["/paths/~1v1~1sessions~1{id}/get/nothing/here", 4],
  ];
  for (const [pointer, line] of cases) {
    it(`lineOf(${JSON.stringify(pointer)}) = ${line}`, () => expect(source.lineOf(pointer)).toBe(line));
  }
  it("constructs the value", () => {
    expect(source.value).toMatchObject({ paths: { "/v1/sessions/{id}": { get: { description: "folded text on two lines" } } } });
  });
  it("reports a syntax error as a finding with its line", () => {
    let error: unknown;
    try {
      parseYamlSource("bad.yaml", "a: 1\nb: [1, 2\nc: 3\n");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DriftlessError);
    const f = (error as DriftlessError).findings[0]!;
    expect(f.rule).toBe("yaml-syntax");
    expect(f.sources[0]!.file).toBe("bad.yaml");
    expect(f.sources[0]!.line).toBeGreaterThanOrEqual(2);
  });
});

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { load } from "js-yaml";
import { projectRoot } from "../helpers/workspace.ts";

describe("the one-pass constructor", () => {
  const files = ["chaser", "hyperbrowser"].flatMap((api) => {
    const dir = path.join(projectRoot, "specs", api, "fragments");
    return readdirSync(dir).map((f) => path.join(dir, f));
  });
  it.each(files.map((f) => [path.relative(projectRoot, f), f]))("builds what js-yaml's load builds: %s", (_name, file) => {
    const text = readFileSync(file, "utf8");
    expect(parseYamlSource("f.yaml", text).value).toEqual(load(text));
  });

  const scalars: [string, unknown][] = [
    ["a: ~", { a: null }],
    ["a: null", { a: null }],
    ["a:", { a: null }],
    ["a: True", { a: true }],
    ["a: false", { a: false }],
    ["a: 0x1F", { a: 31 }],
    ["a: -12", { a: -12 }],
    ["a: 1.5e3", { a: 1500 }],
    ["a: .inf", { a: Infinity }],
    ["a: '200'", { a: "200" }],
    ["a: yes", { a: "yes" }],
    ["a: nope", { a: "nope" }],
    ["'200': {description: ok}", { "200": { description: "ok" } }],
    ["a: &x {b: 1}\nc: *x", { a: { b: 1 }, c: { b: 1 } }],
    ["a: !!str 12", { a: "12" }],
  ];
  it.each(scalars)("resolves %j like js-yaml", (text, want) => {
    expect(parseYamlSource("f.yaml", text).value).toEqual(want);
    expect(load(text)).toEqual(want);
  });

  it("reports a duplicate key with its line", () => {
    expect(() => parseYamlSource("d.yaml", "a: 1\nb: 2\na: 3\n")).toThrow(/d\.yaml:3: duplicated mapping key 'a'/);
  });

  it("knows each object's line without walking pointers", () => {
    const source = parseYamlSource("f.yaml", text);
    const op = (source.value as { paths: Record<string, { get: object }> }).paths["/v1/sessions/{id}"]!.get;
    expect(source.lineOfNode(op)).toBe(4);
  });
});
