/**
 * Statuses written as definitions or bullets rather than tables: "200 OK" followed by ": The
 * request succeeded.", "- `400 Bad Request` when parameters are missing", "* 404: not found".
 */
import type { List, RootContent } from "mdast";
import type { ConversionContext } from "./context.ts";
import { definitionEntries } from "./lists.ts";
import { lineOf, plainText } from "./markdown.ts";
import { parseStatus } from "./prose.ts";
import type { ErrorFact } from "./tables.ts";

/** "200 OK", "`404`", "404 not found", "HTTP 409 Conflict" → the status; undefined when the text does not open with one. */
function statusOf(text: string): string | undefined {
  return parseStatus(text.replace(/^\s*(?:HTTP\s+|status\s+)/i, ""));
}

/** Definition entries whose terms are all statuses. */
export function readStatusDefinitions(node: RootContent, ctx: ConversionContext): ErrorFact[] | undefined {
  const entries = definitionEntries(node, ctx);
  if (!entries) return undefined;
  const facts: ErrorFact[] = [];
  for (const e of entries) {
    const status = statusOf(e.term.replace(/[`*]/g, ""));
    if (!status) return undefined;
    facts.push({ status, codes: [], line: e.line, ...(e.definition ? { meaning: e.definition } : {}) });
  }
  return facts;
}

/** A list whose every item opens with a status. */
export function readStatusList(list: List): ErrorFact[] | undefined {
  const facts: ErrorFact[] = [];
  for (const item of list.children) {
    const first = item.children[0];
    if (first?.type !== "paragraph") return undefined;
    const text = plainText(first.children).trim();
    const status = statusOf(text);
    // "100 requests per minute" under a rate-limit heading is a quantity, not a status.
    if (!status || /^\s*`?\d+`?\s+(?:requests?|calls?|times|req|per)\b/i.test(text)) return undefined;
    // "`500` or `503` — transient…": more statuses; "`429 rate_limited` — wait…": the error code after the status.
    const also = /^\s*(?:HTTP\s+)?`?[1-5]\d\d`?((?:\s*(?:,|or|and|\/)\s*`?[1-5]\d\d`?)+)/i.exec(text);
    const statuses = [status, ...(also ? [...also[1]!.matchAll(/[1-5]\d\d/g)].map((m) => m[0]) : [])];
    const code = also ? undefined : /^\s*`?[1-5]\d\d\s+([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`?(?=[\s:—–-]|$)/.exec(text)?.[1];
    const meaning = text
      .replace(also ? also[0] : /^\s*(?:HTTP\s+)?`?[1-5](?:\d\d|XX)`?\s*/i, "")
      .replace(code ? new RegExp(`^\\s*${code}\`?`) : /^$/, "")
      .replace(/^\s*[:—–-]\s*/, "")
      .trim();
    for (const s of statuses) facts.push({ status: s, codes: code ? [code] : [], line: lineOf(item), ...(meaning ? { meaning } : {}) });
  }
  return facts.length > 0 ? facts : undefined;
}

const REASON =
  "OK|Created|Accepted|No Content|Partial Content|Moved Permanently|Found|Not Modified|Bad Request|Unauthori[sz]ed|Payment Required|Forbidden|Not Found|Method Not Allowed|Not Acceptable|Conflict|Gone|Precondition Failed|Payload Too Large|Content Too Large|Unsupported Media Type|Unprocessable (?:Entity|Content)|Too Many Requests|Internal Server Error|Not Implemented|Bad Gateway|Service Unavailable|Gateway Timeout";
/** "404 Not Found", "`409 Conflict`": a status with its reason phrase. */
const WITH_REASON = new RegExp(String.raw`(?<![\d.])([1-5]\d\d)\`?\s+"?(?:${REASON})\b`, "gi");
/** "returns 204", "will return error 401", "responds with HTTP status code 429". */
const RETURNS =
  /\b(?:returns?|returned|responds?|responded|answers?|fails? with|get|gets)\b(?:\s+(?:an?|the|with|error|status|code|http|response|a|response code|status code|http status(?: code)?)){0,4}\s+`?([1-5]\d\d)`?(?=\s*(?:$|[.,;:)]|\s(?:on|if|when|with|for|and|or|error|status|response|code)\b))/gi;
/** "409 if the session is already closed.": a sentence that opens with a status. */
const OPENS = /(?:^|[.!?]\s+)`?([1-5]\d\d)`?\s+(?:if|when|on|for)\b/g;

/**
 * Statuses stated in a sentence ("Returns 204 on success. 409 if the session is already in a
 * terminal state.", "the API endpoint will return error 401"), with the sentence as meaning.
 * Numbers that are not statuses ("returns 100 results") are left alone.
 */
export function statusesFromProse(text: string, line: number): ErrorFact[] {
  const found = new Map<string, string>();
  const sentences = text.split(/(?<=[.!?])\s+/);
  for (const sentence of sentences) {
    for (const re of [WITH_REASON, RETURNS, OPENS]) {
      re.lastIndex = 0;
      for (const m of sentence.matchAll(re)) if (!found.has(m[1]!)) found.set(m[1]!, sentence.trim());
    }
  }
  return [...found].map(([status, meaning]) => ({ status, codes: [], line, meaning }));
}
