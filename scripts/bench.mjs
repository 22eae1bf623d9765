#!/usr/bin/env node
// Runs every benchmark in bench/ in turn (one process each, so they don't warm each other up).
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";

const only = process.argv[2];
const files = readdirSync(new URL("../bench/", import.meta.url))
  .filter((f) => /^[a-z-]+\.ts$/.test(f) && f !== "measure.ts" && (!only || f.includes(only)))
  .sort();
let failed = 0;
for (const file of files) {
  const result = spawnSync(process.execPath, ["--import", "tsx", `bench/${file}`], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
