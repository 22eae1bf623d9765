import { describe, expect, it } from "vitest";
import { UUID, startTestEmulator } from "./helpers.ts";

const CORE = { scenario: "core-contract" } as const;
const SESSION_INFO_REQUIRED = ["created_at", "endpoints", "id", "session_type", "status"];

describe("scenario core-contract: Chaser answers as the Core API fragments (000, 001, 004)", () => {
  it("creates a persistent session with 200 SessionInfo and reuses the live one of the same workspace", async () => {
    const emu = await startTestEmulator();
    const first = await emu.chaser("POST", "/v1/sessions", { ...CORE, body: { workspace: "frontend-app", session_type: "sandbox", proxy: "DEFAULT" } });
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/json");
    for (const field of SESSION_INFO_REQUIRED) expect(first.json).toHaveProperty(field);
    expect(first.json).toMatchObject({
      session_type: "sandbox",
      status: "creating",
      persistence: true,
      active_connection_leases: 0,
      endpoints: { control: expect.stringMatching(/^wss:\/\//), video: null },
    });
    expect(first.json.workspace_id).toMatch(UUID);
    expect(first.json).not.toHaveProperty("object");

    const again = await emu.chaser("POST", "/v1/sessions", { ...CORE, body: { workspace: "frontend-app" } });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);

    await emu.chaser("DELETE", `/v1/sessions/${first.json.id}`);
    const fresh = await emu.chaser("POST", "/v1/sessions", { ...CORE, body: { workspace: "frontend-app" } });
    expect(fresh.json.id).not.toBe(first.json.id);
    expect(fresh.json.workspace_id).toBe(first.json.workspace_id);
  });

  it("creates an ephemeral browser session without a workspace", async () => {
    const emu = await startTestEmulator();
    const answer = await emu.chaser("POST", "/v1/sessions", { ...CORE, body: { ephemeral: true, image: "chrome" } });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ session_type: "browser", persistence: false, workspace_id: null });
  });

  it.each([
    [{}, "invalid_request"],
    [{ workspace: "w", ephemeral: true }, "invalid_request"],
    [{ workspace: "" }, "invalid_field"],
    [{ ephemeral: "yes" }, "invalid_field"],
    [{ workspace: "w", image: "chrome" }, "invalid_field"],
    [{ ephemeral: true, session_type: "vm" }, "invalid_field"],
    [{ ephemeral: true, env: { A: 1 } }, "invalid_field"],
  ])("rejects %j with 400 %s", async (body, code) => {
    const emu = await startTestEmulator();
    const answer = await emu.chaser("POST", "/v1/sessions", { ...CORE, body });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe(code);
  });

  it("lists { sessions, total } with limit and offset, newest first", async () => {
    const emu = await startTestEmulator({ seed: { chaser: { closedSessions: 7 } } });
    const all = (await emu.chaser("GET", "/v1/sessions?limit=100")).json.data.map((s: { id: string }) => s.id);
    const answer = await emu.chaser("GET", "/v1/sessions?limit=3&offset=2", CORE);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json)).toEqual(["sessions", "total"]);
    expect(answer.json.total).toBe(7);
    expect(answer.json.sessions.map((s: { id: string }) => s.id)).toEqual(all.slice(2, 5));
    for (const field of SESSION_INFO_REQUIRED) expect(answer.json.sessions[0]).toHaveProperty(field);
    expect((await emu.chaser("GET", "/v1/sessions?offset=-1", CORE)).status).toBe(400);
  });

  it("gets one SessionInfo, 404 when unknown; delete keeps the Sessions API behaviour", async () => {
    const emu = await startTestEmulator({ scenarios: ["core-contract"] });
    const created = await emu.chaser("POST", "/v1/sessions", { body: { ephemeral: true } });
    expect(created.status).toBe(200);
    const got = await emu.chaser("GET", `/v1/sessions/${created.json.id}`);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ id: created.json.id, status: "ready", endpoints: created.json.endpoints });
    expect((await emu.chaser("GET", "/v1/sessions/sess_unknown")).status).toBe(404);
    expect((await emu.chaser("DELETE", `/v1/sessions/${created.json.id}`)).status).toBe(204);
  });

  it("leaves the default contract untouched for requests without it on a shared server", async () => {
    const emu = await startTestEmulator();
    const plain = await emu.chaser("POST", "/v1/sessions", { body: { workspace: "ignored" } });
    expect(plain.status).toBe(201);
    expect(plain.json.object).toBe("session");
  });
});
