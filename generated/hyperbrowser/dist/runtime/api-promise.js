// Copied by driftless from generator/client/runtime/api-promise.ts — do not edit here; change the original and run `npm run generate`.
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
export class ApiPromise extends Promise {
    #outcome;
    #mode;
    /** `outcome` is the running call; `mode`, when given, lets `asResponse()` ask the call not to read the body. */
    constructor(outcome, mode) {
        // Settled at once and never used: then/catch/finally below answer from `outcome`, so an
        // ApiPromise nobody consumes rejects nothing of its own.
        super((resolve) => resolve(undefined));
        this.#outcome = outcome;
        this.#mode = mode;
    }
    /** Promise methods (`finally`, `Promise.all`, …) build plain promises, not ApiPromises. */
    static get [Symbol.species]() {
        return Promise;
    }
    /** The data with the answer it came from and the answer's request id. */
    withResponse() {
        return this.#outcome;
    }
    /** The answer itself, its body unread when asked before the answer arrived (see the class). */
    asResponse() {
        if (this.#mode !== undefined)
            this.#mode.raw = true;
        return this.#outcome.then(responseOf);
    }
    // biome-ignore lint/suspicious/noThenProperty: an ApiPromise is a Promise; `then` is what makes awaiting it give the data
    then(onfulfilled, onrejected) {
        return this.#outcome.then((result) => (onfulfilled ? onfulfilled(result.data) : result.data), onrejected);
    }
}
const responseOf = (result) => result.response;
