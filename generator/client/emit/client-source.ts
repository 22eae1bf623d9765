import { StructureKind, type MethodDeclarationStructure, type OptionalKind, type ParameterDeclarationStructure } from "ts-morph";
import { propertyName, words } from "../model/naming.ts";
import type { ClientModel, IteratorModel, MethodModel, ResourceModel, WaiterModel } from "../model/types.ts";
import type { OpenApiDocument } from "../../openapi/types.ts";
import { parsePointer } from "../../openapi/pointer.ts";
import { DriftlessError } from "../../problems/error.ts";
import { errorBodyType, errorClassFor, packageExportNames, secretHeaderNames, SERVER_ERROR, STATUS_ERRORS, statusErrorClasses } from "./error-types.ts";
import { docText, headerAndCookieTags, iteratorDoc, jsdoc, methodDoc, waiterDoc, type ErrorClassOf } from "./jsdoc.ts";
import { codeLiteral, objectLiteral } from "./literal.ts";
import { printModule, type CodeStatement, type ModuleStatements } from "./source-file.ts";

type Param = OptionalKind<ParameterDeclarationStructure>;
type Method = OptionalKind<MethodDeclarationStructure>;

const constantCase = (...parts: string[]): string => parts.flatMap(words).join("_").toUpperCase();
/** A string (or other JSON value) as a TypeScript literal on one line. */
const literal = (value: unknown): string => JSON.stringify(value);

/** The object slots after the path parameters, in call order: body, query, header and cookie parameters. */
function slots(method: MethodModel): { name: string; type: string; required: boolean }[] {
  const out: { name: string; type: string; required: boolean }[] = [];
  if (method.body) out.push({ name: "body", type: method.body.alias, required: method.body.required });
  if (method.query) out.push({ name: "query", type: method.query.alias, required: method.query.required });
  if (method.headers) out.push({ name: "headers", type: method.headers.alias, required: method.headers.required });
  if (method.cookies) out.push({ name: "cookies", type: method.cookies.alias, required: method.cookies.required });
  return out;
}

/** Slots as parameters: a slot is optional only if it and every slot after it may be left out. */
function slotParams(tail: { name: string; type: string; required: boolean }[], optionsType: string): Param[] {
  const params: Param[] = tail.map((slot, i) => {
    const optional = !tail.slice(i).some((s) => s.required);
    return { name: slot.name, type: optional || slot.required ? slot.type : `${slot.type} | undefined`, hasQuestionToken: optional };
  });
  params.push({ name: "options", type: optionsType, hasQuestionToken: true });
  return params;
}

/**
 * The parameters of a generated method, in call order: path parameters (as in the URL), body,
 * query, header parameters, cookie parameters, per-call options.
 */
function methodParams(method: MethodModel): Param[] {
  return [...method.pathParams.map((p) => ({ name: p.identifier, type: p.type })), ...slotParams(slots(method), "RequestOptions")];
}

/** The operation's part of openapi-fetch's init: `{ params: { path: { id } } }`, as typed by the document's paths. */
function operationInit(method: MethodModel): string {
  const params: string[] = [];
  if (method.pathParams.length > 0) {
    params.push(`path: { ${method.pathParams.map((p) => (p.identifier === p.name ? p.name : `${propertyName(p.name)}: ${p.identifier}`)).join(", ")} }`);
  }
  if (method.query) params.push("query");
  if (method.headers) params.push("header: headers");
  const init: string[] = [];
  // Cookie parameters travel in the Cookie header: openapi-fetch does not send params.cookie.
  if (method.cookies) init.push("headers: withCookies(options?.headers, cookies)");
  if (params.length > 0) init.push(`params: { ${params.join(", ")} }`);
  if (method.body) init.push("body");
  return init.length > 0 ? `{ ${init.join(", ")} }` : "{}";
}

function methodStructure(method: MethodModel, errorClassOf: ErrorClassOf): Method {
  return {
    name: method.name,
    docs: [methodDoc(method, errorClassOf)],
    parameters: methodParams(method),
    returnType: `ApiPromise<${method.result.type}>`,
    // The result kind is left out where it is the runtime's default, "json": every byte of a method is in every bundle of the client.
    statements: [
      `return call(this.#ctx, ${literal(method.httpMethod)}, ${literal(method.path)}, ${operationInit(method)}, options, ${method.retryable}${method.result.kind === "json" ? "" : `, ${literal(method.result.kind)}`});`,
    ],
  };
}

/** Module constants with the pagination and polling specs, declared before the classes that use them. */
function specs(resource: ResourceModel): CodeStatement[] {
  return [
    ...resource.iterators.map((i) => constant(`How \`${resource.name}.${i.name}\` pages.`, constantCase(resource.name, i.name), "PaginationSpec", codeLiteral(i.spec))),
    ...resource.waiters.map((w) => constant(`What \`${resource.name}.${w.name}\` waits for.`, constantCase(resource.name, w.name), "PollSpec", codeLiteral(w.spec))),
  ];
}

/**
 * A module constant with a one-line doc, written whole: ts-morph indents the lines after the
 * first of an initializer given as text one level too deep (only a formatting pass would even
 * them out), while a statement of its own keeps the indentation of codeLiteral's lines.
 */
function constant(doc: string, name: string, type: string, initializer: string): CodeStatement {
  return { kind: StructureKind.VariableStatement, code: `/**\n * ${doc}\n */\nconst ${name}: ${type} = ${initializer};` };
}

/** Header and cookie slots a helper (iterator, wait) passes through to the method it calls. */
const passedSlots = (method: MethodModel) => slots(method).filter((s) => s.name === "headers" || s.name === "cookies");

function iteratorStructure(resource: ResourceModel, iterator: IteratorModel): Method {
  const constant = constantCase(resource.name, iterator.name);
  const method = iterator.method;
  const queryType = method.query ? `Omit<${method.query.alias}, ${iterator.managedParams.map(literal).join(" | ")}>` : "Record<string, never>";
  const pathArgs = method.pathParams.map((p) => p.identifier);
  const passed = passedSlots(method);
  const args = [...pathArgs, ...(method.body ? ["undefined"] : []), "page", ...passed.map((s) => s.name), "options"].join(", ");
  const requiredQuery = method.query?.params.some((p) => p.required && !iterator.managedParams.includes(p.name)) ?? false;
  return {
    name: iterator.name,
    docs: [iteratorDoc(iterator, headerAndCookieTags(method))],
    parameters: [
      ...method.pathParams.map((p) => ({ name: p.identifier, type: p.type })),
      ...slotParams([{ name: "query", type: queryType, required: requiredQuery }, ...passed], "RequestOptions"),
    ],
    returnType: `AsyncIterableIterator<${iterator.itemType}>`,
    statements: [`return paginate<${method.query?.alias ?? "Record<string, never>"}, ${iterator.itemType}>(${constant}, query, (page) => this.${method.name}(${args}));`],
  };
}

function waiterStructure(resource: ResourceModel, waiter: WaiterModel): Method {
  const constant = constantCase(resource.name, waiter.name);
  const method = waiter.method;
  const passed = passedSlots(method);
  const args = [
    ...method.pathParams.map((p) => p.identifier),
    ...(method.body ? ["undefined"] : []),
    ...(method.query ? ["undefined"] : []),
    ...passed.map((s) => s.name),
    "request",
  ].join(", ");
  return {
    name: waiter.name,
    docs: [waiterDoc(waiter, headerAndCookieTags(method))],
    parameters: [...method.pathParams.map((p) => ({ name: p.identifier, type: p.type })), ...slotParams(passed, "WaitOptions")],
    returnType: `ApiPromise<${method.result.type}>`,
    statements: [`return poll(${constant}, (request) => this.${method.name}(${args}), options);`],
  };
}

/** The environment variable with the log level: the API's id in upper case, then `_LOG` (`CHASER_LOG`). */
export function logEnv(model: ClientModel): string {
  return `${constantCase(model.apiId)}_LOG`;
}

function memberList(resource: ResourceModel): string {
  return [...resource.children.map((c) => ({ name: c.property })), ...resource.methods, ...resource.iterators, ...resource.waiters].map((m) => `\`${m.name}\``).join(", ");
}

/**
 * src/client.ts as a ts-morph AST: the error classes, the settings constant, one class per
 * resource with a method per operation (plus iterators and wait helpers), the client interface
 * and the factory. Method bodies are single calls into the runtime helpers. `doc` is the canonical
 * document, for what the model does not hold: the error body's schema and the key headers.
 */
export function clientSource(model: ClientModel, doc: OpenApiDocument): string {
  const { names } = model;
  if (!model.resources.some((r) => r.methods.length > 0)) throw new Error(`${model.apiId}: a client model without methods (resolveClientModel reports that as a problem first)`);
  const clashes = packageExportNames(model).filter((n) => model.schemas.some((s) => s.alias === n));
  if (clashes.length > 0) {
    throw new DriftlessError(
      "E_CONFIG",
      `${model.apiId}: the component schema(s) ${clashes.join(", ")} take a name the client package exports for itself; rename the schema (an overlay) to build the client.`,
    );
  }
  const topLevel = model.resources.filter((r) => !r.name.includes("."));
  const usesPagination = model.resources.some((r) => r.iterators.length > 0);
  const usesPolling = model.resources.some((r) => r.waiters.length > 0);
  const usesCookies = model.resources.some((r) => r.methods.some((m) => m.cookies));
  const errorBody = errorBodyType(doc, model);
  const aliases = new Set<string>(errorBody.aliases);
  for (const r of model.resources) {
    for (const m of r.methods) {
      for (const t of [m.query?.alias, m.body?.alias, m.headers?.alias, m.cookies?.alias, m.result.kind === "json" ? m.result.type : undefined])
        if (t && /^[A-Za-z_$][\w$]*$/.test(t) && t !== "unknown") aliases.add(t);
    }
    for (const i of r.iterators) if (/^[A-Za-z_$][\w$]*$/.test(i.itemType)) aliases.add(i.itemType);
  }

  const imports = [
    { isTypeOnly: true, moduleSpecifier: "openapi-fetch", namedImports: ["Client"] },
    { isTypeOnly: true, moduleSpecifier: "./runtime/api-promise.ts", namedImports: ["ApiPromise"] },
    { moduleSpecifier: "./runtime/context.ts", namedImports: ["createContext", { name: "ClientContext", isTypeOnly: true }] },
    { moduleSpecifier: "./runtime/errors.ts", namedImports: ["ApiError"] },
    { isTypeOnly: true, moduleSpecifier: "./runtime/options.ts", namedImports: ["ClientOptions", "RequestOptions"] },
    ...(usesPagination ? [{ moduleSpecifier: "./runtime/pagination.ts", namedImports: ["paginate", { name: "PaginationSpec", isTypeOnly: true }] }] : []),
    ...(usesPolling
      ? [{ moduleSpecifier: "./runtime/polling.ts", namedImports: ["poll", { name: "PollSpec", isTypeOnly: true }, { name: "WaitOptions", isTypeOnly: true }] }]
      : []),
    { moduleSpecifier: "./runtime/request.ts", namedImports: ["call", ...(usesCookies ? ["withCookies"] : [])] },
    { isTypeOnly: true, moduleSpecifier: "./runtime/settings.ts", namedImports: ["ClientSettings"] },
    { isTypeOnly: true, moduleSpecifier: "./schema.ts", namedImports: ["paths"] },
    ...(aliases.size > 0 ? [{ isTypeOnly: true, moduleSpecifier: "./types.ts", namedImports: [...aliases].sort() }] : []),
  ];
  const statements: ModuleStatements = imports.map((i) => ({ kind: StructureKind.ImportDeclaration, ...i }));

  const codeType = model.errorCodes.length > 0 ? `${names.errorCode} | (string & {})` : "string";
  const bodyName = `${names.error}Body`;
  statements.push({
    kind: StructureKind.TypeAlias,
    isExported: true,
    name: names.errorCode,
    type: model.errorCodes.length > 0 ? model.errorCodes.map(literal).join(" | ") : "string",
    docs: [
      jsdoc(
        model.errorCodes.length > 0
          ? `Every error code the ${model.title} documents (\`x-error-codes\` of its error answers).`
          : `The ${model.title} documents no error codes; \`code\` is \`http_<status>\`.`,
      ),
    ],
  });
  statements.push({
    kind: StructureKind.TypeAlias,
    isExported: true,
    name: bodyName,
    type: errorBody.type,
    docs: [
      jsdoc(
        errorBody.type === "unknown"
          ? `The ${model.title} documents no JSON body for its error answers: \`body\` is whatever JSON object an error answer has.`
          : `The body of an error answer of the ${model.title}, as its ${errorBody.documented} documented error answers describe it${model.errorCodes.length > 0 ? `; the code is any of \`${names.errorCode}\` (or a code the document does not list yet)` : ""}. A server or proxy that departs from the document can send another shape.`,
      ),
    ],
  });
  statements.push({
    kind: StructureKind.Class,
    isExported: true,
    name: names.error,
    extends: "ApiError",
    docs: [
      jsdoc(
        `An error answer of the ${model.title}: \`status\`, \`code\` (${model.errorCodePointer ? `\`${model.errorCodePointer}\` of the error body` : "`http_<status>`: the API has no error envelope"}), \`message\`, \`requestId\` (\`${model.requestIdHeader}\` header), the parsed \`body\` (\`${bodyName}\`; undefined when the answer was not a JSON object) and the \`response\`.\n\nA status with a class of its own throws that subclass: ${[...STATUS_ERRORS.map((e) => `\`${e.name}\` (${e.status})`), `\`${SERVER_ERROR.name}\` (5xx)`].join(", ")}. Every error the client throws, this one included, is a \`ClientError\`.`,
      ),
    ],
    properties: [
      { name: "name", hasOverrideKeyword: true, initializer: literal(names.error) },
      { name: "code", isReadonly: true, hasDeclareKeyword: true, type: codeType },
      { name: "body", isReadonly: true, hasDeclareKeyword: true, type: errorBody.type === "unknown" ? "unknown" : `${bodyName} | undefined` },
    ],
  });
  for (const e of statusErrorClasses(model)) {
    const fixed = e.status !== "5xx";
    statements.push({
      kind: StructureKind.Class,
      isExported: true,
      name: e.name,
      extends: names.error,
      docs: [
        jsdoc(
          `${fixed ? `HTTP ${e.status}` : "A 5xx answer"} from the ${model.title}: ${e.what}.${e.codes.length > 0 ? ` Documented codes: ${e.codes.map((c) => `\`${c}\``).join(", ")}.` : ""}`,
        ),
      ],
      properties: [
        { name: "name", hasOverrideKeyword: true, initializer: literal(e.name) },
        ...(fixed ? [{ name: "status", isReadonly: true, hasDeclareKeyword: true, type: e.status }] : []),
        ...(e.codes.length > 0 ? [{ name: "code", isReadonly: true, hasDeclareKeyword: true, type: `${e.codes.map(literal).join(" | ")} | (string & {})` }] : []),
      ],
    });
  }
  const errorClassOf: ErrorClassOf = (status) => errorClassFor(model, status);
  const isPublic = model.auth.kind === "none";
  statements.push({
    kind: StructureKind.TypeAlias,
    isExported: true,
    name: names.options,
    // A public API takes no key: the option is left out, so passing one is a type error, not a silent no-op.
    // Without a documented server, `baseUrl` has no default: required by type, not only at run time.
    type: `${isPublic ? `Omit<ClientOptions, "apiKey">` : "ClientOptions"}${model.baseUrl === undefined ? " & { baseUrl: string }" : ""}`,
    docs: [
      jsdoc(
        `Options of \`${names.factory}\`; ${model.baseUrl === undefined ? "`baseUrl` is required (the API documents no server), every other one has a default" : "every one has a default"}.`,
      ),
    ],
  });
  statements.push(
    constant(
      "What the runtime helpers need to know about this API.",
      "SETTINGS",
      "ClientSettings",
      objectLiteral([
        ["packageName", codeLiteral(model.packageName)],
        ["packageVersion", codeLiteral(model.version)],
        ["baseUrl", codeLiteral(model.baseUrl)],
        ["auth", codeLiteral(model.auth, "  ")],
        ["timeoutMs", codeLiteral(model.timeoutMs)],
        ["maxRetries", codeLiteral(model.maxRetries)],
        ["errorCodePath", codeLiteral(model.errorCodePointer === undefined ? undefined : parsePointer(model.errorCodePointer))],
        ["errorMessagePath", codeLiteral(model.errorMessagePointer === undefined ? undefined : parsePointer(model.errorMessagePointer))],
        ["requestIdHeader", codeLiteral(model.requestIdHeader)],
        ["errorClass", names.error],
        [
          "statusErrorClasses",
          objectLiteral(
            STATUS_ERRORS.map((e) => [String(e.status), e.name]),
            "  ",
          ),
        ],
        ["serverErrorClass", SERVER_ERROR.name],
        ["logEnv", codeLiteral(logEnv(model))],
        ["secretHeaders", codeLiteral(secretHeaderNames(doc))],
      ]),
    ),
  );

  for (const resource of model.resources) statements.push(...specs(resource));
  for (const resource of model.resources) {
    statements.push({
      kind: StructureKind.Class,
      isExported: true,
      name: resource.className,
      docs: [
        jsdoc(
          `The ${resource.name} of the ${model.title}: ${memberList(resource)}. Reached as \`client.${resource.name}\` of \`${names.factory}()\`.\n\nEvery method returns an ApiPromise: await it for the data, or call \`.withResponse()\` for \`{ data, response, requestId }\` and \`.asResponse()\` for the Response with its body unread.`,
        ),
      ],
      properties: [
        ...resource.children.map((c) => ({ name: c.property, isReadonly: true, type: c.className, docs: [jsdoc(`${docText(c.name)}: ${memberList(c)}.`)] })),
        // A namespace with only nested resources (`client.x402` of `client.x402.web`) has no calls of its own.
        ...(resource.methods.length > 0 ? [{ name: "#ctx", isReadonly: true, type: "ClientContext<paths>" }] : []),
      ],
      ctors: [
        {
          docs: [jsdoc(`Created by \`${names.factory}\`.`)],
          parameters: [{ name: "ctx", type: "ClientContext<paths>" }],
          statements: [...(resource.methods.length > 0 ? ["this.#ctx = ctx;"] : []), ...resource.children.map((c) => `this.${c.property} = new ${c.className}(ctx);`)],
        },
      ],
      methods: [
        ...resource.methods.map((method) => methodStructure(method, errorClassOf)),
        ...resource.iterators.map((iterator) => iteratorStructure(resource, iterator)),
        ...resource.waiters.map((waiter) => waiterStructure(resource, waiter)),
      ],
    });
  }

  statements.push({
    kind: StructureKind.Interface,
    isExported: true,
    name: names.client,
    docs: [jsdoc(`A client of the ${model.title}, created by \`${names.factory}\`.`)],
    properties: [
      ...topLevel.map((r) => ({ name: r.property, isReadonly: true, type: r.className, docs: [jsdoc(`${docText(r.name)}: ${memberList(r)}.`)] })),
      {
        name: "raw",
        isReadonly: true,
        type: "Client<paths>",
        docs: [
          jsdoc(
            "The openapi-fetch client, typed with this API's paths, with the same base URL, key and fetch: for anything the methods do not cover. It neither retries nor times out, and returns `{ data, error, response }` instead of throwing.",
          ),
        ],
      },
    ],
  });
  statements.push({
    kind: StructureKind.Function,
    isExported: true,
    name: names.factory,
    docs: [
      jsdoc(
        model.auth.kind === "none"
          ? `Creates a client of the ${model.title}, which takes no API key. Options it cannot work with throw a ConfigurationError (\`invalid_option\`) before any request.`
          : `Creates a client of the ${model.title}. The key comes from \`apiKey\` or the environment variable \`${model.auth.env}\`; without one this throws a ConfigurationError (\`missing_api_key\`) before any request, as do options it cannot work with (\`invalid_option\`).`,
        [
          {
            tagName: "param",
            text: `options - ${isPublic ? "" : "`apiKey`, "}\`baseUrl\` (${model.baseUrl === undefined ? "required: the API documents no server" : `default ${model.baseUrl}`}), \`timeoutMs\` (default ${model.timeoutMs}), \`maxRetries\` (default ${model.maxRetries}), \`fetch\`, \`userAgent\`, \`logLevel\` (default the environment variable \`${logEnv(model)}\`, else \`warn\`), \`logger\` (default \`console\`), \`validateResponses\` (the drift sentinel, default off).`,
          },
        ],
      ),
    ],
    parameters: [{ name: "options", type: names.options, ...(model.baseUrl === undefined ? {} : { initializer: "{}" }) }],
    returnType: names.client,
    statements: [
      "const ctx = createContext<paths>(options, SETTINGS);",
      `return { ${[...topLevel.map((r) => `${r.property}: new ${r.className}(ctx)`), "raw: ctx.raw"].join(", ")} };`,
    ],
  });
  return printModule(model.apiId, "client.ts", statements);
}
