import { connect, createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, startEmulator } from "../../emulator/index.ts";
import { KEY, startTestEmulator } from "./helpers.ts";

describe("request bodies", () => {
  it("answers a body over 1 MiB with 413 in each API's envelope; exactly 1 MiB is accepted", async () => {
    const emu = await startTestEmulator();
    const over = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
    const chaser = await emu.chaser("POST", "/v1/sessions", { rawBody: over, headers: { "content-type": "application/json" } });
    expect(chaser.status).toBe(413);
    expect(chaser.json).toEqual({ error: { code: "payload_too_large", message: expect.any(String) } });
    expect(chaser.headers.get("x-request-id")).toBeTruthy();
    const hyperbrowser = await emu.hyperbrowser("POST", "/api/session", { rawBody: over, headers: { "content-type": "application/json" } });
    expect(hyperbrowser.status).toBe(413);
    expect(hyperbrowser.json).toEqual({ message: expect.any(String) });

    // The JSON sits at the very end, so losing any byte of the last chunk would break it.
    const json = '{"ttl_seconds":600}';
    const exact = Buffer.alloc(MAX_BODY_BYTES, 0x20);
    exact.write(json, MAX_BODY_BYTES - json.length);
    const accepted = await emu.chaser("POST", "/v1/sessions", { rawBody: exact, headers: { "content-type": "application/json" } });
    expect(accepted.status).toBe(201);
    expect((await emu.chaser("GET", "/v1/sessions")).json.data).toHaveLength(1);
  });

  it("answers malformed JSON with 400 invalid_request", async () => {
    const emu = await startTestEmulator();
    const answer = await emu.chaser("POST", "/v1/sessions", { rawBody: '{"ttl_seconds": 600', headers: { "content-type": "application/json" } });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: { code: "invalid_request", message: "Request body is not valid JSON." } });
  });
});

describe("routing", () => {
  it("answers unknown routes 404 and known paths with another method 405 with Allow", async () => {
    const emu = await startTestEmulator();
    for (const path of ["/", "/v1", "/v1/session", "/v1/sessions/x/y", "/v2/sessions", "/v1/sessions/"]) {
      const answer = await emu.chaser("GET", path);
      expect(answer.status, path).toBe(404);
      expect(answer.json.error.code).toBe("not_found");
    }
    const hyperbrowser = await emu.hyperbrowser("GET", "/api/nothing");
    expect(hyperbrowser.status).toBe(404);
    expect(hyperbrowser.json).toEqual({ message: expect.any(String) });

    const wrongMethod = await emu.chaser("PUT", "/v1/sessions");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST, GET");
    expect(wrongMethod.json.error.code).toBe("method_not_allowed");
  });

  it("sends a unique x-request-id with every answer", async () => {
    const emu = await startTestEmulator();
    const session = await emu.createChaser();
    const answers = [
      await emu.chaser("GET", "/v1/sessions"),
      await emu.chaser("GET", "/v1/sessions", { key: null }),
      await emu.chaser("GET", "/nope"),
      await emu.chaser("POST", `/v1/sessions/${session.id}/screenshot`),
      await emu.chaser("DELETE", `/v1/sessions/${session.id}`),
      await emu.chaser("DELETE", `/v1/sessions/${session.id}`),
      await emu.hyperbrowser("GET", "/api/sessions"),
      await emu.hyperbrowser("GET", "/api/sessions", { key: null }),
    ];
    const ids = answers.map((a) => a.headers.get("x-request-id"));
    expect(ids.every((id) => id !== null && /^req_[0-9a-f]{24}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("concurrency", () => {
  it("keeps state consistent under 200 concurrent creates followed by concurrent deletes and creates", async () => {
    const emu = await startTestEmulator({ limits: false });
    const created = await Promise.all(Array.from({ length: 200 }, () => emu.chaser("POST", "/v1/sessions", { body: {} })));
    expect(created.every((a) => a.status === 201)).toBe(true);
    const ids = created.map((a) => a.json.id as string);
    expect(new Set(ids).size).toBe(200);

    const toDelete = ids.filter((_, i) => i % 2 === 0);
    const mixed = await Promise.all([
      ...toDelete.map((id) => emu.chaser("DELETE", `/v1/sessions/${id}`)),
      ...toDelete.map((id) => emu.chaser("DELETE", `/v1/sessions/${id}`)),
      ...Array.from({ length: 100 }, () => emu.chaser("POST", "/v1/sessions", { body: {} })),
    ]);
    const deleteStatuses = mixed.slice(0, 200).map((a) => a.status);
    // Each session is deleted exactly once: one 204 and one 409 per id, whatever the order.
    expect(deleteStatuses.filter((s) => s === 204)).toHaveLength(100);
    expect(deleteStatuses.filter((s) => s === 409)).toHaveLength(100);
    expect(mixed.slice(200).every((a) => a.status === 201)).toBe(true);

    const listed: { id: string; status: string; ended_reason: string | null }[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { data: typeof listed; next_cursor: string | null } } = await emu.chaser(
        "GET",
        `/v1/sessions?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      listed.push(...page.json.data);
      cursor = page.json.next_cursor;
    } while (cursor !== null);
    expect(listed).toHaveLength(300);
    expect(new Set(listed.map((s) => s.id)).size).toBe(300);
    const closed = listed.filter((s) => s.status === "closed");
    expect(closed.map((s) => s.id).sort()).toEqual([...toDelete].sort());
    expect(closed.every((s) => s.ended_reason === "client_delete")).toBe(true);
    expect(listed.filter((s) => s.status === "ready")).toHaveLength(200);
  });
});

describe("secrets", () => {
  it("never writes a key to the log, wherever the client puts it", async () => {
    const lines: string[] = [];
    const emu = await startTestEmulator({ log: (line) => lines.push(line) });
    await emu.chaser("GET", "/v1/sessions");
    await emu.chaser("GET", `/v1/sessions?api_key=${KEY}`);
    await emu.chaser("GET", `/v1/sessions/${KEY}`);
    await emu.hyperbrowser("GET", `/api/session/${KEY}`);
    await emu.chaser("GET", "/v1/sessions", { key: "a-wrong-key-that-is-secret-too" });
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^GET \/v1\/sessions 200 \d+ms req_[0-9a-f]{24}$/);
    expect(lines[2]).toContain("[redacted]");
    for (const line of lines) {
      expect(line).not.toContain(KEY);
      expect(line).not.toContain("a-wrong-key-that-is-secret-too");
    }
  });
});

describe("close()", () => {
  it("frees the port, also with an idle keep-alive connection, and is idempotent", async () => {
    const emu = await startEmulator({ port: 0, keys: [KEY] });
    const port = Number(new URL(emu.url).port);
    // fetch keeps the connection alive after the answer.
    expect((await fetch(`${emu.url}/v1/sessions`, { headers: { authorization: `Bearer ${KEY}` } })).status).toBe(200);
    await emu.close();
    await emu.close();
    await expect(fetch(`${emu.url}/v1/sessions`)).rejects.toThrow();
    const probe = createServer();
    await new Promise<void>((resolve, reject) => probe.once("error", reject).listen(port, "127.0.0.1", () => resolve()));
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  it("does not wait for a client that never finishes sending its request", async () => {
    const emu = await startEmulator({ port: 0, keys: [KEY] });
    const { port } = new URL(emu.url);
    const socket = connect(Number(port), "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const ended = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    // Headers promise 10 bytes of body that never come: the request stays in flight.
    socket.write(`POST /v1/sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\nContent-Length: 10\r\n\r\n{`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await emu.close();
    await ended;
  });

  it("can start on a chosen port", async () => {
    const first = await startEmulator({ port: 0, keys: [KEY] });
    const port = Number(new URL(first.url).port);
    await first.close();
    const second = await startEmulator({ port, keys: [KEY] });
    expect(second.url).toBe(`http://127.0.0.1:${port}`);
    await second.close();
  });

  it("rejects bad options", async () => {
    await expect(startEmulator({ port: -1 })).rejects.toThrow(/port/);
    await expect(startEmulator({ readyDelayMs: 1.5 })).rejects.toThrow(/readyDelayMs/);
    await expect(startEmulator({ keys: ["has space"] })).rejects.toThrow(/key/);
    await expect(startEmulator({ seed: { chaser: { closedSessions: -1 } } })).rejects.toThrow(/seed/);
    // @ts-expect-error: an API that does not exist
    await expect(startEmulator({ api: "other" })).rejects.toThrow(/api/);
  });
});
