#!/usr/bin/env node
// The installed `driftless` command (compiled to dist/generator/cli/bin.js). In this repository
// scripts/driftless.mjs runs the same main() from the TypeScript sources through tsx.
import { main } from "./main.ts";

process.exitCode = await main(process.argv.slice(2));
