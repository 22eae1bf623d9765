import http from "node:http";
import https from "node:https";
import { normalizeHeaders } from "../exchange.ts";

export type ProbeErrorKind = "timeout" | "connection" | "too-large" | "aborted";

/** A request that produced no answer to check. Its message never holds a URL or a header. */
export class ProbeError extends Error {
  readonly kind: ProbeErrorKind;
  constructor(kind: ProbeErrorKind, message: string) {
    super(message);
    this.name = "ProbeError";
    this.kind = kind;
  }
}

export interface HttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer;
  timeoutMs: number;
  maxBodyBytes: number;
  signal: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  timeMs: number;
}

/** One keep-alive agent per run and protocol; `close()` frees every socket so nothing lingers. */
export class Agents {
  readonly http: http.Agent;
  readonly https: https.Agent;
  constructor(maxSockets: number) {
    this.http = new http.Agent({ keepAlive: true, maxSockets });
    this.https = new https.Agent({ keepAlive: true, maxSockets });
  }
  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}

/**
 * Sends one request and reads the whole answer, within `timeoutMs` for headers and body together.
 * Redirects are never followed: a 3xx is an answer like any other (so credentials cannot follow a
 * Location to another host). Bodies over `maxBodyBytes` are not read to the end: the connection is
 * dropped and the request fails with "too-large".
 */
export function send(request: HttpRequest, agents: Agents): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const lib = request.url.protocol === "https:" ? https : http;
    let settled = false;
    const finish = (error: ProbeError | undefined, response?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal.removeEventListener("abort", onAbort);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(response!);
    };
    const onAbort = () => finish(new ProbeError("aborted", "stopped before the answer arrived"));
    const timer = setTimeout(() => finish(new ProbeError("timeout", `no complete answer within ${request.timeoutMs} ms`)), request.timeoutMs);
    const req = lib.request(
      request.url,
      {
        method: request.method,
        headers: { ...request.headers, ...(request.body ? { "content-length": String(request.body.length) } : {}) },
        agent: request.url.protocol === "https:" ? agents.https : agents.http,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > request.maxBodyBytes) {
            // Settle first: destroying the stream emits its own events, which must not win.
            finish(new ProbeError("too-large", `the answer's body is larger than ${request.maxBodyBytes} bytes; not read further`));
            res.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on("end", () =>
          finish(undefined, {
            status: res.statusCode ?? 0,
            headers: normalizeHeaders(res.headers),
            body: Buffer.concat(chunks),
            timeMs: Math.round(performance.now() - started),
          }),
        );
        res.on("aborted", () => finish(new ProbeError("connection", "the connection closed in the middle of the answer")));
        res.on("error", (error) => finish(new ProbeError("connection", describe(error))));
      },
    );
    req.on("error", (error) => finish(new ProbeError("connection", describe(error))));
    if (request.signal.aborted) {
      onAbort();
      return;
    }
    request.signal.addEventListener("abort", onAbort, { once: true });
    req.end(request.body);
  });
}

/** The error's code and reason, never its full message (Node puts host names and URLs there). */
function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ECONNRESET":
      return "the connection was reset";
    case "ECONNREFUSED":
      return "the connection was refused";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "the host name did not resolve";
    case "ETIMEDOUT":
      return "the connection timed out";
    case "EPIPE":
      return "the connection closed while sending";
    default:
      return code ? `connection failed (${code})` : error.message === "socket hang up" ? "the server closed the connection without answering" : "connection failed";
  }
}
