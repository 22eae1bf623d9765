/**
 * Quality benchmark of the markdown stage: every page of test/docs/corpus (real API references
 * from other projects, labelled by hand) goes through the real pipeline, and the facts its
 * canonical document holds are scored against the labels. Targets: recall ≥ 90 %, precision
 * ≥ 98 %, and no silent page (every page gets at least one finding saying what was read).
 * `PAGE=<folder>` prints that folder's missed and wrong facts.
 */
import { scoreCorpus } from "../test/docs/corpus/score.ts";

const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;
const score = scoreCorpus();
const only = process.env.PAGE;
console.log("markdown stage on the corpus (facts labelled by hand)");
for (const page of score.pages) {
  const name = `${page.folder}/${page.page}`;
  console.log(
    `  ${name.padEnd(48)} ${String(page.found).padStart(4)}/${String(page.labelled).padEnd(4)} recall ${pct(page.recall).padStart(6)}  precision ${pct(page.precision).padStart(6)}  findings ${page.findings}`,
  );
  if (only && page.folder.includes(only)) {
    for (const m of page.missed) console.log(`      MISSED ${m}`);
    for (const w of page.wrong) console.log(`      WRONG  ${w}`);
  }
}
console.log(
  `  total: recall ${pct(score.recall)} (${score.found}/${score.labelled}), precision ${pct(score.precision)} (${score.correct}/${score.extracted}), silent pages ${score.silent.length}`,
);
const ok = score.recall >= 0.9 && score.precision >= 0.98 && score.silent.length === 0;
console.log(`  target recall ≥ 90%, precision ≥ 98%, no silent page: ${ok ? "met" : "NOT met"}`);
process.exitCode = ok ? 0 : 1;
