#!/usr/bin/env node
// Thin entry point: registers tsx so the TypeScript toolkit runs without a build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../generator/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
