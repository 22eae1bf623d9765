import { describe, expect, it } from "vitest";
import { KEY, OTHER_KEY, UUID, manualClock, startTestEmulator } from "./helpers.ts";

/** Properties of the vendor OpenAPI `Session` schema, and the ones `SessionDetail` adds. */
const SESSION_PROPERTIES = ["id", "teamId", "status", "startTime", "endTime", "createdAt", "updatedAt", "launchState", "creditsUsed"];
const DETAIL_PROPERTIES = [...SESSION_PROPERTIES, "sessionUrl", "liveUrl", "token", "wsEndpoint", "webdriverEndpoint", "computerActionEndpoint"];
/** Properties of `SessionLaunchState`. */
const LAUNCH_STATE_PROPERTIES = [
  "useUltraStealth",
  "useStealth",
  "useProxy",
  "solveCaptchas",
  "solverType",
  "adblock",
  "trackers",
  "annoyances",
  "screen",
  "enableWebRecording",
  "enableVideoWebRecording",
  "enableLogCapture",
  "acceptCookies",
  "profile",
  "staticIpId",
  "saveDownloads",
  "enableWindowManager",
  "enableWindowManagerTaskbar",
  "viewOnlyLiveView",
  "disablePasswordManager",
  "enableAlwaysOpenPdfExternally",
  "disablePostQuantumKeyAgreement",
];

describe("Hyperbrowser POST /api/session", () => {
  it("answers 200 SessionDetail with only documented properties, body optional", async () => {
    const emu = await startTestEmulator({ clock: manualClock() });
    const answer = await emu.hyperbrowser("POST", "/api/session", { headers: { "content-type": "application/json" } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.headers.get("x-request-id")).toBeTruthy();
    expect(Object.keys(answer.json).sort()).toEqual([...DETAIL_PROPERTIES].sort());
    const s = answer.json;
    expect(s.id).toMatch(UUID);
    expect(s.teamId).toMatch(UUID);
    expect(s).toMatchObject({
      status: "active",
      startTime: "1781351360651",
      endTime: null,
      createdAt: "2026-06-13T11:49:20.651Z",
      updatedAt: "2026-06-13T11:49:20.651Z",
      creditsUsed: 0,
    });
    for (const key of Object.keys(s.launchState)) expect(LAUNCH_STATE_PROPERTIES).toContain(key);
    expect(s.launchState.screen).toEqual({ width: 1280, height: 720 });
    for (const url of [s.sessionUrl, s.liveUrl, s.wsEndpoint, s.webdriverEndpoint, s.computerActionEndpoint]) {
      expect(() => new URL(url)).not.toThrow();
    }
    expect(s.wsEndpoint).toContain(s.token);
  });

  it("echoes documented launch options and ignores undocumented ones", async () => {
    const emu = await startTestEmulator();
    const answer = await emu.hyperbrowser("POST", "/api/session", {
      body: { useStealth: true, screen: { width: 800, height: 600 }, solverType: "visual", profile: { id: "p1", persistChanges: true }, allowOut: ["x"] },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.launchState).toMatchObject({
      useStealth: true,
      useProxy: false,
      screen: { width: 800, height: 600 },
      solverType: "visual",
      profile: { id: "p1", persistChanges: true },
    });
    expect(answer.json.launchState).not.toHaveProperty("allowOut");
  });

  it.each([{ useStealth: "yes" }, { timeoutMinutes: 0 }, { timeoutMinutes: 721 }, { screen: { width: -1 } }, { profile: "p" }])("rejects %j with 400 { message }", async (body) => {
    const emu = await startTestEmulator();
    const answer = await emu.hyperbrowser("POST", "/api/session", { body });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ message: expect.any(String) });
  });

  it("answers malformed JSON with 400 { message }", async () => {
    const emu = await startTestEmulator();
    const answer = await emu.hyperbrowser("POST", "/api/session", { rawBody: "{", headers: { "content-type": "application/json" } });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ message: "Request body is not valid JSON." });
  });
});

describe("Hyperbrowser get, stop and list", () => {
  it("gets a session, 404 { message } when unknown or another key's", async () => {
    const emu = await startTestEmulator({ clock: manualClock() });
    const created = (await emu.hyperbrowser("POST", "/api/session")).json;
    const got = await emu.hyperbrowser("GET", `/api/session/${created.id}?liveViewTtlSeconds=60`);
    expect(got.status).toBe(200);
    expect(got.json).toEqual(created);
    for (const [path, key] of [
      [`/api/session/${created.id}`, OTHER_KEY],
      ["/api/session/00000000-0000-4000-8000-000000000000", KEY],
    ] as const) {
      const missing = await emu.hyperbrowser("GET", path, { key });
      expect(missing.status).toBe(404);
      expect(missing.json).toEqual({ message: "Session not found" });
    }
  });

  it("stops with { success: true }, idempotently, and records the end", async () => {
    const clock = manualClock();
    const emu = await startTestEmulator({ clock });
    const created = (await emu.hyperbrowser("POST", "/api/session")).json;
    clock.advance(90_000);
    for (let i = 0; i < 2; i++) {
      const stopped = await emu.hyperbrowser("PUT", `/api/session/${created.id}/stop`, { headers: { "content-type": "application/json" } });
      expect(stopped.status).toBe(200);
      expect(stopped.json).toEqual({ success: true });
      clock.advance(60_000);
    }
    const got = (await emu.hyperbrowser("GET", `/api/session/${created.id}`)).json;
    expect(got).toMatchObject({ status: "closed", endTime: String(Date.parse(created.createdAt) + 90_000), creditsUsed: 2 });
    expect((await emu.hyperbrowser("PUT", "/api/session/unknown/stop")).status).toBe(404);
  });

  it("closes a session at timeoutMinutes", async () => {
    const clock = manualClock();
    const emu = await startTestEmulator({ clock });
    const created = (await emu.hyperbrowser("POST", "/api/session", { body: { timeoutMinutes: 1 } })).json;
    clock.advance(59_999);
    expect((await emu.hyperbrowser("GET", `/api/session/${created.id}`)).json.status).toBe("active");
    clock.advance(1);
    expect((await emu.hyperbrowser("GET", `/api/session/${created.id}`)).json.status).toBe("closed");
  });

  it("lists { sessions, totalCount, page, pageSize } newest first, by page and status", async () => {
    const clock = manualClock();
    const emu = await startTestEmulator({ clock, seed: { hyperbrowser: { closedSessions: 12, activeSessions: 3 } } });
    const first = await emu.hyperbrowser("GET", "/api/sessions");
    expect(first.status).toBe(200);
    expect(Object.keys(first.json)).toEqual(["sessions", "totalCount", "page", "pageSize"]);
    expect(first.json).toMatchObject({ totalCount: 15, page: 1, pageSize: 10 });
    expect(first.json.sessions).toHaveLength(10);
    expect(Object.keys(first.json.sessions[0]).sort()).toEqual([...SESSION_PROPERTIES].sort());
    const created = first.json.sessions.map((s: { createdAt: string }) => s.createdAt);
    expect([...created].sort().reverse()).toEqual(created);

    const second = (await emu.hyperbrowser("GET", "/api/sessions?page=2")).json;
    expect(second.sessions).toHaveLength(5);
    expect(second.page).toBe(2);

    const closed = (await emu.hyperbrowser("GET", "/api/sessions?status=closed&page=1&limit=5")).json;
    expect(closed).toMatchObject({ totalCount: 12, pageSize: 5 });
    expect(closed.sessions.every((s: { status: string }) => s.status === "closed")).toBe(true);
    expect((await emu.hyperbrowser("GET", "/api/sessions?status=active")).json.totalCount).toBe(3);
    expect((await emu.hyperbrowser("GET", "/api/sessions?page=9")).json.sessions).toEqual([]);
  });

  it.each(["page=0", "page=abc", "page=1.5", "status=running", "limit=0", "limit=101"])("answers %s with 400 { message }", async (query) => {
    const emu = await startTestEmulator();
    const answer = await emu.hyperbrowser("GET", `/api/sessions?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ message: expect.any(String) });
  });
});

describe("Hyperbrowser authentication and API selection", () => {
  it("answers 401 { message } without a valid x-api-key (a Bearer header does not count)", async () => {
    const emu = await startTestEmulator();
    for (const answer of [
      await emu.hyperbrowser("GET", "/api/sessions", { key: null }),
      await emu.hyperbrowser("GET", "/api/sessions", { key: "wrong" }),
      await emu.call("GET", "/api/sessions", {}, { authorization: `Bearer ${KEY}` }),
    ]) {
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({ message: expect.any(String) });
    }
  });

  it("serves only the chosen API: the other prefix is an unknown route in the served API's format", async () => {
    const hyperbrowserOnly = await startTestEmulator({ api: "hyperbrowser" });
    const chaserPath = await hyperbrowserOnly.chaser("GET", "/v1/sessions");
    expect(chaserPath.status).toBe(404);
    expect(chaserPath.json).toEqual({ message: expect.any(String) });
    expect(hyperbrowserOnly.emulator.keys.chaser).toEqual([]);

    const chaserOnly = await startTestEmulator({ api: "chaser" });
    const hyperbrowserPath = await chaserOnly.hyperbrowser("GET", "/api/sessions");
    expect(hyperbrowserPath.status).toBe(404);
    expect(hyperbrowserPath.json.error.code).toBe("not_found");
    expect(chaserOnly.emulator.keys.hyperbrowser).toEqual([]);
  });
});
