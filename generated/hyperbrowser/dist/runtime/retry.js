// Copied by driftless from generator/client/runtime/retry.ts — do not edit here; change the original and run `npm run generate`.
/**
 * When and how long to wait before trying a call again. Which operations may be retried at all is
 * decided by the generator (idempotent methods, or operations api.yaml marks safe) and passed to
 * each call; this module only knows statuses and delays.
 */
/** Answers that mean "not processed, try later": rate limiting and a gateway or service that is briefly down. */
export const RETRY_STATUSES = new Set([429, 502, 503, 504]);
export const BASE_DELAY_MS = 500;
export const MAX_DELAY_MS = 8_000;
/**
 * Exponential backoff with jitter for retry number `retry` (0 for the first retry): the delay
 * doubles each time up to MAX_DELAY_MS, and a random half of it is dropped so that many clients
 * failing together do not come back together.
 */
export function backoffMs(retry, random = Math.random) {
    const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retry);
    return ceiling / 2 + (random() * ceiling) / 2;
}
/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value, now = Date.now()) {
    if (value === null)
        return undefined;
    const text = value.trim();
    if (/^\d+(\.\d+)?$/.test(text))
        return Number(text) * 1000;
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
