// Copied by driftless from generator/client/runtime/drift.ts — do not edit here; change the original and run `npm run generate`.
import { ConfigurationError } from "./errors.js";
/**
 * A sentinel: samples answers, loads the checks on the first one, and reports findings to
 * `onDrift`. It never throws into a call and never touches the data a call returns; the checks
 * run after the call has its outcome. Its options are checked here, when it is made: this module
 * is reached only through the package's `/sentinel` entry, so a client without the sentinel
 * carries none of it.
 */
export function createDrift(given, load) {
    const options = given;
    if (typeof options !== "object" || options === null || typeof options.onDrift !== "function") {
        throw new ConfigurationError("invalid_option", "driftSentinel takes { onDrift: (finding) => void, sampleRate?: number }.");
    }
    const sampleRate = options.sampleRate ?? 1;
    if (typeof sampleRate !== "number" || !(sampleRate >= 0 && sampleRate <= 1)) {
        throw new ConfigurationError("invalid_option", `driftSentinel: sampleRate must be a number from 0 to 1, got ${String(sampleRate)}.`);
    }
    const onDrift = options.onDrift;
    let checks;
    return {
        observe(endpoint, response, body, bodyRead, requestIdHeader) {
            if (sampleRate < 1 && Math.random() >= sampleRate)
                return;
            const requestId = response.headers.get(requestIdHeader) ?? undefined;
            const contentType = response.headers.get("content-type");
            (checks ??= load())
                .then((module) => {
                for (const finding of module.check(endpoint, response.status, contentType, body, bodyRead)) {
                    try {
                        onDrift({ ...finding, requestId });
                    }
                    catch {
                        // The caller's handler failing is not the call's failure.
                    }
                }
            })
                .catch(() => {
                // A checks module that cannot load (a bundle that left it out) reports nothing.
            });
        },
    };
}
