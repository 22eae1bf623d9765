/**
 * Scale benchmark of stage 1, all figures from one run on this machine:
 *   - merge: load + normalize + merge of GitHub's REST description cut into ~1,200 fragments
 *   - parse floor: reading and parsing the same fragment files, nothing else
 *   - openapi-typescript on the original document
 * Target: merge ≤ 2 s and below openapi-typescript's time.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { constructFromEvents, parseEvents } from "js-yaml";
import openapiTS, { astToString } from "openapi-typescript";
import { runSplit } from "../generator/split/run-split.ts";
import { loadApi } from "../generator/load/load-api.ts";
import { mergeApi } from "../generator/pipeline/merge-api.ts";
import { timeBest, report } from "./measure.ts";

const githubFile = path.resolve("node_modules/@octokit/openapi/generated/api.github.com.json");
const root = mkdtempSync(path.join(tmpdir(), "driftless-bench-"));
try {
  const specs = path.join(root, "specs");
  const fragmentsDir = path.join(specs, "github/fragments");
  const count = (await runSplit({ file: githubFile, outDir: fragmentsDir })).written.length;

  const parse = await timeBest(3, () => {
    for (const name of readdirSync(fragmentsDir)) {
      const text = readFileSync(path.join(fragmentsDir, name), "utf8");
      constructFromEvents(parseEvents(text, {}), { source: text });
    }
  });
  let findings = 0;
  const merge = await timeBest(3, () => {
    const result = mergeApi(loadApi(specs, "github").sources, specs, { validate: false });
    findings = result.findings.length;
  });
  // What `generate` also does after the merge: validate the result (OpenAPI schema, refs, every
  // example). Shown apart: GitHub's own examples do not all validate, and the target is the merge.
  let exampleErrors = 0;
  const mergeAndValidate = await timeBest(1, () => {
    const result = mergeApi(loadApi(specs, "github").sources, specs);
    exampleErrors = result.findings.filter((f) => f.rule === "example-invalid").length;
  });
  const original = JSON.parse(readFileSync(githubFile, "utf8"));
  const ots = await timeBest(2, async () => {
    astToString(await openapiTS(structuredClone(original)));
  });
  report("merge of GitHub's REST description", [
    { name: `fragments`, value: count, unit: "" },
    { name: "parse only (js-yaml events, same files)", value: parse, unit: "ms" },
    { name: `merge (load + normalize + merge, ${findings} findings)`, value: merge, unit: "ms" },
    { name: "openapi-typescript on the original", value: ots, unit: "ms" },
    { name: `merge + validate (as generate; ${exampleErrors} of GitHub's examples invalid)`, value: mergeAndValidate, unit: "ms" },
    { name: "merge / parse", value: merge / parse, unit: "x" },
    { name: "merge / openapi-typescript (target < 1)", value: merge / ots, unit: "x" },
    { name: "merge within 2 s", value: merge <= 2000 ? 1 : 0, unit: "bool" },
  ]);
  // A missed target fails the run, so it cannot go unnoticed in a log.
  if (merge > 2000 || merge >= ots) process.exitCode = 1;
} finally {
  rmSync(root, { recursive: true, force: true });
}
