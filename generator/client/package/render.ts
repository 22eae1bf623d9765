import { readFileSync } from "node:fs";
import { renderTemplate } from "../../emit/templates.ts";
import type { OpenApiDocument } from "../../openapi/types.ts";
import { DriftlessError } from "../../problems/error.ts";
import { CLIENT_DEFAULTS } from "../model/resolve.ts";
import type { ClientModel, MethodModel, ResourceModel } from "../model/types.ts";
import { generatedHeader, generatedMarkdownHeader } from "../emit/header.ts";
import { docText, documentedAt } from "../emit/jsdoc.ts";
import { codeLiteral as literal } from "../emit/literal.ts";
import { logEnv } from "../emit/client-source.ts";
import { secretHeaderNames, statusErrorClasses } from "../emit/error-types.ts";
import { callOf, clientVariable, factoryCall, iteratorExample, methodExample, setup, waiterExample } from "./examples.ts";
import { packagePath } from "../../package-root.ts";

const rootPackageJson = packagePath("package.json");

/**
 * The openapi-fetch range the package depends on: the toolkit's own, so the package is built and
 * tested against exactly what it declares.
 */
export function openapiFetchRange(): string {
  const pkg = JSON.parse(readFileSync(rootPackageJson, "utf8")) as { dependencies?: Record<string, string> };
  const range = pkg.dependencies?.["openapi-fetch"];
  if (range === undefined) throw new Error("package.json lists no openapi-fetch dependency");
  return range;
}

export function renderPackageJson(model: ClientModel): string {
  return renderTemplate("client/package.json", {
    json: {
      header: JSON.stringify(generatedHeader(model.apiId).replace(/^\/\/ /, "")),
      packageName: JSON.stringify(model.packageName),
      version: JSON.stringify(model.version),
      description: JSON.stringify(model.description),
      openapiFetchRange: JSON.stringify(openapiFetchRange()),
    },
  });
}

function signature(resource: ResourceModel, name: string, params: string[]): string {
  return `${resource.name}.${name}(${params.join(", ")})`;
}

function methodParams(method: MethodModel): string[] {
  const params = method.pathParams.map((p) => p.identifier);
  if (method.body) params.push(method.body.required ? "body" : "body?");
  if (method.query) params.push(method.query.required ? "query" : "query?");
  if (method.headers) params.push(method.headers.required ? "headers" : "headers?");
  if (method.cookies) params.push(method.cookies.required ? "cookies" : "cookies?");
  return [...params, "options?"];
}

/** The header and cookie slots an iterator or wait helper passes on to its method. */
function passedParams(method: MethodModel): string[] {
  return [method.headers && (method.headers.required ? "headers" : "headers?"), method.cookies && (method.cookies.required ? "cookies" : "cookies?")].filter(
    (p): p is string => p !== undefined,
  );
}

const oneLine = (text: string | undefined): string => (text ? docText(text).replace(/\s*\n\s*/g, " ") : "");

/**
 * Every method with its resource, in model order. The README shows calls, so a model without any
 * cannot be rendered: resolveClientModel reports that (no operations) before anything is emitted.
 */
function methodsOf(model: ClientModel): { r: ResourceModel; m: MethodModel }[] {
  const all = model.resources.flatMap((r) => r.methods.map((m) => ({ r, m })));
  if (all.length === 0) throw new DriftlessError("E_INPUT", `${model.apiId}: the client has no methods, so there is no README to write: the canonical document has no operations.`);
  return all;
}

/** The operation the error, response and logging examples call: the first that reads one resource by id, else the first. */
function exampleTarget(model: ClientModel): { r: ResourceModel; m: MethodModel } {
  const all = methodsOf(model);
  return all.find(({ m }) => m.httpMethod === "GET" && m.pathParams.length > 0) ?? all[0]!;
}

/** Error handling: the per-status classes, a documented code, and the API's class for the rest. */
function errorExample(doc: OpenApiDocument, model: ClientModel): string {
  const client = clientVariable(model);
  const target = exampleTarget(model);
  const call = `await ${callOf(doc, model, target.r, target.m)};`;
  const error = model.names.error;
  const code = target.m.errors.flatMap((e) => e.codes)[0] ?? model.errorCodes[0];
  return [
    `import { ${error}, NotFoundError, RateLimitError, ${model.names.factory} } from ${JSON.stringify(model.packageName)};`,
    "",
    `const ${client} = ${factoryCall(model)};`,
    "try {",
    `  ${call}`,
    "} catch (error) {",
    ...(code === undefined ? [] : [`  if (error instanceof ${error} && error.code === ${JSON.stringify(code)}) console.log("documented code:", error.message);`]),
    `  ${code === undefined ? "" : "else "}if (error instanceof NotFoundError) console.log("not found:", error.code, error.body);`,
    `  else if (error instanceof RateLimitError) console.log("retry after", error.response.headers.get("retry-after"));`,
    `  else if (error instanceof ${error}) console.log(error.status, error.code, error.requestId);`,
    "  else throw error;",
    "}",
    "",
  ].join("\n");
}

/** withResponse and asResponse on the example operation. */
function responseExample(doc: OpenApiDocument, model: ClientModel): string {
  const target = exampleTarget(model);
  const call = callOf(doc, model, target.r, target.m);
  return [
    setup(model),
    "",
    `const { data, response, requestId } = await ${call}.withResponse();`,
    `console.log(data, response.status, response.headers.get("content-type"), requestId);`,
    "",
    `const unread: Response = await ${call}.asResponse();`,
    "console.log(await unread.text());",
    "",
  ].join("\n");
}

/** A logger that keeps debug lines, and the client that writes to it. */
function logExample(doc: OpenApiDocument, model: ClientModel): string {
  const target = exampleTarget(model);
  return [
    `import { ${model.names.factory}, type Logger } from ${JSON.stringify(model.packageName)};`,
    "",
    "const lines: string[] = [];",
    "const logger: Logger = {",
    "  debug: (message) => lines.push(message),",
    "  info: (message) => lines.push(message),",
    "  warn: (message, ...details) => console.warn(message, ...details),",
    "  error: (message, ...details) => console.error(message, ...details),",
    "};",
    `const ${clientVariable(model)} = ${model.names.factory}({ ${model.baseUrl === undefined ? `baseUrl: "http://localhost:8080", ` : ""}logLevel: "debug", logger });`,
    `await ${callOf(doc, model, target.r, target.m)};`,
    `console.log(lines.join("\\n")); // "[${model.packageName}] ${target.m.httpMethod} … answered 200 in 84 ms", keys redacted`,
    "",
  ].join("\n");
}

/** The sentinel forwarding findings to a log line and a metrics counter. */
function driftExample(doc: OpenApiDocument, model: ClientModel): string {
  const target = exampleTarget(model);
  return [
    `import { ${model.names.factory}, type DriftFinding } from ${JSON.stringify(model.packageName)};`,
    `import { driftSentinel } from ${JSON.stringify(`${model.packageName}/sentinel`)};`,
    "",
    "// Stand-ins for your metrics client and logger.",
    "const metrics = { increment: (name: string, tags: Record<string, string>) => console.log(name, tags) };",
    "const report = (finding: DriftFinding) => {",
    `  metrics.increment("api_drift", { rule: finding.rule, operation: finding.operation, status: String(finding.status) });`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: README example code, a template literal of the reader's
    "  console.warn(`API drift: ${finding.endpoint} ${finding.status} ${finding.pointer}: expected ${finding.expected}, got ${finding.observed} (${finding.requestId})`);",
    "};",
    `const ${clientVariable(model)} = ${model.names.factory}({ ${model.baseUrl === undefined ? `baseUrl: "http://localhost:8080", ` : ""}validateResponses: driftSentinel({ sampleRate: 0.05, onDrift: report }) });`,
    `await ${callOf(doc, model, target.r, target.m)};`,
    "",
  ].join("\n");
}

/** A call through `raw`: the first GET, with its path parameters. */
function rawExample(model: ClientModel): string {
  const client = clientVariable(model);
  const all = methodsOf(model).map(({ m }) => m);
  const get = all.find((m) => m.httpMethod === "GET" && !m.query?.required) ?? all[0]!;
  const path =
    get.pathParams.length > 0
      ? `{ params: { path: ${literal(Object.fromEntries(get.pathParams.map((p) => [p.name, typeof p.example === "string" ? p.example : `<${p.name}>`])))} } }`
      : undefined;
  return `${setup(model)}\n\nconst { data, error, response } = await ${client}.raw.${get.httpMethod}(${[JSON.stringify(get.path), path].filter(Boolean).join(", ")});\nconsole.log(response.status, data ?? error);\n`;
}

export function renderReadme(doc: OpenApiDocument, model: ClientModel): string {
  const resources = model.resources
    .filter((r) => r.methods.length > 0)
    .map((resource) => ({
      name: resource.name,
      members: [
        ...resource.methods.map((m) => ({
          signature: signature(resource, m.name, methodParams(m)),
          summary: oneLine(m.summary ?? m.description) || `\`${m.operationId}\``,
          where: `\`${m.httpMethod} ${m.path}\`${m.retryable ? " (retried)" : ""}. ${documentedAt(m.sources)}`,
          code: methodExample(doc, model, resource, m),
        })),
        ...resource.iterators.map((i) => ({
          signature: signature(resource, i.name, [...i.method.pathParams.map((p) => p.identifier), "query?", ...passedParams(i.method), "options?"]),
          summary: `Every item of \`${resource.name}.${i.method.name}\`, page after page (${i.spec.style} pagination); \`break\` stops fetching.`,
          where: `Pages with \`${i.method.httpMethod} ${i.method.path}\`.`,
          code: iteratorExample(doc, model, resource, i),
        })),
        ...resource.waiters.map((w) => ({
          signature: signature(resource, w.name, [...w.method.pathParams.map((p) => p.identifier), ...passedParams(w.method), "options?"]),
          summary: `Polls \`${resource.name}.${w.method.name}\` until \`${w.spec.field}\` is ${w.spec.ready.map((v) => `\`${v}\``).join(" or ")}${w.spec.failed.length > 0 ? `; fails on ${w.spec.failed.map((v) => `\`${v}\``).join(" or ")}` : ""}.`,
          where: `Every ${w.spec.intervalMs} ms, for up to ${w.spec.timeoutMs} ms by default (\`{ intervalMs, timeoutMs, signal }\`).`,
          code: waiterExample(doc, model, resource, w),
        })),
      ],
    }));
  const all = methodsOf(model);
  const first = all.find(({ r, m }) => r === all[0]!.r && m.httpMethod === "GET") ?? all[0]!;
  const quickstartCall = methodExample(doc, model, first.r, first.m);
  return renderTemplate("client/README.md", {
    header: generatedMarkdownHeader(model.apiId),
    apiId: model.apiId,
    packageName: model.packageName,
    title: model.title,
    version: model.version,
    description: model.description,
    clientVar: clientVariable(model),
    apiKeyEnv: model.auth.kind === "none" ? undefined : model.auth.env,
    baseUrl: model.baseUrl,
    timeoutMs: model.timeoutMs,
    maxRetries: model.maxRetries,
    errorClass: model.names.error,
    errorCodePointer: model.errorCodePointer ?? "",
    requestIdHeader: model.requestIdHeader,
    errorCodes: model.errorCodes,
    retrySafe: model.resources.flatMap((r) =>
      r.methods.filter((m) => m.retryable && !(CLIENT_DEFAULTS.idempotentMethods as readonly string[]).includes(m.httpMethod)).map((m) => `${r.name}.${m.name}`),
    ),
    hasPagination: model.resources.some((r) => r.iterators.length > 0),
    hasPolling: model.resources.some((r) => r.waiters.length > 0),
    quickstart: quickstartCall,
    errorExample: errorExample(doc, model),
    responseExample: responseExample(doc, model),
    logExample: logExample(doc, model),
    driftExample: driftExample(doc, model),
    logEnv: logEnv(model),
    secretHeaders: secretHeaderNames(doc),
    statusErrors: statusErrorClasses(model),
    hasParamHeaders: model.resources.some((r) => r.methods.some((m) => m.headers || m.cookies)),
    rawExample: rawExample(model),
    resources,
    methodTable: methodTable(model),
  });
}

/** Every method as `client.resource.method` with its HTTP method and path, for the README's table and `generate`'s summary. */
export function methodTable(model: ClientModel): { call: string; operation: string }[] {
  return model.resources.flatMap((r) => r.methods.map((m) => ({ call: `${r.name}.${m.name}`, operation: `${m.httpMethod} ${m.path}` })));
}
