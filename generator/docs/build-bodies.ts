/**
 * Request bodies and responses of one documented endpoint: schemas inferred from its examples
 * (curl bodies, JSON blocks, HTTP messages) with the field facts folded in, error codes from its
 * error tables, response headers. A documented example that contradicts the documented types is
 * a warning and is not kept; the rest of the page still folds.
 */
import { joinPointer } from "../openapi/pointer.ts";
import { isJsonMediaType } from "../openapi/media-types.ts";
import { X_SOURCE, X_STATUS_ASSUMED, isObject, type JsonObject, type Operation } from "../openapi/types.ts";
import { createAjv, describeAjvError, type Ajv } from "../openapi/ajv.ts";
import { toSample, topIdentity, type Build, type UsableCurl } from "./build-context.ts";
import type { ConversionContext } from "./context.ts";
import { parseExampleJson } from "./examples.ts";
import { identifyByObjectField, inferSamples, type Sample } from "./infer-schema.ts";
import type { DocOperation, DocResponse } from "./page.ts";
import { primaryType, reasonPhrase } from "./prose.ts";
import { applyFields, relocateFields, sortedSources, tidySchema } from "./schema-facts.ts";
import type { ErrorFact } from "./tables.ts";

interface BodyExample {
  value: unknown;
  line: number;
  at?: Sample["at"];
  partial?: boolean;
}

export function buildRequestBody(op: DocOperation, curls: UsableCurl[], build: Build): JsonObject | undefined {
  const { ctx } = build;
  const rb = op.requestBody;
  const withBody = curls.filter((c) => c.command.body !== undefined || (c.command.formFields?.length ?? 0) > 0);
  if (!rb && withBody.length === 0) return undefined;
  if (rb?.none && withBody.length === 0 && rb.fields.length === 0 && rb.examples.length === 0) return undefined;

  const first = withBody[0]?.command;
  let mediaType = first?.contentType ?? (first?.jsonOption ? "application/json" : undefined) ?? rb?.mediaTypes[0] ?? (first?.form ? "multipart/form-data" : undefined);
  const lines: number[] = rb ? [rb.line] : [];
  const examples: BodyExample[] = [];
  for (const curl of withBody) {
    const example = curlBody(curl, op, ctx);
    if (!example) continue;
    examples.push(example);
    lines.push(example.line);
  }
  for (const e of rb?.examples ?? []) {
    examples.push({ value: e.value, line: e.line, at: e.at, ...(e.partial ? { partial: true } : {}) });
    lines.push(e.line);
  }
  examples.sort((a, b) => a.line - b.line);
  const structured = examples.filter((e) => e.at !== undefined);
  const textExamples = examples.filter((e) => e.at === undefined);
  mediaType ??=
    structured.length > 0 || rb?.fields.length || rb?.emptyObject ? "application/json" : textExamples.length > 0 ? "application/x-www-form-urlencoded" : "application/json";

  let schema: JsonObject | undefined;
  if (isJsonMediaType(mediaType) || structured.length > 0 || (rb?.fields.length ?? 0) > 0) {
    if (structured.length > 0)
      schema = inferSamples(
        structured.map((e) => ({ value: e.value, at: e.at, ...(e.partial ? { partial: true } : {}) })),
        { file: ctx.file, required: false },
      );
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
  setExamples(
    media,
    (structured.length > 0 ? structured.filter((e) => !e.partial) : textExamples).map((e) => e.value),
  );

  const content: Record<string, JsonObject> = { [mediaType]: media };
  for (const t of rb?.mediaTypes ?? []) if (!content[t]) content[t] = isJsonMediaType(t) ? {} : { schema: binarySchema(t) };

  const out: JsonObject = {};
  if (rb?.description) out.description = rb.description;
  out.content = content;
  out[X_SOURCE] = sortedSources(lines, ctx);
  return out;
}

/** The body a curl sends: JSON (parsed with its lines), form fields, or text. */
function curlBody(curl: UsableCurl, op: DocOperation, ctx: ConversionContext): BodyExample | undefined {
  const command = curl.command;
  if (command.formFields && command.formFields.length > 0 && !command.body) {
    const line = curl.abs(command.formFields[0]!.line);
    const value = Object.fromEntries(command.formFields.map((f) => [f.name, f.value]));
    const children = new Map(command.formFields.map((f) => [f.name, { line: curl.abs(f.line) }]));
    return { value, line, at: { line, children } };
  }
  const body = command.body!;
  const line = curl.abs(body.line);
  const declared = command.contentType ?? (command.jsonOption ? "application/json" : undefined);
  const looksJson = /^\s*[[{]/.test(body.text);
  if (declared ? isJsonMediaType(declared) : looksJson) {
    const parsed = parseExampleJson(body.text, line);
    if (!parsed.ok) {
      ctx.unread(
        parsed.line,
        `the curl request body of ${op.name}`,
        `invalid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.reason}`,
        joinPointer(op.pointer, "requestBody"),
      );
      return undefined;
    }
    return { value: parsed.value, line, at: parsed.location, ...(parsed.elided ? { partial: true } : {}) };
  }
  return { value: body.text, line };
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
  assumed?: boolean;
  descriptions: string[];
  content?: Record<string, JsonObject>;
  headers?: Record<string, JsonObject>;
  codes: string[];
  lines: number[];
}

export function buildResponses(op: DocOperation, build: Build): Record<string, JsonObject> {
  const { ctx } = build;
  const drafts = new Map<string, ResponseDraft>();
  for (const r of op.responses) {
    // A label that promised an answer whose status the page then stated elsewhere leaves nothing behind.
    const empty = r.examples.length === 0 && r.fields.length === 0 && r.headers.length === 0 && r.mediaTypes.length === 0 && !r.description && !r.noBody;
    if (r.assumed && empty && op.responses.some((o) => o !== r && /^2/.test(o.status))) continue;
    drafts.set(r.status, draftResponse(r, build));
  }

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
    if (d.headers) response.headers = d.headers;
    if (d.content) response.content = d.content;
    if (d.codes.length > 0) response["x-error-codes"] = d.codes;
    response[X_SOURCE] = sortedSources(d.lines, ctx);
    // The page shows the answer but not its status: kept as 200 and marked, so a documented status wins at the merge.
    if (d.assumed && !byStatus.has(status)) response[X_STATUS_ASSUMED] = true;
    out[status] = response;
  }
  return out;
}

function draftResponse(r: DocResponse, build: Build): ResponseDraft {
  const { ctx } = build;
  const draft: ResponseDraft = { descriptions: r.description ? [r.description] : [], codes: errorCodesShown(r), lines: [...r.lines], ...(r.assumed ? { assumed: true } : {}) };
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
    if (identity === undefined) applyFields(schema, relocateFields(schema, r.fields), ctx);
    const media: JsonObject = { schema: tidySchema(schema) };
    setExamples(
      media,
      r.examples.filter((e) => !e.partial).map((e) => e.value),
    );
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
  if (r.headers.length > 0) {
    draft.headers = {};
    for (const h of r.headers) {
      const header: JsonObject = {};
      if (h.description) header.description = h.description;
      header.schema =
        /^(?:retry-after|x-ratelimit-[\w-]+|ratelimit-[\w-]+|content-length)$/i.test(h.name) && (h.example === undefined || /^\d+$/.test(h.example))
          ? { type: "integer" }
          : { type: "string" };
      header[X_SOURCE] = [ctx.source(h.line)];
      draft.headers[h.name] = header;
    }
  }
  return draft;
}

/**
 * An error answer printed with its body names its code: `{"errcode": "M_NOT_FOUND"}`,
 * `{"error": {"code": "not_found"}}`. Codes are identifiers (no spaces), never messages.
 */
function errorCodesShown(r: DocResponse): string[] {
  if (!/^[45]/.test(r.status)) return [];
  const codes: string[] = [];
  for (const e of r.examples) {
    const code = codeIn(e.value, 0);
    if (code && !codes.includes(code)) codes.push(code);
  }
  return codes;
}

function codeIn(value: unknown, depth: number): string | undefined {
  if (!isObject(value) || depth > 2) return undefined;
  for (const key of ["code", "errcode", "error_code", "errorCode", "error_type", "errorType", "type"]) {
    const v = value[key];
    if (typeof v !== "string" || !/^[A-Za-z][\w.:-]{1,63}$/.test(v)) continue;
    // A key named for a code holds one; "type" only when the value reads as an identifier (`not_found`, `NotFound`).
    if (/code/i.test(key) || /[_A-Z.:-]/.test(v.slice(1))) return v;
  }
  for (const key of ["error", "errors"]) {
    const v = value[key];
    const inner = codeIn(Array.isArray(v) ? v[0] : v, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Examples against the types the page documents

let sharedAjv: Ajv | undefined;

/**
 * Each example must fit the schema the page gives it (a table's declared type wins over the
 * example's). One that does not is a warning at its line and is dropped, so one bad example
 * never fails the run; the contradiction stays visible in the report.
 */
export function checkExamples(operation: Operation, op: DocOperation, ctx: ConversionContext): void {
  const bodies: { media: JsonObject; pointer: string; line: number; what: string }[] = [];
  const collect = (content: unknown, pointer: string, line: number, what: string): void => {
    if (!isObject(content)) return;
    for (const [type, media] of Object.entries(content)) if (isObject(media)) bodies.push({ media, pointer: joinPointer(pointer, "content", type), line, what });
  };
  if (isObject(operation.requestBody))
    collect(operation.requestBody.content, joinPointer(op.pointer, "requestBody"), op.requestBody?.line ?? op.line, `the request body example of ${op.name}`);
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const r = op.responses.find((x) => x.status === status);
    collect(response.content, joinPointer(op.pointer, "responses", status), r?.examples[0]?.line ?? r?.lines[0] ?? op.line, `the response ${status} example of ${op.name}`);
  }
  for (const body of bodies) {
    if (!isObject(body.media.schema)) continue;
    const values: { key: string; value: unknown }[] = [];
    if (body.media.example !== undefined) values.push({ key: "example", value: body.media.example });
    if (isObject(body.media.examples)) for (const [k, v] of Object.entries(body.media.examples)) if (isObject(v)) values.push({ key: `examples/${k}`, value: v.value });
    if (values.length === 0) continue;
    sharedAjv ??= createAjv();
    let validate: ReturnType<typeof sharedAjv.compile>;
    try {
      validate = sharedAjv.compile(stripProvenance(body.media.schema) as object);
    } catch {
      continue; // a schema ajv cannot compile is the validate stage's to report
    }
    for (const { key, value } of values) {
      if (validate(value)) continue;
      const reason = (validate.errors ?? []).slice(0, 3).map(describeAjvError).join("; ");
      ctx.unread(body.line, body.what, `it does not match the documented types (${reason}); it is not kept as an example`, joinPointer(body.pointer, key));
      if (key === "example") delete body.media.example;
      else if (isObject(body.media.examples)) delete body.media.examples[key.slice("examples/".length)];
    }
    if (isObject(body.media.examples) && Object.keys(body.media.examples).length === 0) delete body.media.examples;
  }
}

function stripProvenance(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripProvenance);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== X_SOURCE)
      .map(([k, v]) => [k, stripProvenance(v)]),
  );
}
