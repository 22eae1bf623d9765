export interface ProgressEvent {
  api: string;
  step: string;
  operation: string;
  /** "ok", a status code, "skipped: …", "failed: …" */
  outcome: string;
  done: number;
  total: number;
  /** An answer arrived but the step goes on (polling). */
  pending?: boolean;
}

export interface Progress {
  step(event: ProgressEvent): void;
  /** Ends the progress display (clears the live line on a terminal). */
  end(): void;
}

/**
 * On a terminal, one line rewritten in place per step; elsewhere (CI, pipes) one plain line per
 * finished step, so logs stay readable. Written to stderr: stdout carries the report.
 */
export function createProgress(write: (text: string) => void, terminal: boolean, scrub: (text: string) => string): Progress {
  let live = false;
  return {
    step(e) {
      const line = scrub(`drift ${e.api} [${Math.min(e.done, e.total)}/${e.total}] ${e.step} ${e.operation} → ${e.outcome}`);
      if (terminal) {
        write(`\r\x1b[2K${line.length > 150 ? line.slice(0, 147) + "..." : line}`);
        live = true;
      } else if (!e.pending) {
        write(`${line}\n`);
      }
    },
    end() {
      if (terminal && live) write("\r\x1b[2K");
      live = false;
    },
  };
}
