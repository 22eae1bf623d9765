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
    if (!status) return undefined;
    const meaning = text.replace(/^\s*(?:HTTP\s+)?`?[1-5](?:\d\d|XX)`?\s*/i, "").replace(/^[:—–-]\s*/, "").trim();
    facts.push({ status, codes: [], line: lineOf(item), ...(meaning ? { meaning } : {}) });
  }
  return facts.length > 0 ? facts : undefined;
}
