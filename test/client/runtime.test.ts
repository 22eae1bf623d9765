import { describe, expect, it, vi } from "vitest";
import { createServer } from "node:net";
import { createContext, type CallDefaults } from "../../generator/client/runtime/context.ts";
import { Deadline } from "../../generator/client/runtime/deadline.ts";
import { AbortedError, ApiError, ClientError, ConfigurationError, ConnectionError, PaginationError, TimeoutError } from "../../generator/client/runtime/errors.ts";
import { paginate, type PaginationSpec } from "../../generator/client/runtime/pagination.ts";
import { call, withCookies, type AttemptInit, type FetchResult, type ResultKind } from "../../generator/client/runtime/request.ts";
import type { RequestOptions } from "../../generator/client/runtime/options.ts";
import { LOG_LEVELS, redactHeaders, redactUrl, type Logger } from "../../generator/client/runtime/log.ts";
import { ApiPromise } from "../../generator/client/runtime/api-promise.ts";
import { poll } from "../../generator/client/runtime/polling.ts";
import { createDrift } from "../../generator/client/runtime/drift.ts";
import { checkAgainst } from "../../generator/client/runtime/sentinel.ts";
import { driftTable } from "../../generator/client/emit/drift-checks-source.ts";
import { BASE_DELAY_MS, MAX_DELAY_MS, backoffMs, retryAfterMs } from "../../generator/client/runtime/retry.ts";
import type { ClientSettings } from "../../generator/client/runtime/settings.ts";

/** The runtime helpers on their own, with fake pages and answers: no server, no waiting beyond a few ms. */

class NotFound extends ApiError {
  override name = "NotFound";
}
class ServerFailure extends ApiError {
  override name = "ServerFailure";
}

const defaults: CallDefaults = {
  timeoutMs: 1_000,
  maxRetries: 2,
  settings: {
    packageName: "test-client",
    packageVersion: "1.0.0",
    baseUrl: "http://127.0.0.1:9",
    auth: { kind: "bearer", env: "TEST_API_KEY" },
    timeoutMs: 1_000,
    maxRetries: 2,
    errorCodePath: ["error", "code"],
    errorMessagePath: ["error", "message"],
    requestIdHeader: "x-request-id",
    errorClass: ApiError,
    statusErrorClasses: { 404: NotFound },
    serverErrorClass: ServerFailure,
    logEnv: "TEST_LOG",
    secretHeaders: ["x-test-key"],
  },
  drift: undefined,
  log: { level: LOG_LEVELS.off, logger: console, prefix: "[test-client]", secretHeaders: new Set() },
  // Nothing listens on port 9: what fetch does then, without the network.
  fetch: async () => {
    throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") });
  },
};

/**
 * `call` as a generated method makes it, with openapi-fetch's `request` played by `attempt`: it
 * gets the init send() passes each attempt (signal, headers, the watched fetch) and answers as
 * scripted, without a server. Retried or not as `retryable` says, the body read as `kind` says.
 */
function callWith<T = unknown>(
  ctx: CallDefaults,
  options: RequestOptions | undefined,
  retryable: boolean,
  kind: ResultKind,
  attempt: (init: AttemptInit) => Promise<FetchResult<unknown>>,
): ApiPromise<T> {
  const raw = { request: (_method: string, _path: string, init: AttemptInit) => attempt(init) };
  return call<T, ThingsPaths, "GET", "/things">({ ...ctx, raw: raw as never }, "GET", "/things", {}, options, retryable, kind);
}

function answer(status: number, body: unknown, headers: Record<string, string> = {}): FetchResult<unknown> {
  const response = new Response(status === 204 ? null : JSON.stringify(body), { status, headers });
  return response.ok ? { data: body, response } : { error: body, response };
}

/**
 * An attempt function that plays the given answers in order and counts calls. An Error is thrown
 * before fetch is called (as `new Request` does for a bad URL or header); "unreachable" calls the
 * context's fetch, which rejects as fetch does when nothing answers.
 */
function script(...steps: (FetchResult<unknown> | Error | "unreachable")[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    attempt: async (init: AttemptInit): Promise<FetchResult<unknown>> => {
      const step = steps[Math.min(calls++, steps.length - 1)]!;
      if (step instanceof Error) throw step;
      if (step === "unreachable") return { response: await init.fetch(new Request("http://127.0.0.1:9/")) };
      return step;
    },
  };
}

describe("retry delays", () => {
  it("doubles from 0.5 s up to 8 s and drops a random half", () => {
    expect(backoffMs(0, () => 0)).toBe(BASE_DELAY_MS / 2);
    expect(backoffMs(0, () => 1)).toBe(BASE_DELAY_MS);
    expect(backoffMs(3, () => 1)).toBe(BASE_DELAY_MS * 8);
    expect(backoffMs(30, () => 1)).toBe(MAX_DELAY_MS);
    expect(backoffMs(30, () => 0)).toBe(MAX_DELAY_MS / 2);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-06-13T11:49:20Z");
    expect(retryAfterMs("0", now)).toBe(0);
    expect(retryAfterMs(" 2 ", now)).toBe(2000);
    expect(retryAfterMs("1.5", now)).toBe(1500);
    expect(retryAfterMs("Sat, 13 Jun 2026 11:49:23 GMT", now)).toBe(3000);
    expect(retryAfterMs("Sat, 13 Jun 2026 11:49:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});

describe("send", () => {
  it("returns the success body, undefined for 204", async () => {
    expect(await callWith(defaults, undefined, true, "json", script(answer(200, { a: 1 })).attempt)).toEqual({ a: 1 });
    expect(await callWith(defaults, undefined, true, "json", script(answer(204, undefined)).attempt)).toBeUndefined();
  });

  it("retries 429, 502, 503 and 504 when retryable, honouring Retry-After, up to maxRetries", async () => {
    for (const status of [429, 502, 503, 504]) {
      const s = script(answer(status, {}, { "retry-after": "0" }), answer(200, "ok"));
      expect(await callWith(defaults, undefined, true, "json", s.attempt)).toBe("ok");
      expect(s.calls).toBe(2);
    }
    const always = script(answer(503, { error: { code: "down", message: "Down." } }, { "retry-after": "0", "x-request-id": "req_1" }));
    const error = await callWith(defaults, undefined, true, "json", always.attempt).catch((e: unknown) => e);
    expect(always.calls).toBe(3);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, code: "down", requestId: "req_1", message: "HTTP 503 down: Down." });
  });

  it("does not retry other statuses, or anything when not retryable", async () => {
    const notFound = script(answer(404, { error: { code: "gone", message: "Gone." } }));
    await expect(callWith(defaults, undefined, true, "json", notFound.attempt)).rejects.toMatchObject({ status: 404, code: "gone" });
    expect(notFound.calls).toBe(1);
    const post = script(answer(503, {}, { "retry-after": "0" }), answer(200, "ok"));
    await expect(callWith(defaults, undefined, false, "json", post.attempt)).rejects.toMatchObject({ status: 503, code: "http_503" });
    expect(post.calls).toBe(1);
    const perCall = script(answer(503, {}, { "retry-after": "0" }), answer(200, "ok"));
    await expect(callWith(defaults, { maxRetries: 0 }, true, "json", perCall.attempt)).rejects.toMatchObject({ status: 503 });
    expect(perCall.calls).toBe(1);
  });

  it("treats fetch's TypeError as a connection error (retried) and other throws as failures (not retried)", async () => {
    const flaky = script("unreachable", answer(200, "ok"));
    // The first retry waits 250-500 ms of backoff: no Retry-After without an answer.
    expect(await callWith(defaults, undefined, true, "json", flaky.attempt)).toBe("ok");
    expect(flaky.calls).toBe(2);
    const down = script("unreachable");
    const error = await callWith(defaults, { maxRetries: 0 }, true, "json", down.attempt).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    const garbled = script(new SyntaxError("Unexpected token <"), answer(200, "ok"));
    await expect(callWith(defaults, undefined, true, "json", garbled.attempt)).rejects.toMatchObject({ code: "invalid_response" });
    expect(garbled.calls).toBe(1);
  });

  it("does not take a TypeError thrown before fetch (a request that cannot be built) for a network failure", async () => {
    const unbuildable = script(new TypeError("Failed to parse URL from api.chaser.sh/v1/sessions"), answer(200, "ok"));
    const error = await callWith(defaults, undefined, true, "json", unbuildable.attempt).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: "request_failed" });
    expect(unbuildable.calls).toBe(1);
  });

  it("fails with the answer instead of starting a wait longer than the budget left", async () => {
    const s = script(answer(429, { error: { code: "rate_limited", message: "Slow down." } }, { "retry-after": "30" }), answer(200, "ok"));
    const started = performance.now();
    await expect(callWith(defaults, { timeoutMs: 200 }, true, "json", s.attempt)).rejects.toMatchObject({ code: "rate_limited" });
    expect(s.calls).toBe(1);
    expect(performance.now() - started).toBeLessThan(150);
  });

  it("passes the composed signal to each attempt and reports timeout and abort", async () => {
    const hang = async ({ signal }: { signal: AbortSignal }): Promise<FetchResult<unknown>> =>
      new Promise((_, reject) => signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    await expect(callWith(defaults, { timeoutMs: 20 }, true, "json", hang)).rejects.toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    const pending = callWith(defaults, { signal: controller.signal }, true, "json", hang);
    controller.abort("stop");
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).cause).toBe("stop");
  });
});

describe("Deadline", () => {
  it("removes its listener from the caller's signal when disposed", async () => {
    const controller = new AbortController();
    const deadline = new Deadline(1_000, controller.signal, () => new TimeoutError("timeout", "late"));
    deadline.dispose();
    controller.abort();
    expect(deadline.signal.aborted).toBe(false);
  });

  it("ends a sleep early when it fires, with the failure as the reason", async () => {
    const deadline = new Deadline(20, undefined, () => new TimeoutError("wait_timeout", "late"));
    const started = performance.now();
    await expect(deadline.sleep(5_000)).rejects.toMatchObject({ code: "wait_timeout" });
    expect(performance.now() - started).toBeLessThan(2_000);
    deadline.dispose();
  });
});

describe("paginate", () => {
  /** A fake list operation over `pages`, recording every query it receives. */
  function pages(list: Record<string, unknown>[]) {
    const queries: Record<string, unknown>[] = [];
    return {
      queries,
      fetchPage: async (query: Record<string, unknown>) => {
        queries.push(query);
        return list[queries.length - 1] ?? { data: [] };
      },
    };
  }
  async function all<T>(iterator: AsyncIterable<T>): Promise<T[]> {
    const out: T[] = [];
    for await (const item of iterator) out.push(item);
    return out;
  }
  const cursor: PaginationSpec = { style: "cursor", items: "data", cursorParam: "cursor", nextCursor: "next", hasMore: "more" };

  it("cursor: passes each next cursor back and stops on a null cursor or has_more false", async () => {
    const p = pages([
      { data: [1, 2], next: "c1", more: true },
      { data: [3], next: "c2", more: true },
      { data: [4], next: null, more: false },
    ]);
    expect(await all(paginate(cursor, { limit: 2 }, p.fetchPage))).toEqual([1, 2, 3, 4]);
    expect(p.queries).toEqual([{ limit: 2 }, { limit: 2, cursor: "c1" }, { limit: 2, cursor: "c2" }]);
    const stopsOnHasMore = pages([{ data: [1], next: "c1", more: false }]);
    expect(await all(paginate(cursor, undefined, stopsOnHasMore.fetchPage))).toEqual([1]);
    expect(stopsOnHasMore.queries).toHaveLength(1);
  });

  it("cursor: throws instead of looping when the server repeats a cursor", async () => {
    const loop = async () => ({ data: ["x"], next: "same", more: true });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const item of paginate(cursor, undefined, loop)) seen.push(item);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as ClientError).code).toBe("pagination_loop");
    expect(seen).toEqual(["x", "x"]);
  });

  it("page: counts up from the first page and stops on a short page or the total", async () => {
    const spec: PaginationSpec = { style: "page", items: "items", pageParam: "page", firstPage: 1, total: "total", pageSize: "size" };
    const p = pages([
      { items: [1, 2], total: 5, size: 2 },
      { items: [3, 4], total: 5, size: 2 },
      { items: [5], total: 5, size: 2 },
    ]);
    expect(await all(paginate(spec, { status: "active" }, p.fetchPage))).toEqual([1, 2, 3, 4, 5]);
    expect(p.queries.map((q) => q.page)).toEqual([1, 2, 3]);
    const exact = pages([{ items: [1, 2], total: 2, size: 2 }]);
    expect(await all(paginate(spec, undefined, exact.fetchPage))).toEqual([1, 2]);
    expect(exact.queries).toHaveLength(1);
  });

  it("page and offset: throw when the server ignores the parameter and serves the same page again", async () => {
    const spec: PaginationSpec = { style: "page", items: "items", pageParam: "page", firstPage: 1 };
    await expect(all(paginate(spec, undefined, async () => ({ items: [{ id: 1 }] })))).rejects.toBeInstanceOf(PaginationError);
  });

  it("offset: advances by the items received and stops on an empty or short page", async () => {
    const spec: PaginationSpec = { style: "offset", items: "rows", offsetParam: "offset", limitParam: "limit" };
    const p = pages([{ rows: ["a", "b"] }, { rows: ["c"] }]);
    expect(await all(paginate(spec, { limit: 2 }, p.fetchPage))).toEqual(["a", "b", "c"]);
    expect(p.queries).toEqual([
      { limit: 2, offset: 0 },
      { limit: 2, offset: 2 },
    ]);
    const noLimit = pages([{ rows: ["a"] }, { rows: [] }]);
    expect(await all(paginate({ style: "offset", items: "rows", offsetParam: "offset" }, undefined, noLimit.fetchPage))).toEqual(["a"]);
    expect(noLimit.queries).toHaveLength(2);
  });

  it("rejects a page that is not an object or whose items are not an array", async () => {
    await expect(all(paginate(cursor, undefined, async () => "nope"))).rejects.toMatchObject({ code: "invalid_response" });
    await expect(all(paginate(cursor, undefined, async () => ({ data: 3 })))).rejects.toMatchObject({ code: "invalid_response" });
  });
});

/** One GET /things answering JSON, as openapi-typescript writes it. */
interface ThingsPaths {
  "/things": {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: { [name: string]: unknown }; content: { "application/json": { ok: boolean } } } };
    };
  };
}

describe("createContext", () => {
  const settings = (auth: ClientSettings["auth"]): ClientSettings => ({ ...defaults.settings, auth });
  const bearer = settings({ kind: "bearer", env: "DRIFTLESS_TEST_KEY_THAT_IS_NOT_SET" });
  /** A fetch that answers 200 { ok: true } and records what it was asked. */
  function answering() {
    const requests: Request[] = [];
    return {
      requests,
      fetch: async (request: Request) => {
        requests.push(request);
        return Response.json({ ok: true });
      },
    };
  }
  const getThings = (ctx: ReturnType<typeof createContext<ThingsPaths>>, headers?: Record<string, string>) => call(ctx, "GET", "/things", {}, { headers }, true);

  // Type-level checks, never run: a call's operation and init are typed by the document's paths as
  // openapi-fetch types them, so a generated method that does not fit its operation does not build.
  // `npm run typecheck` fails when one of these lines stops being an error.
  void ((ctx: ReturnType<typeof createContext<ThingsPaths>>) => [
    // @ts-expect-error no POST /things in the paths
    call(ctx, "POST", "/things", {}, undefined, false),
    // @ts-expect-error no such path
    call(ctx, "GET", "/thing", {}, undefined, true),
    // @ts-expect-error GET /things has no path parameters
    call(ctx, "GET", "/things", { params: { path: { id: "1" } } }, undefined, true),
  ]);

  it("refuses a baseUrl that is not an absolute http(s) URL, naming the option, before any request", () => {
    for (const baseUrl of ["api.chaser.sh", "/v1", "", "ftp://api.chaser.sh", "https://"]) {
      const error = (() => {
        try {
          createContext({ apiKey: "k", baseUrl }, bearer);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error, baseUrl).toBeInstanceOf(ConfigurationError);
      expect(error).toMatchObject({ code: "invalid_option" });
      expect((error as Error).message).toContain("baseUrl");
      expect((error as Error).message).toContain(JSON.stringify(baseUrl));
    }
    expect(() => createContext({ apiKey: "k", baseUrl: "http://127.0.0.1:8000/" }, bearer)).not.toThrow();
  });

  it("refuses a key or user agent with a line break inside, without printing the key", () => {
    expect(() => createContext({ apiKey: "sec\nret" }, bearer)).toThrow(ConfigurationError);
    expect(() => createContext({ apiKey: "sec\nret" }, bearer)).toThrow(/apiKey contains a line break/);
    expect(() => createContext({ apiKey: "sec\nret" }, bearer)).not.toThrow(/sec/);
    expect(() => createContext({ apiKey: "k", userAgent: "a\r\nb" }, bearer)).toThrow(/userAgent/);
    expect(() => createContext({ apiKey: "k\n" }, bearer)).not.toThrow();
  });

  it("needs a key for an API with a security scheme, and none for a public API", async () => {
    expect(() => createContext({}, bearer)).toThrow(expect.objectContaining({ code: "missing_api_key" }));
    const f = answering();
    const ctx = createContext<ThingsPaths>({ fetch: f.fetch }, settings({ kind: "none" }));
    expect(await getThings(ctx)).toEqual({ ok: true });
    expect(f.requests[0]!.headers.get("authorization")).toBeNull();
    expect(f.requests[0]!.headers.get("user-agent")).toBe("test-client/1.0.0");
  });

  it("does not retry a request that cannot be built as if the network had failed", async () => {
    const f = answering();
    const ctx = createContext<ThingsPaths>({ apiKey: "k", fetch: f.fetch }, bearer);
    const started = performance.now();
    const error = await getThings(ctx, { "x-trace": "a\nb" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: "request_failed" });
    expect(f.requests).toHaveLength(0);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it("reports a refused connection as a ConnectionError", async () => {
    // A port that was just free: nothing listens there any more.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const ctx = createContext<ThingsPaths>({ apiKey: "k", baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0 }, bearer);
    const error = await getThings(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
  });
});

/** A logger that keeps every line with its level and details, serialised, for assertions. */
function recordingLogger(): Logger & { lines: { level: string; text: string }[]; all(): string } {
  const lines: { level: string; text: string }[] = [];
  const at =
    (level: string) =>
    (message: string, ...details: unknown[]): void => {
      lines.push({ level, text: [message, ...details.map((d) => JSON.stringify(d))].join(" ") });
    };
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"), all: () => lines.map((l) => l.text).join("\n") };
}

describe("ApiPromise: the data, withResponse and asResponse of one call", () => {
  it("runs the request once, however the promise is consumed", async () => {
    const s = script(answer(200, { a: 1 }, { "x-request-id": "req_1", "x-extra": "yes" }));
    const pending = callWith<{ a: number }>(defaults, undefined, true, "json", s.attempt);
    expect(pending).toBeInstanceOf(Promise);
    expect(pending).toBeInstanceOf(ApiPromise);
    const [data, withResponse, again] = await Promise.all([pending, pending.withResponse(), pending.then((d) => d.a)]);
    expect(data).toEqual({ a: 1 });
    expect(withResponse.data).toEqual({ a: 1 });
    expect(withResponse.requestId).toBe("req_1");
    expect(withResponse.response.headers.get("x-extra")).toBe("yes");
    expect(withResponse.response.bodyUsed).toBe(true);
    expect(again).toBe(1);
    expect(s.calls).toBe(1);
  });

  it("gives the Response with its body unread when asResponse() is called before the answer", async () => {
    const s = script(answer(200, { a: 1 }, { "x-request-id": "req_2" }));
    const response = await callWith(defaults, undefined, true, "json", s.attempt).asResponse();
    expect(response.bodyUsed).toBe(false);
    expect(await response.json()).toEqual({ a: 1 });
    expect(s.calls).toBe(1);
  });

  it("rejects every way of consuming it with the same error, and catch/finally behave like a Promise's", async () => {
    const notFound = () => script(answer(404, { error: { code: "gone", message: "Gone." } })).attempt;
    const p = callWith(defaults, undefined, true, "json", notFound());
    const errors = await Promise.all([p.catch((e: unknown) => e), p.withResponse().catch((e: unknown) => e), p.asResponse().catch((e: unknown) => e)]);
    expect(errors[0]).toBeInstanceOf(NotFound);
    expect(errors[1]).toBe(errors[0]);
    expect(errors[2]).toBe(errors[0]);
    let finished = false;
    await expect(callWith(defaults, undefined, true, "json", notFound()).finally(() => (finished = true))).rejects.toBeInstanceOf(ApiError);
    expect(finished).toBe(true);
  });

  it("reads bytes, text and nothing as the result kind says", async () => {
    const bytes = await callWith<Uint8Array>(defaults, undefined, true, "bytes", async () => ({ response: new Response(new Uint8Array([1, 2, 3]), { status: 200 }) }));
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes]).toEqual([1, 2, 3]);
    expect(await callWith(defaults, undefined, true, "text", async () => ({ response: new Response("hi", { status: 200 }) }))).toBe("hi");
    expect(await callWith(defaults, undefined, true, "void", async () => ({ response: new Response("ignored", { status: 200 }) }))).toBeUndefined();
    expect(await callWith(defaults, undefined, true, "json", async () => ({ response: new Response(null, { status: 204 }) }))).toBeUndefined();
    const empty = await callWith<Uint8Array>(defaults, undefined, true, "bytes", async () => ({ response: new Response(null, { status: 204 }) }));
    expect(empty.byteLength).toBe(0);
  });

  it("a wait helper's withResponse is the answer of its last poll", async () => {
    let polls = 0;
    const read = () => {
      polls++;
      return callWith(defaults, undefined, true, "json", script(answer(200, { status: polls < 2 ? "creating" : "ready" }, { "x-request-id": `req_poll_${polls}` })).attempt);
    };
    const spec = { subject: "thing", field: "status", ready: ["ready"], failed: [], intervalMs: 1, timeoutMs: 1_000 };
    const { data, requestId } = await poll(spec, read).withResponse();
    expect(data).toEqual({ status: "ready" });
    expect(requestId).toBe("req_poll_2");
  });
});

describe("an error class per status", () => {
  it("picks the package's class for the status, its 5xx class, else its API class", async () => {
    const fail = (status: number, body: unknown = { error: { code: "x", message: "X." } }) =>
      callWith(defaults, { maxRetries: 0 }, true, "json", script(answer(status, body, { "retry-after": "0" })).attempt).catch((e: unknown) => e);
    expect(await fail(404)).toBeInstanceOf(NotFound);
    expect(await fail(503)).toBeInstanceOf(ServerFailure);
    expect(await fail(500)).toBeInstanceOf(ServerFailure);
    const teapot = await fail(418);
    expect(teapot).toBeInstanceOf(ApiError);
    expect(teapot).not.toBeInstanceOf(NotFound);
    expect(teapot).not.toBeInstanceOf(ServerFailure);
  });

  it("keeps a JSON object body and leaves out one that is not (its text starts the message)", async () => {
    const text = await callWith(defaults, undefined, true, "json", async () => ({
      error: "<html>Bad gateway</html>",
      response: new Response("<html>Bad gateway</html>", { status: 404 }),
    })).catch((e: unknown) => e);
    expect(text).toMatchObject({ status: 404, code: "http_404", body: undefined });
    expect((text as Error).message).toContain("<html>Bad gateway</html>");
  });
});

describe("logging", () => {
  const SECRET = "sekrit-value-1234";
  /** One request with a key in every place one can be, answered with a cookie. */
  const leaky = (init: AttemptInit) =>
    init
      .fetch(
        new Request(`http://127.0.0.1:9/things?limit=2&api_key=${SECRET}&access_token=${SECRET}`, {
          headers: { authorization: `Bearer ${SECRET}`, cookie: `sid=${SECRET}`, "x-test-key": SECRET, "x-api-key": SECRET, "x-trace": "visible" },
        }),
      )
      .then((response) => ({ response }));
  const answering = (...responses: (() => Response)[]) => {
    let n = 0;
    return async () => responses[Math.min(n++, responses.length - 1)]!();
  };
  const ok = () => Response.json({ ok: true }, { headers: { "set-cookie": `sid=${SECRET}`, "x-request-id": "req_log" } });

  it("at debug, writes method, URL, status and duration of each attempt and each retry decision, and never a key", async () => {
    const logger = recordingLogger();
    const ctx = createContext(
      { apiKey: SECRET, fetch: answering(() => new Response("{}", { status: 503, headers: { "retry-after": "0" } }), ok), logLevel: "debug", logger },
      defaults.settings,
    );
    expect(await callWith(ctx, undefined, true, "json", leaky)).toEqual({ ok: true });
    const text = logger.all();
    expect(text).not.toContain(SECRET);
    expect(logger.lines.map((l) => l.level)).toEqual(["debug", "debug", "info", "debug", "debug"]);
    expect(logger.lines[0]!.text).toContain("[test-client] GET http://127.0.0.1:9/things?limit=2&api_key=[redacted]&access_token=[redacted] sent");
    expect(logger.lines[1]!.text).toMatch(/answered 503 in \d+ ms/);
    expect(logger.lines[2]!.text).toMatch(/HTTP 503 http_503: .*— retry 1 of 2 in 0 ms/);
    expect(logger.lines[4]!.text).toMatch(/answered 200 in \d+ ms \(request id req_log\)/);
    expect(text).toContain('"x-trace":"visible"');
    for (const header of ["authorization", "cookie", "x-test-key", "x-api-key", "set-cookie"]) expect(text).toContain(`"${header}":"[redacted]"`);
  });

  it("says why a failure is not retried: debug for a status or an operation that is never retried, warn when retries ran out", async () => {
    const logger = recordingLogger();
    const unavailable = () => new Response("{}", { status: 503, headers: { "retry-after": "0" } });
    const ctx = createContext({ apiKey: "k", fetch: answering(unavailable), logLevel: "debug", logger, maxRetries: 1 }, defaults.settings);
    await expect(callWith(ctx, undefined, false, "json", leaky)).rejects.toBeInstanceOf(ServerFailure);
    expect(logger.lines.at(-1)).toMatchObject({ level: "debug", text: expect.stringContaining("not retried: the operation is not retried (not idempotent") });
    await expect(callWith(ctx, undefined, true, "json", leaky)).rejects.toBeInstanceOf(ServerFailure);
    expect(logger.lines.at(-1)).toMatchObject({ level: "warn", text: expect.stringContaining("not retried: no retries left (maxRetries 1)") });
    const missing = createContext({ apiKey: "k", fetch: answering(() => new Response("{}", { status: 404 })), logLevel: "debug", logger }, defaults.settings);
    await expect(callWith(missing, undefined, true, "json", leaky)).rejects.toBeInstanceOf(NotFound);
    expect(logger.lines.at(-1)).toMatchObject({ level: "debug", text: expect.stringContaining("not retried: status 404 is not retried") });
    expect(logger.all()).not.toContain(SECRET);
  });

  it("writes nothing below the level: warn by default, from the environment variable, or as the option says", async () => {
    const logger = recordingLogger();
    const quiet = createContext({ apiKey: "k", fetch: answering(ok), logger }, defaults.settings);
    expect(quiet.log.level).toBe(LOG_LEVELS.warn);
    await callWith(quiet, undefined, true, "json", leaky);
    expect(logger.lines).toEqual([]);
    vi.stubEnv("TEST_LOG", "DEBUG");
    try {
      expect(createContext({ apiKey: "k", logger }, defaults.settings).log.level).toBe(LOG_LEVELS.debug);
      expect(createContext({ apiKey: "k", logger, logLevel: "error" }, defaults.settings).log.level).toBe(LOG_LEVELS.error);
      vi.stubEnv("TEST_LOG", "chatty");
      expect(createContext({ apiKey: "k", logger }, defaults.settings).log.level).toBe(LOG_LEVELS.warn);
      expect(logger.lines).toEqual([{ level: "warn", text: expect.stringContaining('TEST_LOG="chatty" is not a log level') }]);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(() => createContext({ apiKey: "k", logLevel: "verbose" as never }, defaults.settings)).toThrow(/logLevel must be one of debug, info, warn, error, off/);
    expect(() => createContext({ apiKey: "k", logger: { debug() {} } as never }, defaults.settings)).toThrow(/logger must have/);
  });

  it("redacts credentials in URLs and headers", () => {
    expect(redactUrl("https://a.example/x?token=t1&page=2&API-KEY=k#frag")).toBe("https://a.example/x?token=[redacted]&page=2&API-KEY=[redacted]#frag");
    expect(redactUrl("https://a.example/x?client_secret=s&auth=a&author=me")).toBe("https://a.example/x?client_secret=[redacted]&auth=[redacted]&author=me");
    expect(redactUrl("https://a.example/x")).toBe("https://a.example/x");
    const headers = new Headers({ "PAYMENT-SIGNATURE": "sig", "x-custom-auth": "c", "content-type": "application/json", "x-session-token": "t" });
    expect(redactHeaders(headers, new Set(["x-custom-auth"]))).toEqual({
      "content-type": "application/json",
      "payment-signature": "[redacted]",
      "x-custom-auth": "[redacted]",
      "x-session-token": "[redacted]",
    });
  });
});

describe("withCookies", () => {
  it("adds the cookie parameters as one Cookie header after the caller's, leaving out undefined values", () => {
    expect(withCookies(undefined, { session: "a b;c", theme: "dark", gone: undefined })).toEqual({ cookie: "session=a%20b%3Bc; theme=dark" });
    expect(withCookies({ Cookie: "x=1", "x-trace": "t" }, { ids: [1, 2] })).toEqual({ "x-trace": "t", cookie: "x=1; ids=1%2C2" });
    const headers = { "x-trace": "t" };
    expect(withCookies(headers, {})).toBe(headers);
    expect(withCookies(headers, undefined)).toBe(headers);
  });
});

describe("the drift sentinel's checks", () => {
  /** One operation answering `schema` (JSON) for 200, and a documented 404 without a body. */
  const tableOf = (schema: unknown, components: Record<string, unknown> = {}) =>
    driftTable({
      openapi: "3.1.0",
      info: { title: "T", version: "1" },
      paths: {
        "/things/{id}": {
          get: { operationId: "get-thing", responses: { "200": { description: "ok", content: { "application/json": { schema } } }, "404": { description: "none" } } },
        },
      },
      components: { schemas: components },
    } as never);
  const check = (schema: unknown, body: unknown, components?: Record<string, unknown>) =>
    checkAgainst(tableOf(schema, components), "GET /things/{id}", 200, "application/json; charset=utf-8", body, true).map(({ rule, pointer, expected, observed }) => ({
      rule,
      pointer,
      expected,
      observed,
    }));

  it("reports each rule at the body's pointer, and nothing for a body that keeps to the schema", () => {
    const thing = {
      type: "object",
      required: ["id", "kind"],
      properties: {
        id: { type: "string", format: "uuid" },
        kind: { enum: ["a", "b"] },
        at: { type: "string", format: "date-time" },
        tags: { type: "array", items: { type: "string" } },
        api_token: { type: "string", format: "uuid" },
      },
    };
    expect(check(thing, { id: "0b9b7a52-7a5f-4d38-9d0c-0b7c5a0f4f11", kind: "a", at: "2026-06-13T11:49:20.651Z", tags: ["x"] })).toEqual([]);
    expect(check(thing, { kind: "c", at: "Sat, 13 Jun 2026 11:49:20 GMT", tags: ["x", 2], extra: { deep: true }, api_token: "sekrit" })).toEqual([
      { rule: "missing-required-field", pointer: "/id", expected: "id", observed: "(absent)" },
      { rule: "enum-mismatch", pointer: "/kind", expected: '["a", "b"]', observed: '"c"' },
      { rule: "format-mismatch", pointer: "/at", expected: "date-time", observed: '"Sat, 13 Jun 2026 11:49:20 GMT"' },
      { rule: "type-mismatch", pointer: "/tags/1", expected: "string", observed: "integer 2" },
      { rule: "undocumented-field", pointer: "/extra", expected: "a documented property", observed: "object" },
      { rule: "format-mismatch", pointer: "/api_token", expected: "uuid", observed: "[redacted]" },
    ]);
  });

  it("follows $ref, allOf, the anyOf branch a value matches (or misses by least), and schemas for extra properties", () => {
    const components = {
      Base: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
      Cat: { type: "object", properties: { meows: { type: "boolean" } }, required: ["meows"] },
      Dog: { type: "object", properties: { barks: { type: "boolean" }, name: { type: "string" } }, required: ["barks", "name"] },
    };
    const pet = { allOf: [{ $ref: "#/components/schemas/Base" }, { anyOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }] }] };
    expect(check(pet, { id: "p", meows: true }, components)).toEqual([]);
    expect(check(pet, { id: "p", barks: true, name: "Rex" }, components)).toEqual([]);
    // Almost a Dog: reported as a broken Dog, not as a Cat missing `meows`.
    expect(check(pet, { id: "p", barks: "yes", name: "Rex" }, components)).toEqual([{ rule: "type-mismatch", pointer: "/barks", expected: "boolean", observed: 'string "yes"' }]);
    const map = { type: "object", properties: { fixed: { type: "string" } }, additionalProperties: { type: "integer" } };
    expect(check(map, { fixed: "x", a: 1, b: 2 })).toEqual([]);
    expect(check(map, { b: "2" })).toEqual([{ rule: "type-mismatch", pointer: "/b", expected: "integer", observed: 'string "2"' }]);
    // additionalProperties: true (or absent) does not describe extra properties: they are undocumented.
    expect(check({ type: "object", properties: { a: {} }, additionalProperties: true }, { a: 1, z: 2 })).toEqual([
      { rule: "undocumented-field", pointer: "/z", expected: "a documented property", observed: "integer 2" },
    ]);
    // A recursive schema.
    const tree = { $ref: "#/components/schemas/Node" };
    const nodes = { Node: { type: "object", properties: { children: { type: "array", items: { $ref: "#/components/schemas/Node" } } } } };
    expect(check(tree, { children: [{ children: [{ children: [], leaf: 1 }] }] }, nodes)).toEqual([
      { rule: "undocumented-field", pointer: "/children/0/children/0/leaf", expected: "a documented property", observed: "integer 1" },
    ]);
  });

  it("reports an undocumented status or content type, and checks no body it cannot", () => {
    const table = tableOf({ type: "object" });
    expect(checkAgainst(table, "GET /things/{id}", 418, "application/json", {}, true)).toEqual([
      { rule: "undocumented-status", operation: "get-thing", endpoint: "GET /things/{id}", status: 418, pointer: "", expected: "200, 404", observed: "418" },
    ]);
    expect(checkAgainst(table, "GET /things/{id}", 200, "text/html", "<p>", true)).toMatchObject([
      { rule: "undocumented-content-type", expected: "application/json", observed: "text/html" },
    ]);
    expect(checkAgainst(table, "GET /things/{id}", 404, "text/plain", "gone", true)).toEqual([]);
    expect(checkAgainst(table, "GET /things/{id}", 200, "application/json", "unread", false)).toEqual([]);
    expect(checkAgainst(table, "GET /unknown", 200, "application/json", {}, true)).toEqual([]);
  });

  it("samples, adds the request id, loads the checks once, and never lets onDrift's failure through", async () => {
    let loads = 0;
    const seen: unknown[] = [];
    const load = async () => {
      loads++;
      return { check: () => [{ rule: "type-mismatch" as const, operation: "op", endpoint: "GET /x", status: 200, pointer: "/a", expected: "string", observed: "integer 1" }] };
    };
    const drift = createDrift(
      {
        onDrift: (f: unknown) => {
          seen.push(f);
        },
      },
      load,
    );
    const response = new Response("{}", { headers: { "x-request-id": "req_9", "content-type": "application/json" } });
    drift.observe("op", response, {}, true, "x-request-id");
    drift.observe("op", response, {}, true, "x-request-id");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(loads).toBe(1);
    expect(seen).toEqual([expect.objectContaining({ requestId: "req_9", rule: "type-mismatch" }), expect.objectContaining({ requestId: "req_9" })]);
    const throwing = createDrift(
      {
        onDrift: () => {
          throw new Error("handler bug");
        },
      },
      load,
    );
    expect(() => throwing.observe("op", response, {}, true, "x-request-id")).not.toThrow();
    const none = createDrift({ sampleRate: 0, onDrift: () => seen.push("never") }, load);
    none.observe("op", response, {}, true, "x-request-id");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toHaveLength(2);
    expect(() => createDrift(undefined, load)).toThrow(ConfigurationError);
    expect(() => createDrift({ onDrift: () => {}, sampleRate: -0.1 }, load)).toThrow(ConfigurationError);
  });
});
