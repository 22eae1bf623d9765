/**
 * What the client says about its calls, and to whom. Levels from most to least verbose:
 *   debug  every request and answer (method, URL, headers, status, duration, request id) and every retry decision
 *   info   each retry as it is scheduled: what failed and how long the wait is
 *   warn   a retryable failure the client gave up on (no retries left, or no time left to wait); an unreadable log level in the environment
 *   error  an answer the client could not read (`invalid_response`)
 * Keys, cookies and tokens never reach the logger: see redactHeaders and redactUrl.
 */

export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

/** Where log lines go: anything with these four methods (console, pino, winston, …). Each gets one line of text and an object of details. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** Numeric order of the levels: a line is written when its level is >= the client's. */
export const LOG_LEVELS: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3, off: 4 };

/** The logger's methods, by level number: `LOGGER_METHODS[WARN]` is "warn". */
export const LOGGER_METHODS = ["debug", "info", "warn", "error"] as const;

export const DEBUG = 0;
export const INFO = 1;
export const WARN = 2;
export const ERROR = 3;

/** The resolved logging of one client. */
export interface Log {
  /** LOG_LEVELS of the chosen level. */
  readonly level: number;
  readonly logger: Logger;
  /** `[chaser-client]`: every line starts with it. */
  readonly prefix: string;
  /** Lower-case names of headers whose values are never logged, besides those SECRET_HEADER says. */
  readonly secretHeaders: ReadonlySet<string>;
}

export const REDACTED = "[redacted]";

/** Names that say a value is a credential, in headers and query parameters alike. */
const SECRET = "key|token|secret|password|signature|credential";
/** Headers whose values are credentials whatever the API: auth, cookies, keys, tokens, secrets, signatures. */
const SECRET_HEADER = new RegExp(`^(authorization|proxy-authorization|cookie|set-cookie)$|${SECRET}`, "i");
/** Query parameters named like a credential. */
const SECRET_PARAM = new RegExp(`${SECRET}|^auth(orization)?$|^auth[_-]`, "i");

/** Headers as a plain object for a log line, with every secret value replaced by "[redacted]". */
export function redactHeaders(headers: Headers, secret: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = secret.has(name) || SECRET_HEADER.test(name) ? REDACTED : value;
  });
  return out;
}

/** A parameter name as the server reads it (`api%5Fkey` is `api_key`); a malformed escape is tested as it is. */
function decoded(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, " "));
  } catch {
    return name;
  }
}

/** A URL for a log line: the value of every query parameter named like a credential replaced by "[redacted]". */
export const redactUrl = (url: string): string =>
  // The query is what follows the first "?" up to a "#"; each `name=value` pair in it is tested by its name.
  url.replace(/\?[^#]*/, (query) =>
    query.replace(/([?&])([^&=]*)=[^&]*/g, (pair, start: string, name: string) => (SECRET_PARAM.test(decoded(name)) ? `${start}${name}=${REDACTED}` : pair)),
  );

/** Writes one line at `level` (DEBUG … ERROR) if the client's level lets it through. Callers check `log.level` first when building the line costs something. */
export function write(log: Log, level: number, message: string, details?: Record<string, unknown>): void {
  if (level >= log.level) log.logger[LOGGER_METHODS[level]!](`${log.prefix} ${message}`, ...(details ? [details] : []));
}
