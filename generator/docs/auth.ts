/**
 * The security scheme a documented credential implies: `Authorization: Bearer …` → HTTP bearer,
 * `Authorization: Basic …` → HTTP basic, `X-API-Key: …` (any header named for a key or token) →
 * an API key in that header. The credential's value is never kept.
 */
import type { JsonObject } from "../openapi/types.ts";

export function authFromHeader(name: string, value: string): JsonObject | undefined {
  const header = name.trim();
  if (/^authorization$/i.test(header)) {
    const scheme = /^\s*(bearer|basic|token|digest)\b/i.exec(value)?.[1]?.toLowerCase();
    if (scheme === "bearer") return { type: "http", scheme: "bearer" };
    if (scheme === "basic") return { type: "http", scheme: "basic" };
    if (scheme === "digest") return { type: "http", scheme: "digest" };
    return { type: "apiKey", in: "header", name: "Authorization" };
  }
  if (/(?:^|[-_])(?:api[-_]?key|key|token|auth|access[-_]token|secret)(?:$|[-_])/i.test(header) && !/^(?:idempotency|x-request)/i.test(header)) {
    return { type: "apiKey", in: "header", name: header };
  }
  return undefined;
}

/** A stable component name for a scheme found in docs: BearerAuth, BasicAuth, or the key's name ("X-Auth-Token" → XAuthToken). */
export function schemeName(scheme: JsonObject): string {
  if (scheme.type === "http") return scheme.scheme === "basic" ? "BasicAuth" : scheme.scheme === "digest" ? "DigestAuth" : "BearerAuth";
  const words = String(scheme.name ?? "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return words.length > 0 ? words.map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()).join("") : "ApiKeyAuth";
}

/**
 * Schemes stated in words on an authentication page: "basic auth", "Bearer token", "the
 * `X-Api-Key` header", "include the token in the `X-Auth-Token` header and your user ID in the
 * `X-User-Id` header to authenticate".
 */
export function authsFromProse(text: string): JsonObject[] {
  if (/\bauthenticat/i.test(text)) {
    const headers = [...text.matchAll(/`([A-Za-z][A-Za-z0-9-]*)`\s+(?:request\s+)?header\b/gi)]
      .map((m) => m[1]!)
      .filter((h) => /^x-|-(?:key|token|id)$|^authorization$/i.test(h) && !/^authorization$/i.test(h));
    if (headers.length > 0) return [...new Set(headers)].map((name) => ({ type: "apiKey", in: "header", name }));
  }
  const one = authFromProse(text);
  return one ? [one] : [];
}

/** A scheme stated in words: "basic auth", "Bearer token", "the `X-Api-Key` header". */
export function authFromProse(text: string): JsonObject | undefined {
  if (/\bbasic (?:auth|authentication|http auth)/i.test(text)) return { type: "http", scheme: "basic" };
  if (/\bbearer\b/i.test(text)) return { type: "http", scheme: "bearer" };
  const header =
    /`?([A-Za-z0-9-]*(?:api[-_]?key|token|auth)[A-Za-z0-9-]*)`?\s+(?:request\s+)?header\b/i.exec(text) ??
    /header(?:'s)?\s+name\s+(?:is|should be|must be)\s+`([A-Za-z0-9-]+)`/i.exec(text);
  if (header && /-/.test(header[1]!)) return { type: "apiKey", in: "header", name: header[1]! };
  return undefined;
}
