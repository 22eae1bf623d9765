import { isJsonMediaType } from "../openapi/media-types.ts";

/**
 * One request and its answer, however it was obtained (a probe, a HAR entry, an NDJSON line).
 * Bodies stay text (or base64 text for binary answers) until a check needs them parsed.
 */
export interface Exchange {
  /** The API it belongs to, when known (probes; recordings annotated by driftless). */
  api?: string;
  /** The plan step that sent it (probes and driftless recordings). */
  step?: string;
  /** What that step checks (probes and driftless recordings): its intent, and for an unhappy path what the document says the answer must be. */
  probe?: ProbeIntent;
  method: string;
  url: string;
  status: number;
  /** Response headers, names lower-case, repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Response body as text; undefined or "" when there was none. */
  body?: string;
  /** "base64" when `body` holds base64 of binary content. */
  bodyEncoding?: "base64";
  /** Request details, kept for recordings only (already redacted). */
  request?: { headers: Record<string, string>; body?: string; contentType?: string };
  /** Wall time of the exchange in ms (recordings only; never in reports). */
  timeMs?: number;
  /** When it started (recordings only). */
  startedAt?: string;
}

/** What a probe checks, carried with its answers into the checks and the report. */
export interface ProbeIntent {
  /** "read", "create", "no-key", "out-of-range:limit", … */
  intent?: string;
  /** The request is one the document says the API must refuse (an unhappy path). */
  negative?: boolean;
  /** Documented statuses the answer should have ("401", "4XX"). */
  expect?: string[];
  /** When `expect` is empty: what the document does not list ("no 401/403 documented"). */
  undocumented?: string;
}

/** The intent of a plan step, as its exchanges carry it; undefined for a step that says nothing (an api.yaml step). */
export function probeIntentOf(step: { intent?: string; negative?: boolean; expect?: string[]; undocumented?: string }): ProbeIntent | undefined {
  const out: ProbeIntent = {
    ...(step.intent ? { intent: step.intent } : {}),
    ...(step.negative ? { negative: true } : {}),
    ...(step.expect ? { expect: [...step.expect] } : {}),
    ...(step.undocumented ? { undocumented: step.undocumented } : {}),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}

/** "application/json; charset=utf-8" → "application/json". */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  return type === "" ? undefined : type;
}

/** Media types whose bodies are text, so a recording can keep them readable. */
export function isTextMediaType(type: string | undefined): boolean {
  return (
    type !== undefined && (isJsonMediaType(type) || type.startsWith("text/") || type.endsWith("+xml") || type === "application/xml" || type === "application/x-www-form-urlencoded")
  );
}

/** The documented media-type key that covers `observed`: exact, then `type/*`, then `*\/*`. */
export function matchMediaType(documented: readonly string[], observed: string): string | undefined {
  const lower = documented.map((d) => d.toLowerCase().split(";")[0]!.trim());
  const exact = lower.indexOf(observed);
  if (exact !== -1) return documented[exact];
  const wildcard = lower.indexOf(`${observed.split("/")[0]}/*`);
  if (wildcard !== -1) return documented[wildcard];
  const any = lower.indexOf("*/*");
  return any !== -1 ? documented[any] : undefined;
}

/** Node's IncomingHttpHeaders (or any name → value map) as lower-case names with string values. */
export function normalizeHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}
