// Copied by driftless from generator/client/runtime/errors.ts — do not edit here; change the original and run `npm run generate`.
/**
 * Every error a generated client throws is a ClientError: one hierarchy, each class with a stable
 * machine-readable `code` and the underlying error as `cause`. An error answer of the API is an
 * ApiError (the generated package subclasses it as e.g. `ChaserError`); the other classes say
 * what went wrong before an answer arrived or after it did.
 *
 * The subclasses have no constructors of their own: the code is passed where they are thrown
 * (their `code` is narrowed by type to the codes they are documented with). Every client bundle
 * holds these classes, so each byte here is a byte of every consumer's bundle.
 */
export class ClientError extends Error {
    name = "ClientError";
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
    constructor({ status, code, message, requestId, body, response }) {
        super(code, `HTTP ${status} ${code}: ${message}`);
        Object.assign(this, { status, requestId, body, response });
    }
}
/** No answer arrived: DNS, connection refused or reset, TLS. Code `connection_error`. */
export class ConnectionError extends ClientError {
    name = "ConnectionError";
}
/** A time budget ran out: `timeout` for one call (retries included), `wait_timeout` for a wait helper. */
export class TimeoutError extends ClientError {
    name = "TimeoutError";
}
/** The caller's AbortSignal fired; `cause` is the signal's reason. Code `aborted`. */
export class AbortedError extends ClientError {
    name = "AbortedError";
}
/** The client was created with options it cannot work with; thrown before any request. Codes `missing_api_key`, `missing_base_url`, `invalid_option`. */
export class ConfigurationError extends ClientError {
    name = "ConfigurationError";
}
/** The server's pages do not advance (a repeated cursor or page). Code `pagination_loop`. */
export class PaginationError extends ClientError {
    name = "PaginationError";
}
/** A wait helper saw a state the resource cannot leave for the awaited one. Code `wait_failed`; `last` is what it saw. */
export class WaitError extends ClientError {
    name = "WaitError";
    constructor(message, last) {
        super("wait_failed", message);
        Object.assign(this, { last });
    }
}
/** `new ConfigurationError("invalid_option", message)`: the one code of every option the client cannot work with. */
export const invalidOption = (message) => new ConfigurationError("invalid_option", message);
