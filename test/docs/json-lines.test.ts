import { describe, expect, it } from "vitest";
import { parseJsonWithLines, type JsonLocation } from "../../generator/docs/json-lines.ts";

function lines(loc: JsonLocation | undefined, path: string[]): number | undefined {
  let node = loc;
  for (const p of path) node = node?.children?.get(p);
  return node?.line;
}

describe("parseJsonWithLines", () => {
  const text = ['{', '  "a": 1,', '  "b": [', '    {"c": null},', '    true', '  ],', '  "d": "x\\n\\u0041"', '}'].join("\n");

  it("parses the same value as JSON.parse", () => {
    const r = parseJsonWithLines(text);
    expect(r.ok && r.value).toEqual(JSON.parse(text));
  });

  it.each([
    { path: [], want: 1 },
    { path: ["a"], want: 2 },
    { path: ["b"], want: 3 },
    { path: ["b", "0"], want: 4 },
    { path: ["b", "0", "c"], want: 4 },
    { path: ["b", "1"], want: 5 },
    { path: ["d"], want: 7 },
  ])("line of $path is $want (offset by firstLine)", ({ path, want }) => {
    const r = parseJsonWithLines(text, 100);
    expect(r.ok).toBe(true);
    if (r.ok) expect(lines(r.location, path)).toBe(want + 99);
  });

  it("keeps __proto__ as a plain key", () => {
    const r = parseJsonWithLines('{"__proto__": {"x": 1}}');
    expect(r.ok && Object.keys(r.value as object)).toEqual(["__proto__"]);
    expect(r.ok && Object.getPrototypeOf(r.value)).toBe(Object.prototype);
  });

  it.each([
    { given: '{\n  "a": 1,\n}', line: 3, reason: /property name/ },
    { given: '{\n  "a": 1\n  "b": 2\n}', line: 3, reason: /','/ },
    { given: "[1, 2", line: 1, reason: /end of input/ },
    { given: "{\n 'a': 1}", line: 2, reason: /double quotes/ },
    { given: '{"a": 1} x', line: 1, reason: /after the JSON value/ },
    { given: '{"a": 01}', line: 1, reason: /','/ },
    { given: '{"a": "\n"}', line: 1, reason: /control character/ },
  ])("reports the line of a syntax error: $given", ({ given, line, reason }) => {
    const r = parseJsonWithLines(given, 1);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.line).toBe(line);
      expect(r.reason).toMatch(reason);
    }
  });
});
