import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildCanonical, canonicalFiles } from "../../generator/pipeline/generate.ts";
import { getAtPointer } from "../../generator/openapi/pointer.ts";
import { eachOperation, type JsonObject, type OpenApiDocument, type Operation } from "../../generator/openapi/types.ts";
import { createAjv } from "../../generator/openapi/ajv.ts";
import { projectRoot } from "../helpers/workspace.ts";

/** What the issue says the Chaser result must show, checked on a fresh merge of specs/chaser. */
const result = buildCanonical(path.join(projectRoot, "specs"), "chaser");
const doc = result.document;
const op = (method: string, p: string) => (doc.paths![p] as Record<string, Operation>)[method]!;
const responseCodes = (o: JsonObject, status: string) => {
  const schema = getAtPointer(o, ["responses", status, "content", "application/json", "schema"]) as JsonObject;
  return getAtPointer(schema, "/properties/error/properties/code/enum");
};

describe("the canonical Chaser document", () => {
  it("has the operations of both sources", () => {
    expect([...eachOperation(doc)].map((o) => `${o.method.toUpperCase()} ${o.path}`).sort()).toEqual([
      "DELETE /v1/sessions/{id}",
      "GET /v1/sessions",
      "GET /v1/sessions/{id}",
      "POST /v1/sessions",
      "POST /v1/sessions/{id}/preview-token",
      "POST /v1/sessions/{id}/screenshot",
    ]);
  });

  it("puts bearer auth on every operation and has no Authorization parameter", () => {
    // The authentication page states the scheme too: its lines join the scheme's provenance.
    expect(doc.components!.securitySchemes!.BearerAuth).toEqual({ type: "http", scheme: "bearer", "x-source": ["docs/authentication.md:7", "docs/authentication.md:11"] });
    for (const { operation } of eachOperation(doc)) {
      expect(operation.security).toEqual([{ BearerAuth: [] }]);
      expect((operation.parameters ?? []).some((p) => String(p.name).toLowerCase() === "authorization")).toBe(false);
    }
  });

  it("answers the screenshot as image/png", () => {
    expect(Object.keys(getAtPointer(op("post", "/v1/sessions/{id}/screenshot"), "/responses/200/content") as object)).toEqual(["image/png"]);
  });

  it("has the markdown's session fields next to the fragments' ones", () => {
    const props = Object.keys(doc.components!.schemas!.SessionInfo!.properties as object);
    for (const field of ["cdp_url", "device", "bytes_up", "bytes_down", "proxy_ip", "proxy_region", "ready_at", "expires_at", "ended_at", "ended_reason", "object"]) {
      expect(props).toContain(field);
    }
    for (const field of ["endpoints", "session_type", "workspace_id", "active_connection_leases", "persistence"]) expect(props).toContain(field);
  });

  it("lists sessions with limit, offset and cursor", () => {
    const params = (op("get", "/v1/sessions").parameters ?? []).map((p) => `${String(p.in)}:${String(p.name)}`);
    expect(params).toEqual(["query:limit", "query:offset", "query:cursor"]);
    expect(getAtPointer(op("get", "/v1/sessions"), "/parameters/0/schema")).toMatchObject({ type: "integer", minimum: 1, maximum: 100, default: 20 });
  });

  it("creates with 201 and the documented request body", () => {
    const create = op("post", "/v1/sessions");
    expect(Object.keys(create.responses as object)).not.toContain("200");
    expect(getAtPointer(create, "/responses/201/content/application~1json/schema")).toMatchObject({ $ref: "#/components/schemas/SessionInfo" });
    expect(getAtPointer(create, "/requestBody/content/application~1json/schema/properties/ttl_seconds")).toMatchObject({
      type: "integer",
      minimum: 60,
      maximum: 3600,
      default: 1800,
    });
  });

  it("takes the winning contract's summary and description with it", () => {
    expect(op("post", "/v1/sessions").summary).toBe("Create a new browser session.");
    expect(op("post", "/v1/sessions").description).not.toMatch(/workspace|ephemeral/i);
    expect(op("get", "/v1/sessions").description).toMatch(/Cursor-paged/);
  });

  it("reports every element of the Core API's losing contract it keeps or drops, at its source line", () => {
    const of = (rule: string) =>
      result.findings
        .filter((f) => f.rule === rule)
        .map((f) => ({
          operation: (f.args as { operation: string }).operation,
          element: (f.args as { element: string }).element,
          source: `${f.sources[0]!.file}:${f.sources[0]!.line}`,
        }));
    expect(of("contract-kept-from-loser")).toEqual([
      { operation: "GET /v1/sessions", element: "query parameter offset", source: "fragments/list-sessions.yaml:22" },
      { operation: "POST /v1/sessions", element: "response 400", source: "fragments/create-session.yaml:34" },
    ]);
    const dropped = of("contract-dropped");
    expect(dropped).toEqual(
      expect.arrayContaining([
        { operation: "POST /v1/sessions", element: "summary", source: "fragments/create-session.yaml:7" },
        { operation: "POST /v1/sessions", element: "description", source: "fragments/create-session.yaml:7" },
        { operation: "POST /v1/sessions", element: "response 200", source: "fragments/create-session.yaml:28" },
        { operation: "POST /v1/sessions", element: "request body → workspace", source: "fragments/create-session.yaml:75" },
        { operation: "GET /v1/sessions", element: "response 200 → body → total", source: "fragments/list-sessions.yaml:107" },
      ]),
    );
    // Every one names the rule that decided and the losing source only.
    for (const f of result.findings.filter((f) => f.rule.startsWith("contract-"))) {
      expect(f.sources.map((s) => s.file)).toEqual([expect.stringMatching(/^fragments\//), "api.yaml"]);
    }
  });

  it("carries the documented error codes on 404 and 409 responses", () => {
    // The authentication page's "404 not_found" row names no operation: it joins those that already
    // document 404 when page rules are placed (DELETE's 404 comes later, from the overlay).
    expect(responseCodes(op("get", "/v1/sessions/{id}"), "404")).toEqual(["session_not_found", "not_found"]);
    // The limits-and-errors page lists 409 session_not_ready without naming operations: it joins
    // every operation that documents 409, DELETE included.
    expect(responseCodes(op("delete", "/v1/sessions/{id}"), "409")).toEqual(["session_not_open", "session_not_ready"]);
    expect(responseCodes(op("post", "/v1/sessions/{id}/screenshot"), "409")).toEqual(["session_not_open", "session_not_ready"]);
    expect(responseCodes(op("post", "/v1/sessions/{id}/preview-token"), "404")).toEqual(["session_not_found", "not_found"]);
  });

  it("carries what the vendor's authentication and limits pages say, with their lines in the report", () => {
    const placed = (pointer: string, file: string) =>
      result.findings.filter((f) => f.rule.startsWith("docs-") && f.pointer.startsWith(pointer) && f.sources.some((s) => s.file === file && typeof s.line === "number"));
    // 402 payment_required: the limits page ties it to creating sessions, the authentication page repeats it bare.
    expect(responseCodes(op("post", "/v1/sessions"), "402")).toEqual(["payment_required"]);
    for (const { operation, method, path: p } of eachOperation(doc)) {
      if (`${method} ${p}` !== "post /v1/sessions") expect(operation.responses).not.toHaveProperty("402");
      expect(responseCodes(operation, "403")).toEqual(["forbidden"]);
    }
    expect(placed("/paths/~1v1~1sessions/post/responses/402", "docs/limits-errors.md").length).toBeGreaterThan(0);
    expect(placed("/paths/~1v1~1sessions~1{id}/get/responses/403", "docs/authentication.md").length).toBeGreaterThan(0);
    // The per-endpoint rate-limit table: a 429 with Retry-After on exactly the operations it names.
    const limited = [...eachOperation(doc)]
      .filter(({ operation }) => getAtPointer(operation, "/responses/429/headers/Retry-After"))
      .map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(limited.sort()).toEqual(["POST /v1/sessions", "POST /v1/sessions/{id}/preview-token", "POST /v1/sessions/{id}/screenshot"]);
    expect(responseCodes(op("post", "/v1/sessions/{id}/screenshot"), "429")).toEqual(["rate_limited"]);
    expect(placed("/paths/~1v1~1sessions~1{id}~1screenshot/post/responses/429", "docs/limits-errors.md").length).toBeGreaterThan(0);
  });

  it("validates every JSON example of the markdown against the canonical schema", () => {
    const markdown = readFileSync(path.join(projectRoot, "specs/chaser/docs/sessions-api.md"), "utf8");
    const examples = [...markdown.matchAll(/\*\*Response `(\d+)`:\*\*\s*```json\n([\s\S]*?)```/g)];
    expect(examples.length).toBe(4);
    const ajv = createAjv();
    ajv.addSchema(doc as object, "urn:driftless:chaser");
    const targets = [
      ["/paths/~1v1~1sessions/post/responses/201/content/application~1json/schema"],
      ["/paths/~1v1~1sessions/get/responses/200/content/application~1json/schema"],
      ["/paths/~1v1~1sessions~1{id}/get/responses/200/content/application~1json/schema"],
      ["/paths/~1v1~1sessions~1{id}~1preview-token/post/responses/200/content/application~1json/schema"],
    ];
    examples.forEach((match, i) => {
      const validate = ajv.getSchema(`urn:driftless:chaser#${targets[i]![0]}`)!;
      expect(validate(JSON.parse(match[2]!)), JSON.stringify(validate.errors)).toBe(true);
    });
  });

  it("lists the fragment-vs-markdown contradictions in the report, with both locations", () => {
    const contradictions = result.findings.filter((f) => ["source-conflict", "conflict-resolved-by-rule"].includes(f.rule));
    expect(contradictions.map((f) => f.pointer)).toEqual(
      expect.arrayContaining([
        "/paths/~1v1~1sessions/post/responses",
        "/paths/~1v1~1sessions/post/requestBody/content/application~1json/schema",
        "/paths/~1v1~1sessions/get/responses/200/content/application~1json/schema",
      ]),
    );
    for (const f of contradictions) {
      const files = f.sources.map((s) => s.file);
      expect(files.some((x) => x.startsWith("fragments/")) && files.some((x) => x.startsWith("docs/")), `${f.rule} ${JSON.stringify(f.args)}`).toBe(true);
      expect(f.sources.every((s) => s.file === "api.yaml" || (s.line ?? 0) > 0)).toBe(true);
    }
  });

  it("keeps provenance on operations, parameters and properties", () => {
    expect(op("get", "/v1/sessions")["x-source"]).toEqual(
      expect.arrayContaining([expect.stringMatching(/^fragments\/list-sessions\.yaml:\d+$/), expect.stringMatching(/^docs\/sessions-api\.md:\d+$/)]),
    );
    const cursor = op("get", "/v1/sessions").parameters!.find((p) => p.name === "cursor")!;
    expect(cursor["x-source"]).toEqual([expect.stringMatching(/^docs\/sessions-api\.md:\d+$/)]);
    const device = (doc.components!.schemas!.SessionInfo!.properties as Record<string, JsonObject>).device!;
    expect((device["x-source"] as string[]).every((s) => /^docs\/(?:sessions-api|session-lifecycle)\.md:\d+$/.test(s))).toBe(true);
  });

  it("is what generated/chaser/openapi.json holds", () => {
    const committed = JSON.parse(readFileSync(path.join(projectRoot, "generated/chaser/openapi.json"), "utf8")) as OpenApiDocument;
    expect(committed).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});

describe("the Chaser merge report", () => {
  const report = canonicalFiles(result).get("merge-report.md") as string;
  /** The contradiction whose heading names `title`, up to the next heading. */
  const section = (title: string) => {
    const start = report.indexOf(`. ${title}\n`);
    expect(start, title).toBeGreaterThan(0);
    return report.slice(start, report.indexOf("\n## ", start));
  };

  it("is what generated/chaser/merge-report.md holds", () => {
    expect(readFileSync(path.join(projectRoot, "generated/chaser/merge-report.md"), "utf8")).toBe(report);
  });

  it("quotes both sides of the creation status contradiction, side by side, and names the rule that settled it with its line", () => {
    const created = section("POST /v1/sessions → responses").split("\n### ")[0]!;
    expect(created).toContain('<th><a href="../../specs/chaser/fragments/create-session.yaml#L28">fragments/create-session.yaml:28</a></th>');
    expect(created).toContain("<td><pre>28 | '200':\n29 |   description: Session created");
    expect(created).toContain('<th><a href="../../specs/chaser/docs/sessions-api.md#L30">docs/sessions-api.md:30</a></th>');
    expect(created).toContain("<td><pre>30 | **Response `201`:**");
    expect(created).toContain("Settled by: precedence rule at [api.yaml:54](../../specs/chaser/api.yaml#L54): prefer docs");
    expect(created).toContain("54 | - pointer: /paths/~1v1~1sessions/post");
    expect(report).not.toContain("merge rule (see message)");
  });

  it("lists what the document kept and dropped of the Core API contract, with links to the lines", () => {
    const kept = report.split("\n").filter((l) => l.startsWith("| kept"));
    expect(kept).toEqual([
      "| kept (warning) | GET /v1/sessions | query parameter offset | `/paths/~1v1~1sessions/get/parameters/1` | [fragments/list-sessions.yaml:22](../../specs/chaser/fragments/list-sessions.yaml#L22) | [api.yaml:57](../../specs/chaser/api.yaml#L57) (prefer docs) |",
      "| kept (warning) | POST /v1/sessions | response 400 | `/paths/~1v1~1sessions/post/responses/400` | [fragments/create-session.yaml:34](../../specs/chaser/fragments/create-session.yaml#L34) | [api.yaml:54](../../specs/chaser/api.yaml#L54) (prefer docs) |",
    ]);
    expect(report).toContain('| dropped (info) | POST /v1/sessions | summary: "Create or reuse a session" |');
  });

  it("names every place in words beside its pointer and links every source; no absolute path", () => {
    expect(report).toContain("| POST /v1/sessions → response 201 → body<br>`/paths/~1v1~1sessions/post/responses/201/content/application~1json/schema`");
    expect(report).not.toMatch(/\/work\/|\/home\/|[A-Z]:\\/);
    for (const row of report.split("\n").filter((l) => l.startsWith("| `"))) expect(row).toMatch(/\]\(\.\.\/\.\.\/specs\/chaser\/[^)]+\) \|$/);
  });
});
