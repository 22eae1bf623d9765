import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ApiModule, Route } from "./api.ts";
import type { Clock } from "./clock.ts";
import { ApiError, EmulatorUsageError } from "./errors.ts";
import { newRequestId } from "./ids.ts";
import type { KeyRing } from "./keys.ts";
import type { JsonReply, Reply } from "./reply.ts";
import {
  NO_SCENARIOS,
  SCENARIO_HEADER,
  SCENARIO_SCOPE_HEADER,
  combineScenarios,
  fingerprintOf,
  newScenarioState,
  parseScenarios,
  runAfter,
  runBefore,
  type ActiveScenarios,
  type ScenarioRuntime,
} from "./scenarios.ts";

/** Request bodies above 1 MiB answer 413. */
export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * An oversized body is still read (and dropped) up to this size so the client sees the 413
 * instead of a reset connection; beyond it the connection is closed after the answer.
 */
const MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES;

export interface ServerOptions {
  readonly apis: readonly ApiModule[];
  readonly keyRing: KeyRing;
  readonly clock: Clock;
  readonly scenarios: ActiveScenarios;
  /** Receives one access-log line per request (method, path without query, status, time); keys are redacted. */
  readonly log?: (line: string) => void;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

interface CompiledRoute {
  readonly route: Route;
  readonly segments: readonly string[];
}

/** Scenario delays in flight, so close() can cancel them and leave no timer behind. */
class Delays {
  private readonly pending = new Set<{ timer: NodeJS.Timeout; reject: (reason: Error) => void }>();

  sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const entry = {
        timer: setTimeout(() => {
          this.pending.delete(entry);
          resolve();
        }, ms),
        reject,
      };
      this.pending.add(entry);
    });
  }

  cancelAll(): void {
    for (const entry of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(new Error("emulator closed"));
    }
    this.pending.clear();
  }
}

export async function startServer(options: ServerOptions, host: string, port: number): Promise<RunningServer> {
  const { apis, keyRing, clock } = options;
  const sink = options.log;
  // Every line goes through redaction, whatever produced it.
  const log = sink === undefined ? undefined : (line: string) => sink(keyRing.redact(line));
  if (apis.length === 0) throw new EmulatorUsageError("no API to serve");
  const fallback = apis[0]!;
  const compiled = new Map<ApiModule, CompiledRoute[]>(apis.map((api) => [api, api.routes.map((route) => ({ route, segments: route.path.split("/").slice(1) }))]));
  const delays = new Delays();
  const runtime: ScenarioRuntime = { state: newScenarioState(), sleep: (ms) => delays.sleep(ms) };
  let closing = false;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = newRequestId();
    const startedAt = performance.now();
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const api = apis.find((a) => url.pathname === a.prefix || url.pathname.startsWith(`${a.prefix}/`)) ?? fallback;
    let active = options.scenarios;
    let reply: Reply;
    try {
      const rawBody = await readBody(req);
      active = combineScenarios(options.scenarios, scenariosFromHeader(req.headers));
      const refused = api.keyRefused?.(url.pathname);
      const resolved = refused ? undefined : resolveRoute(compiled.get(api)!, method, url.pathname);
      const principal = keyRing.lookup(api.name, api.credential(req.headers));
      if (principal === undefined) throw api.unauthorized();
      if (refused) throw refused;
      const { route, params } = resolved!;
      const scope = `${api.name}:${principal.index}:${headerText(req.headers, SCENARIO_SCOPE_HEADER)}`;
      const fingerprint = fingerprintOf(scope, method, url.pathname + url.search, rawBody);
      await runBefore(active, { role: route.role, scope, fingerprint }, runtime);
      reply = route.handle(
        {
          requestId,
          method,
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          rawBody,
          principal,
          scenarios: active,
          now: clock.now(),
        },
        params,
      );
    } catch (error) {
      if (closing) {
        res.destroy();
        return;
      }
      reply = errorReply(api, error, log);
    }
    reply = runAfter(active, reply);
    write(res, reply, requestId);
    log?.(`${method} ${url.pathname} ${reply.status} ${Math.round(performance.now() - startedAt)}ms ${requestId}` + (active.size > 0 ? ` [${[...active.keys()].join(",")}]` : ""));
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host, port }, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.address.includes(":") ? `[${address.address}]` : address.address;

  let closed: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        delays.cancelAll();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

function headerText(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : (value ?? "");
}

function scenariosFromHeader(headers: IncomingHttpHeaders): ActiveScenarios {
  const text = headerText(headers, SCENARIO_HEADER);
  if (text.trim() === "") return NO_SCENARIOS;
  try {
    return parseScenarios([text]);
  } catch (error) {
    throw new ApiError(400, "invalid_request", `${SCENARIO_HEADER}: ${(error as Error).message}`);
  }
}

function resolveRoute(routes: readonly CompiledRoute[], method: string, pathname: string): { route: Route; params: Record<string, string> } {
  const segments = pathname.split("/").slice(1);
  const allowed: string[] = [];
  for (const candidate of routes) {
    const params = matchSegments(candidate.segments, segments);
    if (params === undefined) continue;
    if (candidate.route.method === method) return { route: candidate.route, params };
    allowed.push(candidate.route.method);
  }
  if (allowed.length > 0) {
    throw new ApiError(405, "method_not_allowed", `${method} is not supported on ${pathname}.`, {
      headers: { allow: allowed.join(", ") },
    });
  }
  throw new ApiError(404, "not_found", `No route for ${method} ${pathname}.`);
}

function matchSegments(pattern: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i]!;
    const got = actual[i]!;
    if (want.startsWith("{") && want.endsWith("}")) {
      let value: string;
      try {
        value = decodeURIComponent(got);
      } catch {
        return undefined;
      }
      if (value === "") return undefined;
      params[want.slice(1, -1)] = value;
    } else if (want !== got) {
      return undefined;
    }
  }
  return params;
}

/** Reads the whole body, or rejects with 413 once it passes MAX_BODY_BYTES (after draining it). */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = () =>
      new ApiError(413, "payload_too_large", `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`, {
        headers: { connection: "close" },
      });
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_DRAIN_BYTES) {
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > MAX_DRAIN_BYTES) {
        req.removeAllListeners("data");
        req.pause();
        reject(tooLarge());
      }
    });
    req.on("end", () => (size > MAX_BODY_BYTES ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}

function errorReply(api: ApiModule, error: unknown, log: ((line: string) => void) | undefined): JsonReply {
  const known = error instanceof ApiError ? error : new ApiError(500, "internal_error", "The emulator failed to handle this request.");
  if (!(error instanceof ApiError)) log?.(`internal error: ${error instanceof Error ? error.message : String(error)}`);
  const headers: Record<string, string> = { ...known.headers };
  if (known.retryAfterSeconds !== undefined) headers["retry-after"] = String(known.retryAfterSeconds);
  return { kind: "json", status: known.status, body: api.errorBody(known), headers };
}

function write(res: ServerResponse, reply: Reply, requestId: string): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { "x-request-id": requestId, ...reply.headers };
  let body: Buffer | undefined;
  if (reply.kind === "json") {
    body = Buffer.from(JSON.stringify(reply.body), "utf8");
    headers["content-type"] = reply.contentType ?? "application/json";
  } else if (reply.kind === "bytes") {
    body = reply.body;
    headers["content-type"] = reply.contentType;
  }
  if (body !== undefined) headers["content-length"] = String(body.length);
  res.writeHead(reply.status, headers);
  res.end(body);
}
