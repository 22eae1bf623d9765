// Copied by driftless from generator/client/runtime/settings.ts — do not edit here; change the original and run `npm run generate`.

import type { ApiError, ApiErrorInit } from "./errors.ts";

/**
 * How the API takes its key: `Authorization: Bearer <key>` or a header of its own, with the
 * environment variable read when no `apiKey` option is given; or not at all (a public API).
 */
export type AuthSettings = { readonly kind: "bearer"; readonly env: string } | { readonly kind: "header"; readonly name: string; readonly env: string } | { readonly kind: "none" };

/**
 * Everything a generated package knows about its API that the runtime needs, emitted once per
 * package as a constant. The runtime is the same code in every package; only this differs.
 */
export interface ClientSettings {
  /** npm name and version, for the default User-Agent. */
  readonly packageName: string;
  readonly packageVersion: string;
  /** Undefined when the API documents no server: the caller's `baseUrl` is then required. */
  readonly baseUrl: string | undefined;
  readonly auth: AuthSettings;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  /** Where the code and message are inside an error body, as property names (api.yaml's JSON pointers, split by the generator); absent when the API has no envelope. */
  readonly errorCodePath: readonly string[] | undefined;
  readonly errorMessagePath: readonly string[] | undefined;
  /** Response header holding the request id. */
  readonly requestIdHeader: string;
  /** The package's error class (e.g. `ChaserError`), so API errors carry the API's name. */
  readonly errorClass: ApiErrorClass;
  /** Its subclasses by status: 400 BadRequestError, 401 AuthenticationError, 403, 404, 409, 422, 429. */
  readonly statusErrorClasses: Readonly<Record<number, ApiErrorClass>>;
  /** Its subclass for every 5xx status (InternalServerError). */
  readonly serverErrorClass: ApiErrorClass;
  /** Environment variable read for the log level when no `logLevel` option is given (`CHASER_LOG`). */
  readonly logEnv: string;
  /** Lower-case headers never logged besides the usual ones (Authorization, Cookie, anything named like a key or token): the document's apiKey schemes. */
  readonly secretHeaders: readonly string[];
}

export type ApiErrorClass = new (init: ApiErrorInit) => ApiError;
