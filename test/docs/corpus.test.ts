// The markdown stage on real API references nobody here wrote (test/docs/corpus, labelled by
// hand): the totals must stay at or above the targets, and no page may be silent.
import { describe, expect, it } from "vitest";
import { corpusFolders, scoreCorpus } from "./corpus/score.ts";

describe("markdown stage on the corpus", () => {
  const score = scoreCorpus();

  it("covers many projects and styles", () => {
    expect(corpusFolders().length).toBeGreaterThanOrEqual(12);
    expect(score.pages.length).toBeGreaterThanOrEqual(20);
  });

  it("finds at least 90% of the labelled facts", () => {
    expect(score.recall, `found ${score.found} of ${score.labelled}`).toBeGreaterThanOrEqual(0.9);
  });

  it("gets at least 98% of what it extracts right", () => {
    expect(score.precision, `right ${score.correct} of ${score.extracted}`).toBeGreaterThanOrEqual(0.98);
  });

  it("says something about every page", () => {
    expect(score.silent).toEqual([]);
  });

  it("reads something from every page", () => {
    const empty = score.pages.filter((p) => p.found === 0).map((p) => `${p.folder}/${p.page}`);
    expect(empty).toEqual([]);
  });
});
