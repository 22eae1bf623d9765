import { describe, expect, it } from "vitest";
import { chaserSessions, driftAgainst, fastPlan, faultProxy, openChaserSessions, rulesAt, testEmulator, type Fault } from "./helpers.ts";

const KEY = "fault-key";
const GET_ONE = /^GET \/v1\/sessions\/sess_/;
const LIST = /^GET \/v1\/sessions\?/;

const hang: Fault = () => {
  /* never answers: the client's timeout must end it */
};
const reset: Fault = (req) => req.socket.destroy();

/**
 * Faults from a real local server in front of the emulator. Each run ends — in findings (exit 1)
 * or a clear incident (exit 2) — never hangs, and the session it created is deleted again.
 */
describe("drift check against a misbehaving server", () => {
  // The timeout is long enough that no answering request of a loaded machine reaches it: only the hang does.
  it("a request that never answers times out (retried, as GET is safe), and the created session is still deleted", async () => {
    const emulator = await testEmulator({ keys: [KEY] });
    const proxy = await faultProxy(emulator.url, [[GET_ONE, hang]]);
    const run = await driftAgainst(proxy.url, KEY, { apis: ["chaser"], planOverride: fastPlan({ timeoutMs: 1_000, retries: 1 }) });
    expect(run.exitCode).toBe(2);
    const incidents = run.report.apis[0]!.incidents;
    // The derived plan reads one session twice more: an unknown id, and the session it created.
    expect(incidents.map((i) => `${i.step} ${i.kind}`).sort()).toEqual([
      "get-session--unknown-id timeout",
      "get-session-created timeout",
      "get-unknown-session timeout",
      "wait-until-ready timeout",
    ]);
    expect(incidents[0]!.message).toMatch(/no complete answer within 1000 ms/);
    expect(proxy.seen.filter((l) => l.startsWith("GET /v1/sessions/sess_00000000")).length).toBe(4); // two steps, each first try + one retry
    expect(proxy.seen.some((l) => l.startsWith("DELETE /v1/sessions/"))).toBe(true);
    const sessions = await chaserSessions(emulator, KEY);
    expect(sessions.length).toBe(1);
    expect(sessions[0]).toMatchObject({ status: "closed", ended_reason: "client_delete" });
  });

  it("a reset connection is retried for a safe method, then reported as a connection incident", async () => {
    const emulator = await testEmulator({ keys: [KEY] });
    const proxy = await faultProxy(emulator.url, [[LIST, reset]]);
    const run = await driftAgainst(proxy.url, KEY, { apis: ["chaser"], allowWrites: false, planOverride: fastPlan({ retries: 2 }) });
    expect(run.exitCode).toBe(2);
    // Both list steps (before and after the creating steps, which are skipped without writes), and
    // the derived unhappy paths of the list (no key, a malformed key, bad limit and offset values).
    expect(run.report.apis[0]!.incidents.map((i) => `${i.step} ${i.kind} ${i.message}`).sort()).toEqual([
      "list-sessions connection the connection was reset",
      "list-sessions--bad-key connection the connection was reset",
      "list-sessions--no-key connection the connection was reset",
      "list-sessions--out-of-range-limit connection the connection was reset",
      "list-sessions--wrong-type-limit connection the connection was reset",
      "list-sessions--wrong-type-offset connection the connection was reset",
      "list-with-created connection the connection was reset",
    ]);
    expect(proxy.seen.filter((l) => l === "GET /v1/sessions?limit=5").length).toBe(6);
    expect(run.report.apis[0]!.skipped.map((s) => s.step)).toContain("get-listed-session");
  });

  it("malformed JSON is a malformed-body finding", async () => {
    const emulator = await testEmulator({ keys: [KEY] });
    const proxy = await faultProxy(emulator.url, [[LIST, (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"object":"list","data":[{"id":')]]);
    const run = await driftAgainst(proxy.url, KEY, { apis: ["chaser"] });
    expect(run.exitCode).toBe(1);
    expect(run.report.apis[0]!.incidents).toEqual([]);
    // The fault answers every list request 200, also the derived unhappy paths (no key, limit out of range…).
    expect(rulesAt(run, "chaser")).toEqual(["accepted-invalid-request ", "malformed-body "]);
    const f = run.report.apis[0]!.findings.find((x) => x.rule === "malformed-body")!;
    expect(f.args.operation).toBe("GET /v1/sessions");
    expect(f.args.observed).toMatch(/^a body that is not JSON/);
    expect(await openChaserSessions(emulator, KEY)).toEqual([]);
  });

  it("a 10 MiB body is not read past the limit: a too-large incident, and cleanup still runs", async () => {
    const emulator = await testEmulator({ keys: [KEY] });
    const big: Fault = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      res.write('{"object":"list","data":[],"pad":"');
      for (let i = 0; i < 10; i++) res.write(chunk);
      res.end('"}');
    };
    const proxy = await faultProxy(emulator.url, [[LIST, big]]);
    const run = await driftAgainst(proxy.url, KEY, { apis: ["chaser"] });
    expect(run.exitCode).toBe(2);
    expect(run.report.apis[0]!.incidents.map((i) => `${i.step} ${i.kind}`).sort()).toEqual([
      "list-sessions too-large",
      // The derived unhappy paths of the list get the same 10 MiB answer.
      "list-sessions--bad-key too-large",
      "list-sessions--no-key too-large",
      "list-sessions--out-of-range-limit too-large",
      "list-sessions--wrong-type-limit too-large",
      "list-sessions--wrong-type-offset too-large",
      "list-with-created too-large",
    ]);
    expect(proxy.seen.filter((l) => l === "GET /v1/sessions?limit=5").length).toBe(2); // not retried
    expect(await openChaserSessions(emulator, KEY)).toEqual([]);
  });

  it("a redirect to another host is not followed: no credentials reach it, and the 3xx is reported", async () => {
    const emulator = await testEmulator({ keys: [KEY] });
    const elsewhere = await faultProxy(undefined, []);
    const elsewhereUrl = elsewhere.url.replace("127.0.0.1", "localhost");
    const proxy = await faultProxy(emulator.url, [[LIST, (req, res) => res.writeHead(302, { location: `${elsewhereUrl}${req.url}` }).end()]]);
    const run = await driftAgainst(proxy.url, KEY, { apis: ["chaser"] });
    expect(elsewhere.seen).toEqual([]);
    expect(elsewhere.credentials).toEqual([]);
    expect(run.exitCode).toBe(1);
    expect(rulesAt(run, "chaser")).toEqual(["undocumented-status "]);
    expect(run.report.apis[0]!.findings[0]).toMatchObject({ args: { operation: "GET /v1/sessions", status: 302, expected: "200, 400, 401, 403, 500, 503" } });
    expect(await openChaserSessions(emulator, KEY)).toEqual([]);
  });

  it("an HTML error page from a gateway is a server error (retried first), and nothing else", async () => {
    const emulator = await testEmulator({ keys: [KEY] });
    const html: Fault = (_req, res) => res.writeHead(502, { "content-type": "text/html" }).end("<html><body><h1>502 Bad Gateway</h1></body></html>");
    const proxy = await faultProxy(emulator.url, [[GET_ONE, html]]);
    const run = await driftAgainst(proxy.url, KEY, { apis: ["chaser"], planOverride: fastPlan({ retries: 1, maxRetryAfterMs: 100 }) });
    expect(run.exitCode).toBe(1);
    expect(run.report.apis[0]!.incidents).toEqual([]);
    expect(rulesAt(run, "chaser")).toEqual(["server-error "]);
    expect(run.report.apis[0]!.findings[0]).toMatchObject({ args: { operation: "GET /v1/sessions/{id}", status: 502 } });
    expect(await openChaserSessions(emulator, KEY)).toEqual([]);
  });

  it("the overall deadline stops the probes; cleanup gets its own time and deletes the session", async () => {
    const emulator = await testEmulator({ keys: [KEY] });
    const proxy = await faultProxy(emulator.url, [[GET_ONE, hang]]);
    const run = await driftAgainst(proxy.url, KEY, { apis: ["chaser"], planOverride: fastPlan({ timeoutMs: 10_000, deadlineMs: 1_000 }) });
    expect(run.exitCode).toBe(2);
    expect(run.report.apis[0]!.incidents.map((i) => i.kind)).toEqual(["deadline"]);
    expect(await openChaserSessions(emulator, KEY)).toEqual([]);
  });

  it("interrupted after a create whose delete then fails: the incident names what was left, by id", async () => {
    const emulator = await testEmulator({ keys: [KEY], readyDelayMs: 60_000 });
    const stop = new AbortController();
    const created: Fault = (_req, res, forward) => {
      res.on("finish", () => stop.abort()); // Ctrl-C right after the create answered
      forward();
    };
    const failing: Fault = (_req, res) => res.writeHead(500, { "content-type": "application/json" }).end('{"error":{"code":"internal","message":"boom"}}');
    const proxy = await faultProxy(emulator.url, [
      [/^POST \/v1\/sessions$/, created],
      [/^DELETE \/v1\/sessions\//, failing],
    ]);
    const run = await driftAgainst(proxy.url, KEY, { apis: ["chaser"], signal: stop.signal });
    expect(run.exitCode).toBe(2);
    const [open] = await openChaserSessions(emulator, KEY);
    expect(open).toMatch(/^sess_/);
    const incidents = run.report.apis[0]!.incidents;
    expect(incidents.map((i) => i.kind)).toEqual(["interrupted"]);
    expect(incidents[0]!.message).toBe(
      `interrupted; the cleanup deleted 0 of the 1 resource created, and failed for 1: id "${open}" (delete-session: 500, delete-session-again: 500) — delete it by hand`,
    );
    expect(run.stdout).not.toContain(KEY);
  });

  it("flaky answers (503 + Retry-After: 0) are retried for safe methods only", async () => {
    const emulator = await testEmulator({ keys: [KEY], scenarios: ["flaky"] });
    const readOnly = await driftAgainst(emulator.url, KEY, { apis: ["chaser"], allowWrites: false });
    expect(readOnly.exitCode).toBe(0);
    expect(rulesAt(readOnly, "chaser")).toEqual([]);
    // POST is not idempotent: its 503 is not repeated, so it is reported, and nothing depends on it.
    const writes = await driftAgainst(emulator.url, KEY, { apis: ["chaser"] });
    expect(rulesAt(writes, "chaser")).toEqual(["server-error "]);
    expect(writes.report.apis[0]!.findings[0]!.args.operation).toBe("POST /v1/sessions");
    expect(await openChaserSessions(emulator, KEY)).toEqual([]);
  });
});
