// Copied by driftless from generator/client/runtime/context.ts — do not edit here; change the original and run `npm run generate`.
import createClient from "openapi-fetch";
import { ConfigurationError } from "./errors.js";
import { LOG_LEVELS, WARN, write } from "./log.js";
// Read without naming `process`, so the package type-checks and runs where there is none (browsers, workers).
function readEnv(name) {
    const env = globalThis.process?.env;
    return env?.[name];
}
function whole(name, value, min) {
    if (!Number.isSafeInteger(value) || value < min) {
        throw new ConfigurationError("invalid_option", `${name} must be a whole number >= ${min}, got ${String(value)}.`);
    }
    return value;
}
/** The base URL as openapi-fetch joins paths to it: an absolute http(s) URL, no trailing slash. */
function absoluteUrl(name, value) {
    let url;
    try {
        url = typeof value === "string" ? new URL(value) : undefined;
    }
    catch {
        url = undefined;
    }
    if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
        throw new ConfigurationError("invalid_option", `${name} must be an absolute http(s) URL such as "https://api.example.com", got ${JSON.stringify(value)}.`);
    }
    return value.replace(/\/+$/, "");
}
/** A header value fetch accepts: no line breaks or NUL inside (leading and trailing whitespace is dropped by fetch). */
function headerValue(name, value, secret = false) {
    if (/[\r\n\0]/.test(value.trim())) {
        throw new ConfigurationError("invalid_option", `${name} contains a line break or NUL character${secret ? "" : `: ${JSON.stringify(value)}`}; a header value cannot.`);
    }
    return value;
}
const isLevel = (value) => typeof value === "string" && Object.hasOwn(LOG_LEVELS, value);
/**
 * The client's logging: `logLevel`, else the package's environment variable (an unknown value
 * there is a warning, not an error: the environment is not the caller's code), else `warn`.
 */
function resolveLog(options, settings, headers) {
    const given = options.logger ?? globalThis.console;
    const methods = ["debug", "info", "warn", "error"];
    if (typeof given !== "object" || given === null || methods.some((m) => typeof given[m] !== "function")) {
        throw new ConfigurationError("invalid_option", "logger must have debug, info, warn and error methods.");
    }
    const logger = given;
    if (options.logLevel !== undefined && !isLevel(options.logLevel)) {
        throw new ConfigurationError("invalid_option", `logLevel must be one of ${Object.keys(LOG_LEVELS).join(", ")}, got ${JSON.stringify(options.logLevel)}.`);
    }
    const fromEnv = options.logLevel === undefined ? readEnv(settings.logEnv)?.trim().toLowerCase() : undefined;
    const chosen = options.logLevel ?? (isLevel(fromEnv) ? fromEnv : "warn");
    const secretHeaders = new Set([...settings.secretHeaders, ...Object.keys(headers).filter((h) => h !== "user-agent")]);
    const log = { level: LOG_LEVELS[chosen], logger, prefix: `[${settings.packageName}]`, secretHeaders };
    if (fromEnv !== undefined && fromEnv !== "" && !isLevel(fromEnv)) {
        write(log, WARN, `${settings.logEnv}=${JSON.stringify(fromEnv)} is not a log level (${Object.keys(LOG_LEVELS).join(", ")}); logging at ${chosen}.`);
    }
    return log;
}
/**
 * Resolves the caller's options against the package's settings and creates the openapi-fetch
 * client. Everything that can be wrong with the options is found here, before any request.
 */
export function createContext(given, settings) {
    // Undefined from JavaScript callers of a factory whose options are required (no default base URL).
    const options = given ?? {};
    const headers = {};
    const auth = settings.auth;
    if (auth.kind !== "none") {
        const apiKey = options.apiKey ?? readEnv(auth.env);
        if (apiKey === undefined || apiKey.trim() === "") {
            throw new ConfigurationError("missing_api_key", `No API key: pass { apiKey } to the client or set the environment variable ${auth.env}.`);
        }
        headerValue("apiKey", apiKey, true);
        if (auth.kind === "bearer")
            headers.authorization = `Bearer ${apiKey}`;
        else
            headers[auth.name] = apiKey;
    }
    const chosenUrl = options.baseUrl ?? settings.baseUrl;
    if (chosenUrl === undefined) {
        throw new ConfigurationError("missing_base_url", `No base URL: the API documents no server, so pass { baseUrl } (for example "https://api.example.com").`);
    }
    const baseUrl = absoluteUrl("baseUrl", chosenUrl);
    const timeoutMs = whole("timeoutMs", options.timeoutMs ?? settings.timeoutMs, 1);
    const maxRetries = whole("maxRetries", options.maxRetries ?? settings.maxRetries, 0);
    headers["user-agent"] = headerValue("userAgent", options.userAgent ?? `${settings.packageName}/${settings.packageVersion}`);
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== "function") {
        throw new ConfigurationError("invalid_option", "fetch must be a function (request) => Promise<Response>; this runtime has no global fetch, so pass { fetch }.");
    }
    // Called as a plain function, never as a method of an object: browsers' fetch refuses any other `this`.
    const fetch = (request) => fetchImpl(request);
    const log = resolveLog(options, settings, headers);
    const drift = options.validateResponses;
    // The sentinel is made (and its options checked) by the `/sentinel` entry; here only what a call needs of it.
    if (drift !== undefined && typeof drift?.observe !== "function") {
        throw new ConfigurationError("invalid_option", `validateResponses must be driftSentinel({ onDrift }) of ${settings.packageName}/sentinel.`);
    }
    const raw = createClient({ baseUrl, headers, fetch });
    return { raw, settings, timeoutMs, maxRetries, fetch, log, drift };
}
