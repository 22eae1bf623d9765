// Copied by driftless from generator/client/runtime/polling.ts — do not edit here; change the original and run `npm run generate`.
import { ApiPromise } from "./api-promise.js";
import { TimeoutError, WaitError } from "./errors.js";
import { Deadline } from "./deadline.js";
/**
 * Reads the resource until its state is a ready one and resolves to that body; rejects with a
 * WaitError on a failed state and a TimeoutError (`wait_timeout`) when the budget runs out, which
 * also cancels the poll in flight. `withResponse()` gives the answer of the last poll (the one
 * that saw the ready state), `asResponse()` that answer with its body already read.
 */
export function poll(spec, read, options = {}) {
    return new ApiPromise(waitFor(spec, read, options));
}
async function waitFor({ subject, field, ready, failed, ...defaults }, read, options) {
    const timeoutMs = options.timeoutMs ?? defaults.timeoutMs;
    const awaited = ready.join(" or ");
    let last = "not read yet";
    const deadline = new Deadline(timeoutMs, options.signal, () => new TimeoutError("wait_timeout", `The ${subject} was not ${awaited} after ${timeoutMs} ms (last state: ${String(last)}).`));
    try {
        for (;;) {
            const result = await read({ signal: deadline.signal }).withResponse();
            const body = result.data;
            // A state is a string; anything else (no body, no such field) is polled again.
            const state = (last = body?.[field]);
            if (ready.includes(state))
                return result;
            if (failed.includes(state))
                throw new WaitError(`The ${subject} is ${state}; it will not become ${awaited}.`, body);
            await deadline.sleep(options.intervalMs ?? defaults.intervalMs);
        }
    }
    finally {
        deadline.dispose();
    }
}
