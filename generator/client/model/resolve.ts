import type { ApiConfig } from "../../config/api-config.ts";
import { sourcesOf } from "../../load/provenance.ts";
import { eachOperation, isObject, type JsonObject, type OpenApiDocument } from "../../openapi/types.ts";
import { finding, type Finding } from "../../problems/finding.ts";
import type { PaginationSpec } from "../runtime/pagination.ts";
import type { AuthSettings } from "../runtime/settings.ts";
import type { ClientConfigFile, PaginationConfig } from "./config-file.ts";
import { detectPagination, propertiesOf } from "./detect-pagination.ts";
import { identifier, methodOfOperation, pascalCase, resourceOfPath, words } from "./naming.ts";
import {
  deref,
  errorsOf,
  nonEmptyText,
  parametersOf,
  requestBodyOf,
  schemaRefName,
  simpleType,
  successOf,
  type ParameterFacts,
} from "./read-operation.ts";
import type { ClientModel, IteratorModel, MethodModel, ParamModel, ResourceModel, SchemaAlias, WaiterModel } from "./types.ts";

/** The defaults of api.yaml's `client:` keys, in one place (docs/client.md lists them). */
export const CLIENT_DEFAULTS = {
  version: "0.1.0",
  timeoutMs: 60_000,
  maxRetries: 2,
  requestIdHeader: "x-request-id",
  pollIntervalMs: 1_000,
  pollTimeoutMs: 120_000,
  firstPage: 1,
  /** Methods whose repetition has the same effect as one call (RFC 9110 §9.2.2): retried by default. */
  idempotentMethods: ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"],
} as const;

/** Names the package exports besides the API's own: schema aliases must not take them. */
const RUNTIME_EXPORTS = [
  "ClientError",
  "ApiError",
  "ConnectionError",
  "TimeoutError",
  "AbortedError",
  "ConfigurationError",
  "PaginationError",
  "WaitError",
  "ClientOptions",
  "RequestOptions",
  "WaitOptions",
  "paths",
  "components",
  "operations",
  "webhooks",
  "$defs",
];

interface Problems {
  findings: Finding[];
  fail(pointer: string, reason: string): void;
  /** "api.yaml:LINE" of a key under `client:`. */
  at(pointer: string): string;
}

/**
 * api.yaml's `client:` settings plus the canonical document → the model of one client package.
 * Every default is resolved here; problems are findings at the api.yaml key they concern.
 */
export function resolveClientModel(config: ApiConfig, doc: OpenApiDocument, lineOf: (pointer: string) => number | undefined): { model: ClientModel; findings: Finding[] } {
  const file = config.client as ClientConfigFile;
  const findings: Finding[] = [];
  const problems: Problems = {
    findings,
    fail: (pointer, reason) => {
      const at = `/client${pointer}`;
      findings.push(finding("config-invalid", { pointer: at, sources: [{ file: "api.yaml", line: lineOf(at) ?? lineOf("/client") }], args: { reason: `client${pointer.replace(/\//g, ".")}: ${reason}` } }));
    },
    at: (pointer) => `api.yaml:${lineOf(`/client${pointer}`) ?? lineOf("/client") ?? 1}`,
  };
  const id = pascalCase(config.id);
  const names = {
    factory: file.factory ?? `create${id}Client`,
    client: `${id}Client`,
    options: `${id}ClientOptions`,
    error: file.errorClass ?? `${id}Error`,
    errorCode: `${id}ErrorCode`,
  };
  const info = isObject(doc.info) ? doc.info : {};
  const title = nonEmptyText(info.title) ?? config.id;
  const taken = new Set<string>([...RUNTIME_EXPORTS, ...Object.values(names)]);

  const schemas = schemaAliases(doc, taken);
  const aliasOf = new Map(schemas.map((s) => [s.component, s.alias]));
  const resources = resolveResources(config, file, doc, aliasOf, taken, problems);
  const baseUrl = file.baseUrl ?? serverUrl(doc);
  if (baseUrl === undefined) problems.fail("/baseUrl", "the canonical document has no servers; set client.baseUrl");

  const codePointer = config.errors?.codePointer;
  const model: ClientModel = {
    apiId: config.id,
    packageName: config.packageName,
    version: file.version ?? CLIENT_DEFAULTS.version,
    description: file.description ?? `Typed client for the ${title}.`,
    title,
    names,
    baseUrl: baseUrl ?? "",
    auth: authOf(config, doc, problems),
    apiKeyEnv: config.auth.env,
    timeoutMs: file.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs,
    maxRetries: file.maxRetries ?? CLIENT_DEFAULTS.maxRetries,
    requestIdHeader: (file.requestIdHeader ?? CLIENT_DEFAULTS.requestIdHeader).toLowerCase(),
    errorCodePointer: codePointer,
    // The message sits beside the code in an envelope ({ error: { code, message } }); flat bodies have /message.
    errorMessagePointer: file.errorMessagePointer ?? (codePointer ? codePointer.replace(/[^/]+$/, "message") : "/message"),
    errorCodes: errorCodes(doc),
    schemas,
    resources,
  };
  return { model, findings };
}

function serverUrl(doc: OpenApiDocument): string | undefined {
  const first = doc.servers?.[0];
  return first && typeof first.url === "string" ? first.url.replace(/\/+$/, "") : undefined;
}

/** The security scheme the operations use: HTTP bearer or an API key header. */
function authOf(config: ApiConfig, doc: OpenApiDocument, problems: Problems): AuthSettings {
  const schemes = doc.components?.securitySchemes ?? {};
  const used = config.auth.scheme ?? Object.keys((doc.security ?? [])[0] ?? {})[0] ?? firstOperationScheme(doc) ?? Object.keys(schemes)[0];
  const scheme = used === undefined ? undefined : deref(doc, schemes[used]);
  if (scheme?.type === "http" && typeof scheme.scheme === "string" && scheme.scheme.toLowerCase() === "bearer") return { kind: "bearer" };
  if (scheme?.type === "apiKey" && scheme.in === "header" && typeof scheme.name === "string") return { kind: "header", name: scheme.name.toLowerCase() };
  problems.fail("", `the security scheme ${used === undefined ? "(none)" : `'${used}'`} is not one the client supports (HTTP bearer, or an apiKey header)`);
  return { kind: "bearer" };
}

function firstOperationScheme(doc: OpenApiDocument): string | undefined {
  for (const { operation } of eachOperation(doc)) {
    const name = Object.keys(operation.security?.[0] ?? {})[0];
    if (name !== undefined) return name;
  }
  return undefined;
}

function errorCodes(doc: OpenApiDocument): string[] {
  const codes = new Set<string>();
  for (const { operation } of eachOperation(doc)) for (const e of errorsOf(doc, operation)) for (const c of e.codes) codes.add(c);
  return [...codes].sort();
}

function schemaAliases(doc: OpenApiDocument, taken: Set<string>): SchemaAlias[] {
  return Object.entries(doc.components?.schemas ?? {}).map(([component, schema]) => {
    let alias = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(component) ? component : pascalCase(component) || "Schema";
    if (taken.has(alias)) alias = `${alias}Schema`;
    taken.add(alias);
    return { component, alias, description: nonEmptyText(schema.description) ?? nonEmptyText(schema.title === component ? undefined : schema.title), sources: sourcesOf(schema) };
  });
}

function resolveResources(
  config: ApiConfig,
  file: ClientConfigFile,
  doc: OpenApiDocument,
  aliasOf: Map<string, string>,
  taken: Set<string>,
  problems: Problems,
): ResourceModel[] {
  const resources = new Map<string, ResourceModel>();
  const byOperationId = new Map<string, { method: MethodModel; resource: ResourceModel; query: ParameterFacts[]; schema: JsonObject | undefined }>();
  const claim = (alias: string, operationId: string): string => {
    if (taken.has(alias)) problems.fail(`/operations/${operationId}`, `the type name ${alias} is already taken; rename the operation or the schema`);
    taken.add(alias);
    return alias;
  };

  for (const { path, method, operation } of eachOperation(doc)) {
    const operationId = operation.operationId;
    if (typeof operationId !== "string") continue; // stage 1 assigns one to every operation
    const settings = file.operations?.[operationId] ?? {};
    const resourceName = settings.resource ?? resourceOfPath(path);
    let resource = resources.get(resourceName);
    if (!resource) {
      resource = { name: resourceName, className: `${pascalCase(resourceName)}Resource`, methods: [], iterators: [], waiters: [] };
      if (taken.has(resource.className)) problems.fail(`/operations/${operationId}/resource`, `the class name ${resource.className} is already taken`);
      taken.add(resource.className);
      resources.set(resourceName, resource);
    }
    const pascal = pascalCase(operationId);
    const params = parametersOf(doc, doc.paths![path]!, operation);
    const unsupported = params.filter((p) => (p.in === "header" || p.in === "cookie") && p.required);
    if (unsupported.length > 0) {
      problems.fail(`/operations/${operationId}`, `required ${unsupported.map((p) => `${p.in} parameter '${p.name}'`).join(", ")}: the client passes headers only through options.headers; use client.raw for this operation`);
    }
    const toParam = (p: ParameterFacts): ParamModel => ({
      name: p.name,
      identifier: identifier(p.name),
      type: simpleType(p.schema),
      required: p.required,
      description: p.description,
      sources: p.sources,
      example: p.example,
    });
    const pathParams = pathOrder(path, params.filter((p) => p.in === "path")).map(toParam);
    const queryParams = params.filter((p) => p.in === "query");
    const body = requestBodyOf(doc, operation);
    const success = successOf(doc, operation);
    const successSchema = success.kind === "json" ? deref(doc, success.schema) : undefined;
    const named = success.kind === "json" ? schemaRefName(success.schema) : undefined;
    const resultAlias = success.kind === "json" && (named === undefined || !aliasOf.has(named)) ? claim(`${pascal}Result`, operationId) : undefined;
    const httpMethod = method.toUpperCase();
    const model: MethodModel = {
      name: settings.method ?? methodOfOperation(operationId, resourceName),
      operationId,
      httpMethod,
      path,
      summary: nonEmptyText(operation.summary),
      description: nonEmptyText(operation.description),
      sources: sourcesOf(operation),
      pathParams,
      query: queryParams.length > 0 ? { alias: claim(`${pascal}Query`, operationId), required: queryParams.some((p) => p.required), params: queryParams.map(toParam) } : undefined,
      body: body ? { alias: claim(`${pascal}Body`, operationId), ...body } : undefined,
      result: {
        kind: success.kind,
        status: success.status,
        mediaType: success.mediaType,
        type: { json: resultAlias ?? aliasOf.get(named ?? "") ?? "unknown", bytes: "Uint8Array", text: "string", void: "void" }[success.kind],
        description: success.description,
        sources: success.sources,
      },
      resultAlias,
      errors: errorsOf(doc, operation),
      retryable: settings.retrySafe ?? (CLIENT_DEFAULTS.idempotentMethods as readonly string[]).includes(httpMethod),
    };
    addMember(resource, model.name, `/operations/${operationId}/method`, problems);
    resource.methods.push(model);
    byOperationId.set(operationId, { method: model, resource, query: queryParams, schema: successSchema });

    const iterator = resolveIterator(model, settings.pagination, queryParams, successSchema, resource.name, doc, aliasOf, problems);
    if (iterator) {
      addMember(resource, iterator.name, `/operations/${operationId}/pagination/iterator`, problems);
      resource.iterators.push(iterator);
    }
  }

  for (const id of Object.keys(file.operations ?? {})) {
    if (!byOperationId.has(id)) problems.fail(`/operations/${id}`, `no operation has the operationId '${id}' (known: ${[...byOperationId.keys()].join(", ")})`);
  }
  (file.polling ?? []).forEach((poll, i) => {
    const target = byOperationId.get(poll.operation);
    const at = `/polling/${i}`;
    if (!target) return problems.fail(`${at}/operation`, `no operation has the operationId '${poll.operation}'`);
    if (target.method.httpMethod !== "GET" || target.method.result.kind !== "json") return problems.fail(`${at}/operation`, `'${poll.operation}' must be a GET answering JSON to be polled`);
    const fields = propertiesOf(target.schema, (n) => deref(doc, n));
    if (fields && !(poll.field in fields)) return problems.fail(`${at}/field`, `the answer of '${poll.operation}' has no field '${poll.field}'`);
    const waiter: WaiterModel = {
      name: poll.method,
      method: target.method,
      spec: {
        subject: words(target.resource.name).join(" ").replace(/s$/, ""),
        field: poll.field,
        ready: poll.ready,
        failed: poll.failed ?? [],
        intervalMs: poll.intervalMs ?? CLIENT_DEFAULTS.pollIntervalMs,
        timeoutMs: poll.timeoutMs ?? CLIENT_DEFAULTS.pollTimeoutMs,
      },
      sources: [problems.at(at)],
    };
    addMember(target.resource, waiter.name, `${at}/method`, problems);
    target.resource.waiters.push(waiter);
  });
  return [...resources.values()];
}

/** Path parameters in the order they appear in the path, so `get(id)` reads like the URL. */
function pathOrder(path: string, params: ParameterFacts[]): ParameterFacts[] {
  const order = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  return [...params].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

function addMember(resource: ResourceModel, name: string, pointer: string, problems: Problems): void {
  const members = [...resource.methods.map((m) => m.name), ...resource.iterators.map((i) => i.name), ...resource.waiters.map((w) => w.name)];
  if (members.includes(name)) problems.fail(pointer, `${resource.name}.${name} is defined twice; give one of them another name`);
}

function resolveIterator(
  method: MethodModel,
  configured: false | PaginationConfig | undefined,
  query: ParameterFacts[],
  schema: JsonObject | undefined,
  resource: string,
  doc: OpenApiDocument,
  aliasOf: Map<string, string>,
  problems: Problems,
): IteratorModel | undefined {
  if (configured === false || method.result.kind !== "json") return undefined;
  const properties = propertiesOf(schema, (n) => deref(doc, n));
  const at = `/operations/${method.operationId}/pagination`;
  let spec: PaginationSpec | undefined;
  if (configured === undefined) {
    if (method.httpMethod !== "GET") return undefined;
    spec = detectPagination(query, properties, resource);
  } else {
    const { iterator: _name, ...rest } = configured;
    spec = rest.style === "page" ? { ...rest, firstPage: rest.firstPage ?? CLIENT_DEFAULTS.firstPage } : rest;
    const params = new Set(query.map((p) => p.name));
    const paramKeys = ["cursorParam", "offsetParam", "pageParam", "limitParam"] as const;
    for (const key of paramKeys) {
      const value = (spec as Partial<Record<(typeof paramKeys)[number], string>>)[key];
      if (value !== undefined && !params.has(value)) problems.fail(`${at}/${key}`, `'${method.operationId}' has no query parameter '${value}'`);
    }
    const fieldKeys = ["items", "nextCursor", "hasMore", "total", "pageSize"] as const;
    for (const key of fieldKeys) {
      const value = (spec as Partial<Record<(typeof fieldKeys)[number], string>>)[key];
      if (value !== undefined && properties && !(value in properties)) problems.fail(`${at}/${key}`, `the answer of '${method.operationId}' has no field '${value}'`);
    }
  }
  if (!spec) return undefined;
  const itemsSchema = properties?.[spec.items];
  const named = schemaRefName(isObject(itemsSchema) ? itemsSchema.items : undefined);
  const itemType = named !== undefined && aliasOf.has(named) ? aliasOf.get(named)! : `NonNullable<${method.result.type}[${JSON.stringify(spec.items)}]>[number]`;
  const managed = spec.style === "cursor" ? spec.cursorParam : spec.style === "offset" ? spec.offsetParam : spec.pageParam;
  return {
    name: (configured === undefined ? undefined : configured.iterator) ?? `${method.name}All`,
    method,
    spec,
    itemType,
    managedParams: [managed],
    sources: configured === undefined ? method.sources : [problems.at(at)],
  };
}
