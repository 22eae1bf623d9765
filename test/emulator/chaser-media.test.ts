import { describe, expect, it } from "vitest";
import { decodePng, manualClock, startTestEmulator } from "./helpers.ts";

describe("Chaser POST /v1/sessions/{id}/screenshot", () => {
  it("answers a decodable PNG of the session's viewport as image/png", async () => {
    const emu = await startTestEmulator();
    const session = await emu.createChaser();
    const answer = await emu.chaser("POST", `/v1/sessions/${session.id}/screenshot`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("image/png");
    expect(answer.headers.get("x-request-id")).toBeTruthy();
    expect(Number(answer.headers.get("content-length"))).toBe(answer.bytes.length);
    const png = decodePng(answer.bytes);
    expect([png.width, png.height]).toEqual([412, 915]);
    // Not a blank frame: the status bar is darker than the page.
    expect(png.pixels[0]!).toBeLessThan(png.pixels[(500 * png.width + 5) * 3]!);
  });

  it("uses the desktop viewport for profile desktop, and differs per session", async () => {
    const emu = await startTestEmulator();
    const desktop = await emu.createChaser({ profile: "desktop" });
    const phoneA = await emu.createChaser();
    const phoneB = await emu.createChaser();
    const shot = async (id: string) => (await emu.chaser("POST", `/v1/sessions/${id}/screenshot`)).bytes;
    const desktopPng = decodePng(await shot(desktop.id));
    expect([desktopPng.width, desktopPng.height]).toEqual([1280, 720]);
    expect((await emu.chaser("GET", `/v1/sessions/${desktop.id}`)).json.device).toBe("Windows 10 - Chrome 137 (Desktop)");
    expect(decodePng(await shot(phoneA.id)).pixels.equals(decodePng(await shot(phoneB.id)).pixels)).toBe(false);
    // Deterministic for one session.
    expect((await shot(phoneA.id)).equals(await shot(phoneA.id))).toBe(true);
  });

  it("answers 409 session_not_ready while creating, 409 session_not_open once closed, 404 when unknown", async () => {
    const clock = manualClock();
    const emu = await startTestEmulator({ clock, readyDelayMs: 2000 });
    const session = await emu.createChaser();
    for (const action of ["screenshot", "preview-token"]) {
      const answer = await emu.chaser("POST", `/v1/sessions/${session.id}/${action}`);
      expect(answer.status).toBe(409);
      expect(answer.json).toEqual({ error: { code: "session_not_ready", message: expect.any(String) } });
    }
    clock.advance(2000);
    expect((await emu.chaser("POST", `/v1/sessions/${session.id}/screenshot`)).status).toBe(200);
    await emu.chaser("DELETE", `/v1/sessions/${session.id}`);
    for (const action of ["screenshot", "preview-token"]) {
      const answer = await emu.chaser("POST", `/v1/sessions/${session.id}/${action}`);
      expect(answer.status).toBe(409);
      expect(answer.json.error.code).toBe("session_not_open");
      const unknown = await emu.chaser("POST", `/v1/sessions/sess_unknown/${action}`);
      expect(unknown.status).toBe(404);
      expect(unknown.json.error.code).toBe("session_not_found");
    }
  });
});

describe("Chaser POST /v1/sessions/{id}/preview-token", () => {
  it("answers 200 with url, expires_at five minutes ahead, input_enabled and fps 5", async () => {
    const clock = manualClock();
    const emu = await startTestEmulator({ clock });
    const session = await emu.createChaser();
    clock.advance(321_185);
    const answer = await emu.chaser("POST", `/v1/sessions/${session.id}/preview-token`, { body: {} });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(Object.keys(answer.json)).toEqual(["url", "expires_at", "input_enabled", "fps"]);
    expect(answer.json).toMatchObject({ expires_at: "2026-06-13T11:59:41.836Z", input_enabled: true, fps: 5 });
    const url = new URL(answer.json.url);
    expect(url.protocol).toBe("wss:");
    expect(url.pathname).toBe(`/sessions/${session.id}/preview`);
    expect(url.searchParams.get("token")).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("accepts no body, and rejects a body that is not a JSON object", async () => {
    const emu = await startTestEmulator();
    const session = await emu.createChaser();
    expect((await emu.chaser("POST", `/v1/sessions/${session.id}/preview-token`)).status).toBe(200);
    const bad = await emu.chaser("POST", `/v1/sessions/${session.id}/preview-token`, { body: [] });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("invalid_request");
  });
});
