import { DriftlessError } from "../../problems/error.ts";
import { isJsonMediaType } from "../../openapi/media-types.ts";
import { mediaTypeOf, type Exchange, type ProbeIntent } from "../exchange.ts";
import type { Redactor } from "../redact.ts";

/** driftless's custom field on HAR entries (HAR 1.2 allows fields starting with "_"). */
interface DriftlessEntryField {
  api?: string;
  step?: string;
  probe?: ProbeIntent;
}

interface HarHeader {
  name: string;
  value: string;
}

interface HarEntry {
  startedDateTime?: string;
  time?: number;
  request?: { method?: string; url?: string };
  response?: { status?: number; headers?: HarHeader[]; content?: { mimeType?: string; text?: string; encoding?: string } };
  _driftless?: DriftlessEntryField;
}

/**
 * HAR 1.2 (log.entries[]) → exchanges. Entries without an answer (status 0: a browser's aborted
 * request) are left out. Response headers become a lower-case map; content.text with
 * `encoding: base64` stays base64 until a check needs it.
 */
export function readHar(text: string, file: string): Exchange[] {
  let doc: { log?: { entries?: HarEntry[] } };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch (error) {
    throw new DriftlessError("E_INPUT", `${file} is not a HAR file: ${(error as Error).message}`);
  }
  const entries = doc?.log?.entries;
  if (!Array.isArray(entries)) throw new DriftlessError("E_INPUT", `${file} is not a HAR file: log.entries is missing.`);
  const out: Exchange[] = [];
  for (const entry of entries) {
    const request = entry.request;
    const response = entry.response;
    if (!request?.url || !request.method || !response || typeof response.status !== "number" || response.status === 0) continue;
    const headers: Record<string, string> = {};
    for (const h of response.headers ?? []) {
      const name = String(h.name).toLowerCase();
      headers[name] = headers[name] === undefined ? String(h.value) : `${headers[name]}, ${String(h.value)}`;
    }
    const content = response.content;
    if (headers["content-type"] === undefined && content?.mimeType) headers["content-type"] = content.mimeType;
    const exchange: Exchange = { method: request.method.toUpperCase(), url: request.url, status: response.status, headers };
    if (typeof content?.text === "string" && content.text.length > 0) {
      exchange.body = content.text;
      if (content.encoding === "base64") exchange.bodyEncoding = "base64";
    }
    const mark = entry._driftless;
    if (mark?.api) exchange.api = mark.api;
    if (mark?.step) exchange.step = mark.step;
    const probe = readProbe(mark?.probe);
    if (probe) exchange.probe = probe;
    out.push(exchange);
  }
  return out;
}

/**
 * Exchanges → HAR 1.2 for `--record`. Everything secret is removed on the way: credential headers
 * keep their names with the value REDACTED, cookies are dropped, secret query parameters and JSON
 * properties are replaced (types kept, so the recording checks like the live answers did).
 */
export function writeHar(exchanges: readonly Exchange[], redactor: Redactor, version: string): string {
  const entries = exchanges.map((ex) => {
    const url = new URL(redactor.url(ex.url));
    const type = mediaTypeOf(ex.headers["content-type"]);
    let text = ex.body;
    if (text !== undefined && ex.bodyEncoding !== "base64" && type !== undefined && isJsonMediaType(type)) text = redactJsonText(text, redactor);
    else if (text !== undefined && ex.bodyEncoding !== "base64") text = redactor.scrub(text);
    const requestBody = ex.request?.body === undefined ? undefined : redactJsonText(ex.request.body, redactor);
    const time = ex.timeMs ?? 0;
    return {
      startedDateTime: ex.startedAt ?? "1970-01-01T00:00:00.000Z",
      time,
      request: {
        method: ex.method,
        url: url.href,
        httpVersion: "HTTP/1.1",
        cookies: [],
        headers: Object.entries(ex.request?.headers ?? {})
          .filter(([name]) => name !== "cookie")
          .map(([name, value]) => ({ name, value: redactor.header(name, value) })),
        queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
        ...(requestBody !== undefined ? { postData: { mimeType: ex.request?.contentType ?? "application/json", text: requestBody } } : {}),
        headersSize: -1,
        bodySize: requestBody === undefined ? 0 : Buffer.byteLength(requestBody),
      },
      response: {
        status: ex.status,
        statusText: "",
        httpVersion: "HTTP/1.1",
        cookies: [],
        headers: Object.entries(ex.headers)
          .filter(([name]) => name !== "set-cookie")
          .map(([name, value]) => ({ name, value: redactor.header(name, value) })),
        content: {
          size: text === undefined ? 0 : ex.bodyEncoding === "base64" ? Buffer.from(text, "base64").length : Buffer.byteLength(text),
          mimeType: ex.headers["content-type"] ?? "",
          ...(text !== undefined ? { text } : {}),
          ...(ex.bodyEncoding === "base64" ? { encoding: "base64" } : {}),
        },
        redirectURL: ex.headers.location ? redactor.url(ex.headers.location) : "",
        headersSize: -1,
        bodySize: -1,
      },
      cache: {},
      timings: { send: 0, wait: time, receive: 0 },
      _driftless: { ...(ex.api ? { api: ex.api } : {}), ...(ex.step ? { step: ex.step } : {}), ...(ex.probe ? { probe: ex.probe } : {}) },
    };
  });
  const har = { log: { version: "1.2", creator: { name: "driftless", version }, entries } };
  return redactor.scrub(`${JSON.stringify(har, null, 2)}\n`);
}

/** A recorded probe intent, kept only in the shape driftless writes (a hand-edited recording may hold anything). */
export function readProbe(value: unknown): ProbeIntent | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const out: ProbeIntent = {
    ...(typeof v.intent === "string" ? { intent: v.intent } : {}),
    ...(v.negative === true ? { negative: true } : {}),
    ...(Array.isArray(v.expect) && v.expect.every((x) => typeof x === "string") ? { expect: v.expect as string[] } : {}),
    ...(typeof v.undocumented === "string" ? { undocumented: v.undocumented } : {}),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}

function redactJsonText(text: string, redactor: Redactor): string {
  try {
    return JSON.stringify(redactor.json(JSON.parse(text)));
  } catch {
    return redactor.scrub(text);
  }
}
