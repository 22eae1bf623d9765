/** Sleeps `ms`, or rejects as soon as `signal` aborts; leaves no timer behind either way. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * At most `concurrency` requests in flight and at most `perSecond` starts per second (spaced
 * evenly, so a plan never bursts at a live API).
 */
export class Limiter {
  readonly #concurrency: number;
  readonly #interval: number;
  #active = 0;
  #nextStart = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(concurrency: number, perSecond: number) {
    this.#concurrency = Math.max(1, concurrency);
    this.#interval = perSecond > 0 ? 1000 / perSecond : 0;
  }

  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.#active >= this.#concurrency) {
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        const onAbort = () => {
          const i = this.#waiting.indexOf(wake);
          if (i !== -1) this.#waiting.splice(i, 1);
          reject(signal!.reason);
        };
        this.#waiting.push(wake);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
      // The slot was handed over by the request that finished: #active already counts us.
    } else {
      this.#active++;
    }
    try {
      const now = Date.now();
      const start = Math.max(now, this.#nextStart);
      this.#nextStart = start + this.#interval;
      if (start > now) await sleep(start - now, signal);
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#active--;
    }
  }
}
