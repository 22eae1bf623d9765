import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../../generator/drift/config.ts";
import { derivePlan } from "../../../generator/drift/plan/index.ts";
import { baseStepId, splitPath } from "../../../generator/drift/plan/operations.ts";
import { canonical, handWritten, happyOps, ids, operationsOf, stepById, steps, vendorHyperbrowser } from "./helpers.ts";

describe("derivePlan on the canonical Chaser document", () => {
  const doc = canonical("chaser");
  const readOnly = derivePlan("chaser", doc);
  const withWrites = derivePlan("chaser", doc, { allowWrites: true });

  it("plans reads only by default: the list first, then the item filled from the list's first item", () => {
    expect(ids(readOnly, (s) => !s.negative)).toEqual(["list-sessions", "get-session"]);
    expect(stepById(readOnly, "list-sessions")).toMatchObject({
      operation: "GET /v1/sessions",
      query: { limit: { literal: "20" } },
      dependsOn: [],
      expect: ["200"],
      intent: "read",
      origin: "derived",
      write: false,
    });
    expect(stepById(readOnly, "get-session")).toMatchObject({
      operation: "GET /v1/sessions/{id}",
      path: { id: { from: "list-sessions", pointer: "/data/0/id" } },
      dependsOn: ["list-sessions"],
    });
    expect(readOnly.cleanup).toEqual([]);
    expect(readOnly.limits).toEqual(DEFAULT_LIMITS);
  });

  it("gives every write a reason when writes are off", () => {
    expect(readOnly.unplanned).toEqual([
      { operation: "POST /v1/sessions", kind: "needs-writes", reason: "needs writes" },
      { operation: "DELETE /v1/sessions/{id}", kind: "needs-writes", reason: "needs writes" },
      { operation: "POST /v1/sessions/{id}/preview-token", kind: "needs-writes", reason: "needs writes" },
      { operation: "POST /v1/sessions/{id}/screenshot", kind: "needs-writes", reason: "needs writes" },
    ]);
  });

  it("with writes: creates a session, waits until it settles, acts on it, and deletes it", () => {
    expect(ids(withWrites, (s) => !s.negative && !s.id.includes("--"))).toEqual([
      "list-sessions",
      "get-session",
      "create-session",
      "get-session-created",
      "create-preview-token",
      "screenshot-session",
      "delete-session",
    ]);
    expect(stepById(withWrites, "create-session")).toMatchObject({ operation: "POST /v1/sessions", body: { ttl_seconds: 1800 }, write: true, expect: ["201"], intent: "create" });
    expect(stepById(withWrites, "get-session-created")).toMatchObject({
      path: { id: { from: "create-session", pointer: "/id" } },
      until: { pointer: "/status", in: ["ready", "closed", "error"] },
    });
    // Actions wait for the session to be ready, as the hand-written plan's `after: [wait-until-ready]` does.
    expect(stepById(withWrites, "screenshot-session")!.dependsOn).toEqual(["create-session", "get-session-created"]);
    expect(stepById(withWrites, "delete-session")).toMatchObject({
      operation: "DELETE /v1/sessions/{id}",
      phase: "cleanup",
      path: { id: { from: "create-session", pointer: "/id" } },
      expect: ["204"],
    });
    expect(withWrites.unplanned).toEqual([]);
  });

  it("ends every create, including the malformed ones the API might accept anyway", () => {
    for (const create of steps(withWrites).filter((s) => s.intent === "create" || (s.negative && s.method === "POST" && s.pathTemplate === "/v1/sessions"))) {
      expect(
        withWrites.cleanup.some((c) => c.from.includes(create.id)),
        create.id,
      ).toBe(true);
    }
    expect(stepById(withWrites, "delete-session--null-body")).toMatchObject({ path: { id: { from: "create-session--null-body", pointer: "/id" } }, phase: "cleanup" });
  });

  it("ids do not depend on the options: api.yaml can refine a derived step in every mode", () => {
    const both = new Set(ids(withWrites));
    for (const id of ids(readOnly)) expect(both.has(id), id).toBe(true);
    expect(derivePlan("chaser", doc)).toEqual(readOnly);
  });
});

describe("derivePlan on the canonical Hyperbrowser document", () => {
  const doc = canonical("hyperbrowser");
  const readOnly = derivePlan("hyperbrowser", doc);
  const withWrites = derivePlan("hyperbrowser", doc, { allowWrites: true });

  it("fills {id} of /api/session/{id} from the /api/sessions list (singular item path, plural list)", () => {
    expect(ids(readOnly, (s) => !s.negative)).toEqual([
      "list-sessions",
      "get-session",
      "get-session-downloads-url",
      "get-session-recording-url",
      "get-session-video-recording-url",
    ]);
    for (const id of ids(readOnly, (s) => !s.negative && s.id !== "list-sessions")) {
      expect(stepById(readOnly, id)!.path).toEqual({ id: { from: "list-sessions", pointer: "/sessions/0/id" } });
    }
    expect(stepById(readOnly, "list-sessions")!.query).toEqual({ page: { literal: "1" } });
  });

  it("pairs POST /api/session with PUT /api/session/{id}/stop", () => {
    expect(withWrites.cleanup.filter((s) => !s.negative && !s.id.includes("--")).map((s) => [s.id, s.operation, s.path])).toEqual([
      ["stop-session", "PUT /api/session/{id}/stop", { id: { from: "create-session", pointer: "/id" } }],
    ]);
    expect(stepById(withWrites, "create-session")).toMatchObject({ operation: "POST /api/session", body: { useStealth: false, useProxy: false, acceptCookies: false } });
    expect(ids(withWrites, (s) => s.intent === "write-created")).toEqual(["update-session", "evaluate-session-captcha"]);
    expect(withWrites.unplanned).toEqual([]);
  });

  it("lists the writes as needing writes when they are off", () => {
    expect(readOnly.unplanned!.map((u) => [u.operation, u.kind])).toEqual([
      ["POST /api/session", "needs-writes"],
      ["POST /api/session/{id}/captcha/evaluate", "needs-writes"],
      ["PUT /api/session/{id}/stop", "needs-writes"],
      ["PUT /api/session/{id}/update", "needs-writes"],
    ]);
  });
});

describe("derived plans cover at least what the hand-written drift: sections cover", () => {
  it.each(["chaser", "hyperbrowser"] as const)("%s", (api) => {
    const derived = derivePlan(api, canonical(api), { allowWrites: true });
    const covered = new Set(steps(derived).map((s) => s.operation));
    for (const step of steps(handWritten(api).plan)) expect(covered.has(step.operation), `${api}: ${step.id} ${step.operation}`).toBe(true);
    // And as happy paths: every hand-written operation gets a step that expects it to succeed.
    const happy = happyOps(derived);
    for (const step of steps(handWritten(api).plan).filter((s) => !s.id.includes("unknown") && !s.id.includes("without-key") && !s.id.includes("again")))
      expect(happy.has(step.operation), step.id).toBe(true);
  });
});

describe("derivePlan on the vendor's full Hyperbrowser document (53 paths)", () => {
  const doc = vendorHyperbrowser();
  const all = operationsOf(doc);

  it.each([false, true])("plans every operation or gives it a reason (writes %s)", (allowWrites) => {
    const plan = derivePlan("hyperbrowser", doc, { allowWrites });
    const planned = happyOps(plan);
    const unplanned = new Map(plan.unplanned!.map((u) => [u.operation, u]));
    for (const op of all) expect(planned.has(op) !== unplanned.has(op), op).toBe(true);
    for (const u of unplanned.values()) expect(u.reason.length, u.operation).toBeGreaterThan(0);
  });

  it("pairs each create with what ends it, and refuses the creates nothing ends", () => {
    const plan = derivePlan("hyperbrowser", doc, { allowWrites: true });
    const pairs = plan.cleanup.filter((s) => !s.id.includes("--")).map((s) => [plan.probes.find((p) => p.id === s.from[0])!.operation, s.operation]);
    expect(pairs).toEqual([
      ["POST /api/session", "PUT /api/session/{id}/stop"],
      ["POST /api/profile", "DELETE /api/profile/{id}"],
      ["POST /api/task/hyper-agent", "PUT /api/task/hyper-agent/{id}/stop"],
      ["POST /api/task/browser-use", "PUT /api/task/browser-use/{id}/stop"],
      ["POST /api/task/claude-computer-use", "PUT /api/task/claude-computer-use/{id}/stop"],
      ["POST /api/task/gemini-computer-use", "PUT /api/task/gemini-computer-use/{id}/stop"],
      ["POST /api/task/cua", "PUT /api/task/cua/{id}/stop"],
    ]);
    // A task's create answers {jobId}: the one id field of the created resource fills {id}.
    expect(stepById(plan, "stop-task-cua")!.path).toEqual({ id: { from: "create-task-cua", pointer: "/jobId" } });
    const reasons = new Map(plan.unplanned!.map((u) => [u.operation, u]));
    expect(reasons.get("POST /api/scrape")).toMatchObject({ kind: "no-cleanup" });
    expect(reasons.get("GET /api/scrape/{id}")!.reason).toMatch(/^no id found for \{id\} \(POST \/api\/scrape would create one, but is not planned: no cleanup found/);
    expect(reasons.get("POST /api/extensions/add")).toEqual({ operation: "POST /api/extensions/add", kind: "no-body", reason: "request body is not JSON" });
    expect(reasons.get("POST /api/web/fetch")).toMatchObject({ kind: "unsafe-method" });
  });

  it("never fills an id of one resource from another resource's list", () => {
    const plan = derivePlan("hyperbrowser", doc, { allowWrites: true });
    for (const step of steps(plan)) {
      for (const value of Object.values(step.path)) {
        if (!("from" in value)) continue;
        const source = stepById(plan, value.from)!;
        const resource = (p: string) => p.split("/")[2]!.replace(/s$/, "");
        expect(resource(source.pathTemplate), `${step.id} ← ${source.id}`).toBe(resource(step.pathTemplate));
      }
    }
  });

  it("read-only, a read of what only a create makes says which create", () => {
    const reasons = new Map(derivePlan("hyperbrowser", doc).unplanned!.map((u) => [u.operation, u]));
    expect(reasons.get("GET /api/task/cua/{id}")).toEqual({
      operation: "GET /api/task/cua/{id}",
      kind: "needs-writes",
      reason: "needs writes: {id} comes from POST /api/task/cua",
    });
    expect(reasons.get("POST /api/scrape")).toMatchObject({
      kind: "needs-writes",
      reason: expect.stringMatching(/^needs writes \(with writes still not planned: no cleanup found/),
    });
  });

  it("plans an unknown-id probe where no real id can be found", () => {
    const plan = derivePlan("hyperbrowser", doc);
    expect(stepById(plan, "get-scrape--unknown-id")).toMatchObject({
      negative: true,
      path: { id: { literal: "00000000-0000-4000-8000-000000000000" } },
      dependsOn: [],
      expect: ["404"],
    });
  });
});

describe("derivePlan options", () => {
  it("filter: plans the chosen operations with the steps they need, and says the rest were filtered", () => {
    const plan = derivePlan("chaser", canonical("chaser"), { allowWrites: true, negative: false, filter: (op) => op === "POST /v1/sessions/{id}/screenshot" });
    expect(ids(plan)).toEqual(["create-session", "get-session-created", "screenshot-session", "delete-session"]);
    expect(plan.unplanned!.map((u) => [u.operation, u.kind])).toEqual([
      ["GET /v1/sessions", "filtered"],
      ["POST /v1/sessions/{id}/preview-token", "filtered"],
    ]);
  });

  it("negative: false leaves out the unhappy paths; limits go over the defaults", () => {
    const plan = derivePlan("chaser", canonical("chaser"), { negative: false, limits: { concurrency: 1 } });
    expect(steps(plan).some((s) => s.negative)).toBe(false);
    expect(plan.limits).toEqual({ ...DEFAULT_LIMITS, concurrency: 1 });
  });
});

describe("derived step ids", () => {
  it.each([
    // [method, path, operationId, create, list, id]
    ["GET", "/api/sessions", undefined, false, true, "list-sessions"],
    ["GET", "/api/session/{id}", undefined, false, false, "get-session"],
    ["GET", "/api/session/{id}/recording-url", undefined, false, false, "get-session-recording-url"],
    ["POST", "/api/session", undefined, true, false, "create-session"],
    ["PUT", "/api/session/{id}/stop", undefined, false, false, "stop-session"],
    ["DELETE", "/v1/profiles/{id}", undefined, false, false, "delete-profile"],
    ["PATCH", "/v2/things/{id}", undefined, false, false, "update-thing"],
    ["POST", "/api/web/fetch", undefined, false, false, "post-web-fetch"],
    ["POST", "/api/task/hyper-agents", undefined, true, false, "create-task-hyper-agent"],
    ["GET", "/x", "listSessions", false, true, "list-sessions"],
    ["GET", "/x", "issues/list-for-repo", false, true, "issues-list-for-repo"],
    ["GET", "/x", "2fa_status", false, false, "op-2fa-status"],
  ])("%s %s (operationId %s) → %s", (method, path, operationId, create, list, want) => {
    const op = { method, segments: splitPath(path), operation: operationId ? { operationId } : {} };
    expect(baseStepId(op, { create, list })).toBe(want);
  });

  it("an empty document gives an empty plan", () => {
    const plan = derivePlan("x", { openapi: "3.1.0", info: { title: "x", version: "1" } }, { allowWrites: true });
    expect(plan).toMatchObject({ probes: [], cleanup: [], unplanned: [] });
  });
});
