import type { GenerateStep } from "./generate.ts";

const STAGE_TEXT: Record<GenerateStep["stage"], string> = {
  merge: "merging fragments and doc pages",
  client: "building the client package",
  done: "built",
  failed: "failed (problems below)",
};

/**
 * What `generate` shows while it works. On a terminal, one line rewritten in place and cleared at
 * the end (the summary lines follow); elsewhere (CI logs, pipes) one plain line per stage, so a
 * slow or stuck API is visible in the log. Goes to stdout: stderr carries only problems.
 */
export function generateProgress(write: (text: string) => void, terminal: boolean): { onProgress: (step: GenerateStep) => void; end: () => void } {
  let live = false;
  return {
    onProgress(step) {
      const line = `generate [${step.index}/${step.total}] ${step.api}: ${STAGE_TEXT[step.stage]}`;
      if (terminal) {
        write(`\r\x1b[2K${line}`);
        live = true;
      } else if (step.stage !== "done") {
        write(`${line}\n`);
      }
    },
    end() {
      if (live) write("\r\x1b[2K");
      live = false;
    },
  };
}
