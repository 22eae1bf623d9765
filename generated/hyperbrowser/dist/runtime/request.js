// Copied by driftless from generator/client/runtime/request.ts — do not edit here; change the original and run `npm run generate`.
import { ApiPromise } from "./api-promise.js";
import { ClientError, ConnectionError } from "./errors.js";
import { Deadline } from "./deadline.js";
import { DEBUG, ERROR, INFO, WARN, redactHeaders, redactUrl, write } from "./log.js";
import { RETRY_STATUSES, backoffMs, retryAfterMs } from "./retry.js";
/**
 * One call of an operation, as a generated method makes it (`call(ctx, "GET", "/v1/sessions/{id}",
 * { params: { path: { id } } }, options, true)`): an ApiPromise of the success body (see send for
 * what happens on the way). `init` is typed by the document's paths like openapi-fetch's own, so a
 * generated call that does not fit its operation does not build. The method and path are data,
 * not a closure per method: every generated method is one short call. `init` comes last into
 * openapi-fetch's init: where it has `headers` (cookie parameters added to the per-call ones), those win.
 */
export function call(ctx, method, path, init, options, retryable, kind = "json") {
    const mode = { raw: false };
    const raw = ctx.raw;
    return new ApiPromise(send(ctx, options, retryable, kind, (attempt) => raw.request(method, path, { ...attempt, ...init }), mode, `${method} ${path}`), mode);
}
/**
 * Runs `attempt` (one openapi-fetch request) within the call's time budget, reads the success
 * body as `kind` says, retries what may be retried, and turns anything but a success into a
 * ClientError. Resolves to the body with the answer and its request id. When `mode.raw` is set
 * by the time a success answer arrives, its body is left unread (`data` is then undefined).
 * `endpoint` (`GET /v1/sessions/{id}`) names the operation for the drift sentinel.
 */
async function send(ctx, options, retryable, kind, attempt, mode, endpoint) {
    const { log, settings, drift, fetch } = ctx;
    const maxRetries = retryable ? (options?.maxRetries ?? ctx.maxRetries) : 0;
    const deadline = new Deadline(options?.timeoutMs ?? ctx.timeoutMs, options?.signal);
    const requestId = (response) => response.headers.get(settings.requestIdHeader) ?? undefined;
    // Whether this attempt got as far as calling fetch: a TypeError before that is a request that
    // could not be built (a bad URL or header), not a network failure, and is not retried.
    let sent = false;
    // The last request handed to fetch, for log lines (described only when a line is written).
    let last;
    const init = {
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
        for (let retry = 0;; retry++) {
            let result;
            let data;
            let failure;
            let wait;
            // Why the failure is not retried (then it is thrown), and at which level that is logged.
            let why;
            let level = DEBUG;
            sent = false;
            try {
                result = await attempt(init);
                if (result.response.ok && !mode.raw)
                    data = await readBody(result.response, kind);
            }
            catch (error) {
                if (deadline.signal.aborted)
                    throw deadline.failure();
                failure = attemptError(error, sent);
                if (failure.code === "invalid_response")
                    write(log, ERROR, `${describe(last)}: ${failure.message}`);
                if (!(failure instanceof ConnectionError))
                    throw failure;
            }
            if (failure === undefined) {
                const response = result.response;
                const { ok, status } = response;
                drift?.observe(endpoint, response, ok ? data : result.error, !(ok && mode.raw), settings.requestIdHeader);
                if (ok)
                    return { data: data, response, requestId: requestId(response) };
                failure = apiError(settings, result);
                if (!RETRY_STATUSES.has(status))
                    why = `status ${status} is not retried`;
                wait = retryAfterMs(response.headers.get("retry-after"));
            }
            wait ??= backoffMs(retry);
            const left = deadline.end - Date.now();
            if (why === undefined) {
                if (!retryable)
                    why = "the operation is not retried (not idempotent, and not marked retrySafe)";
                else if (retry >= maxRetries) {
                    why = `no retries left (maxRetries ${maxRetries})`;
                    // Giving up is a warning only when retries were allowed: maxRetries 0 asks for no retries.
                    if (maxRetries)
                        level = WARN;
                }
                else if (wait >= left) {
                    why = `a wait of ${Math.round(wait)} ms does not fit in the ${Math.max(0, Math.round(left))} ms left of timeoutMs`;
                    level = WARN;
                }
            }
            if (why) {
                if (log.level <= level)
                    write(log, level, `${describe(last)}: ${failure.message} — not retried: ${why}`);
                throw failure;
            }
            if (log.level <= INFO)
                write(log, INFO, `${describe(last)}: ${failure.message} — retry ${retry + 1} of ${maxRetries} in ${Math.round(wait)} ms`);
            await deadline.sleep(wait);
        }
    }
    finally {
        deadline.dispose();
    }
}
/** `GET https://…/v1/sessions?limit=10` for a log line, credentials in the query redacted. */
const describe = (request) => (request ? `${request.method} ${redactUrl(request.url)}` : "A request that was never sent");
const messageOf = (error) => (error instanceof Error ? error.message : String(error));
/** fetch with a debug line for the request and one for the answer (or the failure), secrets redacted. */
async function logged(log, request, fetch, requestIdOf) {
    const target = describe(request);
    const details = { method: request.method, url: redactUrl(request.url) };
    write(log, DEBUG, `${target} sent`, { ...details, headers: redactHeaders(request.headers, log.secretHeaders) });
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
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
    }
    catch (error) {
        const durationMs = elapsed();
        write(log, DEBUG, `${target} failed after ${durationMs} ms: ${messageOf(error)}`, { ...details, durationMs });
        throw error;
    }
}
/** The success body as `kind` says: openapi-fetch hands it over unread (and none for 204, HEAD or an empty body). */
async function readBody(response, kind) {
    const empty = response.status === 204 || response.headers.get("content-length") === "0" || !response.body;
    if (kind === "bytes")
        return empty ? new Uint8Array(0) : new Uint8Array(await response.arrayBuffer());
    if (empty)
        return undefined;
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
function attemptError(error, sent) {
    const cause = { cause: error };
    const message = messageOf(error);
    if (sent && error instanceof TypeError)
        return new ConnectionError("connection_error", `Could not reach the API: ${message}`, cause);
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
export function apiError(settings, { response, error: parsed }) {
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
function textAt(body, path) {
    let node = path && body;
    for (const key of path ?? [])
        node = typeof node === "object" && node !== null ? node[key] : undefined;
    return typeof node === "string" ? node : undefined;
}
/**
 * Per-call headers with the operation's cookie parameters added as one Cookie header
 * (`name=value; …`, values percent-encoded, arrays comma-joined), after any Cookie header the
 * caller passed. Undefined and null values are left out.
 */
export function withCookies(headers, cookies) {
    const pairs = [];
    for (const [name, value] of Object.entries(cookies ?? {})) {
        if (value === undefined || value === null)
            continue;
        const text = Array.isArray(value) ? value.map(String).join(",") : String(value);
        pairs.push(`${name}=${encodeURIComponent(text)}`);
    }
    if (pairs.length === 0)
        return headers;
    const out = {};
    let given;
    for (const [name, value] of Object.entries(headers ?? {})) {
        if (name.toLowerCase() === "cookie")
            given = value;
        else
            out[name] = value;
    }
    out.cookie = given ? `${given}; ${pairs.join("; ")}` : pairs.join("; ");
    return out;
}
