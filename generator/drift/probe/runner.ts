import { setMaxListeners } from "node:events";
import { getAtPointer } from "../../openapi/pointer.ts";
import type { DriftPlan, PlanStep, ValueSource } from "../config.ts";
import { isTextMediaType, mediaTypeOf, probeIntentOf, type Exchange } from "../exchange.ts";
import type { Redactor } from "../redact.ts";
import { Agents, ProbeError, send, type HttpResponse } from "./http.ts";
import { Limiter, sleep } from "./limiter.ts";
import type { Progress } from "./progress.ts";

/** A step that could not be completed for a reason other than the API's answer. */
export interface Incident {
  api: string;
  step: string;
  operation: string;
  kind: "timeout" | "connection" | "too-large" | "deadline" | "interrupted";
  message: string;
}

export interface SkippedStep {
  api: string;
  step: string;
  reason: string;
}

export interface ProbeRunOptions {
  plan: DriftPlan;
  /** Where the API is; its path is a prefix of every operation path. */
  baseUrl: URL;
  /** The credential header, or undefined when the target needs none. */
  auth?: { name: string; value: string };
  /**
   * The header that carries `value` as a credential of the document's security scheme `scheme`
   * (a malformed-key probe's `credential`); undefined when the drift check cannot send that scheme.
   */
  credentialHeader?: (scheme: string, value: string) => { name: string; value: string } | undefined;
  allowWrites: boolean;
  /** Added to every request (tests select emulator scenarios with it). Never auth headers. */
  extraHeaders?: Record<string, string>;
  /** Documented media types of each operation's answers, for the Accept header. */
  accept?: (operation: string) => string | undefined;
  /** Aborts the probes (Ctrl-C); cleanup still runs. */
  signal?: AbortSignal;
  progress?: Progress;
  redactor: Redactor;
}

export interface ProbeRunResult {
  exchanges: Exchange[];
  incidents: Incident[];
  skipped: SkippedStep[];
  /** Steps that ran to an answer (probes and cleanup). */
  completed: string[];
  /** Cleanup steps left out without a word: they would have ended what a refused unhappy-path create never made. */
  unneeded: string[];
}

interface StepResult {
  ok: boolean;
  json?: unknown;
  /** The last answer's status; undefined when no answer came. */
  status?: number;
  /** Why no answer came (timeout, connection, …). */
  failure?: string;
}

const NEVER = new AbortController().signal;
// Every step waiting for a request slot listens on its run's signal: a derived plan has dozens, which is no leak.
setMaxListeners(0, NEVER);
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/**
 * Runs an API's probe plan: the probes in dependency order (up to `concurrency` at once, at most
 * `requestsPerSecond`), then — always, whatever happened before — the cleanup steps whose resources
 * were created. The probes stop at the plan's deadline or when `signal` aborts (Ctrl-C); cleanup then
 * gets its own time (`cleanupTimeoutMs`) so a resource created before the stop is still deleted.
 */
export async function runProbes(options: ProbeRunOptions): Promise<ProbeRunResult> {
  const { plan } = options;
  const limits = plan.limits;
  const agents = new Agents(limits.concurrency);
  const limiter = new Limiter(limits.concurrency, limits.requestsPerSecond);
  const result: ProbeRunResult = { exchanges: [], incidents: [], skipped: [], completed: [], unneeded: [] };
  const results = new Map<string, StepResult>();

  const probeStop = new AbortController();
  setMaxListeners(0, probeStop.signal);
  const deadline = setTimeout(() => probeStop.abort(new StopReason("deadline")), limits.deadlineMs);
  const onExternal = () => probeStop.abort(new StopReason("interrupted"));
  if (options.signal?.aborted) onExternal();
  options.signal?.addEventListener("abort", onExternal, { once: true });

  const total = plan.probes.length + plan.cleanup.length;
  let done = 0;
  const ctx: RunContext = { options, agents, limiter, result, results, total, tick: () => ++done };
  try {
    await runSteps(ctx, plan.probes, probeStop.signal);
  } finally {
    clearTimeout(deadline);
    options.signal?.removeEventListener("abort", onExternal);
  }
  const stopped = probeStop.signal.aborted ? (probeStop.signal.reason as StopReason).kind : undefined;

  const cleanupStop = new AbortController();
  setMaxListeners(0, cleanupStop.signal);
  const cleanupTimer = setTimeout(() => cleanupStop.abort(new StopReason("deadline")), limits.cleanupTimeoutMs);
  try {
    await runSteps(ctx, plan.cleanup, cleanupStop.signal);
  } finally {
    clearTimeout(cleanupTimer);
    agents.close();
  }
  if (stopped) {
    // Written once the cleanup has ended, so the report says what it did, not what it was about to do.
    const why = stopped === "deadline" ? `the probes did not finish within ${limits.deadlineMs} ms` : "interrupted";
    result.incidents.push({ api: plan.api, step: "(run)", operation: "", kind: stopped, message: options.redactor.scrub(`${why}; ${describeCleanup(ctx, plan.cleanup)}`) });
  }
  return result;
}

/**
 * What the cleanup did with the resources the probes created, for the stop incident: "the cleanup
 * deleted the 1 resource created", or how many it deleted and, for each one it did not, its id
 * (shown as findings show values: redacted when its name or shape says secret) and why.
 * A resource is what a writing cleanup step takes its values from (a session id); it is
 * deleted when one of those steps was answered 2XX (a second DELETE answering 409 changes nothing).
 */
function describeCleanup(ctx: RunContext, cleanup: readonly PlanStep[]): string {
  const resources = new Map<string, { label: string; deleted: boolean; failures: string[] }>();
  const skipped = new Map(ctx.result.skipped.map((s) => [s.step, s.reason]));
  for (const step of cleanup) {
    if (!step.write) continue;
    const values = [...Object.entries(step.path), ...Object.entries(step.query)]
      .filter(([, source]) => !("literal" in source))
      .map(([name, source]) => [name, valueFrom(ctx, source)] as const);
    // No created value to act on: nothing was created for this step to delete.
    if (values.length === 0 || values.some(([, value]) => value === undefined)) continue;
    const key = JSON.stringify(values);
    const resource = resources.get(key) ?? {
      label: values.map(([name, value]) => `${name} ${ctx.options.redactor.preview(value, name)}`).join(", "),
      deleted: false,
      failures: [],
    };
    resources.set(key, resource);
    const r = ctx.results.get(step.id);
    if (r?.ok) resource.deleted = true;
    else resource.failures.push(`${step.id}: ${r?.status ?? r?.failure ?? skipped.get(step.id) ?? "did not run"}`);
  }
  const all = [...resources.values()];
  const left = all.filter((r) => !r.deleted);
  if (all.length === 0) return "nothing had been created, so the cleanup had nothing to delete";
  const created = `${all.length} resource${all.length === 1 ? "" : "s"} created`;
  if (left.length === 0) return `the cleanup deleted ${all.length === 1 ? "the" : "all"} ${created}`;
  const failed = left.map((r) => `${r.label} (${r.failures.join(", ")})`).join("; ");
  return `the cleanup deleted ${all.length - left.length} of the ${created}, and failed for ${left.length}: ${failed} — delete ${left.length === 1 ? "it" : "them"} by hand`;
}

class StopReason {
  constructor(readonly kind: "deadline" | "interrupted") {}
}

interface RunContext {
  options: ProbeRunOptions;
  agents: Agents;
  limiter: Limiter;
  result: ProbeRunResult;
  results: Map<string, StepResult>;
  total: number;
  tick: () => number;
}

/** Starts every step whose dependencies have ended, until all have ended or been skipped. */
async function runSteps(ctx: RunContext, steps: PlanStep[], signal: AbortSignal): Promise<void> {
  const pending = [...steps];
  const running = new Map<string, Promise<void>>();
  const ended = (id: string) => ctx.results.has(id) || !steps.some((s) => s.id === id) || skippedIds(ctx).has(id) || ctx.result.unneeded.includes(id);
  while (pending.length > 0 || running.size > 0) {
    for (let i = 0; i < pending.length; ) {
      const step = pending[i]!;
      if (!step.dependsOn.every((d) => ended(d) && !running.has(d))) {
        i++;
        continue;
      }
      pending.splice(i, 1);
      if (unneeded(ctx, step)) {
        ctx.result.unneeded.push(step.id);
        ctx.tick();
        continue;
      }
      const skip = whySkip(ctx, step, signal);
      if (skip) {
        skipStep(ctx, step, skip);
        continue;
      }
      running.set(
        step.id,
        runStep(ctx, step, signal).finally(() => running.delete(step.id)),
      );
    }
    if (running.size === 0) {
      // Whatever is left waits on something that will never end: skip it rather than hang.
      for (const step of pending.splice(0)) skipStep(ctx, step, "a step it depends on did not run");
      break;
    }
    await Promise.race(running.values());
  }
}

function skippedIds(ctx: RunContext): Set<string> {
  return new Set(ctx.result.skipped.map((s) => s.step));
}

function skipStep(ctx: RunContext, step: PlanStep, reason: string): void {
  ctx.result.skipped.push({ api: ctx.options.plan.api, step: step.id, reason });
  ctx.options.progress?.step({ api: ctx.options.plan.api, step: step.id, operation: step.operation, outcome: `skipped: ${reason}`, done: ctx.tick(), total: ctx.total });
}

/**
 * A cleanup step that ends what an unhappy-path create made, when the API refused that create (as
 * it should): nothing was made, so the step is left out quietly instead of listed as skipped.
 */
function unneeded(ctx: RunContext, step: PlanStep): boolean {
  if (step.phase !== "cleanup") return false;
  const byId = new Map(ctx.options.plan.probes.map((s) => [s.id, s]));
  return step.from.some((id) => {
    const r = ctx.results.get(id);
    return byId.get(id)?.negative === true && r !== undefined && !r.ok && r.status !== undefined;
  });
}

function whySkip(ctx: RunContext, step: PlanStep, signal: AbortSignal): string | undefined {
  if (signal.aborted) return (signal.reason as StopReason).kind === "deadline" ? "the deadline passed" : "interrupted";
  if (step.write && !ctx.options.allowWrites) return "writes are off (use --allow-writes)";
  if (step.credential && !ctx.options.credentialHeader?.(step.credential.scheme, step.credential.value)) {
    return `the drift check cannot send a ${step.credential.scheme} credential (bearer, basic or an API-key header)`;
  }
  for (const dep of step.from) {
    const r = ctx.results.get(dep);
    if (!r) return `${dep} did not run`;
    if (!r.ok) return `${dep} did not succeed`;
  }
  for (const [name, source] of [...Object.entries(step.path), ...Object.entries(step.query)]) {
    if (valueFrom(ctx, source) === undefined) return `no value for ${name} (${describeSource(source)})`;
  }
  return undefined;
}

function describeSource(source: ValueSource): string {
  return "literal" in source ? "literal" : `${source.from} ${source.pointer || "(body)"}`;
}

function valueFrom(ctx: RunContext, source: ValueSource): string | undefined {
  if ("literal" in source) return source.literal;
  const value = getAtPointer(ctx.results.get(source.from)?.json, source.pointer);
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}

async function runStep(ctx: RunContext, step: PlanStep, signal: AbortSignal): Promise<void> {
  const { options } = ctx;
  const api = options.plan.api;
  const url = buildUrl(ctx, step);
  const headers: Record<string, string> = {
    accept: options.accept?.(step.operation) ?? "application/json, */*;q=0.1",
    "user-agent": "driftless-drift",
    ...options.extraHeaders,
  };
  let body: Buffer | undefined;
  if (step.body !== undefined) {
    body = Buffer.from(JSON.stringify(step.body), "utf8");
    headers["content-type"] = "application/json";
  }
  // A malformed key goes in its scheme's own header, instead of the real one (whySkip made sure there is one).
  const credential = step.credential && options.credentialHeader?.(step.credential.scheme, step.credential.value);
  if (credential) headers[credential.name.toLowerCase()] = credential.value;
  else if (step.auth && options.auth) headers[options.auth.name.toLowerCase()] = options.auth.value;

  // A write in flight is let finish (its own timeout bounds it) even when the run is stopped: the
  // answer carries the id of what it created, and without that id cleanup could not delete it.
  const requestSignal = step.write ? NEVER : signal;
  const started = Date.now();
  let last: StepResult = { ok: false };
  try {
    for (;;) {
      const attemptStart = new Date();
      const response = await withRetries(
        ctx,
        step.method,
        () =>
          send(
            { method: step.method, url, headers, body, timeoutMs: options.plan.limits.timeoutMs, maxBodyBytes: options.plan.limits.maxBodyBytes, signal: requestSignal },
            ctx.agents,
          ),
        signal,
      );
      const exchange = toExchange(ctx, step, url, headers, body, response, attemptStart);
      ctx.result.exchanges.push(exchange);
      const ok = response.status >= 200 && response.status < 300;
      last = { ok, status: response.status, ...(ok ? { json: parseJson(exchange) } : {}) };
      options.progress?.step({ api, step: step.id, operation: step.operation, outcome: String(response.status), done: ctx.total, total: ctx.total, pending: true });
      if (!step.until || !ok) break;
      const value = getAtPointer(last.json, step.until.pointer);
      if (step.until.in.some((v) => v === value)) break;
      if (Date.now() - started + step.until.intervalMs > step.until.timeoutMs) break;
      await sleep(step.until.intervalMs, signal);
    }
    ctx.result.completed.push(step.id);
    options.progress?.step({ api, step: step.id, operation: step.operation, outcome: String(last.status ?? 0), done: ctx.tick(), total: ctx.total });
  } catch (error) {
    const kind = error instanceof ProbeError ? error.kind : error instanceof StopReason ? error.kind : "connection";
    const stopped = kind === "aborted" || error instanceof StopReason;
    // A step stopped by the deadline or Ctrl-C is reported once, for the whole run; a failed one here.
    if (!stopped) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.result.incidents.push({ api, step: step.id, operation: step.operation, kind: kind as Incident["kind"], message: options.redactor.scrub(message) });
    }
    options.progress?.step({ api, step: step.id, operation: step.operation, outcome: stopped ? "stopped" : `failed: ${kind}`, done: ctx.tick(), total: ctx.total });
    if (last.status === undefined) last = { ...last, failure: !stopped ? kind : step.phase === "cleanup" ? "the cleanup time ran out" : "stopped" };
    // A step that returned some answer before being stopped keeps it (a create that answered 201 still gets cleaned up).
  }
  ctx.results.set(step.id, last);
}

/**
 * Retries only where repeating is safe: any method after 429 (the request was refused, not
 * processed); idempotent methods after 502/503/504 or a connection that failed. Retry-After is
 * honoured up to `maxRetryAfterMs`; a longer wait is not retried.
 */
async function withRetries(ctx: RunContext, method: string, attempt: () => Promise<HttpResponse>, signal: AbortSignal): Promise<HttpResponse> {
  const { retries, maxRetryAfterMs } = ctx.options.plan.limits;
  const idempotent = IDEMPOTENT.has(method);
  for (let n = 0; ; n++) {
    const backoff = Math.min(maxRetryAfterMs, 200 * 2 ** n);
    let response: HttpResponse;
    try {
      response = await ctx.limiter.run(attempt, signal);
    } catch (error) {
      if (error instanceof ProbeError && (error.kind === "connection" || error.kind === "timeout") && idempotent && n < retries) {
        await sleep(backoff, signal);
        continue;
      }
      throw error;
    }
    const retryable = response.status === 429 || (idempotent && (response.status === 502 || response.status === 503 || response.status === 504));
    if (!retryable || n >= retries) return response;
    const wait = retryAfterMs(response.headers["retry-after"]) ?? backoff;
    if (wait > maxRetryAfterMs) return response;
    await sleep(wait, signal);
  }
}

function retryAfterMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function buildUrl(ctx: RunContext, step: PlanStep): URL {
  const path = step.pathTemplate.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(valueFrom(ctx, step.path[name]!) ?? ""));
  const base = ctx.options.baseUrl;
  const url = new URL(base.href);
  url.pathname = base.pathname.replace(/\/+$/, "") + path;
  url.search = "";
  for (const [name, source] of Object.entries(step.query)) url.searchParams.set(name, valueFrom(ctx, source) ?? "");
  return url;
}

function toExchange(ctx: RunContext, step: PlanStep, url: URL, headers: Record<string, string>, body: Buffer | undefined, response: HttpResponse, started: Date): Exchange {
  const type = mediaTypeOf(response.headers["content-type"]);
  const text = response.body.length === 0 ? undefined : isTextMediaType(type) || type === undefined ? response.body.toString("utf8") : response.body.toString("base64");
  const redactor = ctx.options.redactor;
  const requestHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) requestHeaders[name] = redactor.header(name, value);
  const probe = probeIntentOf(step);
  return {
    api: ctx.options.plan.api,
    step: step.id,
    ...(probe ? { probe } : {}),
    method: step.method,
    url: url.href,
    status: response.status,
    headers: response.headers,
    ...(text !== undefined ? { body: text } : {}),
    ...(text !== undefined && !(isTextMediaType(type) || type === undefined) ? { bodyEncoding: "base64" as const } : {}),
    request: { headers: requestHeaders, ...(body ? { body: body.toString("utf8"), contentType: "application/json" } : {}) },
    timeMs: response.timeMs,
    startedAt: started.toISOString(),
  };
}

/**
 * Values for later steps are taken from any body that parses as JSON, whatever its Content-Type
 * says: a mislabelled answer is reported by the check, and the plan (and its cleanup) goes on.
 */
function parseJson(exchange: Exchange): unknown {
  if (!exchange.body || exchange.bodyEncoding === "base64") return undefined;
  try {
    return JSON.parse(exchange.body);
  } catch {
    return undefined;
  }
}
