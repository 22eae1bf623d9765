// Copied by driftless from generator/client/runtime/context.ts — do not edit here; change the original and run `npm run generate`.
import createClient from "openapi-fetch";
import { ConfigurationError, invalidOption } from "./errors.js";
import { LOG_LEVELS, LOGGER_METHODS, WARN, write } from "./log.js";
// Read without naming `process`, so the package type-checks and runs where there is none (browsers, workers).
const readEnv = (name) => globalThis.process?.env?.[name];
function whole(name, value, min) {
    if (!Number.isSafeInteger(value) || value < min)
        throw invalidOption(`${name} must be a whole number >= ${min}, got ${String(value)}.`);
    return value;
}
/** A header value fetch accepts: no line breaks or NUL inside (leading and trailing whitespace is dropped by fetch). */
function headerValue(name, value, secret) {
    if (/[\r\n\0]/.test(value.trim()))
        throw invalidOption(`${name} contains a line break or NUL character${secret ? "" : `: ${JSON.stringify(value)}`}.`);
    return value;
}
const isLevel = (value) => typeof value === "string" && Object.hasOwn(LOG_LEVELS, value);
/**
 * Resolves the caller's options against the package's settings and creates the openapi-fetch
 * client. Everything that can be wrong with the options is found here, before any request.
 */
export function createContext(given, settings) {
    // Undefined from JavaScript callers of a factory whose options are required (no default base URL).
    const options = given ?? {};
    const { auth, logEnv, packageName } = settings;
    const headers = {};
    if (auth.kind !== "none") {
        const apiKey = options.apiKey ?? readEnv(auth.env);
        if (!apiKey?.trim())
            throw new ConfigurationError("missing_api_key", `No API key: pass { apiKey } or set ${auth.env}.`);
        headerValue("apiKey", apiKey, true);
        if (auth.kind === "bearer")
            headers.authorization = `Bearer ${apiKey}`;
        else
            headers[auth.name] = apiKey;
    }
    const baseUrl = options.baseUrl ?? settings.baseUrl;
    if (baseUrl === undefined) {
        throw new ConfigurationError("missing_base_url", "No base URL: the API documents no server, so pass { baseUrl }.");
    }
    // The base URL as openapi-fetch joins paths to it: an absolute http(s) URL, no trailing slash.
    let protocol;
    try {
        protocol = typeof baseUrl === "string" ? new URL(baseUrl).protocol : undefined;
    }
    catch {
        // Not a URL at all: refused below with the others.
    }
    if (protocol !== "http:" && protocol !== "https:") {
        throw invalidOption(`baseUrl must be an absolute http(s) URL such as "https://api.example.com", got ${JSON.stringify(baseUrl)}.`);
    }
    // Logging: `logLevel`, else the package's environment variable (an unknown value there is a
    // warning, not an error: the environment is not the caller's code), else `warn`. The key's header
    // is never logged, whatever its name.
    const logger = (options.logger ?? globalThis.console);
    if (!LOGGER_METHODS.every((m) => typeof logger?.[m] === "function"))
        throw invalidOption("logger must have debug, info, warn and error methods.");
    const levels = Object.keys(LOG_LEVELS).join(", ");
    const level = options.logLevel;
    if (level !== undefined && !isLevel(level))
        throw invalidOption(`logLevel must be one of ${levels}, got ${JSON.stringify(level)}.`);
    const fromEnv = level === undefined ? readEnv(logEnv)?.trim().toLowerCase() : undefined;
    const chosen = level ?? (isLevel(fromEnv) ? fromEnv : "warn");
    const log = {
        level: LOG_LEVELS[chosen],
        logger: logger,
        prefix: `[${packageName}]`,
        secretHeaders: new Set([...settings.secretHeaders, ...Object.keys(headers)]),
    };
    if (fromEnv && !isLevel(fromEnv))
        write(log, WARN, `${logEnv}=${JSON.stringify(fromEnv)} is not a log level; logging at ${chosen}.`);
    headers["user-agent"] = headerValue("userAgent", options.userAgent ?? `${packageName}/${settings.packageVersion}`);
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== "function") {
        throw invalidOption("fetch must be a function; this runtime has none, so pass { fetch }.");
    }
    // Called as a plain function, never as a method of an object: browsers' fetch refuses any other `this`.
    const fetch = (request) => fetchImpl(request);
    const drift = options.validateResponses;
    // The sentinel is made (and its options checked) by the `/sentinel` entry; here only what a call needs of it.
    if (drift !== undefined && typeof drift?.observe !== "function") {
        throw invalidOption(`validateResponses must be driftSentinel({ onDrift }) of ${packageName}/sentinel.`);
    }
    return {
        raw: createClient({ baseUrl: baseUrl.replace(/\/+$/, ""), headers, fetch }),
        settings,
        timeoutMs: whole("timeoutMs", options.timeoutMs ?? settings.timeoutMs, 1),
        maxRetries: whole("maxRetries", options.maxRetries ?? settings.maxRetries, 0),
        fetch,
        log,
        drift,
    };
}
