/**
 * Runs the corpus round trip over documents in child processes, `workers` at a time. Each child
 * handles documents one after another; a document that runs past `timeoutMs` is a `timeout` (its
 * child is killed) and one whose child dies (out of memory, a native crash) is a `crash`, so one
 * document can never stop or stall the run.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Outcome } from "./corpus.ts";

export interface PoolOptions {
  workers: number;
  timeoutMs: number;
  /** Heap of each child, in MiB. */
  heapMb: number;
  /** Folder outcomes name documents relative to. */
  root: string;
  onOutcome?: (outcome: Outcome, done: number, total: number) => void;
}

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), "corpus-worker.ts");

interface Worker {
  child: ChildProcess;
  stderr: string;
  ready: Promise<void>;
}

function startWorker(heapMb: number): Worker {
  const child = fork(WORKER, [], { execArgv: ["--import", "tsx", `--max-old-space-size=${heapMb}`], stdio: ["ignore", "ignore", "pipe", "ipc"] });
  const worker: Worker = { child, stderr: "", ready: Promise.resolve() };
  child.stderr!.on("data", (chunk: Buffer) => {
    worker.stderr = (worker.stderr + chunk.toString()).slice(-2000);
  });
  worker.ready = new Promise((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`corpus worker exited (${code}) before it was ready: ${worker.stderr}`)));
  });
  return worker;
}

/** One document on one worker; resolves with its outcome and whether the worker is still usable. */
function runOne(worker: Worker, file: string, options: PoolOptions): Promise<{ outcome: Outcome; alive: boolean }> {
  const rel = path.relative(options.root, file);
  const started = performance.now();
  return new Promise((resolve) => {
    const finish = (outcome: Outcome, alive: boolean) => {
      clearTimeout(timer);
      worker.child.off("message", onMessage);
      worker.child.off("exit", onExit);
      resolve({ outcome, alive });
    };
    const onMessage = (outcome: Outcome) => finish(outcome, true);
    const onExit = (code: number | null, signal: string | null) => {
      const oom = /heap out of memory|Allocation failed/i.test(worker.stderr);
      finish(
        {
          file: rel,
          class: "crash",
          detail: oom ? "out of memory" : `exit ${code ?? signal}`,
          note: worker.stderr.trim().split("\n").slice(-3).join(" | ").slice(0, 300),
          ms: Math.round(performance.now() - started),
          bytes: 0,
        },
        false,
      );
    };
    const timer = setTimeout(() => {
      worker.child.off("exit", onExit);
      worker.child.kill("SIGKILL");
      finish({ file: rel, class: "timeout", detail: `over ${options.timeoutMs / 1000} s`, ms: Math.round(performance.now() - started), bytes: 0 }, false);
    }, options.timeoutMs);
    worker.child.on("message", onMessage);
    worker.child.once("exit", onExit);
    worker.stderr = "";
    worker.child.send({ file, root: options.root });
  });
}

export async function runPool(files: readonly string[], options: PoolOptions): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    let worker = startWorker(options.heapMb);
    await worker.ready;
    while (next < files.length) {
      const index = next++;
      const { outcome, alive } = await runOne(worker, files[index]!, options);
      outcomes[index] = outcome;
      options.onOutcome?.(outcome, ++done, files.length);
      if (!alive) {
        worker = startWorker(options.heapMb);
        await worker.ready;
      }
    }
    worker.child.kill();
  };
  await Promise.all(Array.from({ length: Math.min(options.workers, files.length) }, lane));
  return outcomes;
}
