import { describe, expect, it } from "vitest";
import { CHASER_ID, ISO_MICROS, KEY, OTHER_KEY, T0, manualClock, startTestEmulator } from "./helpers.ts";

/** Field order of the documented examples on the Sessions API page (seed 002). */
const CREATED_FIELDS = ["id", "object", "status", "cdp_url", "created_at", "expires_at"];
const SESSION_FIELDS = [
  "id",
  "object",
  "status",
  "device",
  "cdp_url",
  "bytes_up",
  "bytes_down",
  "proxy_ip",
  "proxy_region",
  "created_at",
  "ready_at",
  "expires_at",
  "ended_at",
  "ended_reason",
];

describe("Chaser POST /v1/sessions", () => {
  it("answers 201 with exactly the documented fields, a sess_<uuidv7> id and microsecond UTC timestamps", async () => {
    const emu = await startTestEmulator({ clock: manualClock() });
    const answer = await emu.chaser("POST", "/v1/sessions", { body: { ttl_seconds: 600 } });
    expect(answer.status).toBe(201);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{24}$/);
    expect(Object.keys(answer.json)).toEqual(CREATED_FIELDS);
    expect(answer.json.id).toMatch(CHASER_ID);
    expect(answer.json).toMatchObject({
      object: "session",
      status: "creating",
      cdp_url: `wss://cdp.chaser.emulator.invalid/sessions/${answer.json.id}`,
      created_at: "2026-06-13T11:49:20.651000Z",
      expires_at: "2026-06-13T11:59:20.651000Z",
    });
    // The UUIDv7 timestamp is the creation time.
    const uuidMs = parseInt(answer.json.id.slice(5, 13) + answer.json.id.slice(14, 18), 16);
    expect(uuidMs).toBe(T0);
  });

  it("defaults ttl_seconds to 1800 and accepts an empty body and a profile", async () => {
    const emu = await startTestEmulator({ clock: manualClock() });
    const empty = await emu.chaser("POST", "/v1/sessions");
    expect(empty.status).toBe(201);
    expect(Date.parse(empty.json.expires_at) - Date.parse(empty.json.created_at)).toBe(1_800_000);
    const withProfile = await emu.chaser("POST", "/v1/sessions", { body: { profile: "default", ttl_seconds: 60 } });
    expect(withProfile.status).toBe(201);
    expect(Date.parse(withProfile.json.expires_at) - Date.parse(withProfile.json.created_at)).toBe(60_000);
  });

  it.each([
    [{ ttl_seconds: 59 }, "ttl_seconds"],
    [{ ttl_seconds: 3601 }, "ttl_seconds"],
    [{ ttl_seconds: 600.5 }, "ttl_seconds"],
    [{ ttl_seconds: "600" }, "ttl_seconds"],
    [{ ttl_seconds: null }, "ttl_seconds"],
    [{ profile: 5 }, "profile"],
    [{ profile: "" }, "profile"],
  ])("rejects %j with 400 invalid_field naming %s", async (body, field) => {
    const emu = await startTestEmulator();
    const answer = await emu.chaser("POST", "/v1/sessions", { body });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe("invalid_field");
    expect(answer.json.error.message.startsWith(`${field}:`)).toBe(true);
    expect((await emu.chaser("GET", "/v1/sessions")).json.data).toEqual([]);
  });

  it("accepts the range ends 60 and 3600", async () => {
    const emu = await startTestEmulator();
    expect((await emu.chaser("POST", "/v1/sessions", { body: { ttl_seconds: 60 } })).status).toBe(201);
    expect((await emu.chaser("POST", "/v1/sessions", { body: { ttl_seconds: 3600 } })).status).toBe(201);
  });

  it("rejects a body that is not a JSON object, malformed JSON and non-JSON content with 400 invalid_request", async () => {
    const emu = await startTestEmulator();
    for (const options of [
      { body: [1, 2] },
      { body: "text" },
      { rawBody: "{ttl_seconds: 600", headers: { "content-type": "application/json" } },
      { rawBody: "ttl_seconds=600", headers: { "content-type": "application/x-www-form-urlencoded" } },
    ]) {
      const answer = await emu.chaser("POST", "/v1/sessions", options);
      expect(answer.status).toBe(400);
      expect(answer.headers.get("content-type")).toBe("application/json");
      expect(Object.keys(answer.json)).toEqual(["error"]);
      expect(Object.keys(answer.json.error)).toEqual(["code", "message"]);
      expect(answer.json.error.code).toBe("invalid_request");
    }
  });
});

describe("Chaser authentication", () => {
  it("answers 401 unauthorized in the error envelope for a missing, unknown or non-Bearer key", async () => {
    const emu = await startTestEmulator();
    const attempts = [
      await emu.chaser("GET", "/v1/sessions", { key: null }),
      await emu.chaser("GET", "/v1/sessions", { key: "not-a-key" }),
      await emu.chaser("POST", "/v1/sessions", { key: null, body: {} }),
      await emu.call("GET", "/v1/sessions", {}, { authorization: `Basic ${KEY}` }),
      await emu.call("GET", "/v1/sessions", {}, { "x-api-key": KEY }),
    ];
    for (const answer of attempts) {
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
      expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(answer.headers.get("x-request-id")).toBeTruthy();
      expect(answer.text).not.toContain(KEY);
    }
    expect((await emu.call("GET", "/v1/sessions", {}, { authorization: `bearer ${KEY}` })).status).toBe(200);
  });

  it("generates a key per API when none is given, and only that key works", async () => {
    const emu = await startTestEmulator({ keys: [] });
    const [chaserKey] = emu.emulator.keys.chaser;
    const [hyperbrowserKey] = emu.emulator.keys.hyperbrowser;
    expect(chaserKey).toMatch(/^chs_emu_[0-9a-f]{32}$/);
    expect(hyperbrowserKey).toMatch(/^hb_emu_[0-9a-f]{32}$/);
    expect((await emu.chaser("GET", "/v1/sessions", { key: chaserKey! })).status).toBe(200);
    expect((await emu.chaser("GET", "/v1/sessions", { key: KEY })).status).toBe(401);
    expect((await emu.chaser("GET", "/v1/sessions", { key: hyperbrowserKey! })).status).toBe(401);
  });
});

describe("Chaser GET /v1/sessions/{id}", () => {
  it("answers every documented field with the documented types", async () => {
    const clock = manualClock();
    const emu = await startTestEmulator({ clock });
    const created = await emu.createChaser({ ttl_seconds: 600 });
    clock.advance(10_000);
    const answer = await emu.chaser("GET", `/v1/sessions/${created.id}`);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json)).toEqual(SESSION_FIELDS);
    const s = answer.json;
    expect(s).toMatchObject({
      id: created.id,
      object: "session",
      status: "ready",
      device: "Android 10 - Chrome 137 (Mobile)",
      cdp_url: created.cdp_url,
      proxy_ip: null,
      proxy_region: null,
      created_at: created.created_at,
      ready_at: "2026-06-13T11:49:20.651000Z",
      expires_at: created.expires_at,
      ended_at: null,
      ended_reason: null,
    });
    expect(Number.isInteger(s.bytes_up) && Number.isInteger(s.bytes_down)).toBe(true);
    // Traffic grows with time once ready.
    clock.advance(10_000);
    const later = (await emu.chaser("GET", `/v1/sessions/${created.id}`)).json;
    expect(later.bytes_up).toBeGreaterThan(s.bytes_up);
    expect(later.bytes_down).toBeGreaterThan(s.bytes_down);
  });

  it("answers 404 session_not_found for an unknown id and for another key's session", async () => {
    const emu = await startTestEmulator();
    const mine = await emu.createChaser();
    for (const path of ["/v1/sessions/sess_00000000-0000-7000-8000-000000000000", "/v1/sessions/whatever", `/v1/sessions/${mine.id}`]) {
      const key = path.endsWith(mine.id) ? OTHER_KEY : KEY;
      const answer = await emu.chaser("GET", path, { key });
      expect(answer.status).toBe(404);
      expect(answer.json.error.code).toBe("session_not_found");
    }
    expect((await emu.chaser("GET", "/v1/sessions", { key: OTHER_KEY })).json.data).toEqual([]);
  });
});

describe("Chaser session lifecycle", () => {
  it("stays creating for the ready delay, then becomes ready at exactly created_at + delay", async () => {
    const clock = manualClock();
    const emu = await startTestEmulator({ clock, readyDelayMs: 2000 });
    const created = await emu.createChaser();
    clock.advance(1999);
    const before = (await emu.chaser("GET", `/v1/sessions/${created.id}`)).json;
    expect(before).toMatchObject({ status: "creating", ready_at: null, bytes_up: 0, bytes_down: 0 });
    clock.advance(1);
    const after = (await emu.chaser("GET", `/v1/sessions/${created.id}`)).json;
    expect(after).toMatchObject({ status: "ready", ready_at: "2026-06-13T11:49:22.651000Z" });
  });

  it("closes itself at expires_at with ended_reason ttl_expired", async () => {
    const clock = manualClock();
    const emu = await startTestEmulator({ clock });
    const created = await emu.createChaser({ ttl_seconds: 60 });
    clock.advance(59_999);
    expect((await emu.chaser("GET", `/v1/sessions/${created.id}`)).json.status).toBe("ready");
    clock.advance(1);
    const expired = (await emu.chaser("GET", `/v1/sessions/${created.id}`)).json;
    expect(expired).toMatchObject({
      status: "closed",
      ended_at: created.expires_at,
      ended_reason: "ttl_expired",
    });
    expect(expired.ended_at).toMatch(ISO_MICROS);
    const again = await emu.chaser("DELETE", `/v1/sessions/${created.id}`);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("session_not_open");
  });

  it("expires even if it never became ready", async () => {
    const clock = manualClock();
    const emu = await startTestEmulator({ clock, readyDelayMs: 120_000 });
    const created = await emu.createChaser({ ttl_seconds: 60 });
    clock.advance(60_000);
    expect((await emu.chaser("GET", `/v1/sessions/${created.id}`)).json).toMatchObject({
      status: "closed",
      ready_at: null,
      ended_reason: "ttl_expired",
    });
  });
});

describe("Chaser DELETE /v1/sessions/{id}", () => {
  it("answers 204 without a body, marks client_delete, then 409 session_not_open", async () => {
    const clock = manualClock();
    const emu = await startTestEmulator({ clock });
    const created = await emu.createChaser();
    clock.advance(5_000);
    const deleted = await emu.chaser("DELETE", `/v1/sessions/${created.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.bytes.length).toBe(0);
    expect(deleted.headers.get("content-type")).toBeNull();
    expect(deleted.headers.get("x-request-id")).toBeTruthy();

    const closed = (await emu.chaser("GET", `/v1/sessions/${created.id}`)).json;
    expect(closed).toMatchObject({ status: "closed", ended_reason: "client_delete", ended_at: "2026-06-13T11:49:25.651000Z" });

    const twice = await emu.chaser("DELETE", `/v1/sessions/${created.id}`);
    expect(twice.status).toBe(409);
    expect(twice.json).toEqual({ error: { code: "session_not_open", message: expect.any(String) } });
  });

  it("can delete a session that is still creating", async () => {
    const emu = await startTestEmulator({ readyDelayMs: 60_000 });
    const created = await emu.createChaser();
    expect((await emu.chaser("DELETE", `/v1/sessions/${created.id}`)).status).toBe(204);
    expect((await emu.chaser("GET", `/v1/sessions/${created.id}`)).json.status).toBe("closed");
  });

  it("answers 404 session_not_found for an unknown id", async () => {
    const emu = await startTestEmulator();
    const answer = await emu.chaser("DELETE", "/v1/sessions/sess_nope");
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe("session_not_found");
  });
});

describe("Chaser GET /v1/sessions", () => {
  it("lists newest first in the documented list envelope", async () => {
    const clock = manualClock();
    const emu = await startTestEmulator({ clock });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await emu.createChaser()).id);
      clock.advance(i === 0 ? 0 : 1000); // two share a millisecond: the id breaks the tie
    }
    const answer = await emu.chaser("GET", "/v1/sessions");
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json)).toEqual(["object", "data", "next_cursor", "has_more"]);
    expect(answer.json).toMatchObject({ object: "list", next_cursor: null, has_more: false });
    expect(answer.json.data.map((s: { id: string }) => s.id)).toEqual([...ids].reverse());
    expect(Object.keys(answer.json.data[0])).toEqual(SESSION_FIELDS);
  });

  it.each(["0", "101", "abc", "1.5", "-1", ""])("rejects limit=%s with 400 invalid_field", async (limit) => {
    const emu = await startTestEmulator();
    const answer = await emu.chaser("GET", `/v1/sessions?limit=${limit}`);
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe("invalid_field");
    expect(answer.json.error.message).toMatch(/^limit:/);
  });

  it("rejects a cursor it did not issue with 400 invalid_field", async () => {
    const emu = await startTestEmulator();
    for (const cursor of ["garbage!", Buffer.from("2026-06-13|nope").toString("base64")]) {
      const answer = await emu.chaser("GET", `/v1/sessions?cursor=${encodeURIComponent(cursor)}`);
      expect(answer.status).toBe(400);
      expect(answer.json.error.code).toBe("invalid_field");
      expect(answer.json.error.message).toMatch(/^cursor:/);
    }
  });
});
