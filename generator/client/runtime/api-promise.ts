/** A call's result with the answer it came from. */
export interface WithResponse<T> {
  /** What awaiting the call gives: the success body (`undefined` for 204, bytes for binary answers). */
  data: T;
  /** The answer. Its body has been read into `data`. */
  response: Response;
  /** The request id the API sent back (response header), for support requests. */
  requestId: string | undefined;
}

/** Shared between a call and its ApiPromise: whether the caller asked for the unread answer. */
export interface CallMode {
  raw: boolean;
}

/**
 * What every generated method returns: a Promise of the data (`await client.sessions.get(id)`),
 * with two more ways to take the same call, which runs once however it is consumed:
 *
 * - `withResponse()`: `{ data, response, requestId }`, for headers and the request id of a success.
 * - `asResponse()`: the `Response` as soon as a success answer's headers are in, its body unread
 *   (for streaming or parsing of your own). Call it on the promise the method returned, before
 *   awaiting that promise; after the body was read into `data`, it gives the read response.
 *
 * Error answers reject all three the same way (an `ApiError` subclass, with its own `response`).
 */
export class ApiPromise<T> extends Promise<T> {
  readonly #outcome: Promise<WithResponse<T>>;
  readonly #mode: CallMode | undefined;

  /** `outcome` is the running call; `mode`, when given, lets `asResponse()` ask the call not to read the body. */
  constructor(outcome: Promise<WithResponse<T>>, mode?: CallMode) {
    // Settled at once and never used: then/catch/finally below answer from `outcome`, so an
    // ApiPromise nobody consumes rejects nothing of its own.
    super((resolve) => resolve(undefined as T));
    this.#outcome = outcome;
    this.#mode = mode;
  }

  /** Promise methods (`finally`, `Promise.all`, …) build plain promises, not ApiPromises. */
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** The data with the answer it came from and the answer's request id. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#outcome;
  }

  /** The answer itself, its body unread when asked before the answer arrived (see the class). */
  asResponse(): Promise<Response> {
    if (this.#mode !== undefined) this.#mode.raw = true;
    return this.#outcome.then(responseOf);
  }

  // biome-ignore lint/suspicious/noThenProperty: an ApiPromise is a Promise; `then` is what makes awaiting it give the data
  override then<R1 = T, R2 = never>(onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null, onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2> {
    return this.#outcome.then((result) => (onfulfilled ? onfulfilled(result.data) : (result.data as unknown as R1)), onrejected);
  }

  // `catch` and `finally` are Promise's own: both call `then`, so they answer from `outcome` too.
}

const responseOf = (result: WithResponse<unknown>): Response => result.response;
