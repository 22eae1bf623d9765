// Copied by driftless from generator/client/runtime/context.ts — do not edit here; change the original and run `npm run generate`.

import createClient, { type Client } from "openapi-fetch";
import { ConfigurationError } from "./errors.ts";
import type { ClientOptions } from "./options.ts";
import type { ClientSettings } from "./settings.ts";

/** The resolved defaults every call starts from. */
export interface CallDefaults {
  readonly settings: ClientSettings;
  readonly timeoutMs: number;
  readonly maxRetries: number;
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

/**
 * Resolves the caller's options against the package's settings and creates the openapi-fetch
 * client. Everything that can be wrong with the options is found here, before any request.
 */
export function createContext<Paths extends {}>(options: ClientOptions, settings: ClientSettings): ClientContext<Paths> {
  const apiKey = options.apiKey ?? readEnv(settings.apiKeyEnv);
  if (apiKey === undefined || apiKey.trim() === "") {
    throw new ConfigurationError(
      "missing_api_key",
      `No API key: pass { apiKey } to the client or set the environment variable ${settings.apiKeyEnv}.`,
    );
  }
  const timeoutMs = whole("timeoutMs", options.timeoutMs ?? settings.timeoutMs, 1);
  const maxRetries = whole("maxRetries", options.maxRetries ?? settings.maxRetries, 0);
  const headers: Record<string, string> = {
    "user-agent": options.userAgent ?? `${settings.packageName}/${settings.packageVersion}`,
  };
  if (settings.auth.kind === "bearer") headers["authorization"] = `Bearer ${apiKey}`;
  else headers[settings.auth.name] = apiKey;
  const raw = createClient<Paths>({
    baseUrl: options.baseUrl ?? settings.baseUrl,
    headers,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  return { raw, settings, timeoutMs, maxRetries };
}
