// Copied by driftless from generator/client/runtime/errors.ts — do not edit here; change the original and run `npm run generate`.
/**
 * Every error a generated client throws is a ClientError: one hierarchy, each class with a stable
 * machine-readable `code` and the underlying error as `cause`. An error answer of the API is an
 * ApiError (the generated package subclasses it as e.g. `ChaserError`); the other classes say
 * what went wrong before an answer arrived or after it did.
 */
export class ClientError extends Error {
    name = "ClientError";
    /** Machine-readable reason: the API's error code for an ApiError, otherwise one of the codes documented on each class. */
    code;
    constructor(code, message, options) {
        super(message, options);
        this.code = code;
    }
}
/**
 * The API answered with an error status. `code` comes from the API's error envelope where it has
 * one, otherwise it is `http_<status>`; `message` leads with the status and code so that a logged
 * error explains itself.
 */
export class ApiError extends ClientError {
    name = "ApiError";
    /** HTTP status of the answer. */
    status;
    /** The request id the API sent back (response header), for support requests. */
    requestId;
    /** The parsed error body (JSON where it was JSON, else the text). */
    body;
    /** The answer itself; its body has already been read. */
    response;
    constructor(init) {
        super(init.code, `HTTP ${init.status} ${init.code}: ${init.message}`);
        this.status = init.status;
        this.requestId = init.requestId;
        this.body = init.body;
        this.response = init.response;
    }
}
/** No answer arrived: DNS, connection refused or reset, TLS. Code `connection_error`. */
export class ConnectionError extends ClientError {
    name = "ConnectionError";
    constructor(message, options) {
        super("connection_error", message, options);
    }
}
/** A time budget ran out: `timeout` for one call (retries included), `wait_timeout` for a wait helper. */
export class TimeoutError extends ClientError {
    name = "TimeoutError";
    constructor(code, message, options) {
        super(code, message, options);
    }
}
/** The caller's AbortSignal fired; `cause` is the signal's reason. Code `aborted`. */
export class AbortedError extends ClientError {
    name = "AbortedError";
    constructor(message, options) {
        super("aborted", message, options);
    }
}
/** The client was created with options it cannot work with; thrown before any request. Codes `missing_api_key`, `missing_base_url`, `invalid_option`. */
export class ConfigurationError extends ClientError {
    name = "ConfigurationError";
    constructor(code, message) {
        super(code, message);
    }
}
/** The server's pages do not advance (a repeated cursor or page). Code `pagination_loop`. */
export class PaginationError extends ClientError {
    name = "PaginationError";
    constructor(message) {
        super("pagination_loop", message);
    }
}
/** A wait helper saw a state the resource cannot leave for the awaited one. Code `wait_failed`; `last` is what it saw. */
export class WaitError extends ClientError {
    name = "WaitError";
    /** The last body the wait helper read. */
    last;
    constructor(message, last) {
        super("wait_failed", message);
        this.last = last;
    }
}
