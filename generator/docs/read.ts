/**
 * Walks the markdown tree of one page into a model of what it documents: operations (from
 * `## METHOD /path` headings) and, inside each, the blocks that follow a recognised label
 * ("**Request body:**", "**Query parameters:**", "**Response `201`:**", "**Errors:**"), the curl
 * examples and the prose. Nothing here builds OpenAPI; build.ts does.
 */
import type { Code, Heading, Paragraph, PhrasingContent, Root, RootContent } from "mdast";
import { isHttpMethod, type HttpMethod } from "../openapi/types.ts";
import { joinPointer } from "../openapi/pointer.ts";
import type { ConversionContext } from "./context.ts";
import { mentionsCurl, parseCurlCommands, type CurlCommand } from "./curl.ts";
import { parseJsonWithLines, type JsonLocation } from "./json-lines.ts";
import { codeContentLine, codeSpans, lineOf, plainText, sourceOf } from "./markdown.ts";
import { mediaTypesIn, parseStatus } from "./prose.ts";
import { readErrorTable, readFieldTable, type ErrorFact, type FieldFact } from "./tables.ts";

export interface JsonExample {
  value: unknown;
  at: JsonLocation;
  /** Line of the code block's opening fence. */
  line: number;
}

export interface DocCurl {
  command: CurlCommand;
  /** Markdown line of the block's first content line; command lines are relative to it. */
  firstLine: number;
}

export interface DocRequestBody {
  line: number;
  description?: string;
  /** "Empty JSON object `{}`": an object schema with no properties. */
  emptyObject: boolean;
  /** "None." / "No body.": the label says there is no body. */
  none: boolean;
  mediaTypes: string[];
  examples: JsonExample[];
  fields: FieldFact[];
}

export interface DocResponse {
  status: string;
  lines: number[];
  description?: string;
  noBody: boolean;
  mediaTypes: string[];
  examples: JsonExample[];
  fields: FieldFact[];
}

export type ParameterLocation = "query" | "path" | "header";

export interface DocOperation {
  method: HttpMethod;
  path: string;
  line: number;
  /** "POST /v1/sessions", for messages. */
  name: string;
  /** Pointer of the operation in the converted document. */
  pointer: string;
  prose: string[];
  curls: DocCurl[];
  requestBody?: DocRequestBody;
  parameters: { in: ParameterLocation; facts: FieldFact[] }[];
  responses: DocResponse[];
  errors: ErrorFact[];
}

export interface DocPage {
  title?: string;
  titleLine?: number;
  intro: string[];
  operations: DocOperation[];
}

type Label =
  | { kind: "requestBody" }
  | { kind: "parameters"; in: ParameterLocation }
  | { kind: "response"; status?: string; fieldsOnly?: boolean }
  | { kind: "errors" };

type State =
  | { kind: "none" }
  | { kind: "ignored" }
  | { kind: "requestBody"; body: DocRequestBody }
  | { kind: "parameters"; in: ParameterLocation; line: number }
  | { kind: "response"; response: DocResponse }
  | { kind: "errors"; line: number };

/** "Request body", "Query parameters", "Response `201`", "Errors" (with or without a trailing colon). */
export function matchLabel(text: string): Label | undefined {
  const t = text.trim().replace(/\s*:\s*$/, "").replace(/\s+/g, " ").trim();
  if (/^(?:request body|request payload|body|body parameters|json body)(?: \(.*\))?$/i.test(t)) return { kind: "requestBody" };
  let m = /^(query|path|header|request header)(?: string)? param(?:eter)?s$/i.exec(t) ?? /^(query) string$/i.exec(t);
  if (m) return { kind: "parameters", in: m[1]!.toLowerCase().startsWith("query") ? "query" : m[1]!.toLowerCase() === "path" ? "path" : "header" };
  if (/^(?:request )?headers$/i.test(t)) return { kind: "parameters", in: "header" };
  if (/^response (?:fields|attributes|properties|object|schema|body)$/i.test(t)) return { kind: "response", fieldsOnly: true };
  m = /^(?:responses?|returns)\b(.*)$/i.exec(t);
  if (m) {
    const rest = m[1]!.trim();
    const status = /\b([1-5]\d\d|[1-5]XX)\b/i.exec(rest)?.[1]?.toUpperCase() ?? (/^\(?default\)?$/i.test(rest) ? "default" : undefined);
    if (rest === "" || status) return { kind: "response", ...(status ? { status } : {}) };
    return undefined;
  }
  if (/^(?:errors|error codes|error responses|possible errors)$/i.test(t)) return { kind: "errors" };
  return undefined;
}

/** "POST /v1/sessions", "`GET /v1/sessions/:id`", "GET https://api.x.com/v1/y" → method word and path. */
export function matchOperationHeading(text: string): { word: string; path: string } | undefined {
  const m = /^\s*`?([A-Za-z]+)\s+(\/\S*|[a-z][a-z0-9+.-]*:\/\/\S+)`?\s*$/.exec(text);
  if (!m) return undefined;
  let path = m[2]!.replace(/`$/, "");
  const url = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/[^?#]*)?/i.exec(path);
  if (url) path = url[1] || "/";
  path = path.replace(/[?#].*$/, "");
  return { word: m[1]!, path };
}

const SHELL_LANGS = new Set(["", "bash", "sh", "shell", "zsh", "console", "terminal", "curl", "shellsession"]);

export function readPage(root: Root, ctx: ConversionContext): DocPage {
  const page: DocPage = { intro: [], operations: [] };
  const seen = new Set<string>();
  let op: DocOperation | undefined;
  let opDepth = 0;
  let skipDepth: number | undefined;
  let inIntro = false;
  let state: State = { kind: "none" };

  for (const node of root.children) {
    if (node.type === "heading") {
      const text = plainText(node.children).trim();
      if (skipDepth !== undefined && node.depth > skipDepth) continue;
      skipDepth = undefined;
      const heading = matchOperationHeading(text);
      if (heading) {
        op = undefined;
        inIntro = false;
        const method = heading.word.toLowerCase();
        const line = lineOf(node);
        if (!isHttpMethod(method)) {
          ctx.unreadable(`the heading "${text}"`, `${heading.word} is not an HTTP method`, line);
          skipDepth = node.depth;
          continue;
        }
        const key = `${method} ${heading.path}`;
        if (seen.has(key)) {
          ctx.unreadable(`the heading "${text}"`, `${method.toUpperCase()} ${heading.path} is documented twice; only the first section is read`, line, joinPointer("/paths", heading.path, method));
          skipDepth = node.depth;
          continue;
        }
        seen.add(key);
        op = {
          method,
          path: heading.path,
          line,
          name: `${method.toUpperCase()} ${heading.path}`,
          pointer: joinPointer("/paths", heading.path, method),
          prose: [],
          curls: [],
          parameters: [],
          responses: [],
          errors: [],
        };
        page.operations.push(op);
        opDepth = node.depth;
        state = { kind: "none" };
        continue;
      }
      if (node.depth === 1 && page.title === undefined && !op) {
        page.title = text;
        page.titleLine = lineOf(node);
        inIntro = true;
        continue;
      }
      if (op && node.depth > opDepth) {
        const label = matchLabel(text);
        state = label ? startLabel(op, label, node, [], ctx) : { kind: "ignored" };
        continue;
      }
      // Any other heading at or above the operation's level ends it: an unknown section.
      op = undefined;
      inIntro = false;
      state = { kind: "none" };
      continue;
    }
    if (skipDepth !== undefined) continue;
    if (!op) {
      if (inIntro && node.type === "paragraph") page.intro.push(sourceOf(ctx.text, node.children));
      continue;
    }
    state = readBlock(op, node, state, ctx);
  }
  return page;
}

function readBlock(op: DocOperation, node: RootContent, state: State, ctx: ConversionContext): State {
  switch (node.type) {
    case "paragraph": {
      const label = labelOfParagraph(node);
      if (label) return startLabel(op, label.label, node, label.rest, ctx);
      if (state.kind !== "ignored") {
        const prose = sourceOf(ctx.text, node.children);
        if (prose) op.prose.push(prose);
      }
      return state;
    }
    case "code":
      readCode(op, node, state, ctx);
      return state;
    case "table": {
      if (state.kind === "requestBody") {
        state.body.fields.push(...readFieldTable(node, { what: `the Request body table of ${op.name}`, pointer: joinPointer(op.pointer, "requestBody") }, ctx, true));
      } else if (state.kind === "parameters") {
        const facts = readFieldTable(node, { what: `the ${cap(state.in)} parameters table of ${op.name}`, pointer: joinPointer(op.pointer, "parameters") }, ctx, true);
        op.parameters.push({ in: state.in, facts });
      } else if (state.kind === "response") {
        const r = state.response;
        r.fields.push(...readFieldTable(node, { what: `the field table of response ${r.status} of ${op.name}`, pointer: joinPointer(op.pointer, "responses", r.status) }, ctx, false));
      } else if (state.kind === "errors") {
        op.errors.push(...readErrorTable(node, { what: `the Errors table of ${op.name}`, pointer: joinPointer(op.pointer, "responses") }, ctx));
      }
      // Tables without a recognised label are not read.
      return state;
    }
    case "thematicBreak":
      return { kind: "none" };
    default:
      // Lists, block quotes, HTML and other blocks carry no facts this stage reads.
      return state;
  }
}

function cap(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}

/** A paragraph that starts with a bold label: the label and the inline nodes after it. */
function labelOfParagraph(node: Paragraph): { label: Label; rest: PhrasingContent[] } | undefined {
  const [first, ...rest] = node.children;
  if (!first || first.type !== "strong") return undefined;
  let text = plainText(first.children);
  // "**Request body**: …": the colon outside the bold.
  const next = rest[0];
  if (next?.type === "text" && /^\s*:/.test(next.value)) text += ":";
  const label = matchLabel(text);
  return label ? { label, rest } : undefined;
}

/** The remainder of a label paragraph as markdown, without the leading colon. */
function restText(rest: PhrasingContent[], ctx: ConversionContext): string {
  return rest.length ? sourceOf(ctx.text, rest).replace(/^\s*:\s*/, "").trim() : "";
}

const NO_BODY = /^\(?\s*(?:no (?:response )?(?:body|content)|empty(?: body| response)?|none)\s*\)?\s*\.?$/i;

function startLabel(op: DocOperation, label: Label, node: Paragraph | Heading, rest: PhrasingContent[], ctx: ConversionContext): State {
  const line = lineOf(node);
  const text = restText(rest, ctx);
  const plain = plainText(rest).replace(/^\s*:\s*/, "");
  const spans = codeSpans(rest);
  switch (label.kind) {
    case "requestBody": {
      const body = (op.requestBody ??= { line, emptyObject: false, none: false, mediaTypes: [], examples: [], fields: [] });
      if (text) body.description = body.description ? `${body.description}\n\n${text}` : text;
      if (spans.includes("{}") || /\bempty (?:json )?object\b/i.test(plain)) body.emptyObject = true;
      if (/^(?:none|no body|no request body|n\/a|—|-)\.?$/i.test(plain.trim())) body.none = true;
      for (const t of mediaTypesIn(spans)) if (!body.mediaTypes.includes(t)) body.mediaTypes.push(t);
      return { kind: "requestBody", body };
    }
    case "parameters":
      return { kind: "parameters", in: label.in, line };
    case "errors":
      return { kind: "errors", line };
    case "response": {
      if (label.fieldsOnly) {
        const last = op.responses[op.responses.length - 1];
        if (last) return { kind: "response", response: last };
      }
      let status = label.status;
      let description = text;
      if (!status) {
        // "**Response:** `204` (no body)." — the status opens the text.
        const s = parseStatus(plain);
        if (s) {
          status = s;
          description = description.replace(/^`?[1-5](?:\d\d|XX)`?\s*[:.,—–-]?\s*/i, "");
        }
      }
      status ??= "200";
      const noBody = NO_BODY.test(description.trim()) || /\bno (?:response )?(?:body|content)\b/i.test(plain);
      if (NO_BODY.test(description.trim())) description = "";
      let response = op.responses.find((r) => r.status === status);
      if (!response) {
        response = { status, lines: [], noBody: false, mediaTypes: [], examples: [], fields: [] };
        op.responses.push(response);
      }
      response.lines.push(line);
      if (noBody) response.noBody = true;
      if (description) response.description = response.description ? `${response.description}\n\n${description}` : description;
      for (const t of mediaTypesIn(spans)) if (!response.mediaTypes.includes(t)) response.mediaTypes.push(t);
      return { kind: "response", response };
    }
  }
}

function readCode(op: DocOperation, node: Code, state: State, ctx: ConversionContext): void {
  const lang = (node.lang ?? "").toLowerCase();
  const firstLine = codeContentLine(node, ctx.text);
  if (SHELL_LANGS.has(lang) && mentionsCurl(node.value)) {
    for (const command of parseCurlCommands(node.value)) op.curls.push({ command, firstLine });
    return;
  }
  const target = state.kind === "requestBody" ? state.body.examples : state.kind === "response" ? state.response.examples : undefined;
  const isJson = lang === "json" || lang === "jsonc" || lang === "json5" || (lang === "" && target !== undefined && /^\s*[[{]/.test(node.value));
  if (!isJson) return; // other languages: not read
  const parsed = parseJsonWithLines(node.value, firstLine);
  const where =
    state.kind === "requestBody" ? `the request body example of ${op.name}` : state.kind === "response" ? `the response ${state.response.status} example of ${op.name}` : `a JSON block of ${op.name}`;
  if (!parsed.ok) {
    const pointer = state.kind === "requestBody" ? joinPointer(op.pointer, "requestBody") : state.kind === "response" ? joinPointer(op.pointer, "responses", state.response.status) : op.pointer;
    ctx.unreadable(where, `invalid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.reason}`, parsed.line, pointer);
    return;
  }
  target?.push({ value: parsed.value, at: parsed.location, line: lineOf(node) });
}
