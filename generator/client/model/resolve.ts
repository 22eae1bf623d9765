import type { ApiConfig } from "../../config/api-config.ts";
import { sourcesOf } from "../../load/provenance.ts";
import { toPointer } from "../../openapi/pointer.ts";
import { eachOperation, isObject, type JsonObject, type OpenApiDocument } from "../../openapi/types.ts";
import { DriftlessError } from "../../problems/error.ts";
import { finding, type Finding, type SourceLocation } from "../../problems/finding.ts";
import { PACKAGE_RUNTIME_EXPORTS } from "../emit/error-types.ts";
import type { PaginationSpec } from "../runtime/pagination.ts";
import type { AuthSettings } from "../runtime/settings.ts";
import type { ClientConfigFile, PaginationConfig } from "./config-file.ts";
import { detectPagination, propertiesOf } from "./detect-pagination.ts";
import { derivedOperationId } from "../../merge/finish.ts";
import { deriveOperationNames, identifier, pascalCase, words } from "./naming.ts";
import { deref, errorsOf, isInlineObjectSchema, nonEmptyText, parametersOf, requestBodyOf, schemaRefName, simpleType, successOf, type ParameterFacts } from "./read-operation.ts";
import type { ClientModel, IteratorModel, MethodModel, ParamModel, ResourceModel, SchemaAlias, WaiterModel } from "./types.ts";
import { parseSourceRef } from "../../normalize/context.ts";

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

/**
 * Names the package exports besides the API's own (index-source.ts: the runtime's errors, options,
 * ApiPromise, logger and drift types, the per-status error classes) and the runtime types
 * client.ts imports beside the schema aliases: a component schema of one of these names is
 * exported as `<Name>Schema` instead of clashing.
 */
export const RUNTIME_EXPORTS = [
  "ClientError",
  "ApiError",
  "ConnectionError",
  "TimeoutError",
  "AbortedError",
  "ConfigurationError",
  "PaginationError",
  "WaitError",
  ...PACKAGE_RUNTIME_EXPORTS,
  "ClientOptions",
  "RequestOptions",
  "WaitOptions",
  "Client",
  "ClientContext",
  "ClientSettings",
  "PaginationSpec",
  "PollSpec",
  "paths",
  "components",
  "operations",
  "webhooks",
  "$defs",
  // Helper types openapi-typescript may declare in schema.ts, beside the schemas declared there by name.
  "WithRequired",
  "OneOf",
];

/**
 * Where a problem of the document (not of a setting) is: a pointer into the canonical document
 * and the provenance of the node there (`fragments/x.yaml:12`), if it has any.
 */
interface DocumentPlace {
  pointer: string;
  sources: string[];
}

interface Problems {
  findings: Finding[];
  /**
   * A problem with the `client:` key at `pointer` (relative to `/client`). It is reported at that
   * key's line when api.yaml has it; otherwise at `place` in the document when the problem is the
   * document's (the setting would only be the fix), else at api.yaml's `client:` if there is an
   * api.yaml, else with no source: never at a line or file that does not exist.
   */
  fail(pointer: string, reason: string, place?: DocumentPlace): void;
  /** The same for any key of api.yaml (`/auth/scheme`). */
  failAt(configPointer: string, reason: string, place?: DocumentPlace): void;
  /** "api.yaml:LINE" of a key under `client:` (only for keys api.yaml has). */
  at(pointer: string): string;
}

function problemsOf(config: ApiConfig, lineOf: (pointer: string) => number | undefined): Problems {
  const findings: Finding[] = [];
  const failAt = (configPointer: string, reason: string, place?: DocumentPlace): void => {
    const key = configPointer.slice(1).replace(/\//g, ".");
    const line = lineOf(configPointer);
    const report = (pointer: string, sources: SourceLocation[]): void => {
      findings.push(finding("config-invalid", { pointer, sources, args: { key, reason } }));
    };
    if (line !== undefined) return report(configPointer, [{ file: "api.yaml", line }]);
    // The document's own problem (api.yaml would only be a way to fix it): say it as such.
    if (place) {
      findings.push(finding("client-unsupported", { pointer: place.pointer, sources: place.sources.map(parseSourceRef), args: { reason, key } }));
      return;
    }
    if (config.file === undefined) return report(configPointer, []);
    // The nearest key api.yaml does have (`client:` for a key it lacks), else the file.
    let near: number | undefined;
    for (let p = configPointer; near === undefined && p.lastIndexOf("/") > 0; ) near = lineOf((p = p.slice(0, p.lastIndexOf("/"))));
    report(configPointer, [{ file: "api.yaml", ...(near === undefined ? {} : { line: near }) }]);
  };
  return {
    findings,
    failAt,
    fail: (pointer, reason, place) => failAt(`/client${pointer}`, reason, place),
    at: (pointer) => `api.yaml:${lineOf(`/client${pointer}`) ?? lineOf("/client") ?? 1}`,
  };
}

/** Where an operation is, for problems that are the operation's. */
const operationPlace = (path: string, method: string, operation: JsonObject): DocumentPlace => ({ pointer: toPointer(["paths", path, method]), sources: sourcesOf(operation) });

/**
 * api.yaml's `client:` settings plus the canonical document → the model of one client package.
 * Every default is resolved here; problems are findings at the api.yaml key they concern.
 */
export function resolveClientModel(config: ApiConfig, doc: OpenApiDocument, lineOf: (pointer: string) => number | undefined): { model: ClientModel; findings: Finding[] } {
  const file = config.client as ClientConfigFile;
  const problems = problemsOf(config, lineOf);
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
  const taken = new Set<string>([...RUNTIME_EXPORTS, ...Object.values(names), `${names.error}Body`]);

  const schemas = schemaAliases(doc, taken);
  const aliasOf = new Map(schemas.map((s) => [s.component, s.alias]));
  const resources = resolveResources(config, file, doc, aliasOf, taken, problems);
  const baseUrl = resolveBaseUrl(config, file, doc, problems);

  const codePointer = config.errors?.codePointer;
  const model: ClientModel = {
    apiId: config.id,
    packageName: config.packageName,
    version: file.version ?? CLIENT_DEFAULTS.version,
    description: file.description ?? `Typed client for the ${title}.`,
    title,
    names,
    baseUrl,
    auth: authOf(config, doc, problems),
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
  return { model, findings: problems.findings };
}

/** Whether a URL is one the client can send requests to: absolute, http or https. */
export function isAbsoluteHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * The default base URL: client.baseUrl, else the document's first server with its variables at
 * their defaults. It must be an absolute http(s) URL: the runtime refuses anything else.
 */
function resolveBaseUrl(config: ApiConfig, file: ClientConfigFile, doc: OpenApiDocument, problems: Problems): string | undefined {
  const fixes = `set client.baseUrl in ${config.file === undefined ? `an api.yaml (specs/${config.id}/ has none)` : "api.yaml"}, or servers in a fragment`;
  if (file.baseUrl !== undefined) {
    if (!isAbsoluteHttpUrl(file.baseUrl)) problems.fail("/baseUrl", `'${file.baseUrl}' is not an absolute http(s) URL`);
    return file.baseUrl.replace(/\/+$/, "");
  }
  const first = doc.servers?.[0];
  // No server at all (a self-hosted API, often one known only from its docs): no default, and
  // the generated factory requires `baseUrl` by type and at run time.
  if (first === undefined) return undefined;
  if (!isObject(first) || typeof first.url !== "string") {
    problems.fail("/baseUrl", `the client has no default base URL: the first server of the canonical document has no url; ${fixes}`, { pointer: "/servers/0", sources: [] });
    return undefined;
  }
  const variables = isObject(first.variables) ? first.variables : {};
  const url = first.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isObject(variable) && typeof variable.default === "string" ? variable.default : whole;
  });
  if (!isAbsoluteHttpUrl(url)) {
    problems.fail("/baseUrl", `the client has no default base URL: the first server of the canonical document, '${first.url}', is not an absolute http(s) URL; ${fixes}`, {
      pointer: "/servers/0/url",
      sources: [],
    });
  }
  return url.replace(/\/+$/, "");
}

/**
 * The security scheme the operations use: HTTP bearer or an API key header, with the variable the
 * key is read from; none at all (a public API) when the document declares no scheme.
 */
function authOf(config: ApiConfig, doc: OpenApiDocument, problems: Problems): AuthSettings {
  const schemes = doc.components?.securitySchemes ?? {};
  const declared = config.auth.scheme;
  // An operation's own requirement, else the document's; a scheme declared but never required is
  // taken too (vendors often forget the requirement, rarely the scheme).
  const used = declared ?? Object.keys((doc.security ?? [])[0] ?? {})[0] ?? firstOperationScheme(doc) ?? Object.keys(schemes)[0];
  if (used === undefined) return { kind: "none" };
  const scheme = deref(doc, schemes[used]);
  const env = config.auth.env;
  if (scheme?.type === "http" && typeof scheme.scheme === "string" && scheme.scheme.toLowerCase() === "bearer") return { kind: "bearer", env };
  if (scheme?.type === "apiKey" && scheme.in === "header" && typeof scheme.name === "string") return { kind: "header", name: scheme.name.toLowerCase(), env };
  const known = Object.keys(schemes);
  const place = { pointer: toPointer(["components", "securitySchemes", used]), sources: sourcesOf(scheme) };
  if (scheme === undefined) {
    problems.failAt(
      "/auth/scheme",
      `'${used}' is not a security scheme of the canonical document (${known.length > 0 ? `it has ${known.join(", ")}` : "it declares none"})`,
      place,
    );
  } else {
    const what = scheme.type === "http" ? `http ${String(scheme.scheme)}` : scheme.type === "apiKey" ? `apiKey in ${String(scheme.in)}` : String(scheme.type);
    problems.failAt(
      "/auth/scheme",
      `the security scheme '${used}' (${what}) is not one the client supports (HTTP bearer, or an apiKey header); if the API also takes one of those, declare it (components.securitySchemes, in an overlay) and name it in api.yaml auth.scheme`,
      place,
    );
  }
  return { kind: "bearer", env };
}

function firstOperationScheme(doc: OpenApiDocument): string | undefined {
  for (const { operation } of eachOperation(doc)) {
    for (const requirement of operation.security ?? []) {
      const name = Object.keys(requirement)[0];
      if (name !== undefined) return name;
    }
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

function resolveResources(config: ApiConfig, file: ClientConfigFile, doc: OpenApiDocument, aliasOf: Map<string, string>, taken: Set<string>, problems: Problems): ResourceModel[] {
  const resources = new Map<string, ResourceModel>();
  const clientHeaders = new Set(["accept", "content-type", "authorization", ...apiKeyHeaders(doc)]);
  const byOperationId = new Map<string, { method: MethodModel; resource: ResourceModel; query: ParameterFacts[]; schema: JsonObject | undefined }>();
  const operations = [...eachOperation(doc)];
  const derivedNames = deriveOperationNames(
    operations.map(({ path, method, operation }) => {
      const operationId = typeof operation.operationId === "string" ? operation.operationId : "";
      const derived = derivedOperationId(method, path);
      const settings = file.operations?.[operationId] ?? {};
      return {
        method,
        path,
        operationId,
        // merge/finish.ts derived it (with -2, -3 on a clash): the path says more than it does.
        derivedId: operationId === derived || (operationId.startsWith(`${derived}-`) && /^\d+$/.test(operationId.slice(derived.length + 1))),
        resource: settings.resource,
        name: settings.method,
      };
    }),
  );
  /** The resource reached by `chain` from the client, created with its parents when new. */
  const resourceAt = (chain: string[], pointer: string, place: DocumentPlace): ResourceModel => {
    let parent: ResourceModel | undefined;
    for (let i = 0; i < chain.length; i++) {
      const name = chain.slice(0, i + 1).join(".");
      let resource = resources.get(name);
      if (!resource) {
        resource = { name, property: chain[i]!, className: `${pascalCase(chain.slice(0, i + 1).join("-"))}Resource`, children: [], methods: [], iterators: [], waiters: [] };
        if (taken.has(resource.className)) problems.fail(pointer, `the class name ${resource.className} is already taken; name the resource in api.yaml`, place);
        taken.add(resource.className);
        if (parent) {
          addMember(parent, resource.property, pointer, problems, place);
          parent.children.push(resource);
        }
        resources.set(name, resource);
      }
      parent = resource;
    }
    return parent!;
  };
  for (const [index, { path, method, operation }] of operations.entries()) {
    const operationId = operation.operationId;
    if (typeof operationId !== "string" || operationId === "") {
      // Stage 1 (merge/finish.ts assignOperationIds) gives every operation one: declared, the vendor's, or derived.
      throw new DriftlessError("E_INPUT", `${config.id}: ${method.toUpperCase()} ${path} reached the client stage without an operationId (a driftless bug; please report it).`);
    }
    const place = operationPlace(path, method, operation);
    const claim = (alias: string): string => {
      if (taken.has(alias))
        problems.fail(`/operations/${operationId}`, `the type name ${alias} is already taken; rename the operation (operations in api.yaml) or the schema`, place);
      taken.add(alias);
      return alias;
    };
    const settings = file.operations?.[operationId] ?? {};
    const derivedName = derivedNames[index]!;
    const resource = resourceAt(derivedName.resource, `/operations/${operationId}/resource`, place);
    const pascal = pascalCase(operationId);
    const params = parametersOf(doc, doc.paths![path]!, operation);
    const toParam = (p: ParameterFacts): ParamModel => ({
      name: p.name,
      identifier: identifier(p.name),
      type: simpleType(p.schema),
      required: p.required,
      description: p.description,
      sources: p.sources,
      example: p.example,
    });
    const pathParams = pathOrder(
      path,
      params.filter((p) => p.in === "path"),
    ).map(toParam);
    const queryParams = params.filter((p) => p.in === "query");
    // OpenAPI ignores Accept, Content-Type and Authorization header parameters; the key's header is the client's to send.
    const headerParams = params.filter((p) => p.in === "header" && !clientHeaders.has(p.name.toLowerCase()));
    const cookieParams = params.filter((p) => p.in === "cookie");
    const group = (kind: string, list: ParameterFacts[]) =>
      list.length > 0 ? { alias: claim(`${pascal}${kind}`), required: list.some((p) => p.required), params: list.map(toParam) } : undefined;
    const body = requestBodyOf(doc, operation);
    const success = successOf(doc, operation);
    const successSchema = success.kind === "json" ? deref(doc, success.schema) : undefined;
    const named = success.kind === "json" ? schemaRefName(success.schema) : undefined;
    const resultAlias = success.kind === "json" && (named === undefined || !aliasOf.has(named)) ? claim(`${pascal}Result`) : undefined;
    const httpMethod = method.toUpperCase();
    const model: MethodModel = {
      name: derivedName.method,
      operationId,
      httpMethod,
      path,
      summary: nonEmptyText(operation.summary),
      description: nonEmptyText(operation.description),
      sources: sourcesOf(operation),
      pathParams,
      query: group("Query", queryParams),
      headers: group("Headers", headerParams),
      cookies: group("Cookies", cookieParams),
      body: body ? { alias: claim(`${pascal}Body`), ...body } : undefined,
      result: {
        kind: success.kind,
        status: success.status,
        mediaType: success.mediaType,
        type: { json: resultAlias ?? aliasOf.get(named ?? "") ?? "unknown", bytes: "Uint8Array", text: "string", void: "void" }[success.kind],
        description: success.description,
        sources: success.sources,
      },
      resultAlias,
      resultIsObject: resultAlias !== undefined && isInlineObjectSchema(success.kind === "json" ? success.schema : undefined),
      errors: errorsOf(doc, operation),
      retryable: settings.retrySafe ?? (CLIENT_DEFAULTS.idempotentMethods as readonly string[]).includes(httpMethod),
    };
    addMember(resource, model.name, `/operations/${operationId}/method`, problems, place);
    resource.methods.push(model);
    byOperationId.set(operationId, { method: model, resource, query: queryParams, schema: successSchema });

    const iterator = resolveIterator(model, settings.pagination, queryParams, successSchema, resource.property, doc, aliasOf, problems);
    if (iterator) {
      addMember(resource, iterator.name, `/operations/${operationId}/pagination/iterator`, problems, place);
      resource.iterators.push(iterator);
    }
  }

  for (const id of Object.keys(file.operations ?? {})) {
    if (!byOperationId.has(id)) problems.fail(`/operations/${id}`, `no operation has the operationId '${id}' (known: ${[...byOperationId.keys()].join(", ")})`);
  }
  if (resources.size === 0) {
    problems.fail("", "the canonical document has no operations, and a client needs at least one: add a fragment with paths, or leave this API out (--api)", {
      pointer: "/paths",
      sources: [],
    });
  }
  // biome-ignore lint/suspicious/useIterableCallbackReturn: `return problems.fail(…)` ends this poll's checks; nothing is collected
  (file.polling ?? []).forEach((poll, i) => {
    const target = byOperationId.get(poll.operation);
    const at = `/polling/${i}`;
    if (!target) return problems.fail(`${at}/operation`, `no operation has the operationId '${poll.operation}'`);
    if (target.method.httpMethod !== "GET" || target.method.result.kind !== "json")
      return problems.fail(`${at}/operation`, `'${poll.operation}' must be a GET answering JSON to be polled`);
    const fields = propertiesOf(target.schema, (n) => deref(doc, n));
    if (fields && !(poll.field in fields)) return problems.fail(`${at}/field`, `the answer of '${poll.operation}' has no field '${poll.field}'`);
    const waiter: WaiterModel = {
      name: poll.method,
      method: target.method,
      spec: {
        subject: words(target.resource.property).join(" ").replace(/s$/, ""),
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

/** Header names of the document's apiKey security schemes (lower case): the client sends the key, not the caller. */
function apiKeyHeaders(doc: OpenApiDocument): string[] {
  return Object.values(doc.components?.securitySchemes ?? {})
    .map((raw) => deref(doc, raw))
    .filter((s) => s?.type === "apiKey" && s.in === "header" && typeof s.name === "string")
    .map((s) => (s!.name as string).toLowerCase());
}

/** Path parameters in the order they appear in the path, so `get(id)` reads like the URL. */
function pathOrder(path: string, params: ParameterFacts[]): ParameterFacts[] {
  const order = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  return [...params].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

function addMember(resource: ResourceModel, name: string, pointer: string, problems: Problems, place?: DocumentPlace): void {
  const members = [
    ...resource.children.map((c) => c.property),
    ...resource.methods.map((m) => m.name),
    ...resource.iterators.map((i) => i.name),
    ...resource.waiters.map((w) => w.name),
  ];
  if (members.includes(name)) problems.fail(pointer, `${resource.name}.${name} is defined twice; give one of them another name`, place);
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
