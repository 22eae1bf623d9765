// Copied by driftless from generator/client/runtime/options.ts — do not edit here; change the original and run `npm run generate`.

import type { DriftSentinel } from "./drift.ts";
import type { LogLevel, Logger } from "./log.ts";

/** What a caller passes to `create<Api>Client`. Every option has a default from the generated settings. */
export interface ClientOptions {
  /** API key. Default: the environment variable the package names (e.g. `CHASER_API_KEY`). Not an option of a public API's client. */
  apiKey?: string;
  /** Base URL of the API: an absolute http(s) URL (else a ConfigurationError, `invalid_option`). Default: the first server of the API document. */
  baseUrl?: string;
  /** Time budget of one call in milliseconds, retries and their waits included. Default 60000. */
  timeoutMs?: number;
  /** How many times a failed idempotent call is retried (429, 502, 503, 504, network errors). Default 2. */
  maxRetries?: number;
  /** A fetch implementation (tests, proxies, instrumentation). Default: `globalThis.fetch`. */
  fetch?: (request: Request) => Promise<Response>;
  /** Value of the User-Agent header. Default: `<package>/<version>`. */
  userAgent?: string;
  /**
   * What the client logs: `debug` (every request and answer, every retry decision), `info` (retries),
   * `warn` (retries given up), `error` (unreadable answers) or `off`. Default: the environment
   * variable the package names (e.g. `CHASER_LOG`), else `warn`. Keys, cookies and tokens are never logged.
   */
  logLevel?: LogLevel;
  /** Where log lines go: `{ debug, info, warn, error }` methods. Default: `console`. */
  logger?: Logger;
  /**
   * The drift sentinel, `driftSentinel({ sampleRate, onDrift })` from the package's `/sentinel`
   * entry: checks `sampleRate` of the answers (default all) against the API's document and calls
   * `onDrift` with each departure (undocumented field or status, wrong type, enum, format, content
   * type, missing required field). It never throws and never changes the data. A separate entry,
   * so that a client without it bundles none of its code. Default: off.
   */
  validateResponses?: DriftSentinel;
}

/** Per-call options, accepted as the last argument of every generated method. */
export interface RequestOptions {
  /** Cancels the call (and its retries); the call then rejects with an AbortedError. */
  signal?: AbortSignal;
  /** Time budget of this call in milliseconds; overrides the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Retries for this call; overrides the client's `maxRetries`. */
  maxRetries?: number;
  /** Extra request headers for this call. */
  headers?: Record<string, string>;
}
