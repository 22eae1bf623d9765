/**
 * The one error path of a request: anything that should answer with an error status throws an
 * ApiError, and the server renders it in the envelope of the API the request was addressed to
 * (Chaser `{ error: { code, message } }`, Hyperbrowser `{ message }`). Handlers never write
 * error responses themselves, so every error gets the same headers (x-request-id, Retry-After).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfterSeconds: number | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, options: { retryAfterSeconds?: number; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.headers = options.headers ?? {};
  }
}

/**
 * A wrong option passed to startEmulator or a wrong flag on the command line. Kept apart from
 * ApiError because it never reaches HTTP: the CLI turns it into exit code 2.
 */
export class EmulatorUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmulatorUsageError";
  }
}
