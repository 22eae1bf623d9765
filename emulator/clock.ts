/**
 * Time is read from one injectable clock so lifecycle tests (ready delay, TTL expiry, the
 * per-minute rate window) can move time by hand instead of sleeping. Session state is derived
 * from the clock when a request looks at it, so the emulator needs no background timers.
 */
export interface Clock {
  now(): number;
}

/** What startEmulator accepts: an object with now() or a bare function returning epoch ms. */
export type ClockOption = Clock | (() => number);

export const systemClock: Clock = { now: () => Date.now() };

export function toClock(option: ClockOption | undefined): Clock {
  if (option === undefined) return systemClock;
  if (typeof option === "function") return { now: option };
  return option;
}

/**
 * "2026-06-13T11:49:20.651000Z": the Sessions API page shows microsecond UTC timestamps; the
 * clock has millisecond resolution, so the last three digits are always zero.
 */
export function isoMicros(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/** "2026-06-13T11:54:41.836Z": millisecond precision, as the page shows for preview tokens. */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/** "Sat, 13 Jun 2026 11:49:20 GMT": a real date, but not an RFC 3339 date-time (bad-format). */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}
