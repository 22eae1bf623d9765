/**
 * Builds the partial OpenAPI 3.1 document from the page model: every operation, parameter,
 * request body, response and schema property carries `x-source` lines of the markdown.
 */
import { X_SOURCE, isObject, type JsonObject, type OpenApiDocument, type Operation, type PathItem } from "../openapi/types.ts";
import type { ConversionContext } from "./context.ts";
import { isPlaceholderValue, matchTemplate, pathParameterNames } from "./endpoints.ts";
import type { FieldFact } from "./fields.ts";
import { collectIdentities, identifyByObjectField, type Sample } from "./infer-schema.ts";
import type { DocOperation, DocPage, ParameterLocation } from "./page.ts";
import { toSample, topIdentity, type Build, type UsableCurl } from "./build-context.ts";
import { coerceWord, primaryType } from "./prose.ts";
import { addSource, applyDeclaredType, foldConstraints, joinDescriptions, orderKeys, tidySchema } from "./schema-facts.ts";
import { addNull } from "./prose.ts";
import { buildRequestBody, buildResponses, checkExamples } from "./build-bodies.ts";

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
    const operation = buildOperation(op, build);
    checkExamples(operation, op, ctx);
    item[op.method] = operation;
  }
  const doc: OpenApiDocument = { openapi: "3.1.0", info };
  if (page.origins.length > 0) doc.servers = page.origins.map((url) => ({ url }));
  doc.paths = paths;
  return doc;
}

function titleFromFile(file: string): string {
  return (file.split("/").pop() ?? file).replace(/\.[^.]+$/, "");
}

// ---------------------------------------------------------------------------------------------
// Operations

function buildOperation(op: DocOperation, build: Build): Operation {
  const { ctx } = build;
  const operation: Operation = {};
  if (op.title) operation.summary = op.title;
  if (op.prose.length > 0) {
    operation.summary ??= firstSentence(op.prose[0]!);
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

/** Curl commands that agree with the endpoint; a disagreeing method or path is a warning and its facts are not used. */
function usableCurls(op: DocOperation, ctx: ConversionContext): UsableCurl[] {
  const out: UsableCurl[] = [];
  for (const { command, firstLine } of op.curls) {
    const abs = (line: number): number => firstLine + line - 1;
    const what = `the curl example of ${op.name}`;
    if (command.method.toLowerCase() !== op.method) {
      const how = command.methodLine ? `-X ${command.method}` : `${command.method} (implied by its options)`;
      ctx.unread(abs(command.methodLine ?? command.line), what, `it sends ${how} but the section documents ${op.method.toUpperCase()}`, op.pointer);
      continue;
    }
    let pathValues = new Map<string, string>();
    if (command.path !== undefined) {
      const matched = matchTemplate(op.path, command.path);
      if (!matched) {
        ctx.unread(abs(command.urlLine ?? command.line), what, `it calls ${command.path}, which is not ${op.path}`, op.pointer);
        continue;
      }
      pathValues = matched;
    }
    out.push({ command, abs, pathValues });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parameters

const PARAMETER_KEYS = ["name", "in", "description", "required", "schema", "example", X_SOURCE];

function buildParameters(op: DocOperation, curls: UsableCurl[], build: Build): JsonObject[] {
  const { ctx } = build;
  const params: JsonObject[] = [];
  const find = (name: string, where: ParameterLocation): JsonObject | undefined =>
    params.find((p) => p.in === where && (where === "header" ? String(p.name).toLowerCase() === name.toLowerCase() : p.name === name));

  for (const name of pathParameterNames(op.path)) {
    params.push({ name, in: "path", required: true, schema: { type: "string" }, [X_SOURCE]: [ctx.source(op.line)] });
  }
  for (const group of op.parameters) {
    for (const fact of group.facts) {
      const name = group.in === "path" ? fact.path.join(".") : fact.name;
      let param = find(name, group.in);
      if (!param) {
        param = { name, in: group.in, schema: {} };
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
      if (param.example === undefined && !values.some(isPlaceholderValue)) {
        const type = primaryType(param.schema as JsonObject);
        const coerced = values.map((v) => coerceWord(v, type) ?? v);
        param.example = type === "array" || coerced.length > 1 ? coerced : coerced[0];
      }
      addSource(param, ctx.source(curl.abs(curl.command.urlLine ?? curl.command.line)));
    }
    for (const [name, value] of curl.pathValues) {
      const param = find(name, "path");
      if (param && param.example === undefined && !isPlaceholderValue(value)) {
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
  const type = fact.declared ?? (primaryType(schema) === undefined ? (fact.described ?? fact.exampleType) : undefined);
  if (type) applyDeclaredType(schema, type);
  if (fact.nullable) addNull(schema);
  foldConstraints(schema, fact, ctx);
  addSource(param, ctx.source(fact.line));
}
