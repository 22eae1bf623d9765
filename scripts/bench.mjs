#!/usr/bin/env node
// Runs every benchmark in bench/ in turn (one process each, so they don't warm each other up).
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";

const only = process.argv[2];
const all = readdirSync(new URL("../bench/", import.meta.url))
  .filter((f) => /^[a-z-]+\.ts$/.test(f) && f !== "measure.ts")
  .sort();
// `npm run bench corpus` runs bench/corpus.ts alone (not docs-corpus.ts too); a part of a name runs every match.
// The corpus round trip takes most of an hour on two cores: it runs only when named.
const files = !only ? all.filter((f) => f !== "corpus.ts") : all.includes(`${only}.ts`) ? [`${only}.ts`] : all.filter((f) => f.includes(only));
let failed = 0;
for (const file of files) {
  const result = spawnSync(process.execPath, ["--import", "tsx", `bench/${file}`], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
