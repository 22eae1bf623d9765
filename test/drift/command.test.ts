import { describe, expect, it } from "vitest";
import { parseCommandArgs, renderHelp } from "../../generator/cli/command.ts";
import { driftCommand } from "../../generator/cli/drift-command.ts";
import { DriftlessError } from "../../generator/problems/error.ts";
import { GENERATED, SPECS } from "./helpers.ts";

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(driftCommand, [...argv, "--specs-dir", SPECS, "--generated-dir", GENERATED]);
  return driftCommand.run(values, positionals);
}

describe("driftless drift: the command", () => {
  it("documents every flag of the issue in its usage and help", () => {
    const help = renderHelp(driftCommand);
    for (const flag of [
      "--api",
      "--target",
      "--allow-writes",
      "--format",
      "--output",
      "--baseline",
      "--update-baseline",
      "--fail-on",
      "--write-overlay",
      "--record",
      "--timeout-ms",
      "--concurrency",
      "--max-requests",
    ]) {
      expect(driftCommand.usage).toContain(flag);
      expect(help).toContain(flag);
    }
    expect(driftCommand.name).toBe("drift");
  });

  it.each([
    [["--format", "xml"], /--format xml: expected one of pretty, json, junit, sarif, markdown/],
    [["--fail-on", "info"], /--fail-on info: expected error or warning/],
    [["--timeout-ms", "0"], /--timeout-ms 0: expected a whole number/],
    [["--max-requests", "0"], /--max-requests 0: expected a whole number of at least 1/],
    [["--target", "ftp://x"], /--target ftp:\/\/x: expected 'emulator'/],
    [["--target", "http://api.example.com"], /plain http would send the API key unencrypted/],
    [["--target", "https://user:pw@api.example.com"], /must not carry credentials/],
    [["--api", "chaser", "--target", "https://api.chaser.invalid"], /CHASER_API_KEY is not set/],
    [["--api", "nope"], /generated\/nope\/openapi\.json does not exist/],
    [["--target", "x.har", "--record", "y.har"], /the target is already a recording/],
    [["--write-overlay", "o.yaml", "--target", "test/recordings/emulator.har"], /pass exactly one --api/],
  ])("%j is a usage or configuration error (exit 2)", async (argv, message) => {
    const env = process.env.CHASER_API_KEY;
    delete process.env.CHASER_API_KEY;
    try {
      const error = await run(argv).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DriftlessError);
      expect((error as DriftlessError).exitCode).toBe(2);
      expect((error as Error).message).toMatch(message);
    } finally {
      if (env !== undefined) process.env.CHASER_API_KEY = env;
    }
  });
});
