/**
 * Scores the markdown stage on the corpus: each folder is merged as an API (the real pipeline,
 * docs only), its canonical document is flattened into facts, and those are compared with the
 * facts labelled by hand beside each page. Used by test/docs/corpus.test.ts and `npm run bench docs`.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { loadApi } from "../../../generator/load/load-api.ts";
import { mergeApi } from "../../../generator/pipeline/merge-api.ts";
import { eachOperation, isObject, X_SOURCE, type JsonObject, type OpenApiDocument } from "../../../generator/openapi/types.ts";
import type { Finding } from "../../../generator/problems/finding.ts";

export const CORPUS_DIR = path.dirname(new URL(import.meta.url).pathname);

interface LabelledField {
  name: string;
  in?: string;
  type?: string;
  required?: boolean;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
}

interface LabelledEndpoint {
  operation: string;
  parameters?: LabelledField[];
  body?: LabelledField[];
  responseFields?: LabelledField[];
  statuses?: string[];
  errors?: { status: string; code: string }[];
  headers?: { status?: string; name: string }[];
}

interface FactsFile {
  source: { project?: string; url?: string; license?: string; style?: string };
  endpoints?: LabelledEndpoint[];
  auth?: JsonObject[];
}

export interface PageScore {
  folder: string;
  page: string;
  labelled: number;
  found: number;
  extracted: number;
  correct: number;
  recall: number;
  precision: number;
  /** Findings that name the page: a page with none is silent. */
  findings: number;
  missed: string[];
  wrong: string[];
}

export interface CorpusScore {
  pages: PageScore[];
  labelled: number;
  found: number;
  extracted: number;
  correct: number;
  recall: number;
  precision: number;
  silent: string[];
}

/** "GET /api/v1/x/<id>/" → "GET /api/v1/x/{}": placeholders and a trailing slash do not tell endpoints apart. */
export function endpointKey(operation: string): string {
  const [method, ...rest] = operation.trim().split(/\s+/);
  const p = rest
    .join(" ")
    .replace(/\{[^}]*\}|<[^>]*>|\[[^\]]*\]|(?<=\/):[A-Za-z_][\w.-]*/g, "{}")
    .replace(/\/+$/, "");
  return `${method!.toUpperCase()} ${p || "/"}`;
}

const TYPES = new Set(["string", "integer", "number", "boolean", "object", "array"]);
const enumKey = (values: unknown[]): string => JSON.stringify(values.filter((v) => v !== null).map((v) => JSON.stringify(v)).sort());
const low = (s: string): string => s.toLowerCase();

/** A labelled or extracted field as facts: existence, then one per stated attribute. */
function fieldFacts(prefix: string, f: LabelledField, withRequired: boolean): string[] {
  if (f.name.endsWith("[]") && f.type === "object") return [];
  const base = `${prefix}|${f.name}`;
  const out = [base];
  if (f.type && TYPES.has(f.type)) out.push(`${base}|type=${f.type}`);
  if (withRequired && f.required === true) out.push(`${base}|required`);
  if (f.default !== undefined) out.push(`${base}|default=${JSON.stringify(f.default)}`);
  if (typeof f.minimum === "number") out.push(`${base}|minimum=${f.minimum}`);
  if (typeof f.maximum === "number") out.push(`${base}|maximum=${f.maximum}`);
  if (Array.isArray(f.enum) && f.enum.length > 0) out.push(`${base}|enum=${enumKey(f.enum)}`);
  return out;
}

function endpointFacts(e: LabelledEndpoint, key: string): string[] {
  const out: string[] = [];
  for (const p of e.parameters ?? []) out.push(...fieldFacts(`param|${key}|${p.in}`, { ...p, name: p.in === "header" ? low(p.name) : p.name }, true));
  for (const f of e.body ?? []) out.push(...fieldFacts(`body|${key}`, f, true));
  for (const f of e.responseFields ?? []) out.push(...fieldFacts(`response|${key}`, f, false));
  for (const s of e.statuses ?? []) out.push(`status|${key}|${s.toUpperCase()}`);
  for (const er of e.errors ?? []) {
    if (!er.status) continue;
    // An error code documents its status too.
    out.push(`status|${key}|${er.status.toUpperCase()}`, `error|${key}|${er.status.toUpperCase()}|${er.code}`);
  }
  for (const h of e.headers ?? []) out.push(`header|${key}|${low(h.name)}`);
  return out;
}

/** Labelled facts of every page of a folder; `*` endpoints expand to every labelled operation of the folder. */
function labelledFacts(files: Map<string, FactsFile>): Map<string, Set<string>> {
  const operations = new Set<string>();
  for (const facts of files.values()) for (const e of facts.endpoints ?? []) if (e.operation !== "*") operations.add(endpointKey(e.operation));
  const out = new Map<string, Set<string>>();
  for (const [page, facts] of files) {
    const set = new Set<string>();
    for (const e of facts.endpoints ?? []) {
      const keys = e.operation === "*" ? [...operations] : [endpointKey(e.operation)];
      for (const key of keys) {
        if (e.operation !== "*") set.add(`endpoint|${key}`);
        for (const f of endpointFacts(e, key)) set.add(f);
      }
    }
    for (const a of facts.auth ?? []) set.add(`auth|${authKey(a)}`);
    out.set(page, set);
  }
  return out;
}

function authKey(a: JsonObject): string {
  return a.type === "http" ? `http|${low(String(a.scheme))}` : `${String(a.type)}|${String(a.in)}|${low(String(a.name))}`;
}

// ---------------------------------------------------------------------------------------------
// The document as facts, each with the files its node names in x-source

interface Extracted {
  fact: string;
  files: Set<string>;
}

const filesOf = (node: unknown): Set<string> =>
  new Set((isObject(node) && Array.isArray(node[X_SOURCE]) ? (node[X_SOURCE] as string[]) : []).map((s) => s.replace(/:\d+$/, "")));

function primaryType(schema: JsonObject): string | undefined {
  if (typeof schema.description === "string" && schema.description.includes("Every documented example is null")) return undefined;
  const t = schema.type;
  const types = (Array.isArray(t) ? t : typeof t === "string" ? [t] : []).filter((x) => x !== "null");
  return types.length === 1 ? (types[0] as string) : undefined;
}

function schemaFields(schema: unknown, prefix: string, inherited: Set<string>, withRequired: boolean, out: Extracted[], name = "", required = false): void {
  if (!isObject(schema)) return;
  const files = filesOf(schema).size > 0 ? filesOf(schema) : inherited;
  // An array's element is a fact only when it is a value ("tags[]": string); "results[]" of objects is the container of its fields.
  if (name !== "" && !(name.endsWith("[]") && primaryType(schema) === "object")) {
    const field: LabelledField = { name };
    const type = primaryType(schema);
    if (type) field.type = type;
    if (required) field.required = true;
    if (schema.default !== undefined) field.default = schema.default;
    if (typeof schema.minimum === "number") field.minimum = schema.minimum;
    if (typeof schema.maximum === "number") field.maximum = schema.maximum;
    if (Array.isArray(schema.enum)) field.enum = schema.enum;
    for (const fact of fieldFacts(prefix, field, withRequired)) out.push({ fact, files });
  }
  const req = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  if (isObject(schema.properties)) {
    for (const [key, child] of Object.entries(schema.properties)) schemaFields(child, prefix, files, withRequired, out, name ? `${name}.${key}` : key, req.has(key));
  }
  if (isObject(schema.items)) schemaFields(schema.items, prefix, files, withRequired, out, `${name}[]`, false);
  for (const k of ["anyOf", "oneOf", "allOf"]) if (Array.isArray(schema[k])) for (const s of schema[k] as unknown[]) schemaFields(s, prefix, files, withRequired, out, name, false);
}

function bodySchema(content: unknown): unknown {
  if (!isObject(content)) return undefined;
  const entries = Object.entries(content).filter(([, m]) => isObject(m) && isObject(m.schema));
  const json = entries.find(([t]) => /json/.test(t)) ?? entries[0];
  return json ? (json[1] as JsonObject).schema : undefined;
}

export function documentFacts(doc: OpenApiDocument): Extracted[] {
  const out: Extracted[] = [];
  for (const { path, method, operation } of eachOperation(doc)) {
    const key = endpointKey(`${method} ${path}`);
    const opFiles = filesOf(operation);
    out.push({ fact: `endpoint|${key}`, files: opFiles });
    for (const p of operation.parameters ?? []) {
      if (!isObject(p)) continue;
      const schema = isObject(p.schema) ? p.schema : {};
      const field: LabelledField = { name: p.in === "header" ? low(String(p.name)) : String(p.name) };
      const type = primaryType(schema);
      if (type) field.type = type;
      if (p.required === true) field.required = true;
      if (schema.default !== undefined) field.default = schema.default;
      if (typeof schema.minimum === "number") field.minimum = schema.minimum;
      if (typeof schema.maximum === "number") field.maximum = schema.maximum;
      if (Array.isArray(schema.enum)) field.enum = schema.enum;
      for (const fact of fieldFacts(`param|${key}|${String(p.in)}`, field, true)) out.push({ fact, files: filesOf(p) });
    }
    if (isObject(operation.requestBody)) schemaFields(bodySchema(operation.requestBody.content), `body|${key}`, filesOf(operation.requestBody), true, out);
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      if (!isObject(response)) continue;
      const files = filesOf(response);
      // A status the page never stated (x-status-assumed) is not a fact of the page.
      if (response["x-status-assumed"] !== true) out.push({ fact: `status|${key}|${status.toUpperCase()}`, files });
      for (const code of Array.isArray(response["x-error-codes"]) ? (response["x-error-codes"] as string[]) : []) out.push({ fact: `error|${key}|${status.toUpperCase()}|${code}`, files });
      for (const name of Object.keys(isObject(response.headers) ? response.headers : {})) out.push({ fact: `header|${key}|${low(name)}`, files: filesOf((response.headers as JsonObject)[name]) });
      if (/^2/.test(status)) schemaFields(bodySchema(response.content), `response|${key}`, files, false, out);
    }
  }
  for (const [, scheme] of Object.entries(doc.components?.securitySchemes ?? {})) {
    if (isObject(scheme)) out.push({ fact: `auth|${authKey(scheme)}`, files: filesOf(scheme) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

export function corpusFolders(dir = CORPUS_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "docs")))
    .map((d) => d.name)
    .sort();
}

export function scoreFolder(dir: string, folder: string): PageScore[] {
  const docsDir = path.join(dir, folder, "docs");
  const files = new Map<string, FactsFile>();
  for (const name of readdirSync(docsDir).filter((n) => n.endsWith(".md")).sort()) {
    const factsPath = path.join(docsDir, name.replace(/\.md$/, ".facts.json"));
    if (existsSync(factsPath)) files.set(`docs/${name}`, JSON.parse(readFileSync(factsPath, "utf8")) as FactsFile);
  }
  const { sources } = loadApi(dir, folder);
  const result = mergeApi(sources, dir, { validate: false });
  const labels = labelledFacts(files);
  const all = new Set([...labels.values()].flatMap((s) => [...s]));
  const extracted = documentFacts(result.document);
  const extractedSet = new Set(extracted.map((e) => e.fact));
  const byFile = (f: Finding, page: string) => f.sources.some((s) => s.file === page);
  return [...files.keys()].map((page) => {
    const mine = labels.get(page)!;
    const missed = [...mine].filter((f) => !extractedSet.has(f));
    const own = [...new Set(extracted.filter((e) => e.files.has(page)).map((e) => e.fact))];
    const wrong = own.filter((f) => !all.has(f));
    const found = mine.size - missed.length;
    return {
      folder,
      page,
      labelled: mine.size,
      found,
      extracted: own.length,
      correct: own.length - wrong.length,
      recall: mine.size === 0 ? 1 : found / mine.size,
      precision: own.length === 0 ? 1 : (own.length - wrong.length) / own.length,
      findings: result.findings.filter((f) => byFile(f, page)).length,
      missed,
      wrong,
    };
  });
}

export function scoreCorpus(dir = CORPUS_DIR): CorpusScore {
  const pages = corpusFolders(dir).flatMap((folder) => scoreFolder(dir, folder));
  const sum = (k: "labelled" | "found" | "extracted" | "correct") => pages.reduce((n, p) => n + p[k], 0);
  const labelled = sum("labelled");
  const extracted = sum("extracted");
  return {
    pages,
    labelled,
    found: sum("found"),
    extracted,
    correct: sum("correct"),
    recall: labelled === 0 ? 1 : sum("found") / labelled,
    precision: extracted === 0 ? 1 : sum("correct") / extracted,
    silent: pages.filter((p) => p.findings === 0).map((p) => `${p.folder}/${p.page}`),
  };
}
