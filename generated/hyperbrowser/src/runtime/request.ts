// Copied by driftless from generator/client/runtime/request.ts — do not edit here; change the original and run `npm run generate`.

import { ApiPromise, type CallMode, type WithResponse } from "./api-promise.ts";
import { ClientError, ConnectionError } from "./errors.ts";
import type { CallDefaults } from "./context.ts";
import { Deadline } from "./deadline.ts";
import { DEBUG, ERROR, INFO, WARN, redactHeaders, redactUrl, write, type Log } from "./log.ts";
import type { RequestOptions } from "./options.ts";
import { RETRY_STATUSES, backoffMs, retryAfterMs } from "./retry.ts";
import type { ApiErrorClass, ClientSettings } from "./settings.ts";

/** How a success body is read: one JSON value, text, bytes (a Uint8Array), or nothing (`undefined`). */
export type ResultKind = "json" | "text" | "bytes" | "void";

/** What each attempt passes to openapi-fetch besides the operation's own parameters. */
export interface AttemptInit {
  signal: AbortSignal;
  headers: Record<string, string> | undefined;
  /** The context's fetch, watched: send() needs to know whether a failure happened before or after the request went out. */
  fetch: (request: Request) => Promise<Response>;
  /** openapi-fetch leaves a success body unread: send() reads it (or, for asResponse(), does not). */
  parseAs: "stream";
}

/** The shape of an openapi-fetch result, loose enough for every operation's. */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * One call of an operation, as a generated method returns it: an ApiPromise of the success body
 * (see send for what happens on the way).
 */
export function call<T>(
  ctx: CallDefaults,
  options: RequestOptions | undefined,
  retryable: boolean,
  kind: ResultKind,
  attempt: (init: AttemptInit) => Promise<FetchResult<unknown>>,
  operation?: string,
): ApiPromise<T> {
  const mode: CallMode = { raw: false };
  return new ApiPromise<T>(send<T>(ctx, options, retryable, kind, attempt, mode, operation), mode);
}

/**
 * Runs `attempt` (one openapi-fetch request) within the call's time budget, reads the success
 * body as `kind` says, retries what may be retried, and turns anything but a success into a
 * ClientError. Resolves to the body with the answer and its request id. When `mode.raw` is set
 * by the time a success answer arrives, its body is left unread (`data` is then undefined).
 */
export async function send<T>(
  ctx: CallDefaults,
  options: RequestOptions | undefined,
  retryable: boolean,
  kind: ResultKind,
  attempt: (init: AttemptInit) => Promise<FetchResult<unknown>>,
  mode?: CallMode,
  operation?: string,
): Promise<WithResponse<T>> {
  const timeoutMs = options?.timeoutMs ?? ctx.timeoutMs;
  const maxRetries = retryable ? (options?.maxRetries ?? ctx.maxRetries) : 0;
  const deadline = new Deadline(timeoutMs, options?.signal);
  const log = ctx.log;
  // The sentinel sees every answer of the call (the operationId names its documented answers).
  const drift = operation === undefined ? undefined : ctx.drift;
  // Whether this attempt got as far as calling fetch: a TypeError before that is a request that
  // could not be built (a bad URL or header), not a network failure, and is not retried.
  let sent = false;
  // The last request handed to fetch, for log lines (described only when a line is written).
  let last: Request | undefined;
  const fetch = ctx.fetch;
  const init: AttemptInit = {
    signal: deadline.signal,
    headers: options?.headers,
    parseAs: "stream",
    fetch: (request) => {
      sent = true;
      last = request;
      return log.level === DEBUG ? logged(log, request, fetch, ctx.settings.requestIdHeader) : fetch(request);
    },
  };
  try {
    for (let retry = 0; ; retry++) {
      let result: FetchResult<unknown> | undefined;
      let data: unknown;
      let failure: ClientError | undefined;
      sent = false;
      try {
        result = await attempt(init);
        if (result.response.ok && !mode?.raw) data = await readBody(result.response, kind);
      } catch (error) {
        if (deadline.signal.aborted) throw deadline.failure();
        failure = attemptError(error, sent);
        if (failure.code === "invalid_response") write(log, ERROR, `${describe(last)}: ${failure.message}`);
        if (!(failure instanceof ConnectionError)) throw failure;
      }
      let wait: number;
      if (failure === undefined) {
        const response = result!.response;
        if (drift !== undefined) drift.observe(operation!, response, response.ok ? data : result!.error, !(response.ok && mode?.raw), ctx.settings.requestIdHeader);
        if (response.ok) return { data: data as T, response, requestId: response.headers.get(ctx.settings.requestIdHeader) ?? undefined };
        failure = apiError(ctx.settings, result!);
        if (!RETRY_STATUSES.has(response.status)) return decline(log, last, failure, `status ${response.status} is not retried`);
        wait = retryAfterMs(response.headers.get("retry-after")) ?? backoffMs(retry);
      } else {
        wait = backoffMs(retry);
      }
      if (!retryable) return decline(log, last, failure, "the operation is not retried (not idempotent, and not marked retrySafe)");
      // Giving up is a warning only when retries were allowed: maxRetries 0 asks for no retries.
      if (retry >= maxRetries) return decline(log, last, failure, `no retries left (maxRetries ${maxRetries})`, maxRetries > 0 ? WARN : DEBUG);
      const left = deadline.remaining();
      if (wait >= left) return decline(log, last, failure, `a wait of ${Math.round(wait)} ms does not fit in the ${Math.max(0, Math.round(left))} ms left of timeoutMs`, WARN);
      if (log.level <= INFO) write(log, INFO, `${describe(last)}: ${failure.message} — retry ${retry + 1} of ${maxRetries} in ${Math.round(wait)} ms`);
      await deadline.sleep(wait);
    }
  } finally {
    deadline.dispose();
  }
}

/** `GET https://…/v1/sessions?limit=10` for a log line, credentials in the query redacted. */
const describe = (request: Request | undefined): string => (request ? `${request.method} ${redactUrl(request.url)}` : "A request that was never sent");

/** Logs why a failure is not retried (debug, or warn when retries ran out), then throws it. */
function decline(log: Log, request: Request | undefined, failure: ClientError, why: string, level = DEBUG): never {
  if (log.level <= level) write(log, level, `${describe(request)}: ${failure.message} — not retried: ${why}`);
  throw failure;
}

/** fetch with a debug line for the request and one for the answer (or the failure), secrets redacted. */
async function logged(log: Log, request: Request, fetch: (request: Request) => Promise<Response>, requestIdHeader: string): Promise<Response> {
  const target = describe(request);
  write(log, DEBUG, `${target} sent`, { method: request.method, url: redactUrl(request.url), headers: redactHeaders(request.headers, log.secretHeaders) });
  const started = performance.now();
  try {
    const response = await fetch(request);
    const durationMs = Math.round(performance.now() - started);
    const requestId = response.headers.get(requestIdHeader) ?? undefined;
    write(log, DEBUG, `${target} answered ${response.status} in ${durationMs} ms${requestId ? ` (request id ${requestId})` : ""}`, {
      method: request.method,
      url: redactUrl(request.url),
      status: response.status,
      durationMs,
      requestId,
      headers: redactHeaders(response.headers, log.secretHeaders),
    });
    return response;
  } catch (error) {
    const durationMs = Math.round(performance.now() - started);
    write(log, DEBUG, `${target} failed after ${durationMs} ms: ${error instanceof Error ? error.message : String(error)}`, {
      method: request.method,
      url: redactUrl(request.url),
      durationMs,
    });
    throw error;
  }
}

/** The success body as `kind` says: openapi-fetch hands it over unread (and none for 204, HEAD or an empty body). */
async function readBody(response: Response, kind: ResultKind): Promise<unknown> {
  const length = response.headers.get("content-length");
  const empty = response.status === 204 || length === "0" || response.body === null;
  if (kind === "bytes") return empty ? new Uint8Array(0) : new Uint8Array(await response.arrayBuffer());
  if (empty) return undefined;
  if (kind === "void") {
    await response.arrayBuffer(); // read to the end, so the connection can be reused
    return undefined;
  }
  const text = await response.text();
  if (kind === "text") return text;
  return text === "" ? undefined : JSON.parse(text);
}

/**
 * What a thrown error means. fetch rejects with a TypeError for network failures (that is what
 * the Fetch standard specifies), and reading a body whose connection broke fails with one too:
 * a TypeError once the request has gone to fetch is a connection error, and retried. Before
 * that, a TypeError is a request that could not be built (`new Request` refusing a URL or a
 * header value): a failure no retry can fix. A SyntaxError is a success body that is not the
 * JSON it claims to be.
 */
function attemptError(error: unknown, sent: boolean): ClientError {
  if (sent && error instanceof TypeError) return new ConnectionError(`Could not reach the API: ${error.message}`, { cause: error });
  if (error instanceof SyntaxError) return new ClientError("invalid_response", `The API's answer could not be read: ${error.message}`, { cause: error });
  return new ClientError("request_failed", `The request failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/** The error class for a status: the package's class for it (NotFoundError, …), its 5xx class, else its API class. */
function errorClassOf(settings: ClientSettings, status: number): ApiErrorClass {
  return settings.statusErrorClasses[status] ?? (status >= 500 && status <= 599 ? settings.serverErrorClass : undefined) ?? settings.errorClass;
}

/**
 * The package's error for an error answer, with code and message from the envelope where there
 * is one. `body` is the parsed JSON when the answer was a JSON object or array (else undefined;
 * a text answer's start is in the message).
 */
export function apiError(settings: ClientSettings, result: FetchResult<unknown>): ClientError {
  const { response, error: parsed } = result;
  const code = textAt(parsed, settings.errorCodePointer) ?? `http_${response.status}`;
  const message = textAt(parsed, settings.errorMessagePointer) ?? (typeof parsed === "string" && parsed !== "" ? parsed.slice(0, 200) : response.statusText || "error");
  return new (errorClassOf(settings, response.status))({
    status: response.status,
    code,
    message,
    requestId: response.headers.get(settings.requestIdHeader) ?? undefined,
    body: typeof parsed === "object" && parsed !== null ? parsed : undefined,
    response,
  });
}

/** The string at a JSON pointer of a parsed body, if there is one. */
function textAt(body: unknown, pointer: string | undefined): string | undefined {
  if (pointer === undefined) return undefined;
  let node: unknown = body;
  for (const raw of pointer.split("/").slice(1)) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return typeof node === "string" ? node : undefined;
}

/**
 * Per-call headers with the operation's cookie parameters added as one Cookie header
 * (`name=value; …`, values percent-encoded, arrays comma-joined), after any Cookie header the
 * caller passed. Undefined and null values are left out.
 */
export function withCookies(headers: Record<string, string> | undefined, cookies: object | undefined): Record<string, string> | undefined {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(cookies ?? {})) {
    if (value === undefined || value === null) continue;
    const text = Array.isArray(value) ? value.map(String).join(",") : String(value);
    pairs.push(`${name}=${encodeURIComponent(text)}`);
  }
  if (pairs.length === 0) return headers;
  const out: Record<string, string> = {};
  let given: string | undefined;
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === "cookie") given = value;
    else out[name] = value;
  }
  out.cookie = given ? `${given}; ${pairs.join("; ")}` : pairs.join("; ");
  return out;
}
