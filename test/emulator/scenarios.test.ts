import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCENARIOS, SCENARIO_NAMES, startEmulator, EmulatorUsageError } from "../../emulator/index.ts";
import { OTHER_KEY, differingPointers, manualClock, startTestEmulator, type Answer, type TestEmulator } from "./helpers.ts";

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

type Surface = "chaser" | "core" | "hyperbrowser";

/** The JSON pointer (relative to the subject session) each body-drift scenario must change. */
const DRIFT_POINTERS: Record<string, Record<Surface, string>> = {
  "extra-field": { chaser: "/emulator_extra", core: "/emulator_extra", hyperbrowser: "/emulatorExtra" },
  "missing-field": { chaser: "/id", core: "/id", hyperbrowser: "/id" },
  "wrong-type": { chaser: "/bytes_up", core: "/active_connection_leases", hyperbrowser: "/creditsUsed" },
  "bad-enum": { chaser: "/status", core: "/status", hyperbrowser: "/status" },
  "bad-format": { chaser: "/created_at", core: "/created_at", hyperbrowser: "/createdAt" },
};

/** One GET of a single session and one list, per surface, with the list's subject path. */
function probes(emu: TestEmulator, ids: { chaser: string; hyperbrowser: string }) {
  const core = "core-contract";
  return [
    { surface: "chaser" as const, base: "", run: (s?: string) => emu.chaser("GET", `/v1/sessions/${ids.chaser}`, { scenario: s }) },
    { surface: "chaser" as const, base: "/data/0", run: (s?: string) => emu.chaser("GET", "/v1/sessions", { scenario: s }) },
    { surface: "core" as const, base: "", run: (s?: string) => emu.chaser("GET", `/v1/sessions/${ids.chaser}`, { scenario: s ? `${core},${s}` : core }) },
    { surface: "core" as const, base: "/sessions/0", run: (s?: string) => emu.chaser("GET", "/v1/sessions", { scenario: s ? `${core},${s}` : core }) },
    { surface: "hyperbrowser" as const, base: "", run: (s?: string) => emu.hyperbrowser("GET", `/api/session/${ids.hyperbrowser}`, { scenario: s }) },
    { surface: "hyperbrowser" as const, base: "/sessions/0", run: (s?: string) => emu.hyperbrowser("GET", "/api/sessions", { scenario: s }) },
  ];
}

async function sharedServer(): Promise<{ emu: TestEmulator; ids: { chaser: string; hyperbrowser: string } }> {
  // A frozen clock makes two answers for the same session byte-identical except for the drift.
  const emu = await startTestEmulator({ clock: manualClock() });
  await emu.createChaser();
  const chaser = (await emu.createChaser()).id;
  await emu.hyperbrowser("POST", "/api/session");
  const hyperbrowser = (await emu.hyperbrowser("POST", "/api/session")).json.id;
  return { emu, ids: { chaser, hyperbrowser } };
}

function pointerValue(body: unknown, pointer: string): unknown {
  return pointer
    .split("/")
    .slice(1)
    .reduce<unknown>((node, step) => (node as Record<string, unknown> | undefined)?.[step], body);
}

describe("the scenario table", () => {
  it("has every scenario the issue asks for, each with a description", () => {
    for (const name of [
      "extra-field",
      "missing-field",
      "wrong-type",
      "bad-enum",
      "bad-format",
      "undocumented-status",
      "wrong-content-type",
      "server-error",
      "flaky",
      "slow",
      "rate-limited",
      "core-contract",
    ]) {
      expect(SCENARIO_NAMES).toContain(name);
    }
    for (const scenario of SCENARIOS) expect(scenario.changes.length).toBeGreaterThan(20);
  });

  it("is documented scenario by scenario in emulator/README.md", () => {
    const readme = readFileSync(new URL("../../emulator/README.md", import.meta.url), "utf8");
    for (const name of SCENARIO_NAMES) expect(readme).toMatch(new RegExp(`^\\| \`${name}(=N)?\` \\|`, "m"));
  });
});

describe("body drift scenarios change exactly one property of the subject session", () => {
  for (const [scenario, pointers] of Object.entries(DRIFT_POINTERS)) {
    it(`${scenario}`, async () => {
      const { emu, ids } = await sharedServer();
      for (const probe of probes(emu, ids)) {
        const faithful = await probe.run();
        const drifted = await probe.run(scenario);
        const pointer = `${probe.base}${pointers[probe.surface]}`;
        expect(drifted.status, pointer).toBe(200);
        expect(differingPointers(faithful.json, drifted.json), `${probe.surface} ${probe.base}`).toEqual([pointer]);
        const before = pointerValue(faithful.json, pointer);
        const after = pointerValue(drifted.json, pointer);
        if (scenario === "extra-field") expect([before, after]).toEqual([undefined, "undocumented"]);
        if (scenario === "missing-field") expect([typeof before, after]).toEqual(["string", undefined]);
        if (scenario === "wrong-type") expect([typeof before, after]).toEqual(["number", String(before)]);
        if (scenario === "bad-enum") expect(after).toBe("paused");
        if (scenario === "bad-format") {
          expect(before).toMatch(RFC3339);
          expect(after).not.toMatch(RFC3339);
          expect(Date.parse(after as string)).toBe(Math.floor(Date.parse(before as string) / 1000) * 1000);
        }
      }
    });
  }

  it("acts on the create answers too, and leaves the 201 without bytes_up untouched by wrong-type", async () => {
    const emu = await startTestEmulator();
    const extra = await emu.chaser("POST", "/v1/sessions", { body: {}, scenario: "extra-field" });
    expect(Object.keys(extra.json)).toEqual(["id", "object", "status", "cdp_url", "created_at", "expires_at", "emulator_extra"]);
    const wrongType = await emu.chaser("POST", "/v1/sessions", { body: {}, scenario: "wrong-type" });
    expect(Object.keys(wrongType.json)).toEqual(["id", "object", "status", "cdp_url", "created_at", "expires_at"]);
    const hyperbrowser = await emu.hyperbrowser("POST", "/api/session", { scenario: "bad-enum" });
    expect(hyperbrowser.json.status).toBe("paused");
  });

  it("does not touch error bodies or lists without sessions", async () => {
    const emu = await startTestEmulator();
    const missing = await emu.chaser("GET", "/v1/sessions/sess_x", { scenario: "extra-field,missing-field" });
    expect(missing.json).toEqual({ error: { code: "session_not_found", message: expect.any(String) } });
    const empty = await emu.chaser("GET", "/v1/sessions", { scenario: "extra-field,bad-enum" });
    expect(empty.json).toEqual({ object: "list", data: [], next_cursor: null, has_more: false });
  });

  it("combine: two scenarios, two changes", async () => {
    const { emu, ids } = await sharedServer();
    const faithful = await emu.chaser("GET", `/v1/sessions/${ids.chaser}`);
    const drifted = await emu.chaser("GET", `/v1/sessions/${ids.chaser}`, { scenario: "extra-field, bad-enum" });
    expect(differingPointers(faithful.json, drifted.json).sort()).toEqual(["/emulator_extra", "/status"]);
  });

  it("apply to every request when selected at start, and combine with the header", async () => {
    const emu = await startTestEmulator({ scenarios: ["wrong-type"], clock: manualClock() });
    const session = await emu.createChaser();
    const atStart = (await emu.chaser("GET", `/v1/sessions/${session.id}`)).json;
    expect(typeof atStart.bytes_up).toBe("string");
    const both = (await emu.chaser("GET", `/v1/sessions/${session.id}`, { scenario: "bad-enum" })).json;
    expect([typeof both.bytes_up, both.status]).toEqual(["string", "paused"]);
  });
});

describe("status and header scenarios", () => {
  it("undocumented-status answers 418 on GET of one session only", async () => {
    const { emu, ids } = await sharedServer();
    const chaser = await emu.chaser("GET", `/v1/sessions/${ids.chaser}`, { scenario: "undocumented-status" });
    expect(chaser.status).toBe(418);
    expect(chaser.json).toEqual({ error: { code: "im_a_teapot", message: expect.any(String) } });
    const hyperbrowser = await emu.hyperbrowser("GET", `/api/session/${ids.hyperbrowser}`, { scenario: "undocumented-status" });
    expect(hyperbrowser.status).toBe(418);
    expect(hyperbrowser.json).toEqual({ message: expect.any(String) });
    expect((await emu.chaser("GET", "/v1/sessions", { scenario: "undocumented-status" })).status).toBe(200);
    expect((await emu.chaser("POST", "/v1/sessions", { body: {}, scenario: "undocumented-status" })).status).toBe(201);
  });

  it("wrong-content-type labels JSON answers text/plain and changes nothing else", async () => {
    const { emu, ids } = await sharedServer();
    const faithful = await emu.chaser("GET", `/v1/sessions/${ids.chaser}`);
    const drifted = await emu.chaser("GET", `/v1/sessions/${ids.chaser}`, { scenario: "wrong-content-type" });
    expect(drifted.status).toBe(200);
    expect(drifted.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(drifted.text).toBe(faithful.text);
    const error = await emu.hyperbrowser("GET", "/api/session/x", { scenario: "wrong-content-type" });
    expect([error.status, error.headers.get("content-type")]).toEqual([404, "text/plain; charset=utf-8"]);
    const png = await emu.chaser("POST", `/v1/sessions/${ids.chaser}/screenshot`, { scenario: "wrong-content-type" });
    expect(png.headers.get("content-type")).toBe("image/png");
  });

  it("server-error answers 500 in each API's envelope and changes no state", async () => {
    const emu = await startTestEmulator();
    const chaser = await emu.chaser("POST", "/v1/sessions", { body: {}, scenario: "server-error" });
    expect(chaser.status).toBe(500);
    expect(chaser.json).toEqual({ error: { code: "internal_error", message: expect.any(String) } });
    const hyperbrowser = await emu.hyperbrowser("POST", "/api/session", { scenario: "server-error" });
    expect(hyperbrowser.status).toBe(500);
    expect(hyperbrowser.json).toEqual({ message: expect.any(String) });
    expect((await emu.chaser("GET", "/v1/sessions")).json.data).toEqual([]);
    expect((await emu.hyperbrowser("GET", "/api/sessions")).json.totalCount).toBe(0);
  });
});

describe("fault scenarios", () => {
  it("flaky fails the first attempt of each distinct request with 503 and Retry-After: 0", async () => {
    const emu = await startTestEmulator();
    const attempt = (path: string) => emu.chaser("GET", path, { scenario: "flaky" });
    const first = await attempt("/v1/sessions?limit=5");
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("0");
    expect(first.json.error.code).toBe("service_unavailable");
    expect((await attempt("/v1/sessions?limit=5")).status).toBe(200);
    expect((await attempt("/v1/sessions?limit=5")).status).toBe(200);
    expect((await attempt("/v1/sessions?limit=6")).status).toBe(503);
  });

  it("flaky=N fails N attempts; a failed create creates nothing", async () => {
    const emu = await startTestEmulator();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await emu.chaser("POST", "/v1/sessions", { body: { ttl_seconds: 90 }, scenario: "flaky=2" })).status);
    expect(statuses).toEqual([503, 503, 201]);
    expect((await emu.chaser("GET", "/v1/sessions")).json.data).toHaveLength(1);
  });

  it("rate-limited=N answers 429 with Retry-After: 1 to the first N requests of a scope", async () => {
    const emu = await startTestEmulator();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 4; i++) {
      const answer = await emu.chaser("GET", "/v1/sessions", { scenario: "rate-limited=2" });
      statuses.push(answer.status);
      if (answer.status === 429) {
        retryAfter = answer.headers.get("retry-after");
        expect(answer.json.error.code).toBe("rate_limited");
      }
    }
    expect(statuses).toEqual([429, 429, 200, 200]);
    expect(retryAfter).toBe("1");
    // Another key, or another x-emulator-scope, starts its own count.
    expect((await emu.chaser("GET", "/v1/sessions", { scenario: "rate-limited=1", key: OTHER_KEY })).status).toBe(429);
    expect((await emu.chaser("GET", "/v1/sessions", { scenario: "rate-limited=1", headers: { "x-emulator-scope": "t2" } })).status).toBe(429);
  });

  it("slow=N delays the answer by at least N ms", async () => {
    const emu = await startTestEmulator();
    const started = performance.now();
    const answer = await emu.chaser("GET", "/v1/sessions", { scenario: "slow=150" });
    expect(answer.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it("close() does not wait for a slow request and leaves no timer", async () => {
    const emu = await startEmulator({ port: 0, keys: ["k"], scenarios: ["slow=60000"] });
    const pending = fetch(`${emu.url}/v1/sessions`, { headers: { authorization: "Bearer k" } }).then(
      () => "answered",
      () => "failed",
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await emu.close();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await pending).toBe("failed");
  });
});

describe("selecting scenarios", () => {
  it("answers 400 invalid_request to an unknown scenario in the header", async () => {
    const emu = await startTestEmulator();
    const answers: Answer[] = [
      await emu.chaser("GET", "/v1/sessions", { scenario: "no-such-thing" }),
      await emu.chaser("GET", "/v1/sessions", { scenario: "server-error=3" }),
      await emu.chaser("GET", "/v1/sessions", { scenario: "slow=fast" }),
      await emu.chaser("GET", "/v1/sessions", { scenario: "slow=1=2" }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.json.error.code).toBe("invalid_request");
      expect(answer.json.error.message).toMatch(/^x-emulator-scenario: /);
    }
    expect((await emu.hyperbrowser("GET", "/api/sessions", { scenario: "nope" })).json).toEqual({ message: expect.stringMatching(/unknown scenario/) });
  });

  it("refuses to start with an unknown scenario", async () => {
    await expect(startEmulator({ port: 0, scenarios: ["nope"] })).rejects.toBeInstanceOf(EmulatorUsageError);
  });
});
