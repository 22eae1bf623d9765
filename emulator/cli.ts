import { parseArgs } from "node:util";
import { EmulatorUsageError } from "./errors.ts";
import { DEFAULT_HOST, DEFAULT_READY_DELAY_MS, startEmulator, type EmulatedApi, type EmulatorOptions, type RunningEmulator } from "./index.ts";
import { SCENARIOS, SCENARIO_HEADER } from "./scenarios.ts";

/** Where the command writes, and what stops it; the defaults are the process's streams and signals. */
export interface CommandIo {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  /** When given, stops the emulator instead of SIGINT/SIGTERM (tests). */
  readonly stop?: AbortSignal;
}

const processIo: CommandIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

export const CLI_DEFAULT_PORT = 8000;

const USAGE = `Usage: driftless emulator [options]

Serves in-memory emulations of the Chaser (/v1/...) and Hyperbrowser (/api/...) session APIs.

Options:
  --api chaser|hyperbrowser|all   which API to serve (default: all, both on one port)
  --port N                        port to listen on (default: ${CLI_DEFAULT_PORT}; 0 picks a free one)
  --host HOST                     address to bind (default: ${DEFAULT_HOST})
  --key KEY                       accept this key on both APIs (repeatable; default: generate one per API)
  --scenario NAME[=N]             switch a scenario on (repeatable or comma-separated)
  --ready-delay-ms N              how long a Chaser session stays "creating" (default: ${DEFAULT_READY_DELAY_MS})
  -h, --help                      show this help

Scenarios (also per request with the header "${SCENARIO_HEADER}: a,b=N"):
${SCENARIOS.map((s) => `  ${s.name.padEnd(20)}${s.changes}`).join("\n")}

See emulator/README.md for details.`;

/**
 * `driftless emulator ...`: starts the emulator, prints the base URL and the accepted keys, logs
 * one line per request (never a key) and runs until SIGINT/SIGTERM (or `io.stop`). Resolves 0
 * after a clean shutdown, 2 on bad flags or when the server cannot start.
 */
export async function runEmulatorCommand(argv: string[], io: CommandIo = processIo): Promise<number> {
  let options: EmulatorOptions;
  try {
    const parsed = parseCommandLine(argv);
    if (parsed === "help") {
      io.stdout(USAGE);
      return 0;
    }
    options = { ...parsed, log: io.stdout };
  } catch (error) {
    io.stderr(`driftless emulator: ${(error as Error).message}`);
    io.stderr("Run `driftless emulator --help` for the options.");
    return 2;
  }

  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    io.stderr(`driftless emulator: cannot start: ${(error as Error).message}`);
    return 2;
  }

  printBanner(io, emulator, options.scenarios ?? []);
  await untilStopped(io.stop);
  io.stdout("driftless emulator: stopping");
  await emulator.close();
  return 0;
}

/** The flags as node:util parses them; a bad flag is a usage error. */
function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        api: { type: "string" },
        port: { type: "string" },
        host: { type: "string" },
        key: { type: "string", multiple: true },
        scenario: { type: "string", multiple: true },
        "ready-delay-ms": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    throw new EmulatorUsageError((error as Error).message);
  }
}

function parseCommandLine(argv: string[]): EmulatorOptions | "help" {
  const values = parseFlags(argv);
  if (values.help) return "help";
  const api = values.api ?? "all";
  if (api !== "all" && api !== "chaser" && api !== "hyperbrowser") {
    throw new EmulatorUsageError(`--api must be chaser, hyperbrowser or all, got "${api}"`);
  }
  return {
    api: api satisfies EmulatedApi,
    port: wholeNumber("--port", values.port, CLI_DEFAULT_PORT, 65535),
    host: values.host ?? DEFAULT_HOST,
    readyDelayMs: wholeNumber("--ready-delay-ms", values["ready-delay-ms"], DEFAULT_READY_DELAY_MS, 86_400_000),
    ...(values.key ? { keys: values.key } : {}),
    scenarios: values.scenario ?? [],
  };
}

function wholeNumber(flag: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > max) throw new EmulatorUsageError(`${flag} must be a whole number from 0 to ${max}, got "${raw}"`);
  return Number(raw);
}

function printBanner(io: CommandIo, emulator: RunningEmulator, scenarios: readonly string[]): void {
  io.stdout(`driftless emulator listening on ${emulator.url}`);
  if (emulator.keys.chaser.length > 0) {
    io.stdout(`  chaser        ${emulator.url}/v1/sessions   (Authorization: Bearer <key>)`);
  }
  if (emulator.keys.hyperbrowser.length > 0) {
    io.stdout(`  hyperbrowser  ${emulator.url}/api/session   (x-api-key: <key>)`);
  }
  io.stdout("accepted keys:");
  for (const key of emulator.keys.chaser) io.stdout(`  chaser        ${key}`);
  for (const key of emulator.keys.hyperbrowser) io.stdout(`  hyperbrowser  ${key}`);
  io.stdout(`scenarios: ${scenarios.length > 0 ? scenarios.join(", ") : "none"}`);
  io.stdout("Press Ctrl-C to stop.");
}

function untilStopped(stop: AbortSignal | undefined): Promise<void> {
  if (stop !== undefined) {
    return stop.aborted ? Promise.resolve() : new Promise((resolve) => stop.addEventListener("abort", () => resolve(), { once: true }));
  }
  return new Promise((resolve) => {
    const onSignal = () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolve();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}
