import { describe, expect, it } from "vitest";
import { backtrackingRisk, compilePattern } from "../../generator/openapi/safe-regexp.ts";

describe("backtrackingRisk", () => {
  it.each([
    ["^[a-z]+$", undefined],
    ["^\\d{3}-\\d{4}$", undefined],
    ["^(https?:\\/\\/)?([\\da-z\\.-]+)\\.([a-z\\.]{2,6})$", undefined],
    ["^(ab)+$", undefined],
    ["[(+*)]+", undefined],
    ["\\(a+\\)+", undefined],
    ["^(a+)+$", "a repeated group repeats inside without bound: (a+)+"],
    ["^([\\/\\w \\.-]*)*\\/?$", "a repeated group repeats inside without bound: ([\\/\\w \\.-]*)*"],
    ["^(?:x(?:a*)b){2,9}$", "a repeated group repeats inside without bound: (?:x(?:a*)b){2,9}"],
    ["^(a|ab)*$", "a group repeated without bound holds alternatives: (a|ab)*"],
    ["^(?<word>\\w+\\s?)+$", "a repeated group repeats inside without bound: (?<word>\\w+\\s?)+"],
  ])("%s → %s", (pattern, want) => {
    expect(backtrackingRisk(pattern)).toBe(want);
  });
});

describe("compilePattern", () => {
  it("compiles an ordinary pattern in Unicode mode, on the backtracking engine", () => {
    const verdict = compilePattern("^\\p{Lu}+$");
    expect(verdict).toMatchObject({ usable: true, linear: false });
    expect(verdict.regexp.test("ÉA")).toBe(true);
  });

  it("falls back to the legacy mode for a pattern Unicode mode refuses ([\\w-.], \\_)", () => {
    const verdict = compilePattern("^[\\w-.]+\\_$");
    expect(verdict).toMatchObject({ usable: true });
    expect([verdict.regexp.test("a-b._"), verdict.regexp.test("a b_")]).toEqual([true, false]);
  });

  it("runs a backtracking pattern on the linear engine: same answers, no hang", () => {
    const verdict = compilePattern("^(https?:\\/\\/)?([\\da-z\\.-]+)\\.([a-z\\.]{2,6})([\\/\\w \\.-]*)*\\/?$");
    expect(verdict).toMatchObject({ usable: true, linear: true });
    const started = performance.now();
    expect(verdict.regexp.test(`http://example.com/${"a".repeat(5000)}!`)).toBe(false);
    expect(verdict.regexp.test("https://example.com/a/b c")).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("refuses, with the reason, what cannot run safely or is no regular expression; the refused pattern accepts everything", () => {
    const backtracking = compilePattern("^((?!x)a+)+$");
    expect(backtracking).toMatchObject({ usable: false, reason: "backtracking", detail: "a repeated group repeats inside without bound: ((?!x)a+)+" });
    expect(backtracking.regexp.test("x")).toBe(true);
    expect(compilePattern("([a-z]")).toMatchObject({ usable: false, reason: "invalid" });
  });
});
