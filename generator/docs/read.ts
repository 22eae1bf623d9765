/**
 * Walks the markdown tree of one page into its model (page.ts): endpoint sections wherever the
 * endpoint is written (endpoints.ts), the labelled parts inside them (sections.ts), their tables,
 * lists, examples and curl calls, and what the page states for the whole API (errors, rate limits,
 * authentication). Every heading, table, list and code block is either read or reported with why
 * (context.ts). Nothing here builds OpenAPI; build.ts does.
 */
import type { Code, Heading, List, ListItem, Nodes, Paragraph, PhrasingContent, Root, RootContent, Table } from "mdast";
import { joinPointer } from "../openapi/pointer.ts";
import { isObject } from "../openapi/types.ts";
import { placeholderName, toTemplatePath } from "../normalize/path-templates.ts";
import type { ConversionContext } from "./context.ts";
import { mentionsCurl, parseCurlCommands, type CurlCommand } from "./curl.ts";
import { endpointLines, findEndpoint, matchTemplate, resolveTarget, templateFor, type EndpointMention } from "./endpoints.ts";
import { parseExampleJson, parseHttpMessage, type HttpMessage, type JsonLocation } from "./examples.ts";
import type { FieldFact } from "./fields.ts";
import { continueField, readDefinitions, readFieldList, readFieldParagraph, readValueList } from "./lists.ts";
import { readStatusDefinitions, readStatusList, statusesFromProse } from "./statuses.ts";
import { codeContentLine, codeSpans, htmlTable, lineOf, plainText, sourceOf } from "./markdown.ts";
import { emptyRules, type DocHeader, type DocOperation, type DocPage, type DocReference, type DocResponse, type JsonExample, type ParameterLocation } from "./page.ts";
import { mediaTypesIn, parseStatus } from "./prose.ts";
import { classifySection, sectionOfSentence, type Section } from "./sections.ts";
import { normalizeLabel } from "./vocabulary.ts";
import { readEndpointTable, readErrorTable, readFieldTable, shapeOf, tableColumns, type EndpointRow, type ErrorFact, type TablePlace } from "./tables.ts";
import { parseTypePhrase } from "./types.ts";
import { authFromHeader, authsFromProse } from "./auth.ts";
import { readComponents } from "./components.ts";
import { fieldPath, pathName } from "./fields.ts";
import { readTypeCell } from "./tables.ts";
import { rangeFromProse } from "./prose.ts";

const SHELL_LANGS = new Set(["", "bash", "sh", "shell", "zsh", "console", "terminal", "curl", "shellsession", "shell-session", "cmd", "powershell"]);
const JSON_LANGS = new Set(["json", "jsonc", "json5", "javascript", "js", "ts", "typescript"]);
const HTTP_LANGS = new Set([
  "",
  "http",
  "https",
  "plaintext",
  "plain",
  "text",
  "txt",
  "http request",
  "http-request",
  "request",
  "rest",
  "api",
  "none",
  "sh",
  "bash",
  "shell",
  "console",
]);
/** Kinds that hold parameters or fields. */
const FIELD_KINDS = new Set([
  "pathParameters",
  "urlParameters",
  "queryParameters",
  "headerParameters",
  "cookieParameters",
  "parameters",
  "requestBody",
  "request",
  "responseFields",
  "response",
  "responseExample",
]);
/** Kinds a page states for the whole API. */
const PAGE_KINDS = new Set(["errors", "errorFormat", "rateLimits", "authentication", "statusCodes"]);

interface Scope {
  op: DocOperation;
  /** Depth of the heading the section belongs to (0: before any heading). */
  depth: number;
  /** Opened by a heading, a line or an HTTP block (true), or inferred from a curl call (false). */
  explicit: boolean;
  section?: Section & { line: number; response?: DocResponse };
  /** A request was shown (curl, HTTP request, request example): an unlabelled JSON block after it is the answer. */
  requestShown: boolean;
  /** "### Attachments Detail" under a body that has `attachments`: the fields that follow are its children. */
  nest?: { path: string[]; where: "body" | "response" };
}

interface HeadingState {
  /** A heading, or a paragraph that is only bold text ("**Create**"), which titles what follows like a heading. */
  node: Heading | Paragraph;
  text: string;
  depth: number;
  /** An operation took its title from it. */
  used: boolean;
  prose: string[];
  /** What the heading labels ("Request", "Response 200"); undefined for a title. */
  section?: Section;
}

export function readPage(root: Root, ctx: ConversionContext): DocPage {
  const walker = new Walker(ctx);
  for (const node of root.children) walker.visit(node);
  ctx.finish(root, (node) => walker.reasonFor(node));
  for (const op of walker.page.operations) for (const twin of op.twins ?? []) shareSection(op, twin);
  for (const op of walker.page.operations) for (const ref of op.references ?? []) takeReferenced(walker.page.operations, op, ref, ctx);
  return walker.page;
}

/**
 * "It also accepts all the options of `/completion` except `stream` and `prompt`.", "Parameters and
 * response are the same as for the regular list endpoint.": what another endpoint of the page
 * documents, by path or by the word of its title.
 */
function referenceIn(source: string, op: DocOperation, line: number): DocReference | undefined {
  const m =
    /\b(?:(?:is|are) the same as(?: for)?|same as(?: for)?|identical to(?: those of)?|accepts? all (?:of )?the (?:options|parameters|fields|arguments) of|takes? the same (?:options|parameters|fields) as)\s+(?:the\s+)?(?:`(\/[^`\s]*)`|(?:regular\s+|same\s+)?(\w+)\s+endpoint)/i.exec(
      source,
    );
  if (!m) return undefined;
  const head = source.slice(0, m.index).toLowerCase() + m[0].toLowerCase();
  const names = /\b(?:options|fields|arguments)\b/.test(head);
  const parameters = /\bparameters?\b/.test(head) || (names && !["post", "put", "patch"].includes(op.method));
  const body = names && ["post", "put", "patch"].includes(op.method);
  const response = /\bresponses?\b|\bresults?\b/.test(head);
  const except = /\bexcept\b(.*)$/i.exec(source.slice(m.index + m[0].length))?.[1] ?? "";
  return {
    ...(m[1] ? { path: m[1] } : { title: m[2]!.toLowerCase() }),
    parameters,
    body,
    response,
    except: [...except.matchAll(/`([^`]+)`/g)].map((x) => x[1]!),
    line,
  };
}

function takeReferenced(ops: readonly DocOperation[], op: DocOperation, ref: DocReference, ctx: ConversionContext): void {
  const source = ops.find((o) => o !== op && (ref.path ? toTemplatePath(o.path) === toTemplatePath(ref.path) : (o.title ?? "").toLowerCase() === ref.title));
  if (!source) {
    ctx.unread(ref.line, `the reference in ${op.name}`, `it names ${ref.path ?? `the ${ref.title} endpoint`}, which this page does not document`, op.pointer);
    return;
  }
  const keep = (f: FieldFact): boolean => !ref.except.includes(f.path[0] ?? "");
  if (ref.parameters) for (const g of source.parameters) op.parameters.push({ in: g.in, facts: g.facts.filter(keep) });
  if (ref.body && source.requestBody) {
    const body = (op.requestBody ??= { line: ref.line, emptyObject: false, none: false, mediaTypes: [], examples: [], fields: [] });
    body.fields.push(...source.requestBody.fields.filter(keep));
  }
  if (ref.response) for (const r of source.responses) if (!op.responses.some((x) => x.status === r.status)) op.responses.push(r);
}

/** A twin ("HEAD|GET|POST /x") documents what its section documents; a body only where the method takes one. */
function shareSection(op: DocOperation, twin: DocOperation): void {
  twin.title ??= op.title;
  twin.prose = [...op.prose];
  twin.parameters = op.parameters;
  twin.responses = op.responses;
  twin.errors = op.errors;
  if (op.requestBody && ["post", "put", "patch"].includes(twin.method)) twin.requestBody ??= op.requestBody;
}

class Walker {
  readonly page: DocPage = { intro: [], operations: [], rules: emptyRules(), origins: [] };
  private scope?: Scope;
  /** The headings above the current block, outermost first. */
  private readonly headings: HeadingState[] = [];
  /** A page-level section (errors, rate limits, authentication) and the depth of its heading. */
  private pageSection?: { kind: Section["kind"]; depth: number; status?: string };
  private inIntro = false;
  private readonly byKey = new Map<string, { op: DocOperation; explicit: boolean }>();

  constructor(private readonly ctx: ConversionContext) {}

  visit(node: RootContent): void {
    if (node.type === "heading" || node.type === "table" || (node.type === "code" && !isIndented(node, this.ctx.text))) this.lastField = undefined;
    switch (node.type) {
      case "heading":
        return this.onHeading(node);
      case "paragraph":
        return this.onParagraph(node);
      case "code":
        return this.onCode(node);
      case "table":
        return this.onTable(node);
      case "list":
        return this.onList(node);
      case "thematicBreak":
        if (this.scope) this.scope.section = undefined;
        return;
      case "html": {
        const table = /<table\b/i.test(node.value) ? htmlTable(node.value, lineOf(node)) : undefined;
        if (table) return this.onTable(table);
        this.onComponents(node.value, lineOf(node), node);
        return;
      }
      default:
        // Block quotes (scraper banners), HTML and the like carry no facts.
        return;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Headings

  private get heading(): HeadingState | undefined {
    return this.headings[this.headings.length - 1];
  }

  private onHeading(node: Heading): void {
    // `## Title {: #anchor .class }` / `{#anchor}`: attribute lists (kramdown, mkdocs) are markup.
    const text = plainText(node.children)
      .trim()
      .replace(/\s*\{[:#][^}]*\}\s*$/, "");
    const depth = node.depth;
    while (this.headings.length > 0 && this.heading!.depth >= depth) this.headings.pop();
    const mention = findEndpoint(text, this.ctx.servers);
    if (mention) {
      this.headings.push({ node, text, depth, used: true, prose: [] });
      this.pageSection = undefined;
      this.inIntro = false;
      const op = this.open(mention, node, depth, true, mention.title);
      if (op) this.ctx.read(node, `the heading of endpoint ${op.name}`, op.pointer);
      return;
    }
    if (this.scope && depth <= this.scope.depth) this.scope = undefined;
    if (this.scope) this.scope.nest = undefined;
    const section = classifySection(text);
    this.headings.push({ node, text, depth, used: false, prose: [], ...(section && section.kind !== "prose" ? { section } : {}) });
    if (!this.scope && depth === 1 && this.page.title === undefined) {
      this.page.title = text;
      this.page.titleLine = lineOf(node);
      this.inIntro = true;
      this.heading!.section = undefined;
      this.ctx.read(node, "the page title");
      return;
    }
    this.inIntro = false;
    if (this.scope) {
      if (section && section.kind !== "prose") {
        this.setSection(section, node, []);
        this.ctx.read(node, `the ${text} section of ${this.scope.op.name}`, this.scope.op.pointer);
      } else if (section?.kind === "prose") {
        this.scope.section = { kind: "prose", line: lineOf(node) };
        this.ctx.read(node, `the ${text} section (prose) of ${this.scope.op.name}`, this.scope.op.pointer);
      } else {
        // A titled sub-part: an endpoint written in a block below it opens there; a part named for a
        // field ("Attachments Detail") documents that field's children; otherwise prose.
        this.scope.section = undefined;
        this.scope.nest = nestOf(this.scope.op, text);
        if (this.scope.nest) this.ctx.read(node, `the ${text} section: the fields of ${pathName(this.scope.nest.path)} of ${this.scope.op.name}`, this.scope.op.pointer);
      }
      return;
    }
    if (this.pageSection && depth <= this.pageSection.depth) this.pageSection = undefined;
    if (section?.kind === "prose") {
      this.ctx.read(node, `the ${text} section (prose)`);
    } else if (section && PAGE_KINDS.has(section.kind)) {
      this.pageSection = { kind: section.kind, depth, ...(section.status ? { status: section.status } : {}) };
      this.ctx.read(node, `the ${text} section`);
    } else if (section && this.pageSection && depth > this.pageSection.depth && section.status) {
      // "### 404" inside an error reference.
      this.ctx.read(node, `the ${text} section`);
    }
  }

  /**
   * "**Create**" alone on a line titles the part that follows like a heading one level below the
   * last real heading: a second one closes the part the first opened.
   */
  private onTitle(node: Paragraph, text: string): void {
    const real = [...this.headings].reverse().find((h) => h.node.type === "heading");
    const depth = (real?.depth ?? 0) + 0.5;
    while (this.headings.length > 0 && this.heading!.depth >= depth) this.headings.pop();
    if (this.scope && depth <= this.scope.depth) this.scope = undefined;
    this.headings.push({ node, text, depth, used: false, prose: [] });
  }

  /** Why an element nobody read was not read. */
  reasonFor(node: Nodes): { what: string; reason: string } {
    switch (node.type) {
      case "heading": {
        const text = plainText((node as Heading).children).trim();
        const word = /^\s*`?([A-Za-z]+)\s+\/\S*`?\s*$/.exec(text);
        if (word) return { what: `the heading "${text}"`, reason: `${word[1]} is not an HTTP method` };
        return {
          what: `the heading "${text}"`,
          reason: "it names no endpoint, and no section this stage reads (parameters, body, response, errors, rate limits, authentication) follows from it",
        };
      }
      case "table": {
        const names = ((node as Table).children[0]?.children ?? []).map((c) => plainText(c.children).trim());
        return {
          what: `the table (${names.join(" | ")})`,
          reason: "its columns are not those of a field, error, status or endpoint table, or no endpoint or section it belongs to is known",
        };
      }
      case "list":
        return { what: "the list", reason: "its items are not fields, endpoints or errors, or no endpoint or section it belongs to is known" };
      case "code": {
        const lang = (node as Code).lang ?? "";
        return { what: `the ${lang ? `${lang} ` : ""}code block`, reason: "it is not JSON, an HTTP message, a curl call or a list of endpoints (SDK and other code is not read)" };
      }
      default:
        return { what: node.type, reason: "not read" };
    }
  }

  // -------------------------------------------------------------------------------------------
  // Operations

  /** Opens (or reopens) the section of an endpoint; undefined when a heading documents it a second time. */
  private open(mention: EndpointMention, node: Nodes, depth: number, explicit: boolean, title?: string): DocOperation | undefined {
    if (mention.origin && !this.page.origins.includes(mention.origin)) this.page.origins.push(mention.origin);
    const key = `${mention.method} ${toTemplatePath(mention.path)}`;
    const existing = this.byKey.get(key);
    if (existing) {
      if (explicit && existing.explicit && node.type === "heading") {
        this.ctx.skip(
          node,
          `the heading "${plainText((node as Heading).children)}"`,
          `${existing.op.name} is documented twice; only the first section is read`,
          existing.op.pointer,
        );
        this.scope = undefined;
        return undefined;
      }
      this.scope = { op: existing.op, depth, explicit: explicit || existing.explicit, requestShown: false };
      existing.explicit ||= explicit;
      return existing.op;
    }
    const op: DocOperation = {
      method: mention.method,
      path: mention.path,
      line: lineOf(node),
      name: `${mention.method.toUpperCase()} ${mention.path}`,
      // Findings point where the operation will be in the canonical document (placeholders as {name}).
      pointer: joinPointer("/paths", toTemplatePath(mention.path), mention.method),
      prose: [],
      curls: [],
      parameters: [],
      responses: [],
      errors: [],
    };
    const owner = node.type === "heading" ? undefined : this.owner();
    if (title) op.title = title;
    else if (owner && !owner.used) {
      op.title = owner.text;
      owner.used = true;
      this.ctx.read(owner.node, `the heading of endpoint ${op.name}`, op.pointer);
    }
    if (owner) op.prose.push(...owner.prose);
    this.page.operations.push(op);
    this.byKey.set(key, { op, explicit });
    this.ctx.facts++;
    for (const method of mention.alsoMethods ?? []) {
      const twinKey = `${method} ${toTemplatePath(mention.path)}`;
      if (this.byKey.has(twinKey)) continue;
      const twin: DocOperation = {
        ...op,
        method,
        name: `${method.toUpperCase()} ${mention.path}`,
        pointer: joinPointer("/paths", toTemplatePath(mention.path), method),
        prose: [],
        curls: [],
        parameters: [],
        responses: [],
        errors: [],
      };
      delete twin.requestBody;
      (op.twins ??= []).push(twin);
      this.page.operations.push(twin);
      this.byKey.set(twinKey, { op: twin, explicit });
    }
    this.scope = { op, depth, explicit, requestShown: false };
    if (node.type !== "heading") this.enterLabels(owner);
    return op;
  }

  /** The innermost heading that titles something (not a label such as "Request"): an endpoint opened by a block belongs to it. */
  private owner(): HeadingState | undefined {
    for (let i = this.headings.length - 1; i >= 0; i--) if (!this.headings[i]!.section) return this.headings[i];
    return undefined;
  }

  /** Label headings between the owner and the block ("### Request") are the section the block sits in. */
  private enterLabels(owner: HeadingState | undefined): void {
    const from = owner ? this.headings.indexOf(owner) + 1 : 0;
    for (const h of this.headings.slice(from)) {
      if (!h.section) continue;
      this.setSection(h.section, h.node, []);
      this.ctx.read(h.node, `the ${h.text} section of ${this.scope!.op.name}`, this.scope!.op.pointer);
    }
  }

  /** Depth of the section an endpoint opened by a block belongs to. */
  private currentDepth(): number {
    return this.owner()?.depth ?? 0;
  }

  // -------------------------------------------------------------------------------------------
  // Labels

  private setSection(section: Section, node: Nodes, rest: PhrasingContent[]): void {
    const scope = this.scope!;
    const line = lineOf(node);
    const text = restText(rest, this.ctx);
    const plain = plainText(rest).replace(/^\s*:\s*/, "");
    const spans = codeSpans(rest);
    const op = scope.op;
    switch (section.kind) {
      case "requestBody": {
        const body = (op.requestBody ??= { line, emptyObject: false, none: false, mediaTypes: [], examples: [], fields: [] });
        if (text) body.description = body.description ? `${body.description}\n\n${text}` : text;
        if (spans.includes("{}") || /\bempty (?:json )?object\b/i.test(plain)) body.emptyObject = true;
        if (/^(?:none|no body|no request body|n\/a|—|-)\.?$/i.test(plain.trim())) body.none = true;
        for (const t of mediaTypesIn(spans)) if (!body.mediaTypes.includes(t)) body.mediaTypes.push(t);
        scope.section = { ...section, line };
        return;
      }
      case "response":
      case "responseExample":
      case "responseFields": {
        if (section.kind === "responseFields" || (section.kind === "responseExample" && !section.status)) {
          const last = scope.section?.response ?? op.responses[op.responses.length - 1];
          if (last && section.kind === "responseFields") {
            scope.section = { ...section, line, response: last };
            return;
          }
          if (section.kind === "responseExample" && last && !section.status) {
            scope.section = { ...section, line, response: last };
            return;
          }
        }
        const response = this.response(op, section.status, plain, text, spans, line);
        scope.section = { ...section, line, response };
        return;
      }
      default:
        scope.section = { ...section, line };
    }
  }

  /** The response a label opens: "Response `201`", "**Response:** `204` (no body).", "##### 404: Not Found". */
  private response(op: DocOperation, labelStatus: string | undefined, plain: string, text: string, spans: string[], line: number): DocResponse {
    let status = labelStatus;
    let description = text;
    if (!status) {
      const s = parseStatus(plain);
      if (s) {
        status = s;
        description = description.replace(/^`?[1-5](?:\d\d|XX)`?\s*[:.,—–-]?\s*/i, "");
      }
    }
    let assumed = false;
    if (!status) {
      const success = op.responses.find((r) => /^2/.test(r.status) && !r.assumed) ?? op.responses.find((r) => /^2/.test(r.status));
      const listed = op.errors.filter((e) => /^2/.test(e.status)).map((e) => e.status);
      status = success?.status ?? (listed.length > 0 ? listed[0]! : "200");
      assumed = success ? success.assumed === true : listed.length === 0;
    }
    const noBody = NO_BODY.test(description.trim()) || /\bno (?:response )?(?:body|content)\b/i.test(plain);
    if (NO_BODY.test(description.trim())) description = "";
    const response = responseFor(op, status);
    response.assumed = response.lines.length === 0 ? assumed : response.assumed === true && assumed;
    response.lines.push(line);
    if (noBody) response.noBody = true;
    if (description) response.description = response.description ? `${response.description}\n\n${description}` : description;
    for (const t of mediaTypesIn(spans)) if (!response.mediaTypes.includes(t)) response.mediaTypes.push(t);
    return response;
  }

  // -------------------------------------------------------------------------------------------
  // Paragraphs: endpoint lines, labels, definition lists, prose

  private onParagraph(node: Paragraph): void {
    const raw = this.ctx.text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
    if (/\{%|\{\{</.test(raw) && this.onComponents(raw, lineOf(node), node)) return;
    const text = plainText(node.children).trim();
    if (text.length <= 200 && !text.includes("\n")) {
      const mention = findEndpoint(text, this.ctx.servers);
      if (mention && this.isEndpointLine(node)) {
        const same = this.scope && this.scope.op.method === mention.method && toTemplatePath(this.scope.op.path) === toTemplatePath(mention.path);
        if (!same) this.open(mention, node, this.scope?.explicit && this.scope.depth >= this.currentDepth() ? this.scope.depth : this.currentDepth(), true, mention.title);
        this.ctx.facts++;
        return;
      }
    }
    const sentence = this.scope ? sectionOfSentence(text) : undefined;
    if (sentence && this.scope) {
      this.setSection(sentence, node, []);
      return;
    }
    const label = labelOfParagraph(node);
    const title = label ? undefined : boldTitle(node);
    if (title) return this.onTitle(node, title);
    if (label) {
      if (this.scope) {
        if (label.section.kind !== "prose") this.setSection(label.section, node, label.rest);
        else this.scope.section = { kind: "prose", line: lineOf(node) };
        return;
      }
      if (PAGE_KINDS.has(label.section.kind)) {
        this.pageSection = { kind: label.section.kind, depth: this.currentDepth() + 1 };
        return;
      }
    }
    const statuses = readStatusDefinitions(node, this.ctx);
    if (statuses && (this.scope || this.pageSection?.kind === "errors" || this.pageSection?.kind === "statusCodes")) {
      this.addStatuses(statuses);
      return;
    }
    if (this.scope) {
      const written = sourceOf(this.ctx.text, node.children);
      const scoped =
        /^the `([\w.[\]]+)` (?:section|field|object|property|key|attribute|member|part)\b[^.]*\b(?:format|structure|shape|following)\b[^.]*:$/i.exec(written) ??
        /\bvalue of (?:the )?`([\w.[\]]+)`[^:]*:$/i.exec(written);
      if (scoped) {
        this.exampleOf = { path: fieldPath(scoped[1]!), where: this.scope.requestShown || !["post", "put", "patch"].includes(this.scope.op.method) ? "response" : "body" };
        return;
      }
      const kind = this.scope.section?.kind;
      if (kind && FIELD_KINDS.has(kind)) {
        const place = { what: `the ${tableWhat(kind)} definitions of ${this.scope.op.name}`, pointer: this.scope.op.pointer };
        const facts = readDefinitions(node, this.ctx, place);
        if (facts) {
          this.foldFields(facts, place);
          this.lastField = facts[facts.length - 1];
          return;
        }
        const field = readFieldParagraph(node, this.ctx, place);
        if (field) {
          this.foldFields([field], place);
          this.lastField = field;
          return;
        }
      }
      if (kind !== "prose") {
        const prose = sourceOf(this.ctx.text, node.children);
        if (prose && !/^\{\{<.*>\}\}$/.test(prose)) this.scope.op.prose.push(prose);
      }
      const stated = statusesFromProse(text, lineOf(node));
      if (stated.length > 0) this.addStatuses(stated);
      const reference = referenceIn(sourceOf(this.ctx.text, node.children), this.scope.op, lineOf(node));
      if (reference) (this.scope.op.references ??= []).push(reference);
      return;
    }
    if (this.pageSection?.kind === "errors" && !this.pageSection.status) {
      // "A `4XX` response code from the registry MAY return …": the status the codes below answer with.
      const status = /`([1-5](?:\d\d|XX))`|\b([1-5]XX)\b/i.exec(text);
      if (status) this.pageSection.status = (status[1] ?? status[2])!.toUpperCase();
    }
    if (this.pageSection?.kind === "authentication" || this.pageSection?.kind === "errors") {
      // "the API endpoint will return error 401": a status every authenticated request may get.
      const stated = statusesFromProse(text, lineOf(node));
      if (stated.length > 0) this.addStatuses(stated);
    }
    if (this.pageSection?.kind === "authentication") {
      for (const scheme of authsFromProse(sourceOf(this.ctx.text, node.children))) {
        this.page.rules.auth.push({ scheme, line: lineOf(node) });
        this.ctx.facts++;
      }
    }
    if (/\bresponse headers?\b|\bheaders? (?:in|of) (?:the|every|each) (?:response|answer)\b/i.test(text) && /:$/.test(text)) this.headerList = true;
    // "The JSON response envelope format is as follows:": the next JSON wraps every answer.
    // A format of one property ("The `result` property has the following format:") is not an envelope.
    const envelope =
      /\b(?:response|answer)s?\b[^.]*\b(?:envelope|wrapper)\b[^.]*:$/i.test(text) ||
      /\b(?:every|all|each)\b[^.]*\b(?:response|answer)s?\b[^.]*\b(?:format|structure|shape)\b[^.]*:$/i.test(text);
    if (envelope && !/\berror\b/i.test(text) && !this.page.rules.responseEnvelope) this.envelopeNext = true;
    if (this.pageSection?.kind === "rateLimits" && /\bretry-after\b/i.test(text)) {
      this.page.rules.retryAfter ??= lineOf(node);
      this.ctx.facts++;
    }
    const prose = sourceOf(this.ctx.text, node.children);
    if (this.inIntro && prose) this.page.intro.push(prose);
    else if (this.heading && prose) this.heading.prose.push(prose);
  }

  /** The paragraph is only an endpoint, perhaps with a label word or title: not a sentence that mentions one. */
  private isEndpointLine(node: Paragraph): boolean {
    const text = plainText(node.children).trim();
    return text.split(/\s+/).length <= 14;
  }

  // -------------------------------------------------------------------------------------------
  // Components (MDX, GitBook, Hugo)

  /** Endpoints, labels and fields written as components; false when the text has none this stage knows. */
  private onComponents(text: string, line: number, node: Nodes): boolean {
    const components = readComponents(text);
    for (const c of components) {
      if (c.kind === "endpoint") {
        const mention = findEndpoint(`${c.method} ${c.path}`, this.ctx.servers);
        if (mention) this.open(mention, node, this.currentDepth(), true, c.title ?? mention.title);
      } else if (c.kind === "label") {
        const section = classifySection(c.text);
        if (section && this.scope) this.setSection(section, node, []);
      } else if (this.scope) {
        const path = fieldPath(c.name.replace(/^:/, ""));
        const fact: FieldFact = { name: pathName(path), path, line, hasDefault: false };
        if (c.where !== "response" && c.where !== "body") fact.in = c.where;
        if (c.required !== undefined) fact.required = c.required;
        if (c.type) readTypeCell(fact, c.type, { what: `the ${c.name} component of ${this.scope.op.name}`, pointer: this.scope.op.pointer }, this.ctx);
        if (c.default !== undefined) fact.defaultWord = c.default;
        if (c.description) {
          fact.description = c.description;
          Object.assign(fact, rangeFromProse(c.description));
        }
        const saved = this.scope.section;
        if (c.where === "response") this.scope.section = { kind: "responseFields", line, ...(saved?.response ? { response: saved.response } : {}) };
        else if (c.where === "body") this.scope.section = { kind: "requestBody", line };
        this.foldFields([fact], { what: `the ${c.name} component of ${this.scope.op.name}`, pointer: this.scope.op.pointer });
        if (c.where === "response" || c.where === "body") this.scope.section = c.where === "response" ? this.scope.section : saved;
      }
    }
    return components.length > 0;
  }

  // -------------------------------------------------------------------------------------------
  // Code blocks

  private onCode(node: Code): void {
    const lang = (node.lang ?? "").toLowerCase();
    const firstLine = codeContentLine(node, this.ctx.text);
    const value = node.value;
    if (this.lastField && isIndented(node, this.ctx.text)) {
      // The indented paragraphs of a definition (MkDocs, Markdown Extra) parse as indented code.
      continueField(this.lastField, value);
      return this.ctx.read(node, `the rest of the definition of ${this.lastField.name}`, this.scope?.op.pointer ?? "");
    }
    if (HTTP_LANGS.has(lang)) {
      const routes = endpointLines(value, this.ctx.servers);
      if (routes && new Set(routes.map((r) => toTemplatePath(r.mention.path))).size === 1 && (routes.length > 1 || !parseHttpMessage(value) || routes[0]!.mention.alsoMethods)) {
        // "PUT /x/<id>/" and "PATCH /x/<id>/" in one block: one section documents both.
        const [first, ...rest] = routes;
        const mention = {
          ...first!.mention,
          alsoMethods: [...new Set([...(first!.mention.alsoMethods ?? []), ...rest.flatMap((r) => [r.mention.method, ...(r.mention.alsoMethods ?? [])])])],
        };
        const op = this.open(mention, node, this.currentDepth(), true, mention.title);
        if (op) this.ctx.read(node, `the endpoint ${[op, ...(op.twins ?? [])].map((o) => o.name).join(", ")}`, op.pointer);
        return;
      }
      if (routes && routes.length > 1)
        return this.onRouteList(
          node,
          routes.map((r) => ({ mention: r.mention, line: firstLine + r.line - 1 })),
        );
      const message = parseHttpMessage(value);
      if (message?.kind === "request") {
        const op = this.onHttpRequest(node, message, firstLine);
        if (op !== undefined) {
          if (op && mentionsCurl(value)) this.onCurl(node, parseCurlCommands(value), firstLine);
          return;
        }
      } else if (message?.kind === "response" || (message?.kind === "headers" && this.inResponse() && !/^\s*[[{]/.test(value))) {
        return this.onHttpResponse(node, message, firstLine);
      }
    }
    // "$ curl '…'" and the JSON it printed, in one block: the call, then its answer.
    const printed = /^\s*\$?\s*curl\b[\s\S]*?\n(?=\s*[[{])/.exec(value);
    // Only when the command is complete before the JSON (no quote left open: `-d '{` is the command's own body).
    const complete = printed && (printed[0].match(/'/g) ?? []).length % 2 === 0 && (printed[0].match(/"/g) ?? []).length % 2 === 0 && !/\\\s*\n$/.test(printed[0]);
    if (printed && complete && (JSON_LANGS.has(lang) || SHELL_LANGS.has(lang))) {
      this.onCurl(node, parseCurlCommands(printed[0]), firstLine);
      if (this.scope) {
        const bodyLine = firstLine + printed[0].split("\n").length - 1;
        this.addJsonExample(node, value.slice(printed[0].length), bodyLine, "response", this.inResponse() ? this.scope.section?.response : undefined);
      }
      return;
    }
    if (SHELL_LANGS.has(lang) && mentionsCurl(value)) return this.onCurl(node, parseCurlCommands(value), firstLine);
    const looksJson = /^\s*(?:\/\/[^\n]*\n\s*)*[[{]/.test(value);
    if ((JSON_LANGS.has(lang) && looksJson) || (lang === "" && looksJson) || lang === "json" || lang === "jsonc" || lang === "json5" || lang === "hujson")
      return this.onJson(node, firstLine);
    if (this.pageSection?.kind === "authentication" || /^authorization\s*:/im.test(value)) {
      const auth = /^\s*(authorization|x-[\w-]*(?:key|token)[\w-]*|api[-_]?key)\s*:\s*(.+)$/im.exec(value);
      const scheme = auth ? authFromHeader(auth[1]!, auth[2]!) : undefined;
      if (scheme) {
        this.page.rules.auth.push({ scheme, line: firstLine });
        this.ctx.facts++;
        this.ctx.read(node, `the authentication example (${describeScheme(scheme)})`);
      }
    }
  }

  private inResponse(): boolean {
    const kind = this.scope?.section?.kind;
    return kind === "response" || kind === "responseExample";
  }

  private onRouteList(node: Code | List, routes: { mention: EndpointMention; line: number }[]): void {
    const saved = this.scope;
    for (const r of routes) {
      const op = this.open(r.mention, node, this.currentDepth(), false);
      if (op) op.line = r.line;
    }
    this.scope = saved;
    this.ctx.read(node, `a list of ${routes.length} endpoints`);
  }

  /**
   * "GET /x HTTP/1.1" and its headers and body. An example of the current endpoint when it matches
   * its template; otherwise it opens the endpoint. Returns the operation, null when the block was
   * reported, or undefined when it is not a request this stage can place.
   */
  private onHttpRequest(node: Code, message: Extract<HttpMessage, { kind: "request" }>, firstLine: number): DocOperation | null | undefined {
    const mention = findEndpoint(`${message.method} ${message.target}`, this.ctx.servers);
    if (!mention) return undefined;
    const scope = this.scope;
    const same =
      scope && scope.op.method === mention.method && (toTemplatePath(scope.op.path) === toTemplatePath(mention.path) || matchTemplate(scope.op.path, mention.path) !== undefined);
    let op: DocOperation | undefined = same ? scope!.op : undefined;
    if (!op) {
      const resolved = this.concreteMention(mention);
      if (!resolved) {
        this.ctx.skip(node, "the HTTP request", `it calls ${mention.path}, which names values rather than a path template, and no documented endpoint matches it`);
        return null;
      }
      op = this.open(resolved, node, this.currentDepth(), true, mention.title);
    }
    if (!op) return null;
    this.scope!.requestShown = true;
    for (const h of message.headers) {
      const scheme = authFromHeader(h.name, h.value);
      if (scheme && this.pageSection?.kind === "authentication") this.page.rules.auth.push({ scheme, line: firstLine + h.line - 1 });
      if (scheme) continue; // credentials are the security scheme's business
      // Standard negotiation and transport headers of a printed request are not the endpoint's parameters.
      if (/^(?:host|accept|accept-[\w-]+|content-type|content-length|user-agent|connection|cookie)$/i.test(h.name)) continue;
      const fact: FieldFact = { name: h.name, path: [h.name], line: firstLine + h.line - 1, hasDefault: false };
      op.parameters.push({ in: "header", facts: [fact] });
    }
    if (message.body && /^\s*[[{]/.test(message.body.text)) this.addJsonExample(node, message.body.text, firstLine + message.body.line - 1, "request");
    this.ctx.read(node, `the HTTP request of ${op.name}`, op.pointer);
    // On an authentication or error page a request only illustrates; what follows is still the page's.
    if (!same && this.pageSection?.kind === "authentication") this.scope = scope;
    return op;
  }

  /** A path written with values (`/device/12345`, `/tailnet/example.com/...`): the template it stands for, when one is known. */
  private concreteMention(mention: EndpointMention): EndpointMention | undefined {
    const segments = mention.path.split("/");
    if (segments.some((s) => /^(?:\.\.\.|…)$/.test(s))) return undefined;
    if (!segments.some(isIdValue)) return mention;
    const template = templateFor(mention.path, this.ctx.knownPaths.map(toTemplatePath));
    if (template) return { ...mention, path: template };
    this.ctx.unresolvedCalls++;
    return undefined;
  }

  /** "HTTP/1.1 200 OK" (or a transcript's headers and body under a response label). */
  private onHttpResponse(node: Code, message: Exclude<HttpMessage, { kind: "request" }>, firstLine: number): void {
    const scope = this.scope;
    if (!scope) return this.ctx.skip(node, "the HTTP response", "it follows no endpoint");
    const stated = message.kind === "response" ? message.status : (scope.section?.response?.status ?? scope.section?.status);
    const status = stated ?? "200";
    const response = responseFor(scope.op, status);
    if (message.kind === "response" || (stated && !scope.section?.response?.assumed)) response.assumed = false;
    else if (response.lines.length === 0) response.assumed = true;
    response.lines.push(firstLine);
    if (message.kind === "response" && message.reason && !response.description) response.description = message.reason;
    for (const h of message.headers) {
      if (/^content-type$/i.test(h.name)) {
        const type = h.value.split(";")[0]!.trim().toLowerCase();
        if (type && !response.mediaTypes.includes(type)) response.mediaTypes.push(type);
      }
      // Other headers of a printed answer are what one server sent once (Date, Server, CORS), not documented headers.
    }
    scope.section = { kind: "response", status, line: firstLine, response };
    const body = message.body;
    if (body && /^\s*(?:\/\/[^\n]*\n\s*)*[[{]/.test(body.text)) {
      this.addJsonExample(node, body.text, firstLine + body.line - 1, "response", response);
    } else if (!body && status === "204") response.noBody = true;
    this.ctx.read(node, `the HTTP response ${status} of ${scope.op.name}`, scope.op.pointer);
  }

  private onCurl(node: Code, commands: CurlCommand[], firstLine: number): void {
    if (!this.scope && this.pageSection?.kind === "authentication") {
      for (const c of commands) {
        for (const h of c.headers) {
          const scheme = authFromHeader(h.name, h.value);
          if (scheme) this.page.rules.auth.push({ scheme, line: firstLine + h.line - 1 });
        }
      }
      if (this.page.rules.auth.length > 0) {
        this.ctx.facts++;
        return this.ctx.read(node, `the authentication example (${describeScheme(this.page.rules.auth[this.page.rules.auth.length - 1]!.scheme)})`);
      }
    }
    for (const command of commands) {
      let scope = this.scope;
      if (!scope?.explicit) {
        const mention = this.callMention(command);
        if (!mention) {
          this.ctx.skip(node, "the curl example", `it calls ${command.path ?? "no URL"} outside any endpoint section, and no documented endpoint matches that path`);
          continue;
        }
        const same = scope && scope.op.method === mention.method && toTemplatePath(scope.op.path) === toTemplatePath(mention.path);
        if (!same) this.open(mention, node, this.currentDepth(), false);
        scope = this.scope;
      }
      if (!scope) continue;
      if (command.origin && !this.ctx.servers.some((s) => s.toLowerCase().startsWith(command.origin!)) && !this.page.origins.includes(command.origin))
        this.page.origins.push(command.origin);
      const target = [scope.op, ...(scope.op.twins ?? [])].find((o) => o.method === command.method.toLowerCase()) ?? scope.op;
      target.curls.push({ command, firstLine });
      scope.requestShown = true;
      this.reshaped = command.reshaped === true;
      this.ctx.read(node, `the curl example of ${target.name}`, target.pointer);
    }
  }

  /** Whether the last call's output was reshaped by jq (its JSON is not the API's). */
  private reshaped = false;
  /** The field read last, for a list of its allowed values that may follow; cleared by anything else. */
  private lastFieldValue?: FieldFact;
  private lastFieldName?: string;
  private get lastField(): FieldFact | undefined {
    return this.lastFieldValue;
  }
  private set lastField(fact: FieldFact | undefined) {
    this.lastFieldValue = fact;
    this.lastFieldName = fact?.name;
    // "Each item in the array has the following structure:": the next JSON block shows this field.
    if (fact && /(?:structure|format|shape|following|looks like|like this)[^.]*:\s*$/i.test(fact.description ?? "")) {
      const items = /\b(?:each (?:item|element|entry)|array|list)\b/i.test(fact.description ?? "");
      this.exampleOf = { path: items ? [...fact.path, "[]"] : fact.path, where: this.lastWhere ?? "response" };
    }
  }

  /** The field the next JSON block shows ("The `data` section … has the following format:"), and where it goes. */
  private exampleOf?: { path: string[]; where: ParameterLocation | "body" | "response" };
  /** Where the fields read last went. */
  private lastWhere?: ParameterLocation | "body" | "response";

  /** The endpoint a curl call outside an endpoint section documents: its literal path, or the known template it matches. */
  private callMention(command: CurlCommand): EndpointMention | undefined {
    if (command.path === undefined) return undefined;
    const resolved = command.url ? resolveTarget(command.url.replace(/^(?![a-z]+:\/\/|\/|\$|\{|<)/i, "https://"), this.ctx.servers) : undefined;
    const path = resolved?.path ?? command.path;
    const method = command.method.toLowerCase() as EndpointMention["method"];
    if (path.split("/").some((s) => /^(?:\.\.\.|…)$/.test(s))) return undefined;
    const template = templateFor(path.replace(/\$\{?\w+\}?/g, "x"), this.ctx.knownPaths.map(toTemplatePath));
    if (template) return { method, path: template };
    if (!path.split("/").some(isIdValue)) return { method, path };
    this.ctx.unresolvedCalls++;
    return undefined;
  }

  /** A sentence announced the body every answer is wrapped in. */
  private envelopeNext = false;

  private onJson(node: Code, firstLine: number): void {
    const scope = this.scope;
    const exampleOf = this.exampleOf;
    this.exampleOf = undefined;
    if (!scope && this.envelopeNext) {
      this.envelopeNext = false;
      const parsed = parseExampleJson(node.value, firstLine);
      if (!parsed.ok)
        return this.ctx.skip(node, "the response envelope example", `invalid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.reason}`, "", parsed.line);
      this.page.rules.responseEnvelope = { value: parsed.value, at: parsed.location, line: lineOf(node), partial: true };
      this.ctx.facts++;
      return this.ctx.read(node, "the body every answer is wrapped in (response envelope example)");
    }
    if (scope && exampleOf) return this.onFieldExample(node, firstLine, exampleOf);
    if (!scope) {
      if (this.pageSection?.kind === "errorFormat" || (this.pageSection?.kind === "errors" && !this.page.rules.envelope)) {
        const parsed = parseExampleJson(node.value, firstLine);
        if (!parsed.ok) return this.ctx.skip(node, "the error format example", `invalid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.reason}`, "", parsed.line);
        this.page.rules.envelope = { value: parsed.value, at: parsed.location, line: lineOf(node), ...(parsed.elided ? { partial: true } : {}) };
        this.ctx.facts++;
        return this.ctx.read(node, "the error body every error answer has (error format example)");
      }
      return;
    }
    const kind = scope.section?.kind;
    let target: "request" | "response" | undefined;
    if (kind === "errors") {
      // "Failed test error response:": an error answer; its status, when the label gives none, is not stated.
      const status = scope.section?.status ?? "default";
      const response = responseFor(scope.op, status);
      if (!scope.section?.status && response.lines.length === 0) response.assumed = true;
      response.lines.push(lineOf(node));
      return this.addJsonExample(node, node.value, firstLine, "response", response);
    }
    if (kind === "requestBody" || kind === "requestExample") target = "request";
    else if (kind === "response" || kind === "responseExample" || kind === "responseFields") target = "response";
    else if (kind === "request") target = scope.requestShown ? "response" : "request";
    else if (kind === "prose") target = undefined;
    else if (scope.requestShown || ["get", "delete", "head", "options"].includes(scope.op.method)) target = "response";
    if (!target) {
      return this.ctx.skip(node, `a JSON block of ${scope.op.name}`, "no label says whether it is a request or a response, and no request was shown before it", scope.op.pointer);
    }
    this.addJsonExample(node, node.value, firstLine, target, target === "response" ? scope.section?.response : undefined);
  }

  /** A JSON block that shows one field's value (its structure): every key in it is a field below that one. */
  private onFieldExample(node: Code, firstLine: number, of: { path: string[]; where: ParameterLocation | "body" | "response" }): void {
    const scope = this.scope!;
    const parsed = parseExampleJson(node.value, firstLine);
    if (!parsed.ok)
      return this.ctx.skip(
        node,
        `the example of ${pathName(of.path)} of ${scope.op.name}`,
        `invalid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.reason}`,
        scope.op.pointer,
        parsed.line,
      );
    // "The value of `response` will be a string containing JSON like:": what the string holds, not fields of the answer.
    const shown = scope.op.responses
      .flatMap((r) => r.examples)
      .map((e) => valueAt(e.value, of.path))
      .find((v) => v !== undefined);
    if (typeof shown === "string") return this.ctx.read(node, `an example of what ${pathName(of.path)} of ${scope.op.name} holds as text`, scope.op.pointer);
    const facts = factsOfExample(parsed.value, parsed.location, of.path);
    const saved = scope.section;
    if (of.where === "response") scope.section = { kind: "responseFields", line: lineOf(node), ...(saved?.response ? { response: saved.response } : {}) };
    else if (of.where === "body") scope.section = { kind: "requestBody", line: lineOf(node) };
    else for (const f of facts) f.in = of.where;
    this.foldFields(facts, { what: `the example of ${pathName(of.path)} of ${scope.op.name}`, pointer: scope.op.pointer }, node);
    scope.section = of.where === "response" ? scope.section : saved;
  }

  private addJsonExample(node: Code, text: string, firstLine: number, target: "request" | "response", response?: DocResponse): void {
    const scope = this.scope!;
    const op = scope.op;
    const status = response?.status ?? scope.section?.status;
    const where = target === "request" ? `the request body example of ${op.name}` : `the response ${status ?? ""} example of ${op.name}`.replace("  ", " ");
    const pointer = target === "request" ? joinPointer(op.pointer, "requestBody") : joinPointer(op.pointer, "responses", status ?? "200");
    const parsed = parseExampleJson(text, firstLine);
    if (!parsed.ok) return this.ctx.skip(node, where, `invalid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.reason}`, pointer, parsed.line);
    const example: JsonExample = { value: parsed.value, at: parsed.location, line: lineOf(node) };
    if (parsed.elided) example.partial = true;
    if (target === "request") {
      const body = (op.requestBody ??= { line: lineOf(node), emptyObject: false, none: false, mediaTypes: [], examples: [], fields: [] });
      body.examples.push(example);
      scope.requestShown = true;
    } else {
      const r = response ?? this.response(op, status, "", "", [], lineOf(node));
      if (this.reshaped) example.partial = true;
      r.examples.push(example);
      if (scope.section?.kind !== "response") scope.section = { kind: "response", status: r.status, line: lineOf(node), response: r };
    }
    this.reshaped = false;
    this.ctx.facts++;
    this.ctx.read(node, where, pointer);
  }

  // -------------------------------------------------------------------------------------------
  // Tables and lists

  private onTable(node: Table): void {
    const columns = tableColumns(node, this.ctx.servers);
    const shape = shapeOf(columns);
    const scope = this.scope;
    const label = scope?.section?.kind;
    const place = (what: string): TablePlace => ({ what, pointer: scope ? sectionPointer(scope.op.pointer, label, scope.section?.response?.status ?? scope.section?.status) : "" });
    if (shape === "rateLimits" || (shape === "endpoints" && this.pageSection?.kind === "rateLimits")) {
      const rows = readEndpointTable(node, columns, place("the rate-limit table"), this.ctx, this.ctx.servers);
      for (const r of rows) this.page.rules.rateLimits.push({ mention: r.mention, line: r.line, ...(r.limit ? { limit: r.limit } : {}) });
      this.ctx.facts += rows.length;
      return this.ctx.read(node, `the rate-limit table: ${rows.length} endpoint(s)`);
    }
    if (shape === "endpoints") {
      const rows = readEndpointTable(node, columns, place("the endpoint table"), this.ctx, this.ctx.servers);
      const saved = this.scope;
      // One row ("| URL | Requires Auth | HTTP Method |"): the table states the endpoint the page documents.
      const single = rows.length === 1 && !scope;
      for (const r of rows) {
        // A page that states its one endpoint in a table documents it in every section below the title.
        const op = this.open(r.mention, node, single ? (this.headings[0]?.depth ?? 0) : this.currentDepth(), single, r.summary);
        if (!op) continue;
        if (op.line === lineOf(node)) op.line = r.line;
        for (const o of [op, ...(op.twins ?? [])]) this.foldRow(o, r);
      }
      if (!single) this.scope = saved;
      return this.ctx.read(node, `the endpoint table: ${rows.length} endpoint(s)`);
    }
    const codesHere = shape === "codes" && (label === "errors" || (!scope && this.pageSection?.kind === "errors"));
    if (shape === "errors" || shape === "statuses" || codesHere) {
      const what = scope ? `the ${shape === "statuses" ? "status" : "Errors"} table of ${scope.op.name}` : "the error table";
      const sectionStatus = scope ? (scope.section?.status ?? "default") : (this.pageSection?.status ?? "default");
      const rows = readErrorTable(node, columns, place(what), this.ctx, this.ctx.servers, sectionStatus);
      if (scope) scope.op.errors.push(...rows);
      else {
        const auth = this.pageSection?.kind === "authentication";
        for (const r of rows) this.page.rules.errors.push({ ...r, auth });
      }
      this.ctx.facts += rows.length;
      return this.ctx.read(node, `${what}: ${rows.length} row(s)`, scope?.op.pointer ?? "");
    }
    if (shape === "fields" && scope) {
      const defaults = scope.section?.required !== undefined ? { required: scope.section.required } : {};
      const facts = readFieldTable(node, columns, place(`the ${tableWhat(label)} table of ${scope.op.name}`), this.ctx, defaults);
      const nameColumn = normalizeLabel(columns.names[columns.index.name!] ?? "");
      return this.foldFields(
        facts,
        place(`the ${tableWhat(label)} table of ${scope.op.name}`),
        node,
        /^(?:field|property|attribute|key|element|field name|property name|attribute name)$/.test(nameColumn) ? "fields" : "parameters",
      );
    }
    if (!scope && this.pageSection?.kind === "authentication") {
      // "| Authorization | Bearer <key> |": a header and its value, row by row.
      let found = 0;
      for (const row of node.children.slice(1)) {
        const [name, value] = row.children.map((c) => plainText(c.children).trim().replace(/`/g, ""));
        const scheme = name && value ? authFromHeader(name, value) : undefined;
        if (scheme) {
          this.page.rules.auth.push({ scheme, line: lineOf(row) });
          found++;
        }
      }
      if (found > 0) {
        this.ctx.facts += found;
        return this.ctx.read(node, `the authentication table (${describeScheme(this.page.rules.auth[this.page.rules.auth.length - 1]!.scheme)})`);
      }
    }
    // Unread: reported when the page is finished, with its columns.
  }

  /**
   * Endpoints documented as list items ("- **POST** `/completion`: Given a prompt…" with options
   * and examples indented below): each item is the section of its endpoint. The last one stays
   * open, so a "Result JSON" heading that follows the list belongs to it.
   */
  private onEndpointItems(node: List, routes: RouteItem[]): void {
    const depth = this.currentDepth() + 0.75;
    for (const r of routes) {
      const op = this.open(r.mention, r.item as unknown as Nodes, depth, true, r.mention.title);
      if (!op) continue;
      op.line = r.line;
      if (r.rest) op.prose.push(r.rest);
      for (const child of r.item.children.slice(1)) this.visit(child as RootContent);
      this.scope = this.scope?.op === op ? this.scope : { op, depth, explicit: true, requestShown: false };
    }
    this.ctx.read(node, `the list of ${routes.length} endpoint(s), each with its section`);
  }

  /** Statuses of an endpoint (its section), or of the whole API (a page-level list or definitions). */
  private addStatuses(facts: ErrorFact[]): void {
    if (this.scope) this.scope.op.errors.push(...facts);
    else for (const f of facts) this.page.rules.errors.push({ ...f, auth: this.pageSection?.kind === "authentication" });
    this.ctx.facts += facts.length;
  }

  /** Statuses and query parameters an endpoint table's row states. */
  private foldRow(op: DocOperation, row: EndpointRow): void {
    for (const status of row.statuses) responseFor(op, status).lines.push(row.line);
    if (row.query.length === 0) return;
    let group = op.parameters.find((g) => g.in === "query");
    if (!group) op.parameters.push((group = { in: "query", facts: [] }));
    for (const q of row.query) {
      if (group.facts.some((f) => f.name === q.name)) continue;
      const fact: FieldFact = { name: q.name, path: [q.name], line: row.line, hasDefault: false };
      // `n=<integer>`: the placeholder names the type.
      const placeholder = /^<([\w\s-]+)>$/.exec(q.value)?.[1];
      const type = placeholder ? parseTypePhrase(placeholder.toLowerCase()) : undefined;
      if (type && Object.keys(type).length > 0) fact.declared = type;
      group.facts.push(fact);
    }
  }

  /** A sentence announced the response headers; the list that follows names them. */
  private headerList = false;

  private onList(node: List): void {
    if (this.headerList) {
      this.headerList = false;
      const headers = readHeaderList(node);
      if (headers) {
        if (this.scope) {
          const response = this.scope.section?.response ?? this.response(this.scope.op, undefined, "", "", [], lineOf(node));
          response.headers.push(...headers);
        } else this.page.rules.headers.push(...headers);
        this.ctx.facts += headers.length;
        return this.ctx.read(node, `the response headers ${headers.map((h) => h.name).join(", ")}${this.scope ? ` of ${this.scope.op.name}` : " of every answer"}`);
      }
    }
    // A list whose later items start documenting endpoints ("- `content`: …" then "- **POST** `/tokenize`: …"):
    // the items before are the current section's, the rest are endpoints.
    const split = node.children.findIndex((item, i) => i > 0 && routeItems({ ...node, children: [item] }, this.ctx.servers) !== undefined);
    if (split > 0 && routeItems({ ...node, children: node.children.slice(split) }, this.ctx.servers)) {
      this.onList({ ...node, children: node.children.slice(0, split) });
      const routes = routeItems({ ...node, children: node.children.slice(split) }, this.ctx.servers)!;
      this.onEndpointItems({ ...node, children: node.children.slice(split) }, routes);
      return this.ctx.read(node, "the list of fields and endpoints");
    }
    const scope = this.scope;
    const routes = routeItems(node, this.ctx.servers);
    if (routes?.some((r) => r.rest !== "" || r.item.children.length > 1)) return this.onEndpointItems(node, routes);
    if (routes) return this.onRouteList(node, routes);
    const statuses = readStatusList(node);
    if (statuses && (scope || this.pageSection || this.heading)) {
      this.addStatuses(statuses);
      return this.ctx.read(node, `the list of ${statuses.length} status(es)${scope ? ` of ${scope.op.name}` : " for the API"}`, scope?.op.pointer ?? "");
    }
    if (!scope) return;
    const announces = /(?:options|values|one of|following|supported|accepted|possible|valid|choices)[^.]*:\s*$/i.test(this.lastField?.description ?? "");
    const values = announces ? readValueList(node) : undefined;
    if (values && this.lastField) {
      // "Currently, supported options are:" followed by "* `all`: …": the allowed values of that field.
      this.lastField.enum = [...new Set([...(this.lastField.enum ?? []), ...values])];
      this.lastField = undefined;
      return this.ctx.read(node, `the allowed values of ${scope.op.name}'s ${this.lastFieldName ?? "field"}`, scope.op.pointer);
    }
    const kind = scope.section?.kind;
    const what = `the ${tableWhat(kind)} list of ${scope.op.name}`;
    const facts = readFieldList(node, { what, pointer: scope.op.pointer }, this.ctx, { loose: kind !== undefined && FIELD_KINDS.has(kind) });
    if (!facts) return;
    if (scope.section?.required !== undefined) for (const f of facts) f.required ??= scope.section.required;
    this.foldFields(facts, { what, pointer: scope.op.pointer }, node);
    this.lastField = facts[facts.length - 1];
  }

  /** Field facts go where the section, the row's In column or the method says: parameters, body or response. */
  private foldFields(given: FieldFact[], place: TablePlace, node?: Nodes, hint: "fields" | "parameters" = "parameters"): void {
    let facts = given;
    const scope = this.scope!;
    const op = scope.op;
    let kind = scope.section?.kind;
    if (scope.nest && (kind === undefined || kind === "prose" || kind === "parameters" || kind === "requestBody" || kind === "responseFields" || kind === "response")) {
      facts = facts.map((f) => ({ ...f, path: [...scope.nest!.path, ...f.path], name: pathName([...scope.nest!.path, ...f.path]) }));
      kind = scope.nest.where === "body" ? "requestBody" : "responseFields";
    }
    if (kind === undefined || kind === "prose") {
      // No label: "Field"/"Attribute" columns after a response, or on a read, describe the answer.
      const answered = op.responses.length > 0 || (hint === "fields" && ["get", "delete", "head"].includes(op.method));
      kind = answered ? "responseFields" : undefined;
    }
    const pathNames = new Set(pathParameterNamesOf(op.path));
    const counts = { parameters: 0, body: 0, response: 0 };
    for (const fact of facts) {
      const where = this.placeField(fact, kind, pathNames);
      this.lastWhere = where;
      if (where === "response") {
        const response = scope.section?.response ?? this.response(op, undefined, "", "", [], fact.line);
        if (!scope.section?.response) scope.section = { kind: "responseFields", line: fact.line, response };
        response.fields.push(fact);
        counts.response++;
      } else if (where === "body") {
        const body = (op.requestBody ??= { line: fact.line, emptyObject: false, none: false, mediaTypes: [], examples: [], fields: [] });
        body.fields.push(fact);
        counts.body++;
      } else {
        let group = op.parameters.find((g) => g.in === where);
        if (!group) op.parameters.push((group = { in: where, facts: [] }));
        group.facts.push(fact);
        counts.parameters++;
      }
    }
    this.ctx.facts += facts.length;
    const parts = Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k === "response" ? "response field(s)" : k === "body" ? "body field(s)" : "parameter(s)"}`);
    if (node) this.ctx.read(node, `${place.what}: ${parts.join(", ") || "no rows"}${scope.section?.kind ? "" : " (no label: placed by its columns and the method)"}`, op.pointer);
  }

  private placeField(fact: FieldFact, kind: Section["kind"] | undefined, pathNames: ReadonlySet<string>): ParameterLocation | "body" | "response" {
    if (kind === "response" || kind === "responseExample" || kind === "responseFields") return "response";
    if (fact.in) return fact.in;
    const first = fact.path[0] ?? "";
    if (pathNames.has(first) && fact.path.length === 1) return "path";
    switch (kind) {
      case "pathParameters":
        return "path";
      case "urlParameters":
        // "URL parameters" that are not placeholders of the path are its query string.
        return "query";
      case "queryParameters":
        return "query";
      case "headerParameters":
        return "header";
      case "cookieParameters":
        return "cookie";
      case "requestBody":
        return "body";
      default:
        return ["get", "delete", "head", "options"].includes(this.scope!.op.method) ? "query" : "body";
    }
  }
}

/** A path segment that is a value (an id, a shell variable, an email), not a name: `sess_019e…`, `123`, `$ID`, `a@b.com`. */
function isIdValue(segment: string): boolean {
  if (placeholderName(segment) !== undefined) return false; // `{id}`, `<id>`, `:id`: a template, not a value
  if (/[$<>{}]/.test(segment) || /^\d+$/.test(segment) || segment.includes("@")) return true;
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|dev|co|ai|sh|app)$/i.test(segment)) return true; // a domain: a tailnet, a host
  if (/^v\d+(?:[a-z]+\d*)?(?:\.\d+)*$/i.test(segment)) return false; // a version: v1, v2beta3
  if (/^[0-9a-f]{12,}$/i.test(segment) && /\d/.test(segment)) return true; // a hash
  return segment.length >= 8 && /\d/.test(segment) && /[_-]/.test(segment);
}

/** Where a labelled part lands in the document, for finding pointers. */
function sectionPointer(opPointer: string, kind: Section["kind"] | undefined, status: string | undefined): string {
  switch (kind) {
    case "requestBody":
    case "requestExample":
      return joinPointer(opPointer, "requestBody");
    case "pathParameters":
    case "urlParameters":
    case "queryParameters":
    case "headerParameters":
    case "cookieParameters":
    case "parameters":
      return joinPointer(opPointer, "parameters");
    case "response":
    case "responseExample":
    case "responseFields":
      return joinPointer(opPointer, "responses", status ?? "200");
    case "errors":
    case "statusCodes":
      return joinPointer(opPointer, "responses");
    default:
      return opPointer;
  }
}

function pathParameterNamesOf(path: string): string[] {
  return toTemplatePath(path)
    .split("/")
    .map((s) => /^\{(.+)\}$/.exec(s)?.[1])
    .filter((n): n is string => n !== undefined);
}

function tableWhat(kind: Section["kind"] | undefined): string {
  switch (kind) {
    case "pathParameters":
      return "Path parameters";
    case "urlParameters":
      return "URL parameters";
    case "queryParameters":
      return "Query parameters";
    case "headerParameters":
      return "Header parameters";
    case "cookieParameters":
      return "Cookie parameters";
    case "requestBody":
      return "Request body";
    case "response":
    case "responseExample":
    case "responseFields":
      return "response field";
    case undefined:
      return "field";
    default:
      return "Parameters";
  }
}

export function responseFor(op: DocOperation, status: string): DocResponse {
  let response = op.responses.find((r) => r.status === status);
  if (!response) {
    response = { status, lines: [], noBody: false, mediaTypes: [], examples: [], fields: [], headers: [] };
    op.responses.push(response);
  }
  return response;
}

/** Items that are each `METHOD /path` (a README's route list): the endpoints, or undefined. */
interface RouteItem {
  mention: EndpointMention;
  line: number;
  item: ListItem;
  /** What the item says after the endpoint ("Returns the current state of the server:"). */
  rest: string;
}

/** Items that each open with `METHOD /path` (a README's route list, or endpoints documented as bullets). */
function routeItems(list: List, servers: readonly string[]): RouteItem[] | undefined {
  const out: RouteItem[] = [];
  for (const item of list.children) {
    const first = item.children[0];
    if (first?.type !== "paragraph") return undefined;
    const text = plainText(first.children).trim();
    const [head, ...tail] = text.split(/(?<=\S)\s+[—–-]\s+|:\s/);
    const mention = findEndpoint(head!, servers);
    if (!mention) return undefined;
    out.push({ mention, line: lineOf(item), item, rest: tail.join(": ").trim() });
  }
  const documented = out.some((r) => r.rest !== "" || r.item.children.length > 1);
  return out.length >= 2 || documented ? out : undefined;
}

const NO_BODY = /^\(?\s*(?:no (?:response )?(?:body|content)|empty(?: body| response)?|none)\s*\)?\s*\.?$/i;

/** Items that each name a header in a code span ("`x-ratelimit-limit`: …"). */
function readHeaderList(list: List): DocHeader[] | undefined {
  const out: DocHeader[] = [];
  for (const item of list.children) {
    const first = item.children[0];
    const span = first?.type === "paragraph" ? first.children[0] : undefined;
    if (span?.type !== "inlineCode" || !/^[A-Za-z][A-Za-z0-9-]*$/.test(span.value)) return undefined;
    const rest = plainText((first as Paragraph).children.slice(1))
      .replace(/^\s*[:—–-]\s*/, "")
      .trim();
    out.push({ name: span.value, line: lineOf(item), ...(rest ? { description: rest } : {}) });
  }
  return out.length > 0 ? out : undefined;
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const segment of path) {
    if (segment === "[]") v = Array.isArray(v) ? v[0] : undefined;
    else v = isObject(v) ? v[segment] : undefined;
  }
  return v;
}

/**
 * The field a sub-heading names, word by word: "Attachments Detail" → `attachments[]`,
 * "Attachment Field Objects" → `attachments[].fields[]` (singular or plural, any case).
 */
function nestOf(op: DocOperation, heading: string): { path: string[]; where: "body" | "response" } | undefined {
  const sets: { where: "body" | "response"; facts: FieldFact[] }[] = [
    { where: "body", facts: op.requestBody?.fields ?? [] },
    { where: "response", facts: op.responses.flatMap((r) => r.fields) },
  ];
  const words = heading
    .toLowerCase()
    .split(/[^a-z0-9_]+/)
    .filter(Boolean);
  const same = (a: string, b: string): boolean => {
    const x = a.toLowerCase();
    return x === b || x === `${b}s` || `${x}s` === b || x === b.replace(/ies$/, "y") || x.replace(/ies$/, "y") === b;
  };
  for (const { where, facts } of sets) {
    let path: string[] = [];
    for (const word of words) {
      const bare = (p: string[]) => p.filter((s) => s !== "[]");
      const match = facts.find(
        (f) => bare(f.path).length === bare(path).length + 1 && bare(f.path).slice(0, -1).join(".") === bare(path).join(".") && same(f.path[f.path.length - 1]!, word),
      );
      if (!match) break;
      const isArray = (match.declared ?? match.described ?? match.exampleType)?.type === "array";
      path = isArray ? [...match.path, "[]"] : match.path;
    }
    if (path.length > 0) return { path, where };
  }
  return undefined;
}

/** The fields an example value shows, below `prefix`: each key's path and the JSON type of its value. */
function factsOfExample(value: unknown, at: JsonLocation, prefix: string[]): FieldFact[] {
  const out: FieldFact[] = [];
  const visit = (v: unknown, loc: JsonLocation | undefined, path: string[]): void => {
    if (path.length > 0 && path !== prefix) {
      // A `<value>` placeholder says a field is there, not what type it has.
      const type =
        v === null || loc?.placeholder
          ? undefined
          : Array.isArray(v)
            ? "array"
            : typeof v === "object"
              ? "object"
              : typeof v === "number"
                ? Number.isInteger(v)
                  ? "integer"
                  : "number"
                : typeof v;
      const fact: FieldFact = { name: pathName(path), path, line: loc?.line ?? at.line, hasDefault: false };
      if (type && path[path.length - 1] !== "[]") fact.declared = { type };
      if (path[path.length - 1] !== "[]" || (type !== "object" && type !== undefined)) out.push(fact);
    }
    if (Array.isArray(v)) {
      v.forEach((e, i) => {
        visit(e, loc?.children?.get(String(i)), [...path, "[]"]);
      });
    } else if (isObject(v)) for (const [k, e] of Object.entries(v)) visit(e, loc?.children?.get(k), [...path, k]);
  };
  visit(value, at, prefix);
  // One fact per path (array elements repeat).
  const seen = new Set<string>();
  return out.filter((f) => !seen.has(f.name) && seen.add(f.name));
}

/** An indented code block (four spaces, no fence). */
function isIndented(node: Code, text: string): boolean {
  const start = node.position?.start.offset ?? 0;
  return !/^[ \t]*(?:```|~~~)/.test(text.slice(start, start + 16));
}

/** A paragraph that is only bold words ("**List Archived**"): a title, when no label. */
function boldTitle(node: Paragraph): string | undefined {
  const children = node.children.filter((c) => !(c.type === "text" && c.value.trim() === ""));
  if (children.length !== 1 || children[0]!.type !== "strong") return undefined;
  const text = plainText(children[0]!.children).trim();
  if (text === "" || text.length > 60 || /[.:!?]$/.test(text) || findEndpoint(text)) return undefined;
  return classifySection(text) ? undefined : text;
}

/** A paragraph that starts with a bold label, or is a short "Label:" line: the section and the inline nodes after it. */
function labelOfParagraph(node: Paragraph): { section: Section; rest: PhrasingContent[] } | undefined {
  const [first, ...rest] = node.children;
  if (!first) return undefined;
  if (first.type === "strong") {
    let text = plainText(first.children);
    const next = rest[0];
    if (next?.type === "text" && /^\s*:/.test(next.value)) text += ":";
    const section = classifySection(text);
    return section ? { section, rest } : undefined;
  }
  // "Request fields:", "Response (immediate, `status: "creating"`):" — a short line ending in a colon;
  // "Response" or "Example" alone on a line.
  const plain = plainText(node.children).trim();
  if (plain.includes("\n")) return undefined;
  if (plain.length <= 80 && /:$/.test(plain)) {
    const section = classifySection(plain);
    return section ? { section, rest: [] } : undefined;
  }
  if (plain.length <= 40) {
    const section = classifySection(plain, { exact: true });
    return section ? { section, rest: [] } : undefined;
  }
  return undefined;
}

/** The remainder of a label paragraph as markdown, without the leading colon. */
function restText(rest: PhrasingContent[], ctx: ConversionContext): string {
  return rest.length
    ? sourceOf(ctx.text, rest)
        .replace(/^\s*:\s*/, "")
        .trim()
    : "";
}

function describeScheme(scheme: Record<string, unknown>): string {
  return scheme.type === "http" ? `HTTP ${String(scheme.scheme)}` : `API key in ${String(scheme.in)} ${String(scheme.name)}`;
}
