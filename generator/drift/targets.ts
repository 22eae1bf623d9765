import path from "node:path";
import type { ApiConfig } from "../config/api-config.ts";
import { DriftlessError } from "../problems/error.ts";
import { isObject, type OpenApiDocument } from "../openapi/types.ts";

/** Where one API's probes go, and the key they send (none for an API that takes no key). */
export interface TargetEndpoint {
  baseUrl: URL;
  key?: string;
}

/** A named target started for one run: the APIs it serves, and how to stop it. */
export interface DriftTarget {
  /** Per API id it serves; an API missing here is not probed (its report says so). */
  endpoints: ReadonlyMap<string, TargetEndpoint>;
  /** Frees what start took (ports, timers); called once, after the probes and their cleanup. */
  close(): Promise<void>;
}

/**
 * A target `--target NAME` selects besides a URL or a recording. The drift check knows targets
 * only through this interface; whoever calls it registers them (`DriftOptions.targets`): the CLI
 * registers the bundled emulator as `emulator` (generator/cli/emulator.ts).
 */
export interface TargetProvider {
  /** How a report note names it: "the bundled emulator". */
  label: string;
  /** Private to the run and thrown away after it (nothing real is created): creating probes run without --allow-writes. */
  disposable: boolean;
  /** Answers from this process at once: no request rate limit towards it. */
  inProcess: boolean;
  /** Starts it for these API ids (those it does not serve are left out of its endpoints). */
  start(apis: readonly string[]): Promise<DriftTarget>;
}

/** Named targets by name; without --target the first one is used. */
export type TargetProviders = Readonly<Record<string, TargetProvider>>;

export type Target = { kind: "named"; name: string; provider: TargetProvider } | { kind: "url"; url: URL } | { kind: "har"; file: string } | { kind: "ndjson"; file: string };

/**
 * --target: a registered name (nothing means the first registered, the CLI's "emulator"), an
 * http(s) URL, a .har file, or an .ndjson/.jsonl file.
 */
export function parseTarget(value: string | undefined, providers: TargetProviders = {}): Target {
  const names = Object.keys(providers);
  const name = value === undefined || value === "" ? names[0] : value;
  if (name === undefined) throw new DriftlessError("E_USAGE", "no --target: pass the live API's base URL or a recording (FILE.har, FILE.ndjson).");
  if (Object.hasOwn(providers, name)) return { kind: "named", name, provider: providers[name]! };
  if (/^https?:\/\//i.test(name)) {
    let url: URL;
    try {
      url = new URL(name);
    } catch {
      throw new DriftlessError("E_USAGE", `--target ${name} is not a valid URL.`);
    }
    if (url.username || url.password) throw new DriftlessError("E_USAGE", "--target must not carry credentials in the URL; the key comes from the API's environment variable.");
    if (url.search || url.hash) throw new DriftlessError("E_USAGE", "--target is a base URL: no query or fragment.");
    if (url.protocol === "http:" && !isLoopback(url.hostname)) {
      throw new DriftlessError("E_USAGE", `--target ${url.origin}: plain http would send the API key unencrypted; use https (http is accepted for localhost only).`);
    }
    return { kind: "url", url };
  }
  if (/\.har$/i.test(name)) return { kind: "har", file: name };
  if (/\.(ndjson|jsonl)$/i.test(name)) return { kind: "ndjson", file: name };
  const expected = [...names.map((n) => `'${n}'`), "an http(s) URL"].join(", ");
  throw new DriftlessError("E_USAGE", `--target ${name}: expected ${expected}, FILE.har or FILE.ndjson.`);
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "[::1]" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** How the API takes its key, from the security scheme api.yaml names (auth.scheme) in the document. */
/** True when the API authenticates at all: a public API (no scheme anywhere) takes no key. */
export function requiresKey(config: ApiConfig, doc: OpenApiDocument): boolean {
  return config.auth.scheme !== undefined || Object.keys(doc.components?.securitySchemes ?? {}).length > 0;
}

export function authHeader(config: ApiConfig, doc: OpenApiDocument, key: string): { name: string; value: string } {
  const schemes = isObject(doc.components?.securitySchemes) ? doc.components!.securitySchemes! : {};
  const name = config.auth.scheme ?? Object.keys(schemes)[0];
  if (!name || !isObject(schemes[name]))
    throw new DriftlessError("E_CONFIG", `specs/${config.id}/api.yaml auth.scheme ${name ?? "(none)"} is not a security scheme of the canonical document.`);
  const header = schemeHeader(doc, name, key);
  if (!header)
    throw new DriftlessError(
      "E_CONFIG",
      `security scheme ${name} of ${config.id} is not supported by the drift check (bearer, basic or an API-key header; a key in the query would end up in logs).`,
    );
  return header;
}

/**
 * The header that sends `value` as a credential of the document's security scheme `name` (bearer,
 * basic or an API-key header); undefined for a scheme the drift check does not send.
 */
export function schemeHeader(doc: OpenApiDocument, name: string, value: string): { name: string; value: string } | undefined {
  const schemes = isObject(doc.components?.securitySchemes) ? doc.components!.securitySchemes! : {};
  const scheme = schemes[name];
  if (!isObject(scheme)) return undefined;
  if (scheme.type === "http" && String(scheme.scheme).toLowerCase() === "bearer") return { name: "authorization", value: `Bearer ${value}` };
  if (scheme.type === "http" && String(scheme.scheme).toLowerCase() === "basic") return { name: "authorization", value: `Basic ${Buffer.from(value).toString("base64")}` };
  if (scheme.type === "apiKey" && scheme.in === "header" && typeof scheme.name === "string") return { name: scheme.name.toLowerCase(), value };
  return undefined;
}

/** A path relative to the working directory, with forward slashes, for reports. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return (rel.startsWith("..") || path.isAbsolute(rel) ? path.resolve(file) : rel).split(path.sep).join("/");
}
