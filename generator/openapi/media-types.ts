/**
 * Media types as OpenAPI content maps and HTTP headers spell them. One predicate for "is this
 * JSON" so that the merge, the client and the drift check agree on it.
 */

/** A token of RFC 9110 §5.6.2 (type and subtype of a media type). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * Whether a body of this media type is one JSON value: `application/json`, `text/json`, and any
 * structured-syntax `+json` suffix (`application/problem+json`, `application/vnd.api+json`).
 * Parameters (`; charset=utf-8`) and case are ignored. JSON text sequences (`application/json-seq`)
 * and JSON Lines / NDJSON (`application/jsonl`, `application/x-ndjson`) are several values: not JSON.
 */
export function isJsonMediaType(type: string): boolean {
  const essence = type.split(";", 1)[0]!.trim().toLowerCase();
  const slash = essence.indexOf("/");
  if (slash <= 0) return false;
  const main = essence.slice(0, slash);
  const sub = essence.slice(slash + 1);
  if (!TOKEN.test(main) || !TOKEN.test(sub)) return false;
  if (sub === "json") return main === "application" || main === "text";
  return sub.length > "+json".length && sub.endsWith("+json");
}
