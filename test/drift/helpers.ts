import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import path from "node:path";
import { onTestFinished } from "vitest";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator/index.ts";
import type { DriftPlan } from "../../generator/drift/config.ts";
import { DRIFT_TARGETS } from "../../generator/cli/emulator.ts";
import { runDrift, type DriftOptions, type DriftRun } from "../../generator/drift/run-drift.ts";

export const projectRoot = path.resolve(import.meta.dirname, "../..");
export const SPECS = path.join(projectRoot, "specs");
export const GENERATED = path.join(projectRoot, "generated");

/** A writable that keeps what is written. */
export function sink(isTTY = false): { write(text: string): boolean; text: string; isTTY: boolean } {
  const s = {
    text: "",
    isTTY,
    write: (t: string) => {
      s.text += t;
      return true;
    },
  };
  return s;
}

/** Test emulators: 127.0.0.1, port 0, ready at once, no limits; closed when the test ends. */
export async function testEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = await startEmulator({ host: "127.0.0.1", port: 0, readyDelayMs: 0, limits: false, ...options });
  onTestFinished(() => emulator.close());
  return emulator;
}

/** No rate limit and short timeouts: tests talk to local servers only. */
export function fastPlan(extra: Partial<DriftPlan["limits"]> = {}) {
  const quick = (steps: DriftPlan["probes"]) => steps.map((s) => (s.until ? { ...s, until: { ...s.until, intervalMs: 20, timeoutMs: 300 } } : s));
  return (plan: DriftPlan): DriftPlan => ({
    ...plan,
    probes: quick(plan.probes),
    cleanup: quick(plan.cleanup),
    limits: { ...plan.limits, requestsPerSecond: 0, timeoutMs: 2_000, deadlineMs: 20_000, cleanupTimeoutMs: 5_000, maxRetryAfterMs: 1_500, ...extra },
  });
}

export interface CheckResult extends DriftRun {
  stdout: string;
  stderr: string;
}

/** `driftless drift` in-process against a server standing in for the live API. */
export async function driftAgainst(url: string, key: string, options: DriftOptions = {}): Promise<CheckResult> {
  const stdout = sink();
  const stderr = sink();
  const run = await runDrift({
    targets: DRIFT_TARGETS,
    specsDir: SPECS,
    generatedDir: GENERATED,
    target: url,
    allowWrites: true,
    formats: ["json"],
    env: { CHASER_API_KEY: key, HYPERBROWSER_API_KEY: key },
    planOverride: fastPlan(),
    stdout,
    stderr,
    ...options,
  });
  return { ...run, stdout: stdout.text, stderr: stderr.text };
}

/**
 * [rule, body pointer] of every new finding, sorted: what a scenario test compares. Findings the
 * API's committed specs/<api>/drift-baseline.json accepts (the vendor departures the emulator
 * reproduces on purpose, such as Hyperbrowser's undocumented 401) are "known" and left out.
 */
export function rulesAt(run: DriftRun, api: string): string[] {
  const report = run.report.apis.find((a) => a.api === api)!;
  return [...new Set(report.findings.filter((f) => f.baseline !== "known").map((f) => `${f.rule} ${f.args.bodyPointer}`))].sort();
}

/** Open (creating or ready) Chaser sessions of `key` on the emulator. */
export async function openChaserSessions(emulator: { url: string }, key: string): Promise<string[]> {
  return (await chaserSessions(emulator, key)).filter((s) => s.status === "creating" || s.status === "ready").map((s) => s.id);
}

/** Every Chaser session of `key`, newest first (retrying the emulator's flaky 503s). */
export async function chaserSessions(emulator: { url: string }, key: string): Promise<{ id: string; status: string; ended_reason: string | null }[]> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${emulator.url}/v1/sessions?limit=100`, { headers: { authorization: `Bearer ${key}` } });
    if (res.status === 503 && attempt < 3) continue;
    return ((await res.json()) as { data: { id: string; status: string; ended_reason: string | null }[] }).data;
  }
}

export type Fault = (req: IncomingMessage, res: ServerResponse, forward: () => void) => void;

export interface FaultServer {
  url: string;
  /** Requests seen, "METHOD /path". */
  seen: string[];
  /** Authorization / x-api-key headers seen. */
  credentials: string[];
}

/**
 * A real HTTP server in front of the emulator: each request goes to the first fault whose key
 * ("METHOD /path-regex") matches, which may answer itself or forward to the emulator.
 */
export async function faultProxy(upstream: string | undefined, faults: [RegExp, Fault][]): Promise<FaultServer> {
  const seen: string[] = [];
  const credentials: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const line = `${req.method} ${req.url}`;
    seen.push(line);
    const auth = req.headers.authorization ?? req.headers["x-api-key"];
    if (auth) credentials.push(String(auth));
    const forward = () => {
      if (!upstream) {
        res.writeHead(404).end();
        return;
      }
      const target = new URL(req.url ?? "/", upstream);
      const proxied = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      proxied.on("error", () => res.destroy());
      req.pipe(proxied);
    };
    const fault = faults.find(([pattern]) => pattern.test(line))?.[1];
    if (fault) fault(req, res, forward);
    else forward();
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, credentials };
}
