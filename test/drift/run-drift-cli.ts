// Test-only entry: runs `driftless drift` through the command object, as scripts/driftless.mjs will
// once the command is in the COMMANDS table. Usage: node --import tsx test/drift/run-drift-cli.ts drift [flags]
import { parseCommandArgs } from "../../generator/cli/command.ts";
import { DriftlessError } from "../../generator/problems/error.ts";
import { driftCommand } from "../../generator/drift/command.ts";

const [name, ...rest] = process.argv.slice(2);
if (name !== "drift") {
  process.stderr.write("usage: run-drift-cli.ts drift [flags]\n");
  process.exit(2);
}
try {
  const { values, positionals } = parseCommandArgs(driftCommand, rest);
  process.exitCode = await driftCommand.run(values, positionals);
} catch (error) {
  if (!(error instanceof DriftlessError)) throw error;
  process.stderr.write(`driftless drift: ${error.message}\n`);
  process.exitCode = error.exitCode;
}
