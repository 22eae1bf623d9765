import { DriftlessError, EXIT } from "../problems/error.ts";
import { parseCommandArgs, renderHelp } from "./command.ts";
import { COMMANDS } from "./commands.ts";
import { runEmulatorCommand } from "./emulator.ts";

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "driftless — one canonical OpenAPI document, a typed client and a drift check for APIs documented in pieces.",
    "",
    "Usage: driftless <command> [flags]",
    "",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run 'driftless <command> --help' for a command's flags. Exit codes: 0 ok, 1 stale/drift, 2 usage or input error.",
    "",
  ].join("\n");
}

/** Runs the CLI and returns the exit code; every DriftlessError becomes a message and code 2. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`driftless: unknown command '${name}'.\n\n${usage()}`);
    return EXIT.usage;
  }
  try {
    if (command.name === "emulator") {
      // The emulator owns its flags (it also runs standalone); it returns when stopped.
      return await runEmulatorCommand(rest);
    }
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help) {
      process.stdout.write(renderHelp(command));
      return EXIT.ok;
    }
    return await command.run(values, positionals);
  } catch (error) {
    if (error instanceof DriftlessError) {
      process.stderr.write(`driftless ${command.name}: ${error.message}\n`);
      return error.exitCode;
    }
    // Not the input's fault: a bug. Say so, with the stack, and never exit 1 (which means "drift").
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`driftless ${command.name}: internal error — this is a driftless bug; please report it with this output.\n${detail}\n`);
    return EXIT.usage;
  }
}
