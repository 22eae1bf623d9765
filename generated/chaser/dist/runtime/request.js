// Copied by driftless from generator/client/runtime/request.ts — do not edit here; change the original and run `npm run generate`.
import { ClientError, ConnectionError } from "./errors.js";
import { Deadline } from "./deadline.js";
import { RETRY_STATUSES, backoffMs, retryAfterMs } from "./retry.js";
/**
 * One call of an operation: runs `attempt` (one openapi-fetch request) within the call's time
 * budget, retries what may be retried, and turns anything but a success into a ClientError.
 * Resolves to the success body (`undefined` for 204).
 */
export async function send(ctx, options, retryable, attempt) {
    const timeoutMs = options?.timeoutMs ?? ctx.timeoutMs;
    const maxRetries = retryable ? (options?.maxRetries ?? ctx.maxRetries) : 0;
    const deadline = new Deadline(timeoutMs, options?.signal);
    // Whether this attempt got as far as calling fetch: a TypeError before that is a request that
    // could not be built (a bad URL or header), not a network failure, and is not retried.
    let sent = false;
    const fetch = ctx.fetch;
    const init = {
        signal: deadline.signal,
        headers: options?.headers,
        fetch: (request) => {
            sent = true;
            return fetch(request);
        },
    };
    try {
        for (let retry = 0;; retry++) {
            let result;
            sent = false;
            try {
                result = await attempt(init);
            }
            catch (error) {
                if (deadline.signal.aborted)
                    throw deadline.failure();
                const failure = attemptError(error, sent);
                if (!(failure instanceof ConnectionError) || retry >= maxRetries)
                    throw failure;
                await pause(deadline, backoffMs(retry), failure);
                continue;
            }
            if (result.response.ok)
                return result.data;
            const failure = apiError(ctx.settings, result);
            if (!RETRY_STATUSES.has(result.response.status) || retry >= maxRetries)
                throw failure;
            await pause(deadline, retryAfterMs(result.response.headers.get("retry-after")) ?? backoffMs(retry), failure);
        }
    }
    finally {
        deadline.dispose();
    }
}
/** Waits before a retry; a wait the budget cannot afford fails now, with the error that asked for it. */
function pause(deadline, ms, failure) {
    return ms >= deadline.remaining() ? Promise.reject(failure) : deadline.sleep(ms);
}
/** send() for binary answers: openapi-fetch reads them as an ArrayBuffer, callers get bytes. */
export async function sendBytes(ctx, options, retryable, attempt) {
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
function attemptError(error, sent) {
    if (sent && error instanceof TypeError)
        return new ConnectionError(`Could not reach the API: ${error.message}`, { cause: error });
    if (error instanceof SyntaxError)
        return new ClientError("invalid_response", `The API's answer could not be read: ${error.message}`, { cause: error });
    return new ClientError("request_failed", `The request failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
/** The package's error class for an error answer, with code and message from the envelope where there is one. */
export function apiError(settings, result) {
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
function textAt(body, pointer) {
    if (pointer === undefined)
        return undefined;
    let node = body;
    for (const raw of pointer.split("/").slice(1)) {
        if (typeof node !== "object" || node === null)
            return undefined;
        node = node[raw.replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    return typeof node === "string" ? node : undefined;
}
