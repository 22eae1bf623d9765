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
async function waitFor(spec, read, options) {
    const timeoutMs = options.timeoutMs ?? spec.timeoutMs;
    const intervalMs = options.intervalMs ?? spec.intervalMs;
    let last = "not read yet";
    const deadline = new Deadline(timeoutMs, options.signal, () => new TimeoutError("wait_timeout", `The ${spec.subject} was not ${spec.ready.join(" or ")} after ${timeoutMs} ms (last state: ${String(last)}).`));
    try {
        for (;;) {
            const result = await read({ signal: deadline.signal }).withResponse();
            const body = result.data;
            const state = typeof body === "object" && body !== null ? body[spec.field] : undefined;
            last = state;
            if (typeof state === "string" && spec.ready.includes(state))
                return result;
            if (typeof state === "string" && spec.failed.includes(state)) {
                throw new WaitError(`The ${spec.subject} is ${state}; it will not become ${spec.ready.join(" or ")}.`, body);
            }
            await deadline.sleep(intervalMs);
        }
    }
    finally {
        deadline.dispose();
    }
}
