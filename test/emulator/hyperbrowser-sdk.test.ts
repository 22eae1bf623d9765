import dc from "node:diagnostics_channel";
import type { Socket } from "node:net";
import { Hyperbrowser, HyperbrowserError } from "@hyperbrowser/sdk";
import { describe, expect, it, onTestFinished } from "vitest";
import { KEY, startTestEmulator } from "./helpers.ts";

/**
 * Records every client socket the process opens while a test runs, and where it connected.
 * A socket to any other address (the vendor, telemetry) would show up as a connection that is
 * not to the emulator, or as a socket that never connected to it.
 */
function watchOutgoingSockets(): { created: () => number; connectedTo: string[] } {
  const connectedTo: string[] = [];
  let created = 0;
  const onSocket = (message: unknown) => {
    const socket = (message as { socket: Socket }).socket;
    created += 1;
    socket.once("connect", () => connectedTo.push(`${socket.remoteAddress}:${socket.remotePort}`));
  };
  dc.subscribe("net.client.socket", onSocket);
  onTestFinished(() => void dc.unsubscribe("net.client.socket", onSocket));
  return { created: () => created, connectedTo };
}

describe("the official Hyperbrowser SDK against the emulator", () => {
  it("creates, gets, lists and stops sessions without error, and talks to nothing else", async () => {
    const sockets = watchOutgoingSockets();
    const emu = await startTestEmulator({ api: "hyperbrowser" });
    const client = new Hyperbrowser({ apiKey: KEY, baseUrl: emu.url, timeout: 5_000 });

    const plain = await client.sessions.create();
    const stealthy = await client.sessions.create({ useStealth: true, screen: { width: 1024, height: 768 }, timeoutMinutes: 30 });
    expect(plain.status).toBe("active");
    expect(stealthy.launchState?.useStealth).toBe(true);
    expect(stealthy.launchState?.screen).toEqual({ width: 1024, height: 768 });
    expect(typeof plain.wsEndpoint).toBe("string");
    expect(typeof plain.token).toBe("string");

    const got = await client.sessions.get(plain.id, { liveViewTtlSeconds: 120 });
    expect(got.id).toBe(plain.id);

    const listed = await client.sessions.list({ status: "active", page: 1, limit: 50 });
    expect(listed.totalCount).toBe(2);
    expect(listed.sessions.map((s) => s.id)).toEqual([stealthy.id, plain.id]);

    expect(await client.sessions.stop(plain.id)).toEqual({ success: true });
    expect(await client.sessions.stop(plain.id)).toEqual({ success: true });
    expect((await client.sessions.get(plain.id)).status).toBe("closed");
    expect((await client.sessions.list({ status: "closed" })).sessions.map((s) => s.id)).toEqual([plain.id]);

    const port = new URL(emu.url).port;
    expect(sockets.created()).toBeGreaterThan(0);
    expect(sockets.connectedTo).toHaveLength(sockets.created());
    expect(new Set(sockets.connectedTo)).toEqual(new Set([`127.0.0.1:${port}`]));
  });

  it("surfaces emulator errors as HyperbrowserError with status, message and request id", async () => {
    const emu = await startTestEmulator({ api: "hyperbrowser" });
    const client = new Hyperbrowser({ apiKey: KEY, baseUrl: emu.url, timeout: 5_000 });
    const missing = await client.sessions.get("00000000-0000-4000-8000-000000000000").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(HyperbrowserError);
    expect(missing).toMatchObject({ statusCode: 404, message: "[Hyperbrowser]: Session not found", requestId: expect.stringMatching(/^req_/) });

    const unauthorized = await new Hyperbrowser({ apiKey: "wrong", baseUrl: emu.url }).sessions.list().catch((e: unknown) => e);
    expect(unauthorized).toMatchObject({ statusCode: 401 });
  });

  it("sees a scenario's 429 as a retryable error, then succeeds", async () => {
    const emu = await startTestEmulator({ api: "hyperbrowser", scenarios: ["rate-limited=1"] });
    const client = new Hyperbrowser({ apiKey: KEY, baseUrl: emu.url, timeout: 5_000 });
    const limited = await client.sessions.list().catch((e: unknown) => e);
    expect(limited).toMatchObject({ statusCode: 429, retryable: true });
    expect((await client.sessions.list()).sessions).toEqual([]);
  });
});
