import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator/index.ts";
import { driftAgainst, openChaserSessions, rulesAt } from "./helpers.ts";

/**
 * Each drift scenario of the emulator (emulator/README.md, "Where body drift lands") makes exactly
 * its rule fire, at the scenario's pointers, and nothing else. Chaser body drift lands on the
 * created session (/…), GET of one session (/…) and list items (/data/0/…).
 */
const CASES: { api: "chaser" | "hyperbrowser"; scenario: string; expected: string[] }[] = [
  { api: "chaser", scenario: "extra-field", expected: ["undocumented-field /data/0/emulator_extra", "undocumented-field /emulator_extra"] },
  { api: "chaser", scenario: "missing-field", expected: ["missing-required-field /data/0/id", "missing-required-field /id"] },
  { api: "chaser", scenario: "wrong-type", expected: ["type-mismatch /bytes_up", "type-mismatch /data/0/bytes_up"] },
  { api: "chaser", scenario: "bad-enum", expected: ["enum-mismatch /data/0/status", "enum-mismatch /status"] },
  { api: "chaser", scenario: "bad-format", expected: ["format-mismatch /created_at", "format-mismatch /data/0/created_at"] },
  { api: "chaser", scenario: "undocumented-status", expected: ["undocumented-status "] },
  { api: "chaser", scenario: "wrong-content-type", expected: ["undocumented-content-type "] },
  { api: "chaser", scenario: "server-error", expected: ["server-error "] },
  { api: "hyperbrowser", scenario: "extra-field", expected: ["undocumented-field /emulatorExtra", "undocumented-field /sessions/0/emulatorExtra"] },
  // The vendor's Session schema requires nothing: a missing id breaks no documented rule (emulator/README.md).
  { api: "hyperbrowser", scenario: "missing-field", expected: [] },
  { api: "hyperbrowser", scenario: "wrong-type", expected: ["type-mismatch /creditsUsed", "type-mismatch /sessions/0/creditsUsed"] },
  { api: "hyperbrowser", scenario: "bad-enum", expected: ["enum-mismatch /sessions/0/status", "enum-mismatch /status"] },
  // `format: iso8601` is checked (generator/drift/validators.ts VENDOR_FORMATS): an HTTP date is not ISO 8601.
  { api: "hyperbrowser", scenario: "bad-format", expected: ["format-mismatch /createdAt", "format-mismatch /sessions/0/createdAt"] },
  { api: "hyperbrowser", scenario: "undocumented-status", expected: ["undocumented-status "] },
  { api: "hyperbrowser", scenario: "wrong-content-type", expected: ["undocumented-content-type "] },
  { api: "hyperbrowser", scenario: "server-error", expected: ["server-error "] },
];

let emulator: RunningEmulator;
const keys = CASES.map((_, i) => `scenario-key-${i}`);

beforeAll(async () => {
  emulator = await startEmulator({
    host: "127.0.0.1",
    port: 0,
    readyDelayMs: 0,
    limits: false,
    keys: [...keys, "other-key"],
    seed: { chaser: { readySessions: 1 }, hyperbrowser: { activeSessions: 1 } },
  });
});
afterAll(() => emulator.close());

describe("emulator drift scenarios", () => {
  for (const [i, c] of CASES.entries()) {
    it(`${c.api} ${c.scenario}: ${c.expected.length ? c.expected.join(", ") : "nothing"}`, async () => {
      const run = await driftAgainst(emulator.url, keys[i]!, { apis: [c.api], extraHeaders: { "x-emulator-scenario": c.scenario } });
      expect(run.report.apis[0]!.incidents).toEqual([]);
      expect(rulesAt(run, c.api)).toEqual(c.expected);
      expect(run.exitCode).toBe(c.expected.length === 0 || c.expected.every((e) => e.startsWith("undocumented-field")) ? 0 : 1);
      // Every finding names the spec place it contradicts, with a source line from the provenance.
      for (const f of run.report.apis[0]!.findings) {
        expect(f.pointer).toMatch(/^\/(paths|components)\//);
        expect(f.sources.length).toBeGreaterThan(0);
        expect(f.sources[0]!.line).toBeGreaterThan(0);
      }
    });
  }

  it("without a scenario the same probes find nothing, and leave no session open", async () => {
    const seeded = await openChaserSessions(emulator, "other-key");
    for (const api of ["chaser", "hyperbrowser"]) {
      const run = await driftAgainst(emulator.url, "other-key", { apis: [api] });
      expect(rulesAt(run, api)).toEqual([]);
      expect(run.exitCode).toBe(0);
    }
    expect(await openChaserSessions(emulator, "other-key")).toEqual(seeded);
  });

  it("pins the places: type-mismatch on bytes_up points at its schema and its docs line", async () => {
    const run = await driftAgainst(emulator.url, keys[2]!, { apis: ["chaser"], extraHeaders: { "x-emulator-scenario": "wrong-type" } });
    const f = run.report.apis[0]!.findings.find((x) => x.args.bodyPointer === "/bytes_up")!;
    expect(f).toMatchObject({
      rule: "type-mismatch",
      severity: "error",
      pointer: "/components/schemas/SessionInfo/properties/bytes_up",
      sources: [
        { file: "docs/sessions-api.md", line: 75 },
        { file: "docs/sessions-api.md", line: 111 },
        { file: "docs/sessions-api.md", line: 128 },
      ],
      args: { operation: "GET /v1/sessions/{id}", status: 200, expected: "integer" },
    });
    expect(f.args.observed).toMatch(/^string "\d+"$/);
    expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });
});
