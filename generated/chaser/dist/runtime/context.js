// Copied by driftless from generator/client/runtime/context.ts — do not edit here; change the original and run `npm run generate`.
import createClient from "openapi-fetch";
import { ConfigurationError } from "./errors.js";
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
/**
 * Resolves the caller's options against the package's settings and creates the openapi-fetch
 * client. Everything that can be wrong with the options is found here, before any request.
 */
export function createContext(options, settings) {
    const apiKey = options.apiKey ?? readEnv(settings.apiKeyEnv);
    if (apiKey === undefined || apiKey.trim() === "") {
        throw new ConfigurationError("missing_api_key", `No API key: pass { apiKey } to the client or set the environment variable ${settings.apiKeyEnv}.`);
    }
    const timeoutMs = whole("timeoutMs", options.timeoutMs ?? settings.timeoutMs, 1);
    const maxRetries = whole("maxRetries", options.maxRetries ?? settings.maxRetries, 0);
    const headers = {
        "user-agent": options.userAgent ?? `${settings.packageName}/${settings.packageVersion}`,
    };
    if (settings.auth.kind === "bearer")
        headers["authorization"] = `Bearer ${apiKey}`;
    else
        headers[settings.auth.name] = apiKey;
    const raw = createClient({
        baseUrl: options.baseUrl ?? settings.baseUrl,
        headers,
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
    return { raw, settings, timeoutMs, maxRetries };
}
