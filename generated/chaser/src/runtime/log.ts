// Copied by driftless from generator/client/runtime/log.ts — do not edit here; change the original and run `npm run generate`.

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

/** Headers whose values are credentials whatever the API: auth, cookies, keys, tokens, secrets, signatures. */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie)$|key|token|secret|password|signature|credential/i;
/** Query parameters named like a credential. */
const SECRET_PARAM = /key|token|secret|password|signature|credential|^auth(orization)?$|^auth[_-]/i;

/** Headers as a plain object for a log line, with every secret value replaced by "[redacted]". */
export function redactHeaders(headers: Headers, secret: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = secret.has(name) || SECRET_HEADER.test(name) ? REDACTED : value;
  });
  return out;
}

/** A URL for a log line: the value of every query parameter named like a credential replaced by "[redacted]". */
export function redactUrl(url: string): string {
  const query = url.indexOf("?");
  if (query < 0) return url;
  const hash = url.indexOf("#", query);
  const end = hash < 0 ? url.length : hash;
  const pairs = url
    .slice(query + 1, end)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      if (eq < 0) return pair;
      let name = pair.slice(0, eq);
      try {
        name = decodeURIComponent(name.replace(/\+/g, " "));
      } catch {
        // A malformed escape: test the name as it is.
      }
      return SECRET_PARAM.test(name) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    });
  return `${url.slice(0, query)}?${pairs.join("&")}${url.slice(end)}`;
}

/** Writes one line at `level` (DEBUG … ERROR) if the client's level lets it through. Callers check `log.level` first when building the line costs something. */
export function write(log: Log, level: number, message: string, details?: Record<string, unknown>): void {
  if (level < log.level) return;
  const line = `${log.prefix} ${message}`;
  const logger = log.logger;
  if (level === DEBUG) logger.debug(line, ...(details ? [details] : []));
  else if (level === INFO) logger.info(line, ...(details ? [details] : []));
  else if (level === WARN) logger.warn(line, ...(details ? [details] : []));
  else logger.error(line, ...(details ? [details] : []));
}
