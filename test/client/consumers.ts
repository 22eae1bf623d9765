/**
 * Consumer code for test/client/package.test.ts: what a team writes against an installed package.
 * It is type-checked in a fresh project where only the packed tarballs are installed, so it lives
 * here as text (the project's own tsconfig cannot resolve "chaser-client"). Every method is
 * called with typed results, and each `@ts-expect-error` proves a type is precise, not `any`:
 * the check fails if one of those lines stops being an error.
 */

export const CHASER_CONSUMER = `
import {
  ApiPromise,
  AuthenticationError,
  ChaserError,
  ClientError,
  ConfigurationError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  createChaserClient,
  type ChaserClient,
  type ChaserErrorBody,
  type ChaserErrorCode,
  type DriftFinding,
  type DriftRule,
  type ListSessionsResult,
  type LogLevel,
  type Logger,
  type SessionInfo,
  type ValidateResponsesOptions,
  type WithResponse,
} from "chaser-client";
import { driftSentinel, type DriftSentinel } from "chaser-client/sentinel";

export async function everyMethod(apiKey: string, baseUrl: string): Promise<number> {
  const chaser: ChaserClient = createChaserClient({ apiKey, baseUrl, timeoutMs: 10_000, maxRetries: 1, userAgent: "consumer/1", fetch: (request) => fetch(request) });
  const created: SessionInfo = await chaser.sessions.create({ ttl_seconds: 600 });
  const ready: SessionInfo = await chaser.sessions.waitUntilReady(created.id, { timeoutMs: 5_000, intervalMs: 10, signal: new AbortController().signal });
  const got: SessionInfo = await chaser.sessions.get(ready.id, { timeoutMs: 5_000, headers: { "x-trace": "1" } });
  const status: "creating" | "ready" | "closed" | "error" = got.status;
  const page: ListSessionsResult = await chaser.sessions.list({ limit: 10 });
  const cursor: string | null = page.next_cursor;
  let count = 0;
  for await (const session of chaser.sessions.listAll({ limit: 100 })) {
    const id: string = session.id;
    count += id.length > 0 ? 1 : 0;
  }
  const png: Uint8Array = await chaser.sessions.screenshot(got.id);
  const token = await chaser.sessions.previewToken(got.id, {});
  const fps: number = token.fps;
  const removed: void = await chaser.sessions.delete(got.id);
  const raw = await chaser.raw.GET("/v1/sessions/{id}", { params: { path: { id: got.id } } });
  const rawId: string | undefined = raw.data?.id;

  // @ts-expect-error ttl_seconds is a number
  await chaser.sessions.create({ ttl_seconds: "600" });
  // @ts-expect-error the iterator sets the cursor itself
  chaser.sessions.listAll({ cursor: "abc" });
  // @ts-expect-error a session's status is one of four values
  const wrong: SessionInfo["status"] = "paused";
  // @ts-expect-error there is no such method
  chaser.sessions.frobnicate();
  // @ts-expect-error screenshot answers bytes, not a string
  const text: string = await chaser.sessions.screenshot(got.id);

  void [status, cursor, png, fps, removed, rawId, wrong, text];
  return count;
}

export async function responses(chaser: ChaserClient, id: string): Promise<string | null> {
  const pending: ApiPromise<SessionInfo> = chaser.sessions.get(id);
  const plain: Promise<SessionInfo> = pending;
  const { data, response, requestId }: WithResponse<SessionInfo> = await pending.withResponse();
  const session: SessionInfo = data;
  const id2: string | undefined = requestId;
  const unread: Response = await chaser.sessions.get(id).asResponse();
  const bytes: WithResponse<Uint8Array> = await chaser.sessions.screenshot(id).withResponse();
  const ready: WithResponse<SessionInfo> = await chaser.sessions.waitUntilReady(id).withResponse();
  const none: undefined | void = (await chaser.sessions.delete(id).withResponse()).data;
  // @ts-expect-error withResponse's data is the session, not a string
  const wrong: string = (await chaser.sessions.get(id).withResponse()).data;
  void [plain, session, id2, unread, bytes, ready, none, wrong];
  return response.headers.get("x-request-id");
}

export function sentinel(apiKey: string): ChaserClient {
  const counts = new Map<DriftRule, number>();
  const options: ValidateResponsesOptions = {
    sampleRate: 0.1,
    onDrift: (finding: DriftFinding) => {
      counts.set(finding.rule, (counts.get(finding.rule) ?? 0) + 1);
      const where: string = \`\${finding.endpoint} \${finding.status} \${finding.pointer}\`;
      console.warn(where, finding.expected, finding.observed, finding.requestId ?? "");
    },
  };
  // @ts-expect-error not a rule the sentinel reports
  const wrong: DriftRule = "server-error";
  void wrong;
  // @ts-expect-error onDrift is required
  driftSentinel({ sampleRate: 1 });
  // @ts-expect-error the option is a sentinel made by driftSentinel, not its options
  createChaserClient({ apiKey, validateResponses: options });
  const sentinel: DriftSentinel = driftSentinel(options);
  return createChaserClient({ apiKey, validateResponses: sentinel });
}

export function logging(apiKey: string): ChaserClient[] {
  const lines: string[] = [];
  const logger: Logger = { debug: (m) => lines.push(m), info: (m) => lines.push(m), warn: (m, ...rest) => console.warn(m, ...rest), error: console.error };
  const level: LogLevel = "debug";
  // @ts-expect-error not a log level
  const verbose: LogLevel = "verbose";
  void verbose;
  // @ts-expect-error a logger needs all four methods
  createChaserClient({ apiKey, logger: { debug: () => {} } });
  return [createChaserClient({ apiKey, logLevel: level, logger }), createChaserClient({ apiKey, logLevel: "off", logger: console })];
}

export function narrow(error: unknown): string {
  if (error instanceof NotFoundError) {
    const status: 404 = error.status;
    // Narrowing to a documented literal; any other string still type-checks.
    if (error.code === "session_not_found") return "no such session";
    const message: string | undefined = error.body?.error.message;
    // @ts-expect-error the envelope has no such field
    void error.body?.error.detail;
    return \`\${status} \${message}\`;
  }
  if (error instanceof ConflictError && error.code === "session_not_open") return "already closed";
  if (error instanceof RateLimitError) return error.response.headers.get("retry-after") ?? "later";
  if (error instanceof AuthenticationError) return "check CHASER_API_KEY";
  if (error instanceof InternalServerError) return String(error.status);
  if (error instanceof ChaserError) {
    const code: ChaserErrorCode | (string & {}) = error.code;
    const body: ChaserErrorBody | undefined = error.body;
    // @ts-expect-error a code is a string, never a number
    if (error.code === 402) return "never";
    switch (code) {
      case "payment_required":
        return "top up";
      case "concurrency_limit":
        return "close a session";
      default:
        return [code, body?.error.code].join(" ");
    }
  }
  return "";
}

export function describeError(error: unknown): string {
  if (error instanceof ChaserError) {
    const code: ChaserErrorCode | (string & {}) = error.code;
    const status: number = error.status;
    const requestId: string | undefined = error.requestId;
    const response: Response = error.response;
    return [code, status, requestId, response.status, error.body].join(" ");
  }
  if (error instanceof TimeoutError || error instanceof ConfigurationError) return error.code;
  return error instanceof ClientError ? error.code : String(error);
}
`;

export const HYPERBROWSER_CONSUMER = `
import { HyperbrowserError, NotFoundError, createHyperbrowserClient, type HyperbrowserErrorBody, type Session, type SessionDetail } from "hyperbrowser-client";

export async function everyMethod(apiKey: string, baseUrl: string): Promise<number> {
  const hb = createHyperbrowserClient({ apiKey, baseUrl });
  const created: SessionDetail = await hb.sessions.create({ useStealth: true, screen: { width: 1280, height: 720 } });
  // The vendor's Session schema lists no required property, so even the id may be absent.
  const id: string | undefined = created.id;
  if (id === undefined) throw new Error("the session has no id");
  const got: SessionDetail = await hb.sessions.get(id);
  const page = await hb.sessions.list({ page: 1, status: "active" });
  const total: number | undefined = page.totalCount;
  let count = 0;
  for await (const session of hb.sessions.listAll({ status: "active" })) {
    const s: Session = session;
    count += s.id ? 1 : 0;
  }
  const stopped: boolean | undefined = (await hb.sessions.stop(id)).success;
  const updated = await hb.sessions.update(id, { type: "screen", params: { width: 800, height: 600 } });
  const recording = await hb.sessions.getRecordingUrl(id);
  const video = await hb.sessions.getVideoRecordingUrl(id);
  const downloads = await hb.sessions.getDownloadsUrl(id);
  const captcha = await hb.sessions.evaluateCaptcha(id, { captchaType: "recaptcha", iterations: 2 });

  // @ts-expect-error status is one of the documented values
  await hb.sessions.list({ status: "sleeping" });
  // @ts-expect-error the iterator sets the page itself
  hb.sessions.listAll({ page: 2 });

  void [total, stopped, updated, recording, video, downloads, captcha];
  return count;
}

export function statusOf(error: unknown): number | undefined {
  return error instanceof HyperbrowserError ? error.status : undefined;
}

export async function notFound(apiKey: string, id: string): Promise<string | undefined> {
  const hb = createHyperbrowserClient({ apiKey, logLevel: "warn" });
  try {
    const { data, requestId } = await hb.sessions.get(id).withResponse();
    return data.id ?? requestId;
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    const body: HyperbrowserErrorBody | undefined = error.body;
    // Hyperbrowser's error body is its ErrorResponse schema: { message?: string }.
    return body?.message;
  }
}
`;

/** Run with node in the consumer project: the installed packages' JavaScript against the emulator. */
export const SMOKE = `
import { createChaserClient, ChaserError, NotFoundError, AuthenticationError } from "chaser-client";
import { createHyperbrowserClient } from "hyperbrowser-client";
import { driftSentinel } from "chaser-client/sentinel";

const [baseUrl, apiKey] = process.argv.slice(2);
const chaser = createChaserClient({ apiKey, baseUrl });
const { data: session, requestId } = await chaser.sessions.create().withResponse();
if (!/^req_/.test(requestId)) throw new Error("no request id");
const ready = await chaser.sessions.waitUntilReady(session.id, { intervalMs: 5 });
const png = await chaser.sessions.screenshot(session.id);
const hb = createHyperbrowserClient({ apiKey, baseUrl });
const detail = await hb.sessions.create();
let listed = 0;
for await (const _ of hb.sessions.listAll()) listed++;
// The drift sentinel from the installed package: quiet on a documented answer, loud on drift.
const drift = [];
const watched = createChaserClient({ apiKey, baseUrl, validateResponses: driftSentinel({ onDrift: (f) => drift.push(\`\${f.rule} \${f.pointer}\`) }) });
await watched.sessions.get(session.id);
await watched.sessions.get(session.id, { headers: { "x-emulator-scenario": "wrong-type,extra-field" } });
for (let i = 0; i < 100 && drift.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
// Per-status classes from the installed package: a 404 is a NotFoundError and a ChaserError.
const missing = await chaser.sessions.get("sess_missing").catch((e) => e);
const errors = { notFound: missing instanceof NotFoundError, chaserError: missing instanceof ChaserError, auth: missing instanceof AuthenticationError, status: missing.status };
// The logger: debug lines for the call, and the key nowhere in them.
const lines = [];
const keep = (m, d) => lines.push(m + " " + JSON.stringify(d ?? {}));
const logged = createChaserClient({ apiKey, baseUrl, logLevel: "debug", logger: { debug: keep, info: keep, warn: keep, error: keep } });
await logged.sessions.get(session.id);
const logs = { lines: lines.length > 0, get: lines.some((l) => l.includes("GET") && l.includes("/v1/sessions/")), key: lines.some((l) => l.includes(apiKey)) };
console.log(JSON.stringify({ status: ready.status, png: Array.from(png.subarray(1, 4)), hyperbrowser: detail.status, listed, drift: drift.sort(), errors, logs }));
`;
