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
  override name = "ClientError";
  /** Machine-readable reason: the API's error code for an ApiError, otherwise one of the codes documented on each class. */
  declare readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export interface ApiErrorInit {
  status: number;
  code: string;
  message: string;
  requestId: string | undefined;
  body: unknown;
  response: Response;
}

/**
 * The API answered with an error status. `code` comes from the API's error envelope where it has
 * one, otherwise it is `http_<status>`; `message` leads with the status and code so that a logged
 * error explains itself.
 */
export class ApiError extends ClientError {
  override name = "ApiError";
  /** HTTP status of the answer. */
  declare readonly status: number;
  /** The request id the API sent back (response header), for support requests. */
  declare readonly requestId: string | undefined;
  /** The parsed error body (JSON where it was JSON, else the text). */
  declare readonly body: unknown;
  /** The answer itself; its body has already been read. */
  declare readonly response: Response;

  constructor({ status, code, message, requestId, body, response }: ApiErrorInit) {
    super(code, `HTTP ${status} ${code}: ${message}`);
    Object.assign(this, { status, requestId, body, response });
  }
}

/** No answer arrived: DNS, connection refused or reset, TLS. Code `connection_error`. */
export class ConnectionError extends ClientError {
  override name = "ConnectionError";
  declare readonly code: "connection_error";
}

/** A time budget ran out: `timeout` for one call (retries included), `wait_timeout` for a wait helper. */
export class TimeoutError extends ClientError {
  override name = "TimeoutError";
  declare readonly code: "timeout" | "wait_timeout";
}

/** The caller's AbortSignal fired; `cause` is the signal's reason. Code `aborted`. */
export class AbortedError extends ClientError {
  override name = "AbortedError";
  declare readonly code: "aborted";
}

/** The client was created with options it cannot work with; thrown before any request. Codes `missing_api_key`, `missing_base_url`, `invalid_option`. */
export class ConfigurationError extends ClientError {
  override name = "ConfigurationError";
  declare readonly code: "missing_api_key" | "missing_base_url" | "invalid_option";
}

/** The server's pages do not advance (a repeated cursor or page). Code `pagination_loop`. */
export class PaginationError extends ClientError {
  override name = "PaginationError";
  declare readonly code: "pagination_loop";
}

/** A wait helper saw a state the resource cannot leave for the awaited one. Code `wait_failed`; `last` is what it saw. */
export class WaitError extends ClientError {
  override name = "WaitError";
  /** The last body the wait helper read. */
  declare readonly last: unknown;
  constructor(message: string, last: unknown) {
    super("wait_failed", message);
    Object.assign(this, { last });
  }
}

/** `new ConfigurationError("invalid_option", message)`: the one code of every option the client cannot work with. */
export const invalidOption = (message: string): ConfigurationError => new ConfigurationError("invalid_option", message);
