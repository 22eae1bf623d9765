import { describe, expect, it, vi } from "vitest";
import { HyperbrowserError, InternalServerError, NotFoundError, createHyperbrowserClient, type DriftFinding } from "../../generated/hyperbrowser/dist/index.js";
import { driftSentinel } from "../../generated/hyperbrowser/dist/sentinel.js";
import { KEY, recordingFetch, scenario, startClientEmulator } from "./helpers.ts";

/** The vendor's Session schema lists no required property: the id is typed optional. */
function idOf(session: { id?: string }): string {
  if (session.id === undefined) throw new Error("session without id");
  return session.id;
}

/** The generated Hyperbrowser package (its built dist/) against the bundled emulator. */
describe("hyperbrowser-client against the emulator", () => {
  it("runs the session lifecycle and lists every page by page number", async () => {
    const emu = await startClientEmulator({ seed: { hyperbrowser: { activeSessions: 20, closedSessions: 5 } } });
    const recorder = recordingFetch();
    const hb = createHyperbrowserClient({ apiKey: KEY, baseUrl: emu.url, fetch: recorder.fetch });

    const created = await hb.sessions.create({ useStealth: true });
    expect(created.status).toBe("active");
    expect(recorder.requests[0]!.headers.get("x-api-key")).toBe(KEY);
    expect(recorder.requests[0]!.headers.get("authorization")).toBeNull();

    const got = await hb.sessions.get(idOf(created));
    expect(got.id).toBe(created.id);
    expect(got.launchState?.useStealth).toBe(true);

    const first = await hb.sessions.list({ page: 1 });
    expect(first.sessions).toHaveLength(10);
    expect(first.totalCount).toBe(26);

    const ids: string[] = [];
    for await (const session of hb.sessions.listAll()) ids.push(idOf(session));
    expect(ids).toHaveLength(26);
    expect(new Set(ids).size).toBe(26);
    expect(ids[0]).toBe(created.id); // newest first
    const pages = recorder.requests.filter((r) => r.url.includes("/api/sessions")).map((r) => new URL(r.url).searchParams.get("page"));
    expect(pages).toEqual(["1", "1", "2", "3"]);

    const active: string[] = [];
    for await (const session of hb.sessions.listAll({ status: "active" })) active.push(session.status ?? "");
    expect(active).toEqual(Array(21).fill("active"));

    await expect(hb.sessions.stop(idOf(created))).resolves.toEqual({ success: true });
    expect((await hb.sessions.get(idOf(created))).status).toBe("closed");
  });

  it("throws HyperbrowserError with the message of the { message } body and an http_<status> code", async () => {
    const emu = await startClientEmulator();
    const hb = createHyperbrowserClient({ apiKey: KEY, baseUrl: emu.url });
    const error = await hb.sessions.get("00000000-0000-4000-8000-000000000000").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(HyperbrowserError);
    const e = error as NotFoundError;
    expect(e.name).toBe("NotFoundError");
    expect(e.body?.message).toBe("Session not found");
    expect(e.status).toBe(404);
    expect(e.code).toBe("http_404");
    expect(e.message).toBe("HTTP 404 http_404: Session not found");
    expect(e.body).toEqual({ message: "Session not found" });
    expect(e.requestId).toMatch(/^req_/);
  });

  it("retries PUT (stop) but not POST (create)", async () => {
    const emu = await startClientEmulator();
    const hb = createHyperbrowserClient({ apiKey: KEY, baseUrl: emu.url });
    const id = idOf(await hb.sessions.create());
    await expect(hb.sessions.stop(id, scenario("flaky"))).resolves.toEqual({ success: true });
    expect(emu.count("PUT", `/api/session/${id}/stop`)).toBe(2);
    await expect(hb.sessions.create(undefined, scenario("flaky"))).rejects.toMatchObject({ status: 503, name: "InternalServerError" });
    const { data, response, requestId } = await hb.sessions.get(id).withResponse();
    expect(data.id).toBe(id);
    expect(response.headers.get("x-request-id")).toBe(requestId);
    expect(InternalServerError.prototype).toBeInstanceOf(HyperbrowserError);
    expect(emu.count("POST", "/api/session")).toBe(2); // the first create, and one attempt of the second
  });
});

describe("hyperbrowser-client's drift sentinel", () => {
  it("is quiet on the documented answers and reports the vendor's iso8601 format broken", async () => {
    const emu = await startClientEmulator({ seed: { hyperbrowser: { activeSessions: 2 } } });
    const findings: DriftFinding[] = [];
    const hb = createHyperbrowserClient({ apiKey: KEY, baseUrl: emu.url, validateResponses: driftSentinel({ onDrift: (f) => findings.push(f) }) });
    const id = idOf(await hb.sessions.create());
    for await (const _ of hb.sessions.listAll()) void _;
    await hb.sessions.get("00000000-0000-4000-8000-000000000000").catch(() => undefined);
    await hb.sessions.stop(id);
    await import("../../generated/hyperbrowser/dist/drift-checks.js");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(findings).toEqual([]);
    await hb.sessions.get(id, scenario("bad-format"));
    await vi.waitFor(() => expect(findings).toHaveLength(1));
    expect(findings).toEqual([expect.objectContaining({ rule: "format-mismatch", operation: "getSession", pointer: "/createdAt", expected: "iso8601" })]);
  });
});
