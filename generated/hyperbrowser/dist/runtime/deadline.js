// Copied by driftless from generator/client/runtime/deadline.ts — do not edit here; change the original and run `npm run generate`.
import { AbortedError, ClientError, TimeoutError } from "./errors.js";
/**
 * The time budget and cancellation of one call (or one wait): a signal that fires when the budget
 * runs out or the caller's signal fires, whichever comes first, and sleeps that end with it.
 *
 * Every call makes one, so it is kept lean: one AbortController and one timer, released by
 * dispose(); no closure unless the caller passed a signal (whose listener is removed again, so
 * long-lived signals do not collect listeners); the timeout's error is built only if it fires.
 */
export class Deadline {
    signal;
    /** When the budget runs out (Date.now() time). */
    end;
    #timer;
    /** Removes the listener from the caller's signal, when there is one. */
    #release;
    /** `onTimeout` describes the timeout when it fires; by default a TimeoutError `timeout` naming the budget. */
    constructor(timeoutMs, caller, onTimeout) {
        const controller = new AbortController();
        this.signal = controller.signal;
        this.end = Date.now() + timeoutMs;
        this.#timer = setTimeout(fire, timeoutMs, controller, timeoutMs, onTimeout);
        if (caller) {
            const onCallerAbort = () => controller.abort(asFailure(caller.reason));
            if (caller.aborted)
                onCallerAbort();
            else {
                caller.addEventListener("abort", onCallerAbort);
                this.#release = () => caller.removeEventListener("abort", onCallerAbort);
            }
        }
    }
    /**
     * Why the signal fired, as the error to throw: the timeout's error, or for the caller's signal
     * its reason when that is already a ClientError (a wait helper's own deadline) and an
     * AbortedError otherwise.
     */
    failure() {
        return asFailure(this.signal.reason);
    }
    /** Resolves after `ms`, or rejects with failure() as soon as the signal fires. */
    sleep(ms) {
        const signal = this.signal;
        return new Promise((resolve, reject) => {
            // The signal fires at most once: the listener needs removing only when the sleep ends first.
            const onAbort = () => {
                clearTimeout(timer);
                reject(this.failure());
            };
            const timer = setTimeout(() => {
                signal.removeEventListener("abort", onAbort);
                resolve();
            }, ms);
            if (signal.aborted)
                onAbort();
            else
                signal.addEventListener("abort", onAbort);
        });
    }
    dispose() {
        clearTimeout(this.#timer);
        this.#release?.();
    }
}
function fire(controller, timeoutMs, onTimeout) {
    controller.abort(onTimeout ? onTimeout() : new TimeoutError("timeout", `The request did not complete within ${timeoutMs} ms.`));
}
/** A wait helper aborts the calls it makes with its own TimeoutError: that passes through as is. */
function asFailure(reason) {
    return reason instanceof ClientError ? reason : new AbortedError("aborted", "The request was aborted.", { cause: reason });
}
