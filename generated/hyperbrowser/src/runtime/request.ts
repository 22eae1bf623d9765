// Copied by driftless from generator/client/runtime/request.ts — do not edit here; change the original and run `npm run generate`.

import { ClientError, ConnectionError } from "./errors.ts";
import type { CallDefaults } from "./context.ts";
import { Deadline } from "./deadline.ts";
import type { RequestOptions } from "./options.ts";
import { RETRY_STATUSES, backoffMs, retryAfterMs } from "./retry.ts";
import type { ClientSettings } from "./settings.ts";

/** What each attempt passes to openapi-fetch besides the operation's own parameters. */
export interface AttemptInit {
  signal: AbortSignal;
  headers: Record<string, string> | undefined;
  /** The context's fetch, watched: send() needs to know whether a failure happened before or after the request went out. */
  fetch: (request: Request) => Promise<Response>;
}

/** The shape of an openapi-fetch result, loose enough for every operation's. */
export interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * One call of an operation: runs `attempt` (one openapi-fetch request) within the call's time
 * budget, retries what may be retried, and turns anything but a success into a ClientError.
 * Resolves to the success body (`undefined` for 204).
 */
export async function send<T>(
  ctx: CallDefaults,
  options: RequestOptions | undefined,
  retryable: boolean,
  attempt: (init: AttemptInit) => Promise<FetchResult<T>>,
): Promise<T> {
  const timeoutMs = options?.timeoutMs ?? ctx.timeoutMs;
  const maxRetries = retryable ? (options?.maxRetries ?? ctx.maxRetries) : 0;
  const deadline = new Deadline(timeoutMs, options?.signal);
  // Whether this attempt got as far as calling fetch: a TypeError before that is a request that
  // could not be built (a bad URL or header), not a network failure, and is not retried.
  let sent = false;
  const fetch = ctx.fetch;
  const init: AttemptInit = {
    signal: deadline.signal,
    headers: options?.headers,
    fetch: (request) => {
      sent = true;
      return fetch(request);
    },
  };
  try {
    for (let retry = 0; ; retry++) {
      let result: FetchResult<T>;
      sent = false;
      try {
        result = await attempt(init);
      } catch (error) {
        if (deadline.signal.aborted) throw deadline.failure();
        const failure = attemptError(error, sent);
        if (!(failure instanceof ConnectionError) || retry >= maxRetries) throw failure;
        await pause(deadline, backoffMs(retry), failure);
        continue;
      }
      if (result.response.ok) return result.data as T;
      const failure = apiError(ctx.settings, result);
      if (!RETRY_STATUSES.has(result.response.status) || retry >= maxRetries) throw failure;
      await pause(deadline, retryAfterMs(result.response.headers.get("retry-after")) ?? backoffMs(retry), failure);
    }
  } finally {
    deadline.dispose();
  }
}

/** Waits before a retry; a wait the budget cannot afford fails now, with the error that asked for it. */
function pause(deadline: Deadline, ms: number, failure: ClientError): Promise<void> {
  return ms >= deadline.remaining() ? Promise.reject(failure) : deadline.sleep(ms);
}

/** send() for binary answers: openapi-fetch reads them as an ArrayBuffer, callers get bytes. */
export async function sendBytes(
  ctx: CallDefaults,
  options: RequestOptions | undefined,
  retryable: boolean,
  attempt: (init: AttemptInit) => Promise<FetchResult<ArrayBuffer>>,
): Promise<Uint8Array> {
  return new Uint8Array(await send(ctx, options, retryable, attempt));
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

/** The package's error class for an error answer, with code and message from the envelope where there is one. */
export function apiError(settings: ClientSettings, result: FetchResult<unknown>): ClientError {
  const { response, error: body } = result;
  const code = textAt(body, settings.errorCodePointer) ?? `http_${response.status}`;
  const message = textAt(body, settings.errorMessagePointer) ?? (typeof body === "string" && body !== "" ? body.slice(0, 200) : response.statusText || "error");
  return new settings.errorClass({
    status: response.status,
    code,
    message,
    requestId: response.headers.get(settings.requestIdHeader) ?? undefined,
    body,
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
