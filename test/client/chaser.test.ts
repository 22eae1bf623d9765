import { describe, expect, it, vi } from "vitest";
import {
  AbortedError,
  ApiError,
  ApiPromise,
  AuthenticationError,
  ChaserError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  ClientError,
  ConfigurationError,
  ConnectionError,
  TimeoutError,
  WaitError,
  createChaserClient,
  type DriftFinding,
} from "../../generated/chaser/dist/index.js";
import { driftSentinel } from "../../generated/chaser/dist/sentinel.js";
import { KEY, OTHER_KEY, recordingFetch, scenario, startClientEmulator } from "./helpers.ts";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The generated Chaser package (its built dist/, as a user gets it) against the bundled emulator. */
describe("chaser-client against the emulator", () => {
  it("runs the whole session lifecycle", async () => {
    const emu = await startClientEmulator({ seed: { chaser: { readySessions: 250 } } });
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url });

    const created = await chaser.sessions.create({ ttl_seconds: 600 });
    expect(created.status).toBe("creating");
    expect(created.id).toMatch(/^sess_/);

    const ready = await chaser.sessions.waitUntilReady(created.id, { intervalMs: 5 });
    expect(ready.status).toBe("ready");
    const got = await chaser.sessions.get(created.id);
    expect(got.id).toBe(created.id);
    expect(Date.parse(got.expires_at) - Date.parse(got.created_at)).toBe(600_000);

    const ids: string[] = [];
    for await (const session of chaser.sessions.listAll({ limit: 100 })) ids.push(session.id);
    expect(ids).toHaveLength(251); // 250 seeded + the one just created
    expect(new Set(ids).size).toBe(251);
    expect(ids).toContain(created.id);
    expect(emu.count("GET", "/v1/sessions")).toBe(3); // pages of 100, 100, 51

    const png: Uint8Array = await chaser.sessions.screenshot(created.id);
    expect(png).toBeInstanceOf(Uint8Array);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(png.byteLength).toBeGreaterThan(100);

    const token = await chaser.sessions.previewToken(created.id);
    expect(token.url).toContain(created.id);
    expect(token.fps).toBe(5);
    expect(token.input_enabled).toBe(true);

    await expect(chaser.sessions.delete(created.id)).resolves.toBeUndefined();
    const second = await chaser.sessions.delete(created.id).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(ChaserError);
    expect(second).toBeInstanceOf(ClientError);
    const error = second as ChaserError;
    expect(error.code).toBe("session_not_open");
    expect(error.status).toBe(409);
    expect(error.requestId).toMatch(/^req_[0-9a-f]{24}$/);
    expect(error.message).toContain("already closed");
    expect(error.body).toEqual({ error: { code: "session_not_open", message: expect.any(String) } });
    expect(error.response.status).toBe(409);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.name).toBe("ConflictError");
  });

  it("stops listAll after the page it was broken out of, and lists 250 in pages of 100", async () => {
    const emu = await startClientEmulator({ seed: { chaser: { readySessions: 250 } } });
    const chaser = createChaserClient({ apiKey: OTHER_KEY, baseUrl: emu.url });
    let seen = 0;
    for await (const _ of chaser.sessions.listAll({ limit: 100 })) if (++seen === 150) break;
    expect(emu.count("GET", "/v1/sessions")).toBe(2);
    const all: string[] = [];
    for await (const s of chaser.sessions.listAll({ limit: 100 })) all.push(s.id);
    expect(all).toHaveLength(250);
    expect(emu.count("GET", "/v1/sessions")).toBe(2 + 3);
    const page = await chaser.sessions.list({ limit: 100 });
    expect(page.data).toHaveLength(100);
    expect(page.has_more).toBe(true);
    expect(page.data.map((s) => s.id)).toEqual(all.slice(0, 100));
  });

  it("authenticates with Bearer and the key from CHASER_API_KEY, and says who it is", async () => {
    const emu = await startClientEmulator();
    const recorder = recordingFetch();
    vi.stubEnv("CHASER_API_KEY", KEY);
    try {
      const chaser = createChaserClient({ baseUrl: emu.url, fetch: recorder.fetch });
      await chaser.sessions.list();
    } finally {
      vi.unstubAllEnvs();
    }
    expect(recorder.requests[0]!.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(recorder.requests[0]!.headers.get("user-agent")).toBe("chaser-client/0.1.0");
    const custom = createChaserClient({ apiKey: KEY, baseUrl: emu.url, fetch: recorder.fetch, userAgent: "my-app/2" });
    await custom.sessions.list();
    expect(recorder.requests[1]!.headers.get("user-agent")).toBe("my-app/2");
  });

  it("refuses to start without a key, before any request", async () => {
    const emu = await startClientEmulator();
    vi.stubEnv("CHASER_API_KEY", "");
    try {
      const attempt = () => createChaserClient({ baseUrl: emu.url });
      expect(attempt).toThrow(ConfigurationError);
      expect(attempt).toThrow(/CHASER_API_KEY/);
      expect(() => createChaserClient({ apiKey: KEY, timeoutMs: 0 })).toThrow(/timeoutMs/);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(emu.lines).toEqual([]);
  });

  it("refuses a base URL without a scheme at once, instead of retrying it as a network error", () => {
    const started = performance.now();
    const error = (() => {
      try {
        createChaserClient({ apiKey: KEY, baseUrl: "api.chaser.sh" });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ code: "invalid_option" });
    expect((error as Error).message).toContain('baseUrl must be an absolute http(s) URL such as "https://api.example.com", got "api.chaser.sh"');
    expect(performance.now() - started).toBeLessThan(100);
  });

  it("throws ChaserError with the envelope's code for a wrong key", async () => {
    const emu = await startClientEmulator();
    const chaser = createChaserClient({ apiKey: "not-a-key", baseUrl: emu.url });
    const error = await chaser.sessions.get("sess_x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toBeInstanceOf(ChaserError);
    expect((error as ChaserError).status).toBe(401);
    expect((error as ChaserError).code).toBe("unauthorized");
  });

  it("hands out the raw openapi-fetch client with the same key and base URL", async () => {
    const emu = await startClientEmulator();
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url });
    const created = await chaser.sessions.create();
    const { data, response } = await chaser.raw.GET("/v1/sessions/{id}", { params: { path: { id: created.id } } });
    expect(response.status).toBe(200);
    expect(data?.id).toBe(created.id);
  });
});

describe("retries", () => {
  it("retries an idempotent call after a 503 (flaky) and counts one retry", async () => {
    const emu = await startClientEmulator();
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url });
    const created = await chaser.sessions.create();
    const got = await chaser.sessions.get(created.id, scenario("flaky"));
    expect(got.id).toBe(created.id);
    expect(emu.count("GET", `/v1/sessions/${created.id}`)).toBe(2);
  });

  it("gives up after maxRetries and throws the last answer", async () => {
    const emu = await startClientEmulator();
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url, maxRetries: 1 });
    const error = await chaser.sessions.list(undefined, scenario("flaky=5")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChaserError);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as ChaserError).status).toBe(503);
    expect((error as ChaserError).code).toBe("service_unavailable");
    expect(emu.count("GET", "/v1/sessions")).toBe(2);
  });

  it("never retries a POST that is not marked safe (create)", async () => {
    const emu = await startClientEmulator();
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url });
    const error = await chaser.sessions.create({ ttl_seconds: 600 }, scenario("flaky")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChaserError);
    expect((error as ChaserError).status).toBe(503);
    expect(emu.count("POST", "/v1/sessions")).toBe(1);
    const limited = await chaser.sessions.create({}, scenario("rate-limited=1")).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).status).toBe(429);
    expect((limited as ChaserError).code).toBe("rate_limited");
    expect((limited as RateLimitError).response.headers.get("retry-after")).toBe("1");
    expect(emu.count("POST", "/v1/sessions")).toBe(2);
  });

  it("retries a POST that api.yaml marks safe (screenshot)", async () => {
    const emu = await startClientEmulator();
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url });
    const { id } = await chaser.sessions.create();
    const png = await chaser.sessions.screenshot(id, scenario("flaky=2"));
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(emu.count("POST", `/v1/sessions/${id}/screenshot`)).toBe(3);
  });

  it("honours Retry-After on a 429 (rate-limited answers Retry-After: 1)", async () => {
    const emu = await startClientEmulator();
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url });
    const started = performance.now();
    const page = await chaser.sessions.list(undefined, scenario("rate-limited=1"));
    expect(page.object).toBe("list");
    expect(emu.count("GET", "/v1/sessions")).toBe(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("does not start a wait the time budget cannot afford", async () => {
    const emu = await startClientEmulator();
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url });
    const error = await chaser.sessions.list(undefined, { ...scenario("rate-limited=1"), timeoutMs: 500 }).catch((e: unknown) => e);
    expect((error as ChaserError).code).toBe("rate_limited");
    expect(emu.count("GET", "/v1/sessions")).toBe(1);
  });

  it("retries network errors of idempotent calls, not of others", async () => {
    let calls = 0;
    const failing = async (request: Request): Promise<Response> => {
      calls++;
      if (calls === 1) throw new TypeError("fetch failed (simulated)");
      return fetch(request);
    };
    const emu = await startClientEmulator();
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url, fetch: failing });
    await expect(chaser.sessions.list()).resolves.toMatchObject({ object: "list" });
    expect(calls).toBe(2);

    calls = 0;
    const error = await chaser.sessions.create().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).code).toBe("connection_error");
    expect((error as ConnectionError).cause).toBeInstanceOf(TypeError);
    expect(calls).toBe(1);
  });

  it("reports a server that cannot be reached as a ConnectionError", async () => {
    // Port 1 on the loopback address: nothing listens there, the connection is refused at once.
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: "http://127.0.0.1:1", maxRetries: 0 });
    const error = await chaser.sessions.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).message).toContain("Could not reach the API");
  });
});

describe("timeouts and cancellation", () => {
  it("times out against a slow server, per call and per client", async () => {
    const emu = await startClientEmulator();
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url });
    const started = performance.now();
    const error = await chaser.sessions.list(undefined, { ...scenario("slow=5000"), timeoutMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).code).toBe("timeout");
    expect(performance.now() - started).toBeLessThan(4000);

    const impatient = createChaserClient({ apiKey: KEY, baseUrl: emu.url, timeoutMs: 100 });
    await expect(impatient.sessions.list(undefined, scenario("slow=5000"))).rejects.toBeInstanceOf(TimeoutError);
  });

  it("composes the caller's AbortSignal with the timeout", async () => {
    const emu = await startClientEmulator();
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url });
    const controller = new AbortController();
    const pending = chaser.sessions.list(undefined, { ...scenario("slow=5000"), signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user gave up")), 50);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).cause).toEqual(new Error("user gave up"));

    const already = AbortSignal.abort();
    await expect(chaser.sessions.list(undefined, { signal: already })).rejects.toBeInstanceOf(AbortedError);
  });
});

describe("waitUntilReady", () => {
  it("polls until the session is ready", async () => {
    // The emulator's clock moves only when this test says: the session turns ready after the
    // second poll, whatever the machine's speed.
    let now = Date.parse("2026-06-13T11:49:20.651Z");
    const emu = await startClientEmulator({ readyDelayMs: 1_000, clock: () => now });
    let polls = 0;
    const advancing = async (request: Request): Promise<Response> => {
      const response = await fetch(request);
      if (request.method === "GET" && ++polls === 2) now += 1_000;
      return response;
    };
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url, fetch: advancing });
    const { id } = await chaser.sessions.create();
    const ready = await chaser.sessions.waitUntilReady(id, { intervalMs: 1 });
    expect(ready.status).toBe("ready");
    expect(polls).toBe(3);
    expect(emu.count("GET", `/v1/sessions/${id}`)).toBe(3);
  });

  it("fails at once on a state that never becomes ready", async () => {
    const emu = await startClientEmulator();
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url });
    const { id } = await chaser.sessions.create();
    await chaser.sessions.delete(id);
    const error = await chaser.sessions.waitUntilReady(id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitError);
    expect((error as WaitError).code).toBe("wait_failed");
    expect((error as WaitError).last).toMatchObject({ id, status: "closed" });
    expect(emu.count("GET", `/v1/sessions/${id}`)).toBe(1);
  });

  it("gives up after its own timeout", async () => {
    const emu = await startClientEmulator({ readyDelayMs: 600_000 });
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url });
    const { id } = await chaser.sessions.create();
    const error = await chaser.sessions.waitUntilReady(id, { timeoutMs: 150, intervalMs: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).code).toBe("wait_timeout");
    expect((error as TimeoutError).message).toContain("creating");
  });
});

describe("answers with their metadata", () => {
  it("gives the data, the Response and the request id of a success with withResponse, once per call", async () => {
    const emu = await startClientEmulator();
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url });
    const created = await chaser.sessions.create({ ttl_seconds: 600 }).withResponse();
    expect(created.response.status).toBe(201);
    expect(created.data.status).toBe("creating");
    const pending = chaser.sessions.get(created.data.id);
    expect(pending).toBeInstanceOf(ApiPromise);
    const [session, { data, response, requestId }] = await Promise.all([pending, pending.withResponse()]);
    expect(session).toBe(data);
    expect(data.id).toBe(created.data.id);
    expect(requestId).toMatch(/^req_[0-9a-f]{24}$/);
    expect(response.headers.get("x-request-id")).toBe(requestId);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(emu.count("GET", `/v1/sessions/${created.data.id}`)).toBe(1);
    // The request id of the access log line is the one the client got.
    expect(emu.lines.at(-1)).toContain(requestId!);
  });

  it("gives the Response with its body unread with asResponse, also for bytes", async () => {
    const emu = await startClientEmulator();
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url });
    const { id } = await chaser.sessions.create();
    const response = await chaser.sessions.get(id).asResponse();
    expect(response.bodyUsed).toBe(false);
    expect(((await response.json()) as { id: string }).id).toBe(id);
    const png = await chaser.sessions.screenshot(id).asResponse();
    expect(png.headers.get("content-type")).toBe("image/png");
    expect([...new Uint8Array(await png.arrayBuffer()).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const bytes = await chaser.sessions.screenshot(id).withResponse();
    expect(bytes.data).toBeInstanceOf(Uint8Array);
    expect(bytes.response.headers.get("content-type")).toBe("image/png");
    const removed = await chaser.sessions.delete(id).withResponse();
    expect(removed.data).toBeUndefined();
    expect(removed.response.status).toBe(204);
  });

  it("gives the last poll's answer for waitUntilReady, and pages through listAll unchanged", async () => {
    const emu = await startClientEmulator({ seed: { chaser: { readySessions: 3 } } });
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url });
    const { id } = await chaser.sessions.create();
    const { data, response, requestId } = await chaser.sessions.waitUntilReady(id, { intervalMs: 5 }).withResponse();
    expect(data.status).toBe("ready");
    expect(response.status).toBe(200);
    expect(requestId).toBe(response.headers.get("x-request-id"));
    const ids: string[] = [];
    for await (const s of chaser.sessions.listAll({ limit: 2 })) ids.push(s.id);
    expect(ids).toHaveLength(4);
    const page = await chaser.sessions.list({ limit: 2 }).withResponse();
    expect(page.data.has_more).toBe(true);
    expect(page.requestId).toMatch(/^req_/);
  });
});

describe("an error class per status", () => {
  it("throws NotFoundError for an unknown session, with the typed envelope and code", async () => {
    const emu = await startClientEmulator();
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url });
    const error = await chaser.sessions.get("sess_00000000-0000-7000-8000-000000000000").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(ChaserError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).not.toBeInstanceOf(ConflictError);
    const notFound = error as NotFoundError;
    expect(notFound.name).toBe("NotFoundError");
    expect(notFound.status).toBe(404);
    expect(notFound.code).toBe("session_not_found");
    expect(notFound.body?.error.code).toBe("session_not_found");
    expect(notFound.body?.error.message).toEqual(expect.any(String));
    expect(notFound.requestId).toMatch(/^req_/);
    // withResponse and asResponse reject the same way.
    await expect(chaser.sessions.get("sess_00000000-0000-7000-8000-000000000000").withResponse()).rejects.toBeInstanceOf(NotFoundError);
    await expect(chaser.sessions.get("sess_00000000-0000-7000-8000-000000000000").asResponse()).rejects.toBeInstanceOf(NotFoundError);
  });

  it("throws RateLimitError once retries are used up on 429", async () => {
    const emu = await startClientEmulator();
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url, maxRetries: 0, logLevel: "off" });
    const error = await chaser.sessions.list(undefined, scenario("rate-limited=1")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: "rate_limited", name: "RateLimitError" });
    expect(emu.count("GET", "/v1/sessions")).toBe(1);
  });
});

describe("logging", () => {
  /** A logger that keeps every line and its details as text. */
  function recording() {
    const lines: { level: string; text: string }[] = [];
    const at =
      (level: string) =>
      (message: string, ...details: unknown[]) =>
        void lines.push({ level, text: [message, ...details.map((d) => JSON.stringify(d))].join(" ") });
    return { lines, logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") } };
  }

  it("writes method, URL, status, duration and retry decisions at debug, and never the key", async () => {
    const emu = await startClientEmulator();
    const { lines, logger } = recording();
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: emu.url, logLevel: "debug", logger });
    const { id } = await chaser.sessions.create();
    await chaser.sessions.get(id, scenario("flaky"));
    await chaser.sessions.get("sess_00000000-0000-7000-8000-000000000000").catch(() => undefined);
    const text = lines.map((l) => l.text).join("\n");
    expect(text).not.toContain(KEY);
    expect(text).toContain('"authorization":"[redacted]"');
    expect(text).toMatch(new RegExp(`\\[chaser-client\\] POST ${emu.url}/v1/sessions answered 201 in \\d+ ms \\(request id req_[0-9a-f]{24}\\)`));
    expect(text).toMatch(new RegExp(`GET ${emu.url}/v1/sessions/${id} answered 503 in \\d+ ms`));
    expect(lines.find((l) => l.level === "info")?.text).toMatch(new RegExp(`GET ${emu.url}/v1/sessions/${id}: HTTP 503 service_unavailable: .*— retry 1 of 2 in \\d+ ms`));
    expect(text).toMatch(/answered 404 in \d+ ms/);
    expect(text).toContain("not retried: status 404 is not retried");
  });

  it("reads the level from CHASER_LOG, and writes nothing below warn by default", async () => {
    const emu = await startClientEmulator();
    const quiet = recording();
    await createChaserClient({ apiKey: KEY, baseUrl: emu.url, logger: quiet.logger }).sessions.list();
    expect(quiet.lines).toEqual([]);
    const loud = recording();
    vi.stubEnv("CHASER_LOG", "debug");
    try {
      await createChaserClient({ apiKey: KEY, baseUrl: emu.url, logger: loud.logger }).sessions.list();
    } finally {
      vi.unstubAllEnvs();
    }
    expect(loud.lines.map((l) => l.level)).toEqual(["debug", "debug"]);
    expect(loud.lines.map((l) => l.text).join("\n")).not.toContain(KEY);
  });
});

describe("the drift sentinel (validateResponses)", () => {
  /** A client whose findings are collected; `settled()` waits until the checks of every answer so far have run. */
  function sentinelClient(url: string, sampleRate?: number) {
    const findings: DriftFinding[] = [];
    const chaser = createChaserClient({ apiKey: KEY, baseUrl: url, validateResponses: driftSentinel({ sampleRate, onDrift: (f) => findings.push(f) }) });
    // The checks run right after each answer once their module is loaded: load it (the module cache
    // is the client's too), then a few turns of the event loop are enough.
    const settled = async () => {
      await import("../../generated/chaser/dist/drift-checks.js");
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
    return { chaser, findings, settled };
  }

  it("stays quiet against a server that keeps to the document, errors included", async () => {
    const emu = await startClientEmulator({ seed: { chaser: { readySessions: 3 } } });
    const { chaser, findings, settled } = sentinelClient(emu.url);
    const created = await chaser.sessions.create({ ttl_seconds: 600 });
    await chaser.sessions.waitUntilReady(created.id, { intervalMs: 5 });
    for await (const _ of chaser.sessions.listAll({ limit: 2 })) void _;
    await chaser.sessions.screenshot(created.id);
    await chaser.sessions.previewToken(created.id, {});
    await chaser.sessions.get("sess_00000000-0000-7000-8000-000000000000").catch(() => undefined);
    await chaser.sessions.delete(created.id);
    await chaser.sessions.delete(created.id).catch(() => undefined);
    await settled();
    expect(findings).toEqual([]);
  });

  it.each([
    ["extra-field", "undocumented-field", "/emulator_extra", "a documented property", 'string "undocumented"'],
    ["missing-field", "missing-required-field", "/id", "id", "(absent)"],
    ["wrong-type", "type-mismatch", "/bytes_up", "integer", expect.stringMatching(/^string "\d+"$/)],
    ["bad-enum", "enum-mismatch", "/status", '["creating", "ready", "closed", "error"]', '"paused"'],
    ["bad-format", "format-mismatch", "/created_at", "date-time", expect.stringMatching(/GMT"$/)],
  ])("reports %s of a read as %s at its pointer, and returns the data unchanged", async (scenarioName, rule, pointer, expected, observed) => {
    const emu = await startClientEmulator();
    const { chaser, findings, settled } = sentinelClient(emu.url);
    const { id } = await chaser.sessions.create();
    await settled();
    findings.length = 0;
    const { data, requestId } = await chaser.sessions.get(id, scenario(scenarioName)).withResponse();
    await vi.waitFor(() => expect(findings).toHaveLength(1));
    await settled();
    expect(findings).toEqual([{ rule, operation: "get-session", endpoint: "GET /v1/sessions/{id}", status: 200, pointer, expected, observed, requestId }]);
    if (scenarioName === "extra-field") expect((data as unknown as Record<string, unknown>).emulator_extra).toBe("undocumented");
  });

  it("reports an undocumented status and content type with the whole answer's pointer", async () => {
    const emu = await startClientEmulator();
    const { chaser, findings, settled } = sentinelClient(emu.url);
    const { id } = await chaser.sessions.create();
    const teapot = await chaser.sessions.get(id, scenario("undocumented-status")).catch((e: unknown) => e);
    expect(teapot).toMatchObject({ status: 418 });
    await chaser.sessions.list(undefined, scenario("wrong-content-type"));
    await vi.waitFor(() => expect(findings).toHaveLength(2));
    await settled();
    expect(findings).toEqual([
      expect.objectContaining({ rule: "undocumented-status", operation: "get-session", status: 418, pointer: "", expected: "200, 401, 403, 404, 500, 503", observed: "418" }),
      expect.objectContaining({ rule: "undocumented-content-type", operation: "list-sessions", status: 200, pointer: "", expected: "application/json", observed: "text/plain" }),
    ]);
  });

  it("checks only the sampled share of answers, and none without the option", async () => {
    const emu = await startClientEmulator();
    const never = sentinelClient(emu.url, 0);
    const { id } = await never.chaser.sessions.create();
    await never.chaser.sessions.get(id, scenario("extra-field"));
    await never.settled();
    expect(never.findings).toEqual([]);
    expect(() => driftSentinel({ sampleRate: 2, onDrift: () => {} })).toThrow(/sampleRate must be a number from 0 to 1/);
    expect(() => driftSentinel({ sampleRate: 2, onDrift: () => {} })).toThrow(ConfigurationError);
    expect(() => driftSentinel({} as never)).toThrow(/driftSentinel takes \{ onDrift/);
    // The options as the sentinel takes them, given to the client directly (the shape of earlier versions).
    expect(() => createChaserClient({ apiKey: KEY, validateResponses: { onDrift: () => {} } as never })).toThrow(
      /validateResponses must be driftSentinel\(\{ onDrift \}\) of chaser-client\/sentinel/,
    );
  });
});
