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
