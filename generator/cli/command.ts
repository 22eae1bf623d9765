import { parseArgs, type ParseArgsConfig } from "node:util";
import { DriftlessError } from "../problems/error.ts";

export type Options = NonNullable<ParseArgsConfig["options"]>;

/** One CLI command: its flags, its help text, and what it does. Exit code comes back from `run`. */
export interface Command<O extends Options = Options> {
  name: string;
  summary: string;
  usage: string;
  /** Lines printed under the usage: one per flag, and examples. */
  help: string;
  options: O;
  positionals?: boolean;
  run(values: Record<string, unknown>, positionals: string[]): Promise<number>;
}

export function defineCommand<O extends Options>(command: Command<O>): Command {
  return command as unknown as Command;
}

export function parseCommandArgs(command: Command, argv: string[]): { values: Record<string, unknown>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: command.positionals ?? false,
      strict: true,
    });
    return { values, positionals };
  } catch (error) {
    throw new DriftlessError("E_USAGE", `${(error as Error).message}\n\nUsage: ${command.usage}\nRun 'driftless ${command.name} --help' for the flags.`, { cause: error });
  }
}

export function renderHelp(command: Command): string {
  return `Usage: ${command.usage}\n\n${command.summary}\n\n${command.help}\n`;
}
