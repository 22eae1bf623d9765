import { EmulatorUsageError } from "./errors.ts";

/**
 * Chaser's documented limits (limits-and-errors page: "Session limits" and "Rate limits"), per key
 * since every key is its own workspace. Hyperbrowser documents none for sessions, so the
 * Hyperbrowser emulation has no limits.
 */
export interface ChaserLimits {
  /** Sessions in `creating` or `ready` per key; one more answers 429 `concurrency_limit`. */
  readonly concurrentSessionsPerKey: number;
  /** Successful creations per key in any 60-second window; one more answers 429 `rate_limited`. */
  readonly createsPerMinutePerKey: number;
  /** Screenshots of one session in any 60-second window; one more answers 429 `rate_limited`. */
  readonly screenshotsPerMinutePerSession: number;
  /** Preview tokens minted for one session in any 60-second window; one more answers 429 `rate_limited`. */
  readonly previewTokensPerMinutePerSession: number;
}

export const DEFAULT_CHASER_LIMITS: ChaserLimits = {
  concurrentSessionsPerKey: 10,
  createsPerMinutePerKey: 20,
  screenshotsPerMinutePerSession: 60,
  previewTokensPerMinutePerSession: 10,
};

export const RATE_WINDOW_MS = 60_000;

/** `false` switches every limit off; an object overrides some of them. */
export type LimitsOption = Partial<ChaserLimits> | false;

export function resolveLimits(option: LimitsOption | undefined): ChaserLimits | false {
  if (option === false) return false;
  const limits = { ...DEFAULT_CHASER_LIMITS, ...(option ?? {}) };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new EmulatorUsageError(`limits.${name} must be a whole number of at least 1`);
    }
  }
  return limits;
}
