// Copied by driftless from generator/client/runtime/request.ts — do not edit here; change the original and run `npm run generate`.

import type { MaybeOptionalInit } from "openapi-fetch";
import { ApiPromise, type CallMode, type WithResponse } from "./api-promise.ts";
import { ClientError, ConnectionError } from "./errors.ts";
import type { CallDefaults, ClientContext } from "./context.ts";
import { Deadline } from "./deadline.ts";
import { DEBUG, ERROR, INFO, WARN, redactHeaders, redactUrl, write, type Log } from "./log.ts";
import type { RequestOptions } from "./options.ts";
import { RETRY_STATUSES, backoffMs, retryAfterMs } from "./retry.ts";
import type { ClientSettings } from "./settings.ts";

/** How a success body is read: one JSON value, text, bytes (a Uint8Array), or nothing (`undefined`). */
export type ResultKind = "json" | "text" | "bytes" | "void";

/** An HTTP method as the document's paths name it (openapi-fetch's `request` takes either case). */
export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";

/** What each attempt passes to openapi-fetch besides the operation's own parameters. */
export interface AttemptInit {
  signal: AbortSignal;
  headers: Record<string, string> | undefined;
  /** The context's fetch, watched: send() needs to know whether a failure happened before or after the request went out. */
  fetch: (request: Request) => Promise<Response>;
  /** openapi-fetch leaves a success body unread: send() reads it (or, for asResponse(), does not). */
  parseAs: "stream";
}

/**
 * The paths of `Paths` with an operation for `method` (what openapi-fetch's `PathsWithMethod`
 * computes). Spelled out over the paths themselves rather than through `ClientPathsWithMethod<Client<Paths>>`:
 * checking that constraint makes TypeScript compute the variance of openapi-fetch's `Client`, about
 * half of a generated package's type-check.
 */
type PathsWithMethod<Paths, Method extends string> = { [P in keyof Paths]: Paths[P] extends { [K in Method]: unknown } ? P : never }[keyof Paths];

/** The shape of an openapi-fetch result, loose enough for every operation's. */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** openapi-fetch's `request` as send() calls it: the operation is data, its types were checked by call(). */
type LooseClient = { request(method: string, path: string, init: object): Promise<FetchResult<unknown>> };

/**
 * One call of an operation, as a generated method makes it (`call(ctx, "GET", "/v1/sessions/{id}",
 * { params: { path: { id } } }, options, true)`): an ApiPromise of the success body (see send for
 * what happens on the way). `init` is typed by the document's paths like openapi-fetch's own, so a
 * generated call that does not fit its operation does not build. The method and path are data,
 * not a closure per method: every generated method is one short call. `init` comes last into
 * openapi-fetch's init: where it has `headers` (cookie parameters added to the per-call ones), those win.
 */
export function call<T, Paths extends {}, M extends HttpMethod, P extends PathsWithMethod<Paths, Lowercase<M>> & string>(
  ctx: ClientContext<Paths>,
  method: M,
  path: P,
  init: MaybeOptionalInit<Paths[P], Lowercase<M> & keyof Paths[P]>,
  options: RequestOptions | undefined,
  retryable: boolean,
  kind: ResultKind = "json",
): ApiPromise<T> {
  const mode: CallMode = { raw: false };
  const raw = ctx.raw as unknown as LooseClient;
  return new ApiPromise<T>(
    send<T>(ctx, options, retryable, kind, (attempt) => raw.request(method, path, { ...attempt, ...init }), mode, `${method} ${path}`),
    mode,
  );
}

/**
 * Runs `attempt` (one openapi-fetch request) within the call's time budget, reads the success
 * body as `kind` says, retries what may be retried, and turns anything but a success into a
 * ClientError. Resolves to the body with the answer and its request id. When `mode.raw` is set
 * by the time a success answer arrives, its body is left unread (`data` is then undefined).
 * `endpoint` (`GET /v1/sessions/{id}`) names the operation for the drift sentinel.
 */
async function send<T>(
  ctx: CallDefaults,
  options: RequestOptions | undefined,
  retryable: boolean,
  kind: ResultKind,
  attempt: (init: AttemptInit) => Promise<FetchResult<unknown>>,
  mode: CallMode,
  endpoint: string,
): Promise<WithResponse<T>> {
  const { log, settings, drift, fetch } = ctx;
  const maxRetries = retryable ? (options?.maxRetries ?? ctx.maxRetries) : 0;
  const deadline = new Deadline(options?.timeoutMs ?? ctx.timeoutMs, options?.signal);
  const requestId = (response: Response): string | undefined => response.headers.get(settings.requestIdHeader) ?? undefined;
  // Whether this attempt got as far as calling fetch: a TypeError before that is a request that
  // could not be built (a bad URL or header), not a network failure, and is not retried.
  let sent = false;
  // The last request handed to fetch, for log lines (described only when a line is written).
  let last: Request | undefined;
  const init: AttemptInit = {
    signal: deadline.signal,
    headers: options?.headers,
    parseAs: "stream",
    fetch: (request) => {
      sent = true;
      last = request;
      return log.level ? fetch(request) : logged(log, request, fetch, requestId);
    },
  };
  try {
    for (let retry = 0; ; retry++) {
      let result: FetchResult<unknown> | undefined;
      let data: unknown;
      let failure: ClientError | undefined;
      let wait: number | undefined;
      // Why the failure is not retried (then it is thrown), and at which level that is logged.
      let why: string | undefined;
      let level = DEBUG;
      sent = false;
      try {
        result = await attempt(init);
        if (result.response.ok && !mode.raw) data = await readBody(result.response, kind);
      } catch (error) {
        if (deadline.signal.aborted) throw deadline.failure();
        failure = attemptError(error, sent);
        if (failure.code === "invalid_response") write(log, ERROR, `${describe(last)}: ${failure.message}`);
        if (!(failure instanceof ConnectionError)) throw failure;
      }
      if (failure === undefined) {
        const response = result!.response;
        const { ok, status } = response;
        drift?.observe(endpoint, response, ok ? data : result!.error, !(ok && mode.raw), settings.requestIdHeader);
        if (ok) return { data: data as T, response, requestId: requestId(response) };
        failure = apiError(settings, result!);
        if (!RETRY_STATUSES.has(status)) why = `status ${status} is not retried`;
        wait = retryAfterMs(response.headers.get("retry-after"));
      }
      wait ??= backoffMs(retry);
      const left = deadline.end - Date.now();
      if (why === undefined) {
        if (!retryable) why = "the operation is not retried (not idempotent, and not marked retrySafe)";
        else if (retry >= maxRetries) {
          why = `no retries left (maxRetries ${maxRetries})`;
          // Giving up is a warning only when retries were allowed: maxRetries 0 asks for no retries.
          if (maxRetries) level = WARN;
        } else if (wait >= left) {
          why = `a wait of ${Math.round(wait)} ms does not fit in the ${Math.max(0, Math.round(left))} ms left of timeoutMs`;
          level = WARN;
        }
      }
      if (why) {
        if (log.level <= level) write(log, level, `${describe(last)}: ${failure.message} — not retried: ${why}`);
        throw failure;
      }
      if (log.level <= INFO) write(log, INFO, `${describe(last)}: ${failure.message} — retry ${retry + 1} of ${maxRetries} in ${Math.round(wait)} ms`);
      await deadline.sleep(wait);
    }
  } finally {
    deadline.dispose();
  }
}

/** `GET https://…/v1/sessions?limit=10` for a log line, credentials in the query redacted. */
const describe = (request: Request | undefined): string => (request ? `${request.method} ${redactUrl(request.url)}` : "A request that was never sent");

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** fetch with a debug line for the request and one for the answer (or the failure), secrets redacted. */
async function logged(log: Log, request: Request, fetch: (request: Request) => Promise<Response>, requestIdOf: (response: Response) => string | undefined): Promise<Response> {
  const target = describe(request);
  const details = { method: request.method, url: redactUrl(request.url) };
  write(log, DEBUG, `${target} sent`, { ...details, headers: redactHeaders(request.headers, log.secretHeaders) });
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  try {
    const response = await fetch(request);
    const durationMs = elapsed();
    const requestId = requestIdOf(response);
    write(log, DEBUG, `${target} answered ${response.status} in ${durationMs} ms${requestId ? ` (request id ${requestId})` : ""}`, {
      ...details,
      status: response.status,
      durationMs,
      requestId,
      headers: redactHeaders(response.headers, log.secretHeaders),
    });
    return response;
  } catch (error) {
    const durationMs = elapsed();
    write(log, DEBUG, `${target} failed after ${durationMs} ms: ${messageOf(error)}`, { ...details, durationMs });
    throw error;
  }
}

/** The success body as `kind` says: openapi-fetch hands it over unread (and none for 204, HEAD or an empty body). */
async function readBody(response: Response, kind: ResultKind): Promise<unknown> {
  const empty = response.status === 204 || response.headers.get("content-length") === "0" || !response.body;
  if (kind === "bytes") return empty ? new Uint8Array(0) : new Uint8Array(await response.arrayBuffer());
  if (empty) return undefined;
  // "void" reads to the end too, so the connection can be reused.
  const text = await response.text();
  return kind === "text" ? text : kind === "json" && text ? JSON.parse(text) : undefined;
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
  const cause = { cause: error };
  const message = messageOf(error);
  if (sent && error instanceof TypeError) return new ConnectionError("connection_error", `Could not reach the API: ${message}`, cause);
  return error instanceof SyntaxError
    ? new ClientError("invalid_response", `The API's answer could not be read: ${message}`, cause)
    : new ClientError("request_failed", `The request failed: ${message}`, cause);
}

/**
 * The package's error for an error answer, with code and message from the envelope where there
 * is one: the class for its status (NotFoundError, …), its 5xx class, else its API class. `body`
 * is the parsed JSON when the answer was a JSON object or array (else undefined; a text answer's
 * start is in the message).
 */
export function apiError(settings: ClientSettings, { response, error: parsed }: FetchResult<unknown>): ClientError {
  const status = response.status;
  const body = typeof parsed === "object" && parsed !== null ? parsed : undefined;
  const Class = settings.statusErrorClasses[status] ?? (status > 499 && status < 600 ? settings.serverErrorClass : settings.errorClass);
  return new Class({
    status,
    code: textAt(body, settings.errorCodePath) ?? `http_${status}`,
    message: textAt(body, settings.errorMessagePath) ?? (typeof parsed === "string" && parsed ? parsed.slice(0, 200) : response.statusText || "error"),
    requestId: response.headers.get(settings.requestIdHeader) ?? undefined,
    body,
    response,
  });
}

/** The string at a path of property names (the envelope's code or message) in a parsed body, if there is one. */
function textAt(body: object | undefined, path: readonly string[] | undefined): string | undefined {
  let node: unknown = path && body;
  for (const key of path ?? []) node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
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
