import { describe, expect, it } from "vitest";
import type { GenerateStep } from "../../generator/pipeline/generate.ts";
import { generateProgress } from "../../generator/pipeline/progress.ts";

const steps: GenerateStep[] = [
  { api: "chaser", index: 1, total: 2, stage: "merge" },
  { api: "chaser", index: 1, total: 2, stage: "client" },
  { api: "chaser", index: 1, total: 2, stage: "done" },
  { api: "acme", index: 2, total: 2, stage: "merge" },
  { api: "acme", index: 2, total: 2, stage: "failed" },
];

function show(terminal: boolean): string {
  let out = "";
  const progress = generateProgress((text) => (out += text), terminal);
  for (const step of steps) progress.onProgress(step);
  progress.end();
  return out;
}

describe("generate's progress", () => {
  it("prints one plain line per stage when not on a terminal (done is the summary's job)", () => {
    expect(show(false)).toBe(
      [
        "generate [1/2] chaser: merging fragments and doc pages",
        "generate [1/2] chaser: building the client package",
        "generate [2/2] acme: merging fragments and doc pages",
        "generate [2/2] acme: failed (problems below)",
        "",
      ].join("\n"),
    );
  });

  it("rewrites one line in place on a terminal and clears it at the end, leaving no newline behind", () => {
    const out = show(true);
    expect(out).not.toContain("\n");
    expect(out.split("\r\x1b[2K").filter(Boolean)).toEqual([
      "generate [1/2] chaser: merging fragments and doc pages",
      "generate [1/2] chaser: building the client package",
      "generate [1/2] chaser: built",
      "generate [2/2] acme: merging fragments and doc pages",
      "generate [2/2] acme: failed (problems below)",
    ]);
    expect(out.endsWith("\r\x1b[2K")).toBe(true);
  });
});
