import createClient, { type Client } from "openapi-fetch";
import type { DriftSentinel } from "./drift.ts";
import { ConfigurationError } from "./errors.ts";
import { LOG_LEVELS, WARN, write, type Log, type LogLevel, type Logger } from "./log.ts";
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
export interface ClientContext<Paths extends {}> extends CallDefaults {
  readonly raw: Client<Paths>;
}

// Read without naming `process`, so the package type-checks and runs where there is none (browsers, workers).
function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.[name];
}

function whole(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new ConfigurationError("invalid_option", `${name} must be a whole number >= ${min}, got ${String(value)}.`);
  }
  return value;
}

/** The base URL as openapi-fetch joins paths to it: an absolute http(s) URL, no trailing slash. */
function absoluteUrl(name: string, value: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new ConfigurationError("invalid_option", `${name} must be an absolute http(s) URL such as "https://api.example.com", got ${JSON.stringify(value)}.`);
  }
  return (value as string).replace(/\/+$/, "");
}

/** A header value fetch accepts: no line breaks or NUL inside (leading and trailing whitespace is dropped by fetch). */
function headerValue(name: string, value: string, secret = false): string {
  if (/[\r\n\0]/.test(value.trim())) {
    throw new ConfigurationError("invalid_option", `${name} contains a line break or NUL character${secret ? "" : `: ${JSON.stringify(value)}`}; a header value cannot.`);
  }
  return value;
}

const isLevel = (value: unknown): value is LogLevel => typeof value === "string" && Object.hasOwn(LOG_LEVELS, value);

/**
 * The client's logging: `logLevel`, else the package's environment variable (an unknown value
 * there is a warning, not an error: the environment is not the caller's code), else `warn`.
 */
function resolveLog(options: ClientOptions, settings: ClientSettings, headers: Record<string, string>): Log {
  const given: unknown = options.logger ?? globalThis.console;
  const methods = ["debug", "info", "warn", "error"] as const;
  if (typeof given !== "object" || given === null || methods.some((m) => typeof (given as Record<string, unknown>)[m] !== "function")) {
    throw new ConfigurationError("invalid_option", "logger must have debug, info, warn and error methods.");
  }
  const logger = given as Logger;
  if (options.logLevel !== undefined && !isLevel(options.logLevel)) {
    throw new ConfigurationError("invalid_option", `logLevel must be one of ${Object.keys(LOG_LEVELS).join(", ")}, got ${JSON.stringify(options.logLevel)}.`);
  }
  const fromEnv = options.logLevel === undefined ? readEnv(settings.logEnv)?.trim().toLowerCase() : undefined;
  const chosen = options.logLevel ?? (isLevel(fromEnv) ? fromEnv : "warn");
  const secretHeaders = new Set([...settings.secretHeaders, ...Object.keys(headers).filter((h) => h !== "user-agent")]);
  const log: Log = { level: LOG_LEVELS[chosen], logger, prefix: `[${settings.packageName}]`, secretHeaders };
  if (fromEnv !== undefined && fromEnv !== "" && !isLevel(fromEnv)) {
    write(log, WARN, `${settings.logEnv}=${JSON.stringify(fromEnv)} is not a log level (${Object.keys(LOG_LEVELS).join(", ")}); logging at ${chosen}.`);
  }
  return log;
}

/**
 * Resolves the caller's options against the package's settings and creates the openapi-fetch
 * client. Everything that can be wrong with the options is found here, before any request.
 */
export function createContext<Paths extends {}>(given: ClientOptions | undefined, settings: ClientSettings): ClientContext<Paths> {
  // Undefined from JavaScript callers of a factory whose options are required (no default base URL).
  const options = given ?? {};
  const headers: Record<string, string> = {};
  const auth = settings.auth;
  if (auth.kind !== "none") {
    const apiKey = options.apiKey ?? readEnv(auth.env);
    if (apiKey === undefined || apiKey.trim() === "") {
      throw new ConfigurationError("missing_api_key", `No API key: pass { apiKey } to the client or set the environment variable ${auth.env}.`);
    }
    headerValue("apiKey", apiKey, true);
    if (auth.kind === "bearer") headers.authorization = `Bearer ${apiKey}`;
    else headers[auth.name] = apiKey;
  }
  const chosenUrl = options.baseUrl ?? settings.baseUrl;
  if (chosenUrl === undefined) {
    throw new ConfigurationError("missing_base_url", `No base URL: the API documents no server, so pass { baseUrl } (for example "https://api.example.com").`);
  }
  const baseUrl = absoluteUrl("baseUrl", chosenUrl);
  const timeoutMs = whole("timeoutMs", options.timeoutMs ?? settings.timeoutMs, 1);
  const maxRetries = whole("maxRetries", options.maxRetries ?? settings.maxRetries, 0);
  headers["user-agent"] = headerValue("userAgent", options.userAgent ?? `${settings.packageName}/${settings.packageVersion}`);
  const fetchImpl: unknown = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") {
    throw new ConfigurationError("invalid_option", "fetch must be a function (request) => Promise<Response>; this runtime has no global fetch, so pass { fetch }.");
  }
  // Called as a plain function, never as a method of an object: browsers' fetch refuses any other `this`.
  const fetch = (request: Request): Promise<Response> => (fetchImpl as CallDefaults["fetch"])(request);
  const log = resolveLog(options, settings, headers);
  const drift = options.validateResponses;
  // The sentinel is made (and its options checked) by the `/sentinel` entry; here only what a call needs of it.
  if (drift !== undefined && typeof (drift as Partial<DriftSentinel> | null)?.observe !== "function") {
    throw new ConfigurationError("invalid_option", `validateResponses must be driftSentinel({ onDrift }) of ${settings.packageName}/sentinel.`);
  }
  const raw = createClient<Paths>({ baseUrl, headers, fetch });
  return { raw, settings, timeoutMs, maxRetries, fetch, log, drift };
}
