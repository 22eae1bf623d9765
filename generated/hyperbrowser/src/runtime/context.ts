// Copied by driftless from generator/client/runtime/context.ts — do not edit here; change the original and run `npm run generate`.

import createClient, { type Client } from "openapi-fetch";
import type { DriftSentinel } from "./drift.ts";
import { ConfigurationError, invalidOption } from "./errors.ts";
import { LOG_LEVELS, LOGGER_METHODS, WARN, write, type Log, type LogLevel, type Logger } from "./log.ts";
import type { ClientOptions } from "./options.ts";
import type { ClientSettings } from "./settings.ts";

/** The resolved defaults every call starts from. */
export interface CallDefaults {
  readonly settings: ClientSettings;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** The fetch requests go through (`options.fetch`, else `globalThis.fetch`), as a plain function. */
  readonly fetch: (request: Request) => Promise<Response>;
  /** Level, logger and what to redact. */
  readonly log: Log;
  /** The drift sentinel, when `validateResponses` is given. */
  readonly drift: DriftSentinel | undefined;
}

/** What every generated method shares: the openapi-fetch client (auth and base URL set) and the defaults. */
export interface ClientContext<in out Paths extends {}> extends CallDefaults {
  readonly raw: Client<Paths>;
}

// Read without naming `process`, so the package type-checks and runs where there is none (browsers, workers).
const readEnv = (name: string): string | undefined => (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

function whole(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw invalidOption(`${name} must be a whole number >= ${min}, got ${String(value)}.`);
  return value;
}

/** A header value fetch accepts: no line breaks or NUL inside (leading and trailing whitespace is dropped by fetch). */
function headerValue(name: string, value: string, secret?: boolean): string {
  if (/[\r\n\0]/.test(value.trim())) throw invalidOption(`${name} contains a line break or NUL character${secret ? "" : `: ${JSON.stringify(value)}`}.`);
  return value;
}

const isLevel = (value: unknown): value is LogLevel => typeof value === "string" && Object.hasOwn(LOG_LEVELS, value);

/**
 * Resolves the caller's options against the package's settings and creates the openapi-fetch
 * client. Everything that can be wrong with the options is found here, before any request.
 */
export function createContext<Paths extends {}>(given: ClientOptions | undefined, settings: ClientSettings): ClientContext<Paths> {
  // Undefined from JavaScript callers of a factory whose options are required (no default base URL).
  const options = given ?? {};
  const { auth, logEnv, packageName } = settings;
  const headers: Record<string, string> = {};
  if (auth.kind !== "none") {
    const apiKey = options.apiKey ?? readEnv(auth.env);
    if (!apiKey?.trim()) throw new ConfigurationError("missing_api_key", `No API key: pass { apiKey } or set ${auth.env}.`);
    headerValue("apiKey", apiKey, true);
    if (auth.kind === "bearer") headers.authorization = `Bearer ${apiKey}`;
    else headers[auth.name] = apiKey;
  }
  const baseUrl: unknown = options.baseUrl ?? settings.baseUrl;
  if (baseUrl === undefined) {
    throw new ConfigurationError("missing_base_url", "No base URL: the API documents no server, so pass { baseUrl }.");
  }
  // The base URL as openapi-fetch joins paths to it: an absolute http(s) URL, no trailing slash.
  let protocol: string | undefined;
  try {
    protocol = typeof baseUrl === "string" ? new URL(baseUrl).protocol : undefined;
  } catch {
    // Not a URL at all: refused below with the others.
  }
  if (protocol !== "http:" && protocol !== "https:") {
    throw invalidOption(`baseUrl must be an absolute http(s) URL such as "https://api.example.com", got ${JSON.stringify(baseUrl)}.`);
  }

  // Logging: `logLevel`, else the package's environment variable (an unknown value there is a
  // warning, not an error: the environment is not the caller's code), else `warn`. The key's header
  // is never logged, whatever its name.
  const logger = (options.logger ?? globalThis.console) as Partial<Logger> | null;
  if (!LOGGER_METHODS.every((m) => typeof logger?.[m] === "function")) throw invalidOption("logger must have debug, info, warn and error methods.");
  const levels = Object.keys(LOG_LEVELS).join(", ");
  const level = options.logLevel;
  if (level !== undefined && !isLevel(level)) throw invalidOption(`logLevel must be one of ${levels}, got ${JSON.stringify(level)}.`);
  const fromEnv = level === undefined ? readEnv(logEnv)?.trim().toLowerCase() : undefined;
  const chosen = level ?? (isLevel(fromEnv) ? fromEnv : "warn");
  const log: Log = {
    level: LOG_LEVELS[chosen],
    logger: logger as Logger,
    prefix: `[${packageName}]`,
    secretHeaders: new Set([...settings.secretHeaders, ...Object.keys(headers)]),
  };
  if (fromEnv && !isLevel(fromEnv)) write(log, WARN, `${logEnv}=${JSON.stringify(fromEnv)} is not a log level; logging at ${chosen}.`);

  headers["user-agent"] = headerValue("userAgent", options.userAgent ?? `${packageName}/${settings.packageVersion}`);
  const fetchImpl: unknown = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") {
    throw invalidOption("fetch must be a function; this runtime has none, so pass { fetch }.");
  }
  // Called as a plain function, never as a method of an object: browsers' fetch refuses any other `this`.
  const fetch = (request: Request): Promise<Response> => (fetchImpl as CallDefaults["fetch"])(request);
  const drift = options.validateResponses;
  // The sentinel is made (and its options checked) by the `/sentinel` entry; here only what a call needs of it.
  if (drift !== undefined && typeof (drift as Partial<DriftSentinel> | null)?.observe !== "function") {
    throw invalidOption(`validateResponses must be driftSentinel({ onDrift }) of ${packageName}/sentinel.`);
  }
  return {
    raw: createClient<Paths>({ baseUrl: (baseUrl as string).replace(/\/+$/, ""), headers, fetch }),
    settings,
    timeoutMs: whole("timeoutMs", options.timeoutMs ?? settings.timeoutMs, 1),
    maxRetries: whole("maxRetries", options.maxRetries ?? settings.maxRetries, 0),
    fetch,
    log,
    drift,
  };
}
