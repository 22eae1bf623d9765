/**
 * A child process of the corpus pool (corpus-pool.ts): takes one document path at a time over IPC
 * and answers with its round-trip outcome. A document that hangs or exhausts memory takes only
 * this process down; the pool records it and starts another.
 */
import path from "node:path";
import { roundTrip, type Outcome } from "./corpus.ts";

process.on("message", async (message: { file: string; root: string }) => {
  let outcome: Outcome;
  try {
    outcome = await roundTrip(message.file, { root: message.root });
  } catch (error) {
    const e = error as Error;
    outcome = {
      file: path.relative(message.root, message.file),
      class: "crash",
      detail: e?.message?.slice(0, 200) ?? String(error),
      note: e?.stack?.split("\n").slice(0, 4).join(" | "),
      ms: 0,
      bytes: 0,
    };
  }
  process.send!(outcome);
});
process.send!({ ready: true });
// The pool is gone (stopped, or killed): nothing will read the answer.
process.on("disconnect", () => process.exit(0));
