import path from "node:path";
import type { ApiConfig } from "../config/api-config.ts";
import { DriftlessError } from "../problems/error.ts";
import { isObject, type OpenApiDocument } from "../openapi/types.ts";

export type Target =
  | { kind: "emulator" }
  | { kind: "url"; url: URL }
  | { kind: "har"; file: string }
  | { kind: "ndjson"; file: string };

/** --target: nothing or "emulator", an http(s) URL, a .har file, or an .ndjson/.jsonl file. */
export function parseTarget(value: string | undefined): Target {
  if (value === undefined || value === "" || value === "emulator") return { kind: "emulator" };
  if (/^https?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new DriftlessError("E_USAGE", `--target ${value} is not a valid URL.`);
    }
    if (url.username || url.password) throw new DriftlessError("E_USAGE", "--target must not carry credentials in the URL; the key comes from the API's environment variable.");
    if (url.search || url.hash) throw new DriftlessError("E_USAGE", "--target is a base URL: no query or fragment.");
    if (url.protocol === "http:" && !isLoopback(url.hostname)) {
      throw new DriftlessError("E_USAGE", `--target ${url.origin}: plain http would send the API key unencrypted; use https (http is accepted for localhost only).`);
    }
    return { kind: "url", url };
  }
  if (/\.har$/i.test(value)) return { kind: "har", file: value };
  if (/\.(ndjson|jsonl)$/i.test(value)) return { kind: "ndjson", file: value };
  throw new DriftlessError("E_USAGE", `--target ${value}: expected 'emulator', an http(s) URL, FILE.har or FILE.ndjson.`);
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
  const scheme = name ? schemes[name] : undefined;
  if (!isObject(scheme)) throw new DriftlessError("E_CONFIG", `specs/${config.id}/api.yaml auth.scheme ${name ?? "(none)"} is not a security scheme of the canonical document.`);
  if (scheme.type === "http" && String(scheme.scheme).toLowerCase() === "bearer") return { name: "authorization", value: `Bearer ${key}` };
  if (scheme.type === "http" && String(scheme.scheme).toLowerCase() === "basic") return { name: "authorization", value: `Basic ${Buffer.from(key).toString("base64")}` };
  if (scheme.type === "apiKey" && scheme.in === "header" && typeof scheme.name === "string") return { name: scheme.name.toLowerCase(), value: key };
  throw new DriftlessError("E_CONFIG", `security scheme ${name} of ${config.id} is not supported by the drift check (bearer, basic or an API-key header; a key in the query would end up in logs).`);
}

/** A path relative to the working directory, with forward slashes, for reports. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return (rel.startsWith("..") || path.isAbsolute(rel) ? path.resolve(file) : rel).split(path.sep).join("/");
}
