import type { OptionalKind, JSDocStructure, JSDocTagStructure } from "ts-morph";
import type { IteratorModel, MethodModel, ParamModel, WaiterModel } from "../model/types.ts";

/** Text as it may appear inside a JSDoc comment: no comment terminator, LF only. */
export function docText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(/\*\//g, "*\\/").trim();
}

/** Ends a fragment as a sentence, so that the provenance after it reads as one. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?:]$/.test(trimmed) || trimmed === "" ? trimmed : `${trimmed}.`;
}

export function documentedAt(sources: string[]): string {
  return sources.length > 0 ? `Documented at ${sources.join(", ")}.` : "";
}

const join = (...parts: (string | undefined)[]): string =>
  parts
    .filter((p): p is string => p !== undefined && p.trim() !== "")
    .map(docText)
    .join("\n\n");

/** One JSDoc block; the description is forced onto its own lines (ts-morph does that for a leading newline). */
export function jsdoc(description: string, tags: OptionalKind<JSDocTagStructure>[] = []): OptionalKind<JSDocStructure> {
  return { description: `\n${description}`, tags };
}

const tag = (tagName: string, text: string): OptionalKind<JSDocTagStructure> => ({ tagName, text: docText(text).replace(/\n+/g, " ") });

function paramTag(p: ParamModel, kind: string): OptionalKind<JSDocTagStructure> {
  return tag("param", `${p.identifier} - ${kind} \`${p.name}\`${p.description ? `: ${sentence(p.description)}` : "."} ${documentedAt(p.sources)}`.trim());
}

const OPTIONS_TEXT = "options - Per-call options: `signal`, `timeoutMs`, `maxRetries`, `headers` (any other request headers).";

/** `@param headers` / `@param cookies` of an operation with header or cookie parameters. */
export function headerAndCookieTags(method: MethodModel): OptionalKind<JSDocTagStructure>[] {
  const tags: OptionalKind<JSDocTagStructure>[] = [];
  const list = (params: ParamModel[]) => params.map((p) => `\`${p.name}\`${p.required ? " (required)" : ""}${p.description ? `: ${sentence(p.description)}` : "."}`).join(" ");
  if (method.headers)
    tags.push(
      tag(
        "param",
        `headers - Header parameters, sent as request headers. ${list(method.headers.params)} ${documentedAt([...new Set(method.headers.params.flatMap((p) => p.sources))])}`,
      ),
    );
  if (method.cookies)
    tags.push(
      tag(
        "param",
        `cookies - Cookie parameters, sent in one Cookie header. ${list(method.cookies.params)} ${documentedAt([...new Set(method.cookies.params.flatMap((p) => p.sources))])}`,
      ),
    );
  return tags;
}

/** The class thrown for an error status: the per-status subclass where there is one, else the API's class. */
export type ErrorClassOf = (status: string) => string;

/** JSDoc of a generated method: summary, description, the HTTP call, provenance, every parameter, result and error. */
export function methodDoc(method: MethodModel, errorClassOf: ErrorClassOf): OptionalKind<JSDocStructure> {
  const description = join(
    method.summary,
    method.description !== method.summary ? method.description : undefined,
    `\`${method.httpMethod} ${method.path}\` (operation \`${method.operationId}\`)${method.retryable ? "; retried on 429, 502, 503, 504 and network errors" : "; never retried"}. ${documentedAt(method.sources)}`,
  );
  const tags = method.pathParams.map((p) => paramTag(p, "Path parameter"));
  if (method.body) {
    const b = method.body;
    tags.push(tag("param", `body - Request body (\`${b.mediaType}\`)${b.description ? `: ${sentence(b.description)}` : "."} ${documentedAt(b.sources)}`));
  }
  if (method.query) {
    const names = method.query.params.map((p) => `\`${p.name}\``).join(", ");
    tags.push(tag("param", `query - Query parameters: ${names}.`));
  }
  tags.push(...headerAndCookieTags(method));
  tags.push(tag("param", OPTIONS_TEXT));
  const result = method.result;
  const returned =
    result.kind === "void"
      ? `Nothing (\`${result.status}\`).`
      : `${result.kind === "bytes" ? `The raw bytes (\`${result.mediaType}\`)` : result.kind === "text" ? "The text" : "The body"} of the \`${result.status}\` answer${result.description ? `: ${sentence(result.description)}` : "."} ${documentedAt(result.sources)}`;
  tags.push(tag("returns", `${returned} An ApiPromise: \`.withResponse()\` gives \`{ data, response, requestId }\`, \`.asResponse()\` the Response.`));
  for (const e of method.errors) {
    const codes = e.codes.length > 0 ? ` \`${e.codes.join("`, `")}\`` : "";
    tags.push(tag("throws", `{${errorClassOf(e.status)}} ${e.status}${codes}${e.description ? `: ${e.description}` : ""}`));
  }
  tags.push(tag("throws", "{ClientError} ConnectionError, TimeoutError or AbortedError when no answer arrives in time."));
  return jsdoc(description, tags);
}

export function iteratorDoc(iterator: IteratorModel, extraTags: OptionalKind<JSDocTagStructure>[] = []): OptionalKind<JSDocStructure> {
  const spec = iterator.spec;
  const how =
    spec.style === "cursor"
      ? `passing \`${spec.nextCursor}\` back as \`${spec.cursorParam}\` until it is null${spec.hasMore ? ` or \`${spec.hasMore}\` is false` : ""}`
      : spec.style === "offset"
        ? `advancing \`${spec.offsetParam}\` until a page comes back short or empty`
        : `counting \`${spec.pageParam}\` up from ${spec.firstPage} until a page comes back short or empty${spec.total ? ` or \`${spec.total}\` items were read` : ""}`;
  const description = join(
    `Every item of every page of \`${iterator.method.name}\` (${spec.style} pagination, items in \`${spec.items}\`), fetching each page only when the previous one is used up: ${how}. Breaking out of the loop stops fetching.`,
    "A server that repeats a cursor or serves the same page twice ends the iteration with a PaginationError instead of looping.",
    iterator.sources.some((s) => s.startsWith("api.yaml:"))
      ? `Pagination declared at ${iterator.sources.join(", ")}.`
      : `Pagination detected from the parameters of \`${iterator.method.httpMethod} ${iterator.method.path}\`. ${documentedAt(iterator.sources)}`,
  );
  return jsdoc(description, [
    tag("param", `query - Query parameters of \`${iterator.method.name}\` except \`${iterator.managedParams.join("`, `")}\`, which the iterator sets.`),
    ...extraTags,
    tag("param", `${OPTIONS_TEXT} They apply to each page request.`),
  ]);
}

export function waiterDoc(waiter: WaiterModel, extraTags: OptionalKind<JSDocTagStructure>[] = []): OptionalKind<JSDocStructure> {
  const s = waiter.spec;
  const description = join(
    `Reads the ${s.subject} with \`${waiter.method.name}\` until \`${s.field}\` is ${s.ready.map((v) => `\`${v}\``).join(" or ")}, and resolves to that body.`,
    `${s.failed.length > 0 ? `Rejects with a WaitError as soon as \`${s.field}\` is ${s.failed.map((v) => `\`${v}\``).join(" or ")}, and with` : "Rejects with"} a TimeoutError (\`wait_timeout\`) after \`timeoutMs\` (default ${s.timeoutMs} ms). Polls every \`intervalMs\` (default ${s.intervalMs} ms).`,
    `Declared at ${waiter.sources.join(", ")}; polls \`${waiter.method.httpMethod} ${waiter.method.path}\`. ${documentedAt(waiter.method.sources)}`,
  );
  return jsdoc(description, [
    ...waiter.method.pathParams.map((p) => paramTag(p, "Path parameter")),
    ...extraTags,
    tag("param", "options - `timeoutMs` (whole wait), `intervalMs`, `signal`."),
    tag("returns", "An ApiPromise of the ready body; `.withResponse()` gives the answer of the last poll (the one that saw the ready state) and its request id."),
  ]);
}
