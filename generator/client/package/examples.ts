import { isObject, type JsonObject, type OpenApiDocument } from "../../openapi/types.ts";
import { codeLiteral as literal } from "../emit/literal.ts";
import { camelCase, words } from "../model/naming.ts";
import { deref } from "../model/read-operation.ts";
import type { ClientModel, IteratorModel, MethodModel, ParamModel, ResourceModel, WaiterModel } from "../model/types.ts";

/**
 * The README's code: one self-contained block per operation (import, client, call), built from
 * the document's own examples where it has them. Every block is type-checked against the packed
 * package by test/client/package.test.ts, so what the README shows compiles.
 */

/** A value that fits a schema, for an example where the document has none: required properties only. */
export function sampleOf(doc: OpenApiDocument, raw: unknown, depth = 0): unknown {
  const schema = deref(doc, raw);
  if (!schema || depth > 8) return null;
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) return sampleOf(doc, options[0], depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...schema.allOf.map((s) => sampleOf(doc, s, depth + 1)).filter(isObject));
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "object" || isObject(schema.properties)) {
    const out: JsonObject = {};
    const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === "string") : [];
    for (const name of required) out[name] = sampleOf(doc, isObject(schema.properties) ? schema.properties[name] : undefined, depth + 1);
    return out;
  }
  if (type === "array") return [];
  if (type === "integer" || type === "number") return typeof schema.minimum === "number" ? schema.minimum : 1;
  if (type === "boolean") return true;
  if (type === "string") return schema.format === "date-time" ? "2026-01-01T00:00:00Z" : "string";
  return null;
}

const usable = (v: unknown): v is string | number => typeof v === "string" || typeof v === "number";

/**
 * An argument for a path parameter: its documented example, else the example another operation
 * of the API documents for a parameter of the same name (the docs show an id once, not on every page).
 */
function pathArg(p: ParamModel, model: ClientModel): string {
  const example = usable(p.example)
    ? p.example
    : model.resources.flatMap((r) => r.methods.flatMap((m) => m.pathParams)).find((q) => q.name === p.name && usable(q.example))?.example;
  if (usable(example)) return JSON.stringify(example);
  if (p.type.startsWith('"')) return p.type.split(" | ")[0]!;
  return p.type === "number" ? "1" : JSON.stringify(`<${p.name}>`);
}

/** Query example: every parameter with a documented example or default, and every required one. */
function queryArg(doc: OpenApiDocument, method: MethodModel, leaveOut: string[] = []): unknown {
  if (!method.query) return undefined;
  const out: JsonObject = {};
  for (const p of method.query.params) {
    if (leaveOut.includes(p.name)) continue;
    if (p.example !== undefined) out[p.name] = p.example;
    else if (p.required) out[p.name] = sampleOf(doc, undefined);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Header or cookie parameters example: documented examples, and every required one. */
function paramsArg(_doc: OpenApiDocument, group: MethodModel["headers"]): unknown {
  if (!group) return undefined;
  const out: JsonObject = {};
  for (const p of group.params) {
    if (p.example !== undefined) out[p.name] = p.example;
    else if (p.required) out[p.name] = p.type === "number" ? 1 : p.type === "boolean" ? true : p.type.startsWith('"') ? JSON.parse(p.type.split(" | ")[0]!) : `<${p.name}>`;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function bodyArg(doc: OpenApiDocument, method: MethodModel): unknown {
  if (!method.body) return undefined;
  if (method.body.example !== undefined) return method.body.example;
  if (!method.body.required) return undefined;
  // The model keeps the body's media type, not its schema: look the schema up in the document.
  const item = doc.paths?.[method.path];
  const operation = item?.[method.httpMethod.toLowerCase()];
  const media = deref(doc, isObject(operation) ? operation.requestBody : undefined)?.content;
  return sampleOf(doc, isObject(media) && isObject(media[method.body.mediaType]) ? (media[method.body.mediaType] as JsonObject).schema : undefined);
}

/** Call arguments: trailing undefined slots dropped, inner ones kept. */
function args(values: (string | undefined)[]): string {
  const list = [...values];
  while (list.length > 0 && list[list.length - 1] === undefined) list.pop();
  return list.map((v) => v ?? "undefined").join(", ");
}

export function clientVariable(model: ClientModel): string {
  return camelCase(words(model.apiId));
}

/** `createXClient()`, or with the base URL the caller must give when the API documents no server. */
export function factoryCall(model: ClientModel): string {
  return `${model.names.factory}(${model.baseUrl === undefined ? `{ baseUrl: "http://localhost:8080" }` : ""})`;
}

/** The two lines every example starts with. */
export function setup(model: ClientModel): string {
  const reads = model.auth.kind === "none" ? "" : ` // reads ${model.auth.env}`;
  return `import { ${model.names.factory} } from ${JSON.stringify(model.packageName)};\n\nconst ${clientVariable(model)} = ${factoryCall(model)};${reads}`;
}

/** The call of one method with example arguments: `chaser.sessions.get("sess_…")`. */
export function callOf(doc: OpenApiDocument, model: ClientModel, resource: ResourceModel, method: MethodModel): string {
  const body = bodyArg(doc, method);
  const query = queryArg(doc, method);
  const headers = paramsArg(doc, method.headers);
  const cookies = paramsArg(doc, method.cookies);
  return `${clientVariable(model)}.${resource.name}.${method.name}(${args([
    ...method.pathParams.map((p) => pathArg(p, model)),
    ...(method.body ? [body === undefined ? undefined : literal(body)] : []),
    ...(method.query ? [query === undefined ? undefined : literal(query)] : []),
    ...(method.headers ? [headers === undefined ? undefined : literal(headers)] : []),
    ...(method.cookies ? [cookies === undefined ? undefined : literal(cookies)] : []),
  ])})`;
}

export function methodExample(doc: OpenApiDocument, model: ClientModel, resource: ResourceModel, method: MethodModel): string {
  const call = callOf(doc, model, resource, method);
  const line = {
    void: `await ${call};`,
    bytes: `const bytes: Uint8Array = await ${call};\nconsole.log(bytes.byteLength);`,
    text: `const text: string = await ${call};\nconsole.log(text);`,
    json: `const result = await ${call};\nconsole.log(result);`,
  }[method.result.kind];
  return `${setup(model)}\n\n${line}\n`;
}

export function iteratorExample(doc: OpenApiDocument, model: ClientModel, resource: ResourceModel, iterator: IteratorModel): string {
  const query = queryArg(doc, iterator.method, iterator.managedParams);
  const call = `${clientVariable(model)}.${resource.name}.${iterator.name}(${args([
    ...iterator.method.pathParams.map((p) => pathArg(p, model)),
    query === undefined ? undefined : literal(query),
    ...passedArgs(doc, iterator.method),
  ])})`;
  return `${setup(model)}\n\nfor await (const item of ${call}) {\n  console.log(item);\n}\n`;
}

/** Header and cookie arguments an iterator or wait helper passes on ("undefined" where there is nothing to show). */
function passedArgs(doc: OpenApiDocument, method: MethodModel): (string | undefined)[] {
  return [method.headers, method.cookies]
    .filter((g) => g !== undefined)
    .map((g) => {
      const value = paramsArg(doc, g);
      return value === undefined ? undefined : literal(value);
    });
}

export function waiterExample(doc: OpenApiDocument, model: ClientModel, resource: ResourceModel, waiter: WaiterModel): string {
  const call = `${clientVariable(model)}.${resource.name}.${waiter.name}(${[
    ...waiter.method.pathParams.map((p) => pathArg(p, model)),
    ...passedArgs(doc, waiter.method).map((a) => a ?? "undefined"),
    `{ timeoutMs: ${waiter.spec.timeoutMs} }`,
  ].join(", ")})`;
  return `${setup(model)}\n\nconst result = await ${call};\nconsole.log(result.${waiter.spec.field});\n`;
}
