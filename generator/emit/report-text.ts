import { getAtPointer, parsePointer } from "../openapi/pointer.ts";
import { isHttpMethod, isObject } from "../openapi/types.ts";
import type { SourceLocation } from "../problems/finding.ts";

const COMPONENT_KINDS: Record<string, string> = {
  schemas: "schema",
  responses: "response component",
  parameters: "parameter component",
  requestBodies: "request body component",
  headers: "header component",
  securitySchemes: "security scheme",
  examples: "example component",
  links: "link component",
  callbacks: "callback component",
  pathItems: "path item component",
};

const KEYWORD_WORDS: Record<string, string> = {
  requestBody: "request body",
  additionalProperties: "additional properties",
  "x-error-codes": "error codes",
  "x-source": "provenance",
};

/**
 * A JSON pointer into an OpenAPI document in words, for people: "POST /v1/sessions → response
 * 201 → body", "schema SessionInfo → ready_at", "GET /v1/sessions → query parameter offset".
 * With the document at hand, a parameter is named by its `in` and `name`; without, by its index.
 * An empty pointer is "the document"; segments it does not know are shown as they are.
 */
export function pointerInWords(pointer: string, doc?: unknown): string {
  const segs = parsePointer(pointer);
  if (segs.length === 0) return "the document";
  const words: string[] = [];
  let i = 0;
  const at = (n: number) => segs.slice(0, n);
  if (segs[0] === "paths" && segs.length > 1) {
    const method = segs[2];
    if (method !== undefined && isHttpMethod(method)) {
      words.push(`${method.toUpperCase()} ${segs[1]}`);
      i = 3;
    } else {
      words.push(segs[1]!);
      i = 2;
    }
  } else if (segs[0] === "webhooks" && segs.length > 1) {
    const method = segs[2];
    words.push(method !== undefined && isHttpMethod(method) ? `webhook ${segs[1]} ${method.toUpperCase()}` : `webhook ${segs[1]}`);
    i = method !== undefined && isHttpMethod(method) ? 3 : 2;
  } else if (segs[0] === "components" && segs.length > 2) {
    words.push(`${COMPONENT_KINDS[segs[1]!] ?? segs[1]} ${segs[2]}`);
    i = 3;
  } else if (segs[0] === "servers" && segs.length > 1) {
    const url = isObject(getAtPointer(doc, at(2))) ? (getAtPointer(doc, [...at(2), "url"]) as unknown) : undefined;
    words.push(typeof url === "string" ? `server ${url}` : `server ${Number(segs[1]) + 1}`);
    i = 2;
  }
  // Where the segments stand: in a body (content → schema), under a request body, or elsewhere.
  let underRequestBody = false;
  while (i < segs.length) {
    const seg = segs[i]!;
    const next = segs[i + 1];
    if ((seg === "parameters" || seg === "allOf" || seg === "oneOf" || seg === "anyOf" || seg === "prefixItems") && next !== undefined && /^\d+$/.test(next)) {
      if (seg === "parameters") {
        const param = getAtPointer(doc, at(i + 2));
        words.push(isObject(param) && typeof param.name === "string" ? `${String(param.in)} parameter ${param.name}` : `parameter at index ${next}`);
      } else words.push(`${seg} branch ${Number(next) + 1}`);
      i += 2;
    } else if (seg === "responses" && next !== undefined) {
      words.push(`response ${next}`);
      i += 2;
    } else if (seg === "requestBody") {
      words.push("request body");
      underRequestBody = true;
      i += 1;
    } else if (seg === "content" && next !== undefined) {
      const json = next === "application/json";
      if (underRequestBody) {
        if (!json) words[words.length - 1] += ` (${next})`;
      } else words.push(json ? "body" : `body (${next})`);
      i += 2;
      if (segs[i] === "schema") i += 1;
    } else if (seg === "properties" && next !== undefined) {
      words.push(next);
      i += 2;
    } else if ((seg === "headers" || seg === "examples" || seg === "links") && next !== undefined) {
      words.push(`${seg.replace(/s$/, "")} ${next}`);
      i += 2;
    } else {
      words.push(KEYWORD_WORDS[seg] ?? seg);
      i += 1;
    }
  }
  return words.join(" → ");
}

/** A source as a Markdown link to its line: `[fragments/a.yaml:12](../../specs/x/fragments/a.yaml#L12)`. */
export function sourceLink(s: SourceLocation, base: string): string {
  const text = s.line ? `${s.file}:${s.line}` : s.file;
  return `[${text}](${base}${encodeURI(s.file)}${s.line ? `#L${s.line}` : ""})`;
}

/** The href of a source (for HTML). */
export function sourceHref(s: SourceLocation, base: string): string {
  return `${base}${encodeURI(s.file)}${s.line ? `#L${s.line}` : ""}`;
}

export interface QuotedLine {
  line: number;
  text: string;
}

/**
 * A few lines of a source from `line` on (`count` at most, stopping before the file ends), with
 * their common indentation removed and trailing blank lines dropped, so the quote reads on its own.
 * Nothing when the text or the line is unknown.
 */
export function quoteLines(text: string | undefined, line: number | undefined, count = 5): QuotedLine[] {
  if (text === undefined || !line || line < 1) return [];
  const all = text.split(/\r?\n/);
  if (line > all.length) return [];
  const picked = all.slice(line - 1, line - 1 + count).map((t, k) => ({ line: line + k, text: t.replace(/\s+$/, "") }));
  while (picked.length > 1 && picked[picked.length - 1]!.text === "") picked.pop();
  const indents = picked.filter((p) => p.text !== "").map((p) => /^ */.exec(p.text)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return picked.map((p) => ({ line: p.line, text: p.text.slice(cut) }));
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Sources quoted side by side: an HTML table (Markdown tables hold no multi-line cells), one
 * column per source, headed by its link, each line numbered. No line of it is blank, so the
 * Markdown around it reads it as one HTML block.
 */
export function quotesSideBySide(sides: { source: SourceLocation; lines: QuotedLine[] }[], base: string): string {
  if (sides.length === 0) return "";
  const width = (lines: QuotedLine[]) => String(lines.at(-1)?.line ?? 0).length;
  const head = sides.map(
    ({ source }) => `<th><a href="${escapeHtml(sourceHref(source, base))}">${escapeHtml(source.line ? `${source.file}:${source.line}` : source.file)}</a></th>`,
  );
  const cells = sides.map(({ lines }) => {
    const w = width(lines);
    const body = lines.map((l) => `${String(l.line).padStart(w)} | ${escapeHtml(l.text)}`).join("\n");
    return `<td><pre>${body || "(not quoted: no text for this source)"}</pre></td>`;
  });
  return ["<table>", `<tr>${head.join("")}</tr>`, `<tr valign="top">${cells.join("")}</tr>`, "</table>"].join("\n");
}
