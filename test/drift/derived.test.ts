import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import type { DriftPlan } from "../../generator/drift/config.ts";
import { renderJson } from "../../generator/drift/report/json.ts";
import { DriftlessError } from "../../generator/problems/error.ts";
import { driftAgainst, fastPlan, faultProxy, openChaserSessions, rulesAt, SPECS, testEmulator, type Fault } from "./helpers.ts";

/**
 * The plan derived from the canonical document alone (issue 10): specs directories whose api.yaml
 * has no `drift:` section, against local servers that depart from the documents in known ways.
 */
let dir: string;
/** api.yaml without `drift:`, and the committed baselines (the vendor departures the emulator reproduces). */
let derivedSpecs: string;
/** api.yaml without `drift:` and no baseline: every departure is new. */
let bareSpecs: string;

function specsWithoutPlan(name: string, baselines: boolean): string {
  const specs = path.join(dir, name);
  for (const api of ["chaser", "hyperbrowser"]) {
    mkdirSync(path.join(specs, api), { recursive: true });
    const doc = parseDocument(readFileSync(path.join(SPECS, api, "api.yaml"), "utf8"));
    doc.delete("drift");
    writeFileSync(path.join(specs, api, "api.yaml"), doc.toString());
    if (baselines) copyFileSync(path.join(SPECS, api, "drift-baseline.json"), path.join(specs, api, "drift-baseline.json"));
  }
  return specs;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "driftless-derived-"));
  derivedSpecs = specsWithoutPlan("derived", true);
  bareSpecs = specsWithoutPlan("bare", false);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Only the steps api.yaml writes (alone or over a derived step): the hand-written plan as it ran before plans were derived. */
const handWrittenOnly = (plan: DriftPlan): DriftPlan => {
  const fast = fastPlan()(plan);
  const hand = (s: DriftPlan["probes"][number]) => s.origin === "api.yaml" || s.origin === "refined";
  return { ...fast, probes: fast.probes.filter(hand), cleanup: fast.cleanup.filter(hand) };
};

/** Hyperbrowser sessions of `key` still active on the emulator. */
async function activeHyperbrowserSessions(url: string, key: string): Promise<string[]> {
  const res = await fetch(`${url}/api/sessions?status=active&limit=100`, { headers: { "x-api-key": key } });
  return ((await res.json()) as { sessions: { id: string }[] }).sessions.map((s) => s.id);
}

const SCENARIOS: { api: "chaser" | "hyperbrowser"; scenario: string }[] = [
  ...["extra-field", "missing-field", "wrong-type", "bad-enum", "bad-format", "undocumented-status", "wrong-content-type", "server-error"].map((scenario) => ({
    api: "chaser" as const,
    scenario,
  })),
  ...["extra-field", "missing-field", "wrong-type", "bad-enum", "bad-format", "undocumented-status", "wrong-content-type", "server-error"].map((scenario) => ({
    api: "hyperbrowser" as const,
    scenario,
  })),
];

describe("without a drift: section, the derived plan", () => {
  it.each(SCENARIOS)("finds every departure the hand-written plan finds: $api $scenario", async ({ api, scenario }) => {
    const emulator = await testEmulator({ keys: ["k"], seed: { chaser: { readySessions: 1 }, hyperbrowser: { activeSessions: 1 } } });
    const options = { apis: [api], extraHeaders: { "x-emulator-scenario": scenario } };
    const hand = await driftAgainst(emulator.url, "k", { ...options, planOverride: handWrittenOnly });
    const derived = await driftAgainst(emulator.url, "k", { ...options, specsDir: derivedSpecs });
    const found = rulesAt(derived, api);
    for (const rule of rulesAt(hand, api)) expect(found).toContain(rule);
    expect(derived.report.apis[0]!.incidents).toEqual([]);
    expect(derived.exitCode).toBe(hand.exitCode);
    // Every created session ended (the seeded one stays open), but under missing-field: its create answer has no id to end it by.
    if (scenario !== "missing-field") expect(await (api === "chaser" ? openChaserSessions(emulator, "k") : activeHyperbrowserSessions(emulator.url, "k"))).toHaveLength(1);
  });

  it.each<[string, RegExp, Fault, string[]]>([
    [
      "malformed JSON",
      /^GET \/v1\/sessions\?/,
      (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"object":"list","data":[{"id":'),
      ["malformed-body "],
    ],
    ["a gateway's HTML 502", /^GET \/v1\/sessions\/sess_/, (_req, res) => res.writeHead(502, { "content-type": "text/html" }).end("<html>502</html>"), ["server-error "]],
    ["a redirect", /^GET \/v1\/sessions\?/, (req, res) => res.writeHead(302, { location: `http://localhost:1${req.url}` }).end(), ["undocumented-status "]],
  ])("finds the same fault as the hand-written plan: %s", async (_name, pattern, fault, rules) => {
    const emulator = await testEmulator({ keys: ["k"], seed: { chaser: { readySessions: 1 } } });
    const proxy = await faultProxy(emulator.url, [[pattern, fault]]);
    const hand = await driftAgainst(proxy.url, "k", { apis: ["chaser"], planOverride: fastPlan({ retries: 1, maxRetryAfterMs: 100 }) });
    const derived = await driftAgainst(proxy.url, "k", { apis: ["chaser"], specsDir: derivedSpecs, planOverride: fastPlan({ retries: 1, maxRetryAfterMs: 100 }) });
    for (const rule of rules) {
      expect(rulesAt(hand, "chaser")).toContain(rule);
      expect(rulesAt(derived, "chaser")).toContain(rule);
    }
    expect(await openChaserSessions(emulator, "k")).toHaveLength(1);
  });

  it("finds an undocumented 401: a server that refuses a missing or malformed key where the document lists no 401", async () => {
    const emulator = await testEmulator({ keys: ["hb-key-0123"], seed: { hyperbrowser: { activeSessions: 1 } } });
    const proxy = await faultProxy(emulator.url, []);
    const run = await driftAgainst(proxy.url, "hb-key-0123", { apis: ["hyperbrowser"], specsDir: bareSpecs, allowWrites: false });
    expect(run.exitCode).toBe(1);
    const found = run.report.apis[0]!.findings.filter((f) => f.rule === "undocumented-status" && f.args.status === 401);
    expect(found.map((f) => `${f.args.operation} (${f.args.intent})`)).toEqual(["GET /api/session/{id} (bad-key, no-key)", "GET /api/sessions (bad-key, no-key)"]);
    expect(found[0]!.args.expected).toBe("200, 404");
    // The no-key probes sent no credential; the malformed-key ones their made-up key in x-api-key, instead of the real one.
    expect(proxy.seen.length - proxy.credentials.length).toBe(2 + 3); // list and get, and the three item reads the emulator does not serve
    expect(proxy.credentials.filter((c) => c === "driftless-invalid-key-0000000000000000")).toHaveLength(5);
    // Read-only against a live URL: nothing but GET went out.
    expect(proxy.seen.every((l) => l.startsWith("GET "))).toBe(true);
  });

  it("finds an unchecked range: a limit over its maximum answered 200 where the document promises 400", async () => {
    const emulator = await testEmulator({ keys: ["k"], seed: { chaser: { readySessions: 1 } } });
    const clamped: Fault = (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"object":"list","data":[],"next_cursor":null,"has_more":false}');
    const proxy = await faultProxy(emulator.url, [[/^GET \/v1\/sessions\?limit=101$/, clamped]]);
    const run = await driftAgainst(proxy.url, "k", { apis: ["chaser"], specsDir: derivedSpecs });
    expect(run.exitCode).toBe(1);
    expect(rulesAt(run, "chaser")).toEqual(["accepted-invalid-request "]);
    const f = run.report.apis[0]!.findings.find((x) => x.rule === "accepted-invalid-request")!;
    expect(f).toMatchObject({
      pointer: "/paths/~1v1~1sessions/get/responses/400",
      args: { operation: "GET /v1/sessions", status: 200, expected: "400", observed: "200", intent: "out-of-range:limit" },
    });
    expect(f.sources.length).toBeGreaterThan(0);
  });

  it("reports coverage in JSON: operations checked of the total, with details and reasons", async () => {
    const emulator = await testEmulator({ keys: ["k"], seed: { chaser: { readySessions: 1 } } });
    const proxy = await faultProxy(emulator.url, []);
    const run = await driftAgainst(proxy.url, "k", { apis: ["chaser"], specsDir: derivedSpecs, allowWrites: false });
    const json = JSON.parse(renderJson(run.report)) as {
      apis: {
        coverage: {
          operations: { checked: number; total: number; planned: number; details: { operation: string; reason?: string }[] };
          unplanned: { operation: string; reason: string }[];
        };
      }[];
    };
    const coverage = json.apis[0]!.coverage;
    expect(coverage.operations).toMatchObject({ checked: 2, total: 6, planned: 2 });
    expect(coverage.unplanned.map((u) => `${u.operation}: ${u.reason}`)).toEqual([
      "POST /v1/sessions: needs writes",
      "DELETE /v1/sessions/{id}: needs writes",
      "POST /v1/sessions/{id}/preview-token: needs writes",
      "POST /v1/sessions/{id}/screenshot: needs writes",
    ]);
    expect(coverage.operations.details.find((d) => d.operation === "POST /v1/sessions")!.reason).toBe("needs writes");
    expect(run.exitCode).toBe(0);
  });

  it("keeps to the request budget (--max-requests), keeping each create with its cleanup", async () => {
    const emulator = await testEmulator({ keys: ["k"], seed: { chaser: { readySessions: 1 } } });
    const proxy = await faultProxy(emulator.url, []);
    const run = await driftAgainst(proxy.url, "k", { apis: ["chaser"], specsDir: derivedSpecs, maxRequests: 5 });
    expect(proxy.seen.length).toBeLessThanOrEqual(5);
    const report = run.report.apis[0]!;
    expect(report.coverage!.trimmed!.length).toBeGreaterThan(10);
    expect(report.coverage!.trimmed![0]!.reason).toBe("over the budget of 5 requests");
    // One happy path per operation first: the list, one read, the create and the delete that ends it.
    expect(proxy.seen.map((l) => l.replace(/sess_[0-9a-f-]+/, "{id}")).sort()).toEqual([
      "DELETE /v1/sessions/{id}",
      "GET /v1/sessions/{id}",
      "GET /v1/sessions/{id}",
      "GET /v1/sessions?limit=20",
      "POST /v1/sessions",
    ]);
    expect(await openChaserSessions(emulator, "k")).toHaveLength(1);
    expect(run.exitCode).toBe(0);
  });
});

describe("nothing checked is not a pass", () => {
  it("a document without operations: nothing to probe, exit 2, and the report says why", async () => {
    const generated = path.join(dir, "empty-generated");
    mkdirSync(path.join(generated, "chaser"), { recursive: true });
    const doc = JSON.parse(readFileSync(path.join(SPECS, "..", "generated", "chaser", "openapi.json"), "utf8")) as { paths: object };
    writeFileSync(path.join(generated, "chaser", "openapi.json"), JSON.stringify({ ...doc, paths: {} }));
    const proxy = await faultProxy(undefined, []);
    const run = await driftAgainst(proxy.url, "k", { apis: ["chaser"], specsDir: derivedSpecs, generatedDir: generated });
    expect(run.exitCode).toBe(2);
    expect(proxy.seen).toEqual([]);
    expect(run.report.nothingChecked).toMatch(
      /^nothing was checked .*chaser: nothing to probe: no request could be planned from the canonical document \(its document has no operation\)/,
    );
    expect(run.stderr).toContain("nothing was checked");
    expect((JSON.parse(run.stdout) as { exitCode: number; nothingChecked: string }).exitCode).toBe(2);
  });

  it("answers that match no operation: exit 2", async () => {
    const proxy = await faultProxy(undefined, []);
    const run = await driftAgainst(proxy.url, "k", {
      apis: ["chaser"],
      specsDir: derivedSpecs,
      planOverride: (plan) => ({ ...fastPlan()(plan), probes: [{ ...plan.probes[0]!, id: "elsewhere", pathTemplate: "/v1/elsewhere" }], cleanup: [] }),
    });
    expect(run.exitCode).toBe(2);
    expect(run.report.nothingChecked).toMatch(/chaser: 1 answer\(s\), none of an operation of its document/);
  });
});

describe("api.yaml refines the derived plan", () => {
  const write = (name: string, drift: string): string => {
    const specs = path.join(dir, name);
    mkdirSync(path.join(specs, "chaser"), { recursive: true });
    const doc = parseDocument(readFileSync(path.join(SPECS, "chaser", "api.yaml"), "utf8"));
    doc.delete("drift");
    writeFileSync(path.join(specs, "chaser", "api.yaml"), `${doc.toString()}${drift}`);
    return specs;
  };

  it("by step id: a refinement may leave out operation and path, and name derived steps in after", async () => {
    const specs = write(
      "refine",
      ["drift:", "  probes:", "    - id: list-sessions", "      query: { limit: 3 }", "    - id: get-session", "      after: [list-sessions--no-key]", ""].join("\n"),
    );
    const emulator = await testEmulator({ keys: ["k"], seed: { chaser: { readySessions: 1 } } });
    const proxy = await faultProxy(emulator.url, []);
    const run = await driftAgainst(proxy.url, "k", { apis: ["chaser"], specsDir: specs, allowWrites: false });
    expect(run.exitCode).toBe(0);
    // The list itself sends the refined query; its derived variants (no key, bad values) keep their own.
    expect(run.report.apis[0]!.probes!.find((p) => p.step === "list-sessions")).toMatchObject({ intent: "read", statuses: [200] });
    expect(proxy.seen.filter((l) => l.startsWith("GET /v1/sessions?limit=3"))).toHaveLength(1);
    expect(run.report.apis[0]!.probes!.find((p) => p.step === "get-session")).toMatchObject({ intent: "read", statuses: [200] });
  });

  it("a hand-written step that sends what the document forbids is a configuration error at its api.yaml line, before any request", async () => {
    const specs = write("forbidden", ["drift:", "  probes:", "    - id: too-many", "      operation: GET /v1/sessions", "      query: { limit: 500 }", ""].join("\n"));
    const line =
      readFileSync(path.join(specs, "chaser", "api.yaml"), "utf8")
        .split("\n")
        .indexOf("    - id: too-many") + 1;
    const proxy = await faultProxy(undefined, []);
    const error = await driftAgainst(proxy.url, "k", { apis: ["chaser"], specsDir: specs }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DriftlessError);
    expect((error as DriftlessError).code).toBe("E_CONFIG");
    expect((error as Error).message).toContain(`chaser/api.yaml:${line}: drift step too-many (GET /v1/sessions): query parameter limit=500: (root) must be <= 100`);
    expect(proxy.seen).toEqual([]);
  });
});
