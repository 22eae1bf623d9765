import { describe, expect, it } from "vitest";
import { DEFAULT_CHASER_LIMITS } from "../../emulator/index.ts";
import { OTHER_KEY, manualClock, startTestEmulator } from "./helpers.ts";

describe("Chaser limits (the limits-and-errors page: 10 open sessions and 20 creations a minute per workspace, 60 screenshots and 10 preview tokens a minute per session)", () => {
  it("documents the vendor's numbers as defaults", () => {
    expect(DEFAULT_CHASER_LIMITS).toEqual({
      concurrentSessionsPerKey: 10,
      createsPerMinutePerKey: 20,
      screenshotsPerMinutePerSession: 60,
      previewTokensPerMinutePerSession: 10,
    });
  });

  it.each([
    { use: "preview-token", limit: 10, body: {} },
    { use: "screenshot", limit: 60, body: undefined },
  ])("answers the $limit+1st $use of one session within a minute 429 rate_limited with Retry-After, per session", async ({ use, limit, body }) => {
    const clock = manualClock();
    const emu = await startTestEmulator({ clock });
    const session = await emu.createChaser();
    const other = await emu.createChaser();
    const call = (id: string) => emu.chaser("POST", `/v1/sessions/${id}/${use}`, { body });
    for (let i = 0; i < limit; i++) {
      expect((await call(session.id)).status).toBe(200);
      if (i === 0) clock.advance(10_000);
    }
    const refused = await call(session.id);
    expect(refused.status).toBe(429);
    expect(refused.json).toEqual({ error: { code: "rate_limited", message: expect.any(String) } });
    // The first use was 10 s ago: it leaves the window in 50 s.
    expect(refused.headers.get("retry-after")).toBe("50");
    expect((await call(other.id)).status).toBe(200);
    clock.advance(50_000);
    expect((await call(session.id)).status).toBe(200);
  });

  it("answers the 11th open session 429 concurrency_limit with Retry-After, and frees a slot on delete", async () => {
    const clock = manualClock();
    const emu = await startTestEmulator({ clock });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await emu.createChaser({ ttl_seconds: 600 })).id);
    clock.advance(1000);
    const refused = await emu.chaser("POST", "/v1/sessions", { body: {} });
    expect(refused.status).toBe(429);
    expect(refused.json).toEqual({ error: { code: "concurrency_limit", message: expect.any(String) } });
    // The oldest session expires 599 s from now: the earliest a slot frees up by itself.
    expect(refused.headers.get("retry-after")).toBe("599");
    expect((await emu.chaser("POST", "/v1/sessions", { body: {}, key: OTHER_KEY })).status).toBe(201);

    expect((await emu.chaser("DELETE", `/v1/sessions/${ids[0]}`)).status).toBe(204);
    expect((await emu.chaser("POST", "/v1/sessions", { body: {} })).status).toBe(201);
  });

  it("answers the 21st creation within a minute 429 rate_limited until the window moves on", async () => {
    const clock = manualClock();
    const emu = await startTestEmulator({ clock });
    for (let i = 0; i < 20; i++) {
      const session = await emu.createChaser();
      await emu.chaser("DELETE", `/v1/sessions/${session.id}`); // stay under the concurrency limit
      clock.advance(1000);
    }
    // 20 s after the first creation: it leaves the window in 40 s.
    const refused = await emu.chaser("POST", "/v1/sessions", { body: {} });
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("rate_limited");
    expect(refused.headers.get("retry-after")).toBe("40");
    clock.advance(39_999);
    expect((await emu.chaser("POST", "/v1/sessions", { body: {} })).status).toBe(429);
    clock.advance(1);
    expect((await emu.chaser("POST", "/v1/sessions", { body: {} })).status).toBe(201);
  });

  it("takes overrides", async () => {
    const emu = await startTestEmulator({ limits: { concurrentSessionsPerKey: 2 } });
    await emu.createChaser();
    await emu.createChaser();
    expect((await emu.chaser("POST", "/v1/sessions", { body: {} })).json.error.code).toBe("concurrency_limit");
  });

  it("counts seeded ready sessions as open", async () => {
    const emu = await startTestEmulator({ seed: { chaser: { readySessions: 10 } } });
    expect((await emu.chaser("POST", "/v1/sessions", { body: {} })).status).toBe(429);
  });

  it("switches every limit off with limits: false", async () => {
    const emu = await startTestEmulator({ limits: false });
    for (let i = 0; i < 30; i++) await emu.createChaser();
    expect((await emu.chaser("GET", "/v1/sessions?limit=100")).json.data).toHaveLength(30);
    const { id } = await emu.createChaser();
    for (let i = 0; i < 11; i++) expect((await emu.chaser("POST", `/v1/sessions/${id}/preview-token`, { body: {} })).status).toBe(200);
  });

  it("rejects invalid overrides at start", async () => {
    await expect(startTestEmulator({ limits: { createsPerMinutePerKey: 0 } })).rejects.toThrow(/createsPerMinutePerKey/);
  });
});

describe("Chaser billing and dashboard-only answers (authentication and limits-and-errors pages)", () => {
  it("answers creation 402 payment_required under the payment-required scenario, and nothing else changes", async () => {
    const emu = await startTestEmulator();
    const { id } = await emu.createChaser();
    const refused = await emu.chaser("POST", "/v1/sessions", { body: {}, scenario: "payment-required" });
    expect(refused.status).toBe(402);
    expect(refused.json).toEqual({ error: { code: "payment_required", message: expect.stringMatching(/balance is zero/) } });
    expect((await emu.chaser("GET", `/v1/sessions/${id}`, { scenario: "payment-required" })).status).toBe(200);
    expect((await emu.chaser("GET", "/v1/sessions")).json.data).toHaveLength(1);
  });

  it.each(["/v1/keys", "/v1/keys/key_123/rotate", "/v1/billing/topup", "/v1/audit/stream"])("answers %s 403 forbidden to an API key and 401 without one", async (pathname) => {
    const emu = await startTestEmulator();
    const withKey = await emu.chaser("POST", pathname, { body: {} });
    expect(withKey.status).toBe(403);
    expect(withKey.json).toEqual({ error: { code: "forbidden", message: expect.stringMatching(/cookie authentication/) } });
    expect((await emu.chaser("POST", pathname, { body: {}, key: null })).status).toBe(401);
  });

  it("keeps other unknown paths 404", async () => {
    const emu = await startTestEmulator();
    expect((await emu.chaser("GET", "/v1/keyring")).status).toBe(404);
  });
});
