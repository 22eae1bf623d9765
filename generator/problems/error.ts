import type { Finding } from "./finding.ts";

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, drift: 1, usage: 2 } as const;

export type DriftlessErrorCode =
  | "E_INPUT" // a source file is malformed or contradicts itself
  | "E_CONFIG" // api.yaml or a CLI flag is wrong
  | "E_USAGE" // the command line cannot be understood
  | "E_IO"; // a file could not be read or written

/**
 * The one error class of the toolkit. It carries the findings that caused it so the CLI can
 * render all of them (with code frames) and exit once with code 2.
 */
export class DriftlessError extends Error {
  readonly code: DriftlessErrorCode;
  readonly findings: Finding[];
  readonly exitCode: number;

  constructor(code: DriftlessErrorCode, message: string, options: { findings?: Finding[]; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "DriftlessError";
    this.code = code;
    this.findings = options.findings ?? [];
    this.exitCode = EXIT.usage;
  }
}
