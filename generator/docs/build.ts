/**
 * Builds the partial OpenAPI 3.1 document from the page model: every operation, parameter,
 * request body, response and schema property carries `x-source` lines of the markdown.
 */
import { X_SOURCE, isObject, type JsonObject, type OpenApiDocument, type Operation, type PathItem } from "../openapi/types.ts";
import { joinPointer } from "../openapi/pointer.ts";
import type { ConversionContext } from "./context.ts";
import type { CurlCommand } from "./curl.ts";
import { collectIdentities, identifyByObjectField, inferSamples, type Sample } from "./infer-schema.ts";
import { parseJsonWithLines } from "./json-lines.ts";
import { isJsonMediaType } from "../openapi/media-types.ts";
import { addNull, coerceWord, primaryType, reasonPhrase, typesOf } from "./prose.ts";
import type { DocOperation, DocPage, DocResponse, JsonExample, ParameterLocation } from "./read.ts";
import type { ErrorFact, FieldFact } from "./tables.ts";

/** Prefix of the note inferSchema writes when a field is null in every example. */
const NULL_NOTE = "Every documented example is null";

interface Build {
  ctx: ConversionContext;
  related: Map<string, Sample[]>;
  /** Field tables that document an identified object ("session"), applied wherever it appears. */
  identityFacts: Map<string, FieldFact[]>;
}

export function buildDocument(page: DocPage, ctx: ConversionContext): OpenApiDocument {
  const responseSamples: Sample[] = [];
  for (const op of page.operations) for (const r of op.responses) for (const e of r.examples) responseSamples.push(toSample(e));
  const build: Build = { ctx, related: collectIdentities(responseSamples, identifyByObjectField), identityFacts: new Map() };
  for (const op of page.operations) {
    for (const r of op.responses) {
      const id = topIdentity(r.examples);
      if (id !== undefined && r.fields.length > 0) build.identityFacts.set(id, [...(build.identityFacts.get(id) ?? []), ...r.fields]);
    }
  }

  const info: JsonObject = { title: page.title ?? titleFromFile(ctx.file), version: "0.0.0" };
  if (page.intro.length > 0) info.description = page.intro.join("\n\n");
  const paths: Record<string, PathItem> = {};
  for (const op of page.operations) {
    const item = (paths[op.path] ??= {});
    item[op.method] = buildOperation(op, build);
  }
  return { openapi: "3.1.0", info, paths };
}

function titleFromFile(file: string): string {
  return (file.split("/").pop() ?? file).replace(/\.[^.]+$/, "");
}

function toSample(e: JsonExample): Sample {
  return { value: e.value, at: e.at };
}

function topIdentity(examples: readonly JsonExample[]): string | undefined {
  if (examples.length === 0) return undefined;
  const ids = new Set(examples.map((e) => (isObject(e.value) ? identifyByObjectField(e.value) : undefined)));
  const [only] = ids;
  return ids.size === 1 ? only : undefined;
}

// ---------------------------------------------------------------------------------------------
// Operations

function buildOperation(op: DocOperation, build: Build): Operation {
  const { ctx } = build;
  const operation: Operation = {};
  if (op.prose.length > 0) {
    operation.summary = firstSentence(op.prose[0]!);
    operation.description = op.prose.join("\n\n");
  }
  const curls = usableCurls(op, ctx);
  const parameters = buildParameters(op, curls, build);
  if (parameters.length > 0) operation.parameters = parameters;
  const requestBody = buildRequestBody(op, curls, build);
  if (requestBody) operation.requestBody = requestBody;
  const responses = buildResponses(op, build);
  if (Object.keys(responses).length > 0) operation.responses = responses;
  operation[X_SOURCE] = [ctx.source(op.line)];
  return operation;
}

/** First sentence of a paragraph: up to the first . ! or ? that ends a sentence outside code spans. */
export function firstSentence(text: string): string {
  let inCode = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "`") inCode = !inCode;
    else if (!inCode && (c === "." || c === "!" || c === "?") && (i + 1 === text.length || /\s/.test(text[i + 1]!))) {
      const sentence = text.slice(0, i + 1);
      if (/\b(?:e\.g|i\.e|etc|vs|approx|incl|cf|no)\.$/i.test(sentence)) continue;
      return sentence.trim();
    }
  }
  return text.trim();
}

interface UsableCurl {
  command: CurlCommand;
  /** Markdown line of a line number inside the block. */
  abs: (line: number) => number;
  pathValues: Map<string, string>;
}

/** Curl commands that agree with the heading; a disagreeing method or path is a finding and its facts are not used. */
function usableCurls(op: DocOperation, ctx: ConversionContext): UsableCurl[] {
  const out: UsableCurl[] = [];
  for (const { command, firstLine } of op.curls) {
    const abs = (line: number): number => firstLine + line - 1;
    const what = `the curl example of ${op.name}`;
    if (command.method.toLowerCase() !== op.method) {
      const how = command.methodLine ? `-X ${command.method}` : `${command.method} (implied by its options)`;
      ctx.unreadable(what, `it sends ${how} but the heading documents ${op.method.toUpperCase()}`, abs(command.methodLine ?? command.line), op.pointer);
      continue;
    }
    let pathValues = new Map<string, string>();
    if (command.path !== undefined) {
      const matched = matchTemplate(op.path, command.path);
      if (!matched) {
        ctx.unreadable(what, `it calls ${command.path}, which is not ${op.path}`, abs(command.urlLine ?? command.line), op.pointer);
        continue;
      }
      pathValues = matched;
    }
    out.push({ command, abs, pathValues });
  }
  return out;
}

const PARAM_SEGMENT = /^(?::([A-Za-z_][A-Za-z0-9_.-]*)|\{([^{}]+)\})$/;

/** Names of the `:name` / `{name}` segments of a path, in order. */
export function pathParameterNames(path: string): string[] {
  const out: string[] = [];
  for (const segment of path.split("/")) {
    const m = PARAM_SEGMENT.exec(segment);
    if (m) out.push((m[1] ?? m[2])!);
  }
  return out;
}

/**
 * Matches a concrete request path against the heading's template; the template may match the end
 * of the path (a base path before it). Returns the path parameter values, or undefined.
 */
export function matchTemplate(template: string, path: string): Map<string, string> | undefined {
  const t = template.replace(/\/+$/, "").split("/").filter(Boolean);
  const p = path.replace(/\/+$/, "").split("/").filter(Boolean);
  if (p.length < t.length) return undefined;
  const offset = p.length - t.length;
  const values = new Map<string, string>();
  for (let i = 0; i < t.length; i++) {
    const seg = p[offset + i]!;
    const m = PARAM_SEGMENT.exec(t[i]!);
    if (m) values.set((m[1] ?? m[2])!, safeDecode(seg));
    else if (t[i] !== seg) return undefined;
  }
  return values;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `$SESSION_ID`, `{id}`, `<id>`, `:id`: a placeholder, not an example value. */
function isPlaceholder(value: string): boolean {
  return value === "" || /[$<>{}]/.test(value) || /^:/.test(value);
}

// ---------------------------------------------------------------------------------------------
// Parameters

const PARAMETER_KEYS = ["name", "in", "description", "required", "schema", "example", X_SOURCE];

function buildParameters(op: DocOperation, curls: UsableCurl[], build: Build): JsonObject[] {
  const { ctx } = build;
  const params: JsonObject[] = [];
  const find = (name: string, where: ParameterLocation): JsonObject | undefined => params.find((p) => p.name === name && p.in === where);

  for (const name of pathParameterNames(op.path)) {
    params.push({ name, in: "path", required: true, schema: { type: "string" }, [X_SOURCE]: [ctx.source(op.line)] });
  }
  for (const group of op.parameters) {
    for (const fact of group.facts) {
      let param = find(fact.name, group.in);
      if (!param) {
        param = { name: fact.name, in: group.in, schema: {} };
        params.push(param);
      }
      foldParameter(param, fact, group.in, ctx);
    }
  }
  for (const curl of curls) {
    for (const q of curl.command.query) {
      let param = find(q.name, "query");
      if (!param) {
        param = { name: q.name, in: "query", schema: lexicalSchema(q.value) };
        params.push(param);
      }
      const values = curl.command.query.filter((x) => x.name === q.name).map((x) => x.value);
      if (param.example === undefined && !values.some(isPlaceholder)) {
        const type = primaryType(param.schema as JsonObject);
        const coerced = values.map((v) => coerceWord(v, type) ?? v);
        param.example = type === "array" || coerced.length > 1 ? coerced : coerced[0];
      }
      addSource(param, ctx.source(curl.abs(curl.command.urlLine ?? curl.command.line)));
    }
    for (const [name, value] of curl.pathValues) {
      const param = find(name, "path");
      if (param && param.example === undefined && !isPlaceholder(value)) {
        param.example = coerceWord(value, primaryType(param.schema as JsonObject)) ?? value;
        addSource(param, ctx.source(curl.abs(curl.command.urlLine ?? curl.command.line)));
      }
    }
  }
  return params.map((p) => {
    const ordered = orderKeys(p, PARAMETER_KEYS);
    if (isObject(ordered.schema)) ordered.schema = tidySchema(ordered.schema);
    return ordered;
  });
}

/** "10" → integer, "true" → boolean, else string: the type of a query value seen only in a curl URL. */
function lexicalSchema(value: string): JsonObject {
  if (/^-?\d+$/.test(value)) return { type: "integer" };
  if (/^-?\d+\.\d+$/.test(value)) return { type: "number" };
  if (value === "true" || value === "false") return { type: "boolean" };
  return { type: "string" };
}

function foldParameter(param: JsonObject, fact: FieldFact, where: ParameterLocation, ctx: ConversionContext): void {
  if (fact.description) param.description = joinDescriptions(param.description as string | undefined, fact.description);
  if (where === "path") param.required = true;
  else if (fact.required !== undefined) {
    if (fact.required) param.required = true;
    else delete param.required;
  }
  const schema = param.schema as JsonObject;
  if (fact.declared) applyDeclaredType(schema, fact.declared);
  foldConstraints(schema, fact);
  addSource(param, ctx.source(fact.line));
}

// ---------------------------------------------------------------------------------------------
// Request bodies

function buildRequestBody(op: DocOperation, curls: UsableCurl[], build: Build): JsonObject | undefined {
  const { ctx } = build;
  const rb = op.requestBody;
  const withBody = curls.filter((c) => c.command.body !== undefined);
  if (!rb && withBody.length === 0) return undefined;
  if (rb?.none && withBody.length === 0 && rb.fields.length === 0 && rb.examples.length === 0) return undefined;

  const first = withBody[0]?.command;
  let mediaType = first?.contentType ?? (first?.jsonOption ? "application/json" : undefined) ?? rb?.mediaTypes[0] ?? (first?.form ? "multipart/form-data" : undefined);
  const lines: number[] = rb ? [rb.line] : [];
  const examples: { value: unknown; line: number; at?: Sample["at"] }[] = [];
  for (const curl of withBody) {
    const body = curl.command.body!;
    const line = curl.abs(body.line);
    const declared = curl.command.contentType ?? (curl.command.jsonOption ? "application/json" : undefined);
    const looksJson = /^\s*[[{]/.test(body.text);
    if (declared ? isJsonMediaType(declared) : looksJson) {
      const parsed = parseJsonWithLines(body.text, line);
      if (!parsed.ok) {
        ctx.unreadable(`the curl request body of ${op.name}`, `invalid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.reason}`, parsed.line, joinPointer(op.pointer, "requestBody"));
        continue;
      }
      examples.push({ value: parsed.value, line, at: parsed.location });
    } else {
      examples.push({ value: body.text, line });
    }
    lines.push(line);
  }
  for (const e of rb?.examples ?? []) {
    examples.push({ value: e.value, line: e.line, at: e.at });
    lines.push(e.line);
  }
  examples.sort((a, b) => a.line - b.line);
  const jsonExamples = examples.filter((e) => e.at !== undefined);
  const textExamples = examples.filter((e) => e.at === undefined);
  mediaType ??= jsonExamples.length > 0 || rb?.fields.length || rb?.emptyObject ? "application/json" : textExamples.length > 0 ? "application/x-www-form-urlencoded" : "application/json";

  let schema: JsonObject | undefined;
  if (isJsonMediaType(mediaType) || jsonExamples.length > 0) {
    if (jsonExamples.length > 0) schema = inferSamples(jsonExamples.map((e) => ({ value: e.value, at: e.at })), { file: ctx.file, required: false });
    if (rb && rb.fields.length > 0) {
      schema ??= { type: "object" };
      applyFields(schema, rb.fields, ctx);
    }
    if (rb?.emptyObject) {
      schema ??= { type: "object" };
      if (primaryType(schema) === "object" && !schema.properties) schema.properties = {};
    }
  }
  const media: JsonObject = {};
  if (schema) media.schema = tidySchema(schema);
  setExamples(media, (jsonExamples.length > 0 ? jsonExamples : textExamples).map((e) => e.value));

  const content: Record<string, JsonObject> = { [mediaType]: media };
  for (const t of rb?.mediaTypes ?? []) if (!content[t]) content[t] = isJsonMediaType(t) ? {} : { schema: binarySchema(t) };

  const out: JsonObject = {};
  if (rb?.description) out.description = rb.description;
  out.content = content;
  out[X_SOURCE] = sortedSources(lines, ctx);
  return out;
}

function setExamples(media: JsonObject, values: unknown[]): void {
  if (values.length === 1) media.example = values[0];
  else if (values.length > 1) media.examples = Object.fromEntries(values.map((value, i) => [`example${i + 1}`, { value }]));
}

function binarySchema(mediaType: string): JsonObject {
  return { type: "string", contentMediaType: mediaType };
}

// ---------------------------------------------------------------------------------------------
// Responses

interface ResponseDraft {
  descriptions: string[];
  content?: Record<string, JsonObject>;
  codes: string[];
  lines: number[];
}

function buildResponses(op: DocOperation, build: Build): Record<string, JsonObject> {
  const { ctx } = build;
  const drafts = new Map<string, ResponseDraft>();
  for (const r of op.responses) drafts.set(r.status, draftResponse(r, build));

  const byStatus = new Map<string, ErrorFact[]>();
  for (const e of op.errors) byStatus.set(e.status, [...(byStatus.get(e.status) ?? []), e]);
  for (const [status, rows] of byStatus) {
    let draft = drafts.get(status);
    if (!draft) {
      draft = { descriptions: [], codes: [], lines: [] };
      drafts.set(status, draft);
    }
    const meanings = rows.filter((r) => r.meaning);
    if (meanings.length === 1 && rows.length === 1) draft.descriptions.push(meanings[0]!.meaning!);
    else {
      for (const r of meanings) {
        const text = r.codes.length > 0 ? `${r.codes.map((c) => `\`${c}\``).join(", ")}: ${r.meaning}` : r.meaning!;
        if (!draft.descriptions.includes(text)) draft.descriptions.push(text);
      }
    }
    for (const r of rows) {
      for (const c of r.codes) if (!draft.codes.includes(c)) draft.codes.push(c);
      draft.lines.push(r.line);
    }
  }

  const out: Record<string, JsonObject> = {};
  for (const [status, d] of drafts) {
    const response: JsonObject = { description: d.descriptions.length > 0 ? d.descriptions.join("\n\n") : reasonPhrase(status) };
    if (d.content) response.content = d.content;
    if (d.codes.length > 0) response["x-error-codes"] = d.codes;
    response[X_SOURCE] = sortedSources(d.lines, ctx);
    out[status] = response;
  }
  return out;
}

function draftResponse(r: DocResponse, build: Build): ResponseDraft {
  const { ctx } = build;
  const draft: ResponseDraft = { descriptions: r.description ? [r.description] : [], codes: [], lines: [...r.lines] };
  const content: Record<string, JsonObject> = {};
  if (r.examples.length > 0) {
    const jsonType = r.mediaTypes.find(isJsonMediaType) ?? "application/json";
    const identity = topIdentity(r.examples);
    const schema = inferSamples(r.examples.map(toSample), {
      file: ctx.file,
      identify: identifyByObjectField,
      related: build.related,
      annotate: (s, id) => applyFields(s, build.identityFacts.get(id) ?? [], ctx),
    });
    if (identity === undefined) applyFields(schema, r.fields, ctx);
    const media: JsonObject = { schema: tidySchema(schema) };
    setExamples(media, r.examples.map((e) => e.value));
    content[jsonType] = media;
    for (const t of r.mediaTypes) if (!content[t]) content[t] = isJsonMediaType(t) ? {} : { schema: binarySchema(t) };
  } else if (!r.noBody) {
    const fieldsSchema = (): JsonObject => {
      const s: JsonObject = { type: "object" };
      applyFields(s, r.fields, ctx);
      return tidySchema(s);
    };
    for (const t of r.mediaTypes) {
      content[t] = isJsonMediaType(t) ? (r.fields.length > 0 ? { schema: fieldsSchema() } : {}) : { schema: binarySchema(t) };
    }
    if (r.mediaTypes.length === 0 && r.fields.length > 0) content["application/json"] = { schema: fieldsSchema() };
  }
  if (Object.keys(content).length > 0) draft.content = content;
  return draft;
}

// ---------------------------------------------------------------------------------------------
// Folding table facts into schemas

/** Applies Field-table facts to an object schema (or an array of objects, then to its items). */
export function applyFields(schema: JsonObject, facts: readonly FieldFact[], ctx: ConversionContext): void {
  for (const fact of facts) {
    let path = fact.path;
    if (primaryType(schema) === "array" && path[0] !== "[]") path = ["[]", ...path];
    const { node, parent, created } = locate(schema, path, ctx.source(fact.line));
    foldProperty(node, fact, created, ctx);
    const leaf = path[path.length - 1];
    if (fact.required === true && parent && leaf && leaf !== "[]") {
      const required = Array.isArray(parent.required) ? (parent.required as string[]) : [];
      if (!required.includes(leaf)) parent.required = [...required, leaf];
    }
  }
}

/** The schema at a property path, created (object properties / array items) when missing. */
function locate(root: JsonObject, path: readonly string[], source: string): { node: JsonObject; parent?: JsonObject; created: boolean } {
  let node = root;
  let parent: JsonObject | undefined;
  let created = false;
  path.forEach((segment, i) => {
    const last = i === path.length - 1;
    if (segment === "[]") {
      if (typesOf(node).length === 0) node.type = "array";
      if (!isObject(node.items)) {
        node.items = {};
        created = last;
      }
      parent = undefined;
      node = node.items as JsonObject;
      return;
    }
    if (typesOf(node).length === 0) node.type = "object";
    if (!isObject(node.properties)) node.properties = {};
    const properties = node.properties as Record<string, JsonObject>;
    if (!Object.hasOwn(properties, segment) || !isObject(properties[segment])) {
      const next = path[i + 1];
      const fresh: JsonObject = last ? {} : { type: next === "[]" ? "array" : "object", [X_SOURCE]: [source] };
      Object.defineProperty(properties, segment, { value: fresh, enumerable: true, writable: true, configurable: true });
      created = last;
    }
    parent = node;
    node = properties[segment]!;
  });
  return { node, parent, created };
}

function foldProperty(node: JsonObject, fact: FieldFact, created: boolean, ctx: ConversionContext): void {
  const assumed = typeof node.description === "string" && node.description.includes(NULL_NOTE);
  if (fact.declared || (fact.described && (created || assumed || typesOf(node).length === 0))) {
    if (assumed) {
      const kept = dropNote(node.description as string);
      if (kept === undefined) delete node.description;
      else node.description = kept;
    }
    applyDeclaredType(node, (fact.declared ?? fact.described)!);
  }
  if (fact.description) node.description = joinDescriptions(node.description as string | undefined, fact.description);
  foldConstraints(node, fact);
  addSource(node, ctx.source(fact.line));
}

function dropNote(description: string): string | undefined {
  const kept = description.split("\n\n").filter((p) => !p.startsWith(NULL_NOTE));
  return kept.length > 0 ? kept.join("\n\n") : undefined;
}

/** Documented descriptions first, the inference note last; the same text is not repeated. */
function joinDescriptions(existing: string | undefined, added: string): string {
  if (!existing) return added;
  const parts = existing.split("\n\n");
  if (parts.includes(added)) return existing;
  const notes = parts.filter((p) => p.startsWith(NULL_NOTE));
  const rest = parts.filter((p) => !p.startsWith(NULL_NOTE));
  return [...rest, added, ...notes].join("\n\n");
}

/**
 * A declared type replaces the inferred one; `null` seen in an example stays allowed (the example
 * is evidence the table left out). Inferred format/items stay when the type agrees.
 */
function applyDeclaredType(node: JsonObject, declared: JsonObject): void {
  const hadNull = typesOf(node).includes("null");
  const before = primaryType(node);
  const after = primaryType(declared);
  if (before !== after) {
    for (const k of ["format", "items", "properties", "required", "additionalProperties", "contentMediaType"]) delete node[k];
  }
  for (const [k, v] of Object.entries(structuredClone(declared))) node[k] = v;
  if (hadNull) addNull(node);
}

function foldConstraints(node: JsonObject, fact: FieldFact): void {
  const type = primaryType(node);
  if (fact.enum) {
    const values = fact.enum.map((v) => coerceWord(v, type));
    if (values.every((v) => v !== undefined)) {
      const merged = Array.isArray(node.enum) ? [...(node.enum as unknown[])] : [];
      for (const v of values) if (!merged.includes(v)) merged.push(v);
      node.enum = merged;
      if (typesOf(node).includes("null") && !merged.includes(null)) merged.push(null);
    }
  }
  if (type === "integer" || type === "number") {
    if (fact.minimum !== undefined) node.minimum = fact.minimum;
    if (fact.maximum !== undefined) node.maximum = fact.maximum;
  }
  if (fact.hasDefault) node.default = structuredClone(fact.default);
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function addSource(node: JsonObject, source: string): void {
  const list = Array.isArray(node[X_SOURCE]) ? (node[X_SOURCE] as string[]) : [];
  if (!list.includes(source)) list.push(source);
  node[X_SOURCE] = sortSources(list);
}

function sortSources(list: string[]): string[] {
  const lineOf = (s: string): number => Number(/:(\d+)$/.exec(s)?.[1] ?? 0);
  return [...list].sort((a, b) => lineOf(a) - lineOf(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function sortedSources(lines: number[], ctx: ConversionContext): string[] {
  return [...new Set(lines)].sort((a, b) => a - b).map((l) => ctx.source(l));
}

function orderKeys(obj: JsonObject, order: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const k of order) if (obj[k] !== undefined) out[k] = obj[k];
  for (const [k, v] of Object.entries(obj)) if (!(k in out) && v !== undefined) out[k] = v;
  return out;
}

const SCHEMA_KEYS = [
  "type", "format", "contentMediaType", "description", "enum", "const", "default", "minimum", "maximum",
  "items", "properties", "additionalProperties", "required", X_SOURCE,
];

/** Schema keywords in one fixed order, recursively (property order is left as written). */
export function tidySchema(schema: JsonObject): JsonObject {
  const out = orderKeys(schema, SCHEMA_KEYS);
  if (isObject(out.items)) out.items = tidySchema(out.items);
  if (isObject(out.additionalProperties)) out.additionalProperties = tidySchema(out.additionalProperties);
  if (isObject(out.properties)) {
    out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, v]) => [k, isObject(v) ? tidySchema(v) : v]));
  }
  for (const k of ["anyOf", "oneOf", "allOf"]) {
    if (Array.isArray(out[k])) out[k] = (out[k] as unknown[]).map((v) => (isObject(v) ? tidySchema(v) : v));
  }
  return out;
}
