import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ApiChecker } from "../../generator/drift/check.ts";
import type { Exchange } from "../../generator/drift/exchange.ts";
import { OperationMatcher } from "../../generator/drift/match.ts";
import { Redactor } from "../../generator/drift/redact.ts";
import { DocumentIndex } from "../../generator/drift/schema-index.ts";
import type { OpenApiDocument } from "../../generator/openapi/types.ts";
import { buildCanonical } from "../../generator/pipeline/generate.ts";
import { finding, messageOf } from "../../generator/problems/finding.ts";
import { DRIFT_RULE_IDS, MERGE_RULE_IDS, RULE_IDS, RULES, type DriftArgs, type RuleArgs, type RuleId } from "../../generator/problems/rules.ts";
import { projectRoot } from "../helpers/workspace.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = path.join(dir, name);
    return statSync(abs).isDirectory() ? sourceFiles(abs) : name.endsWith(".ts") ? [abs] : [];
  });
}

/** What a rendered message must never show: a missing argument, an object, a bad number. */
const BROKEN = /undefined|\[object |NaN/;

const drift = (extra: Partial<DriftArgs> = {}): DriftArgs => ({
  operation: "GET /v1/sessions/{id}",
  status: 200,
  bodyPointer: "/bytes_up",
  expected: "integer",
  observed: 'string "22500"',
  ...extra,
});

/**
 * Arguments of the shape each rule's emitters pass (typed by the table: a rule added without an
 * example here, or an example that does not fit its rule's arguments, does not compile).
 */
const EXAMPLES: { [R in RuleId]: RuleArgs<R> } = {
  "yaml-syntax": { reason: "unexpected end of the stream within a flow collection" },
  "input-limit": { what: "the expansion of its YAML aliases (387,420,489 nodes)", limit: "1,001,120 nodes" },
  "not-openapi": { reason: "it has no openapi key" },
  "path-outside-specs": { target: "$ref ../../secrets.yaml" },
  "ref-dangling": { ref: "#/components/schemas/Nobody" },
  "ref-cycle": { chain: ["#/components/schemas/Loop", "#/components/schemas/Back", "#/components/schemas/Loop"] },
  "import-unreadable": { what: "the embedded OpenAPI YAML", reason: "it has lost its line breaks" },
  "config-invalid": { key: "client.baseUrl", reason: "must be an absolute URL" },
  "client-unsupported": { reason: "the first server has no url", key: "client.baseUrl" },
  "operation-id-added": { operationId: "put-a-2", operation: "PUT /a/", how: "from method and path" },
  "operation-duplicate": { operation: "GET /a", count: 2 },
  "operation-conflict": { operation: "GET /a", files: ["fragments/a.yaml", "fragments/b.yaml"], detail: 'at /summary: "one" vs "two"' },
  "component-deduplicated": { name: "Endpoints", count: 3 },
  "component-conflict": { name: "Session", files: ["fragments/a.yaml", "fragments/b.yaml"], detail: "at /properties/name: absent vs {}" },
  "component-renamed": { from: "Session", to: "Session_b_v2", file: "fragments/b-v2.yaml", refs: 4 },
  "component-unused-removed": { name: "schemas/Unused" },
  "document-field-conflict": { field: "servers", detail: "fragments/a.yaml and fragments/b.yaml differ at /0/url" },
  "document-field-declared": { field: "info" },
  "source-conflict": { what: "security scheme BearerAuth", detail: "the API declares HTTP bearer, docs/auth.md documents an API key" },
  "conflict-resolved-by-rule": { what: "200 response of GET /v1/sessions", detail: "no property in common" },
  "precedence-rule-unused": { pointer: "/paths/~1v1~1gone" },
  "docs-required-added": { names: ["object", "cdp_url"], file: "docs/session-lifecycle.md" },
  "contract-kept-from-loser": { operation: "GET /v1/sessions", element: "query parameter offset", file: "fragments/list-sessions.yaml", prefer: "docs", rule: "api.yaml:57" },
  "contract-dropped": {
    operation: "POST /v1/sessions",
    element: "summary",
    file: "fragments/create-session.yaml",
    prefer: "docs",
    rule: "api.yaml:54",
    value: "Create or reuse a session",
  },
  "required-relaxed": { names: ["endpoints"], file: "fragments/create-session.yaml", other: "docs/session-lifecycle.md" },
  "docs-read": { what: "the page title" },
  "docs-unread": { what: 'the heading "Security"', reason: "it names no endpoint" },
  "docs-page-empty": { file: "docs/changelog.md", unread: 2 },
  "docs-rule-applied": { fact: "status 402", operations: "POST /v1/sessions", why: "the row speaks of creating" },
  "docs-rule-unplaced": { fact: "error gone (410)", why: "GET /v1/gone is not an operation of the API" },
  "docs-operation-added": { operation: "DELETE /v1/sessions/{id}" },
  "docs-parameter-added": { name: "query cursor", operation: "GET /v1/sessions" },
  "docs-property-added": { name: "bytes_down", inferred: '"integer"' },
  "docs-response-added": { status: "201", operation: "POST /v1/sessions", codes: ["invalid_request"] },
  "docs-fact-folded": { fact: 'format "date-time" of created_at' },
  "docs-example-added": { what: "200 response of GET /v1/sessions" },
  "normalized-openapi-version": { from: "3.0.1", detail: "nullable: true → type [string, null]" },
  "normalized-auth-header": { operation: "GET /v1/sessions", scheme: "BearerAuth" },
  "normalized-path-template": { from: "/v1/sessions/:id", to: "/v1/sessions/{id}" },
  "security-applied": { operation: "GET /v1/sessions", scheme: "BearerAuth" },
  "split-ref-inlined": { ref: "#/paths/~1v2~1apps/get/responses/200/headers/ratelimit-limit", places: 12 },
  "split-no-operations": { kept: "webhooks, components" },
  "invalid-keyword-dropped": { keyword: "required", reason: "it names no properties" },
  "overlay-applied": { action: "update", target: "$.info", reason: "Name the API" },
  "overlay-target-empty": { target: "$.paths['/v1/gone'].get" },
  "overlay-invalid": { target: "$.info.title", reason: "an update needs an object or an array" },
  "openapi-schema-invalid": { reason: "/paths/~1a/get must have required property 'responses'" },
  "operation-id-duplicate": { operationId: "get", operations: ["GET /a", "GET /b"] },
  "operation-id-missing": { operation: "GET /a" },
  "pattern-unusable": { pattern: "^([\\w .-]*)*$", reason: "it may backtrack without end (a repeated group repeats inside without bound: ([\\w .-]*)*)" },
  "example-invalid": { reason: "/id must be string" },
  "undocumented-status": drift({ bodyPointer: "", expected: "200, 401, 404", observed: "302" }),
  "undocumented-content-type": drift({ bodyPointer: "", mediaType: "text/html", expected: "application/json", observed: "text/html" }),
  "missing-required-field": drift({ bodyPointer: "", expected: "id" }),
  "undocumented-field": drift({ bodyPointer: "/extra", expected: "", observed: "string" }),
  "type-mismatch": drift(),
  "enum-mismatch": drift({ bodyPointer: "/status", expected: '"creating", "ready"', observed: '"zombie"' }),
  "format-mismatch": drift({ bodyPointer: "/created_at", expected: "date-time", observed: '"yesterday"' }),
  "server-error": drift({ status: 503, bodyPointer: "", expected: "200, 401", observed: "503" }),
  "malformed-body": drift({ bodyPointer: "", expected: "JSON (application/json)", observed: "a body that is not JSON" }),
  "constraint-mismatch": drift({ bodyPointer: "/width", expected: "minimum (must be >= 500)", observed: "100" }),
  "accepted-invalid-request": drift({ operation: "GET /v1/sessions", bodyPointer: "", expected: "400", observed: "200", intent: "out-of-range:limit" }),
};

/** Every string a finding's arguments hold (list items one by one). */
function values(args: object): string[] {
  return Object.values(args).flatMap((v) => (Array.isArray(v) ? v.map(String) : v === undefined || v === "" ? [] : [String(v)]));
}

describe("the rule table", () => {
  const code = sourceFiles(path.join(projectRoot, "generator"))
    .filter((f) => !f.endsWith(path.join("problems", "rules.ts")))
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");

  it("holds the merge and the drift rules in one table, each id once, merge rules first", () => {
    expect(RULE_IDS).toEqual(Object.keys(RULES));
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
    expect([...MERGE_RULE_IDS, ...DRIFT_RULE_IDS]).toEqual(RULE_IDS);
    expect(MERGE_RULE_IDS.filter((id) => (DRIFT_RULE_IDS as RuleId[]).includes(id))).toEqual([]);
    expect(DRIFT_RULE_IDS.length).toBeGreaterThanOrEqual(10);
  });

  it("has every drift rule of the brief's table", () => {
    const brief = [
      "undocumented-status",
      "undocumented-content-type",
      "missing-required-field",
      "undocumented-field",
      "type-mismatch",
      "enum-mismatch",
      "format-mismatch",
      "server-error",
    ];
    for (const id of brief) expect(DRIFT_RULE_IDS).toContain(id);
  });

  it.each(RULE_IDS)("%s: kebab-case id, group, severity, area, summary, help for drift, and a place that emits it", (id) => {
    const rule = RULES[id];
    expect(id).toMatch(/^[a-z]+(-[a-z0-9.]+)+$/);
    expect(["error", "warning", "info"]).toContain(rule.severity);
    if (rule.group === "drift") {
      expect(["status", "content-type", "body", "server"]).toContain(rule.area);
      expect(["error", "warning"]).toContain(rule.severity);
      expect(rule.help).toMatch(/^[A-Z].*\.$/);
    } else {
      expect(rule.group).toBe("merge");
      expect(["input", "config", "merge", "normalize", "docs", "overlay", "validate"]).toContain(rule.area);
    }
    expect(rule.summary).toMatch(/^\S.{10,}\.$/);
    expect(code).toContain(`"${id}"`);
  });

  it.each(RULE_IDS)("%s: the message renders every argument of its example, as one sentence", (id) => {
    const args = EXAMPLES[id];
    const text = messageOf({ rule: id, args });
    expect(text).not.toMatch(BROKEN);
    expect(text).toMatch(/\.$/);
    if (RULES[id].group === "drift") {
      const a = args as DriftArgs;
      expect(text).toContain(a.operation);
      expect(text.includes(a.observed) || text.includes(a.expected)).toBe(true);
    } else {
      for (const v of values(args)) expect(text, `${id}: ${v}`).toContain(v);
    }
  });

  it("findings keep their arguments and no text: the message is rendered when asked for", () => {
    const f = finding("ref-cycle", { pointer: "/a", sources: [{ file: "fragments/a.yaml", line: 3 }], args: EXAMPLES["ref-cycle"] });
    expect(f).toEqual({ rule: "ref-cycle", severity: "error", pointer: "/a", sources: [{ file: "fragments/a.yaml", line: 3 }], args: EXAMPLES["ref-cycle"] });
    expect(messageOf(f)).toBe(
      "$ref cycle #/components/schemas/Loop → #/components/schemas/Back → #/components/schemas/Loop: each reference only points at another reference; point one of them at a real object.",
    );
  });
});

/**
 * The arguments real emitters pass: the merge of every API of specs/, and the drift checker on
 * answers that break the chaser document in every way an answer of it can. Each finding's
 * arguments are plain JSON, and its message renders without a hole.
 */
describe("findings of real runs", () => {
  const merged = ["chaser", "hyperbrowser"].flatMap((api) => buildCanonical(path.join(projectRoot, "specs"), api).findings);

  const doc = JSON.parse(readFileSync(path.join(projectRoot, "generated/chaser/openapi.json"), "utf8")) as OpenApiDocument;
  const checker = new ApiChecker("chaser", new DocumentIndex(doc), new Redactor());
  const matcher = new OperationMatcher(doc);
  const example = structuredClone(
    (doc.paths!["/v1/sessions/{id}"]!.get!.responses!["200"] as { content: Record<string, { example: Record<string, unknown> }> }).content["application/json"]!.example,
  );
  const { id: _id, ...withoutId } = example;
  const answer = (status: number, body: unknown, type = "application/json"): Exchange => ({
    method: "GET",
    url: "https://api.chaser.sh/v1/sessions/sess_1",
    status,
    headers: type ? { "content-type": type } : {},
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const answers = [
    answer(200, { ...withoutId, bytes_up: "22500", status: "zombie", created_at: "yesterday", emulator_extra: true }),
    answer(302, undefined, ""),
    answer(503, "<html>down</html>", "text/html"),
    answer(200, "<html>hi</html>", "text/html"),
    answer(200, '{"id":', "application/json"),
    // An unhappy-path probe (no key) the API accepted.
    { ...answer(200, example), probe: { intent: "no-key", negative: true, expect: ["401"] } },
  ];
  const drifted = answers.flatMap((a) => checker.check(a, matcher.match("GET", "/v1/sessions/sess_1")!));
  const all = [...merged, ...drifted];

  it("cover most rules", () => {
    const seen = new Set(all.map((f) => f.rule));
    // Every drift rule but constraint-mismatch (the chaser answers have no documented range).
    expect(DRIFT_RULE_IDS.filter((id) => !seen.has(id))).toEqual(["constraint-mismatch"]);
    expect(MERGE_RULE_IDS.filter((id) => seen.has(id)).length).toBeGreaterThanOrEqual(20);
  });

  it("carry JSON arguments and render without a hole", () => {
    for (const f of all) {
      expect(f).not.toHaveProperty("message");
      expect(JSON.parse(JSON.stringify(f.args)), f.rule).toEqual(f.args);
      for (const v of Object.values(f.args))
        expect(
          v === undefined || ["string", "number", "boolean"].includes(typeof v) || (Array.isArray(v) && v.every((x) => typeof x === "string")),
          `${f.rule}: ${JSON.stringify(v)}`,
        ).toBe(true);
      const text = messageOf(f);
      expect(text, `${f.rule} ${JSON.stringify(f.args)}`).not.toMatch(BROKEN);
      expect(text.length, f.rule).toBeGreaterThan(10);
    }
  });
});
