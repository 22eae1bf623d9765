import { describe, expect, it } from "vitest";
import { DEFAULT_CHASER_LIMITS } from "../../emulator/index.ts";
import { OTHER_KEY, manualClock, startTestEmulator } from "./helpers.ts";

describe("Chaser limits (10 concurrent sessions and 20 creations a minute per key)", () => {
  it("documents the vendor's numbers as defaults", () => {
    expect(DEFAULT_CHASER_LIMITS).toEqual({ concurrentSessionsPerKey: 10, createsPerMinutePerKey: 20 });
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

  it("switches both limits off with limits: false", async () => {
    const emu = await startTestEmulator({ limits: false });
    for (let i = 0; i < 30; i++) await emu.createChaser();
    expect((await emu.chaser("GET", "/v1/sessions?limit=100")).json.data).toHaveLength(30);
  });

  it("rejects invalid overrides at start", async () => {
    await expect(startTestEmulator({ limits: { createsPerMinutePerKey: 0 } })).rejects.toThrow(/createsPerMinutePerKey/);
  });
});
