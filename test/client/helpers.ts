import { onTestFinished } from "vitest";
import { startEmulator, type EmulatorOptions } from "../../emulator/index.ts";

export const KEY = "client-test-key";
export const OTHER_KEY = "client-test-key-two";

export interface ClientTestEmulator {
  readonly url: string;
  /** Access-log lines so far: `METHOD /path STATUS Nms req_… [scenarios]`, one per request the server answered. */
  readonly lines: string[];
  /** How many requests with this method and exact path (no query) the server has answered. */
  count(method: string, path: string): number;
}

/**
 * An emulator on 127.0.0.1, port 0, ready delay 0, no Chaser limits, that counts the requests it
 * answers (from its access log, so retries are counted by the server, not by the client under
 * test). Closed when the current test finishes.
 */
export async function startClientEmulator(options: EmulatorOptions = {}): Promise<ClientTestEmulator> {
  const lines: string[] = [];
  const emulator = await startEmulator({
    host: "127.0.0.1",
    port: 0,
    readyDelayMs: 0,
    limits: false,
    keys: [KEY, OTHER_KEY],
    log: (line) => lines.push(line),
    ...options,
  });
  onTestFinished(() => emulator.close());
  return {
    url: emulator.url,
    lines,
    count: (method, path) => lines.filter((l) => l.startsWith(`${method} ${path} `)).length,
  };
}

/** A fetch that records every request it passes on (method, URL, headers) before calling the real one. */
export function recordingFetch(): { fetch: (request: Request) => Promise<Response>; requests: { method: string; url: string; headers: Headers }[] } {
  const requests: { method: string; url: string; headers: Headers }[] = [];
  return {
    requests,
    fetch: (request) => {
      requests.push({ method: request.method, url: request.url, headers: new Headers(request.headers) });
      return fetch(request);
    },
  };
}

/** A per-call scope for the emulator's flaky and rate-limited counters, so tests sharing a server start clean. */
let scopes = 0;
export function scenario(names: string): { headers: Record<string, string> } {
  scopes += 1;
  return { headers: { "x-emulator-scenario": names, "x-emulator-scope": `scope-${scopes}` } };
}
