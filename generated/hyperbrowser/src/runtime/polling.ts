// Copied by driftless from generator/client/runtime/polling.ts — do not edit here; change the original and run `npm run generate`.

import { ApiPromise, type WithResponse } from "./api-promise.ts";
import { TimeoutError, WaitError } from "./errors.ts";
import { Deadline } from "./deadline.ts";
import type { RequestOptions } from "./options.ts";

/** A wait helper as api.yaml declares it: which field to watch, for which values. */
export interface PollSpec {
  /** What is waited for, in messages ("session"). */
  readonly subject: string;
  /** Top-level field of the polled body holding the state. */
  readonly field: string;
  /** States that end the wait successfully. */
  readonly ready: readonly string[];
  /** States the resource cannot leave for a ready one: the wait fails at once. */
  readonly failed: readonly string[];
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

export interface WaitOptions {
  /** Total time to wait in milliseconds, all polls included. */
  timeoutMs?: number;
  /** Pause between two polls in milliseconds. */
  intervalMs?: number;
  /** Cancels the wait (and the poll in flight). */
  signal?: AbortSignal;
}

/**
 * Reads the resource until its state is a ready one and resolves to that body; rejects with a
 * WaitError on a failed state and a TimeoutError (`wait_timeout`) when the budget runs out, which
 * also cancels the poll in flight. `withResponse()` gives the answer of the last poll (the one
 * that saw the ready state), `asResponse()` that answer with its body already read.
 */
export function poll<T>(spec: PollSpec, read: (options: RequestOptions) => ApiPromise<T>, options: WaitOptions = {}): ApiPromise<T> {
  return new ApiPromise(waitFor(spec, read, options));
}

async function waitFor<T>(
  { subject, field, ready, failed, ...defaults }: PollSpec,
  read: (options: RequestOptions) => ApiPromise<T>,
  options: WaitOptions,
): Promise<WithResponse<T>> {
  const timeoutMs = options.timeoutMs ?? defaults.timeoutMs;
  const awaited = ready.join(" or ");
  let last: unknown = "not read yet";
  const deadline = new Deadline(
    timeoutMs,
    options.signal,
    () => new TimeoutError("wait_timeout", `The ${subject} was not ${awaited} after ${timeoutMs} ms (last state: ${String(last)}).`),
  );
  try {
    for (;;) {
      const result = await read({ signal: deadline.signal }).withResponse();
      const body = result.data;
      // A state is a string; anything else (no body, no such field) is polled again.
      const state = (last = (body as Record<string, unknown> | null)?.[field]) as string;
      if (ready.includes(state)) return result;
      if (failed.includes(state)) throw new WaitError(`The ${subject} is ${state}; it will not become ${awaited}.`, body);
      await deadline.sleep(options.intervalMs ?? defaults.intervalMs);
    }
  } finally {
    deadline.dispose();
  }
}
