import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildCanonical } from "../../generator/pipeline/generate.ts";
import { eachOperation, type JsonObject } from "../../generator/openapi/types.ts";
import { projectRoot } from "../helpers/workspace.ts";

const result = buildCanonical(path.join(projectRoot, "specs"), "hyperbrowser");
const doc = result.document;

describe("the canonical Hyperbrowser document", () => {
  it("is OpenAPI 3.1 with the nine session operations, each named by api.yaml", () => {
    expect(doc.openapi).toBe("3.1.0");
    const ids = [...eachOperation(doc)].map((o) => o.operation.operationId).sort();
    expect(ids).toEqual([
      "createSession",
      "evaluateSessionCaptcha",
      "getSession",
      "getSessionDownloadsUrl",
      "getSessionRecordingUrl",
      "getSessionVideoRecordingUrl",
      "listSessions",
      "stopSession",
      "updateSession",
    ]);
    expect(result.findings.filter((f) => f.rule === "operation-id-added")).toHaveLength(9);
  });

  it("drops required: ['false'] from the list parameters with a warning at the vendor's line", () => {
    const list = doc.paths!["/api/sessions"]!.get!;
    for (const p of list.parameters!) expect((p.schema as JsonObject).required).toBeUndefined();
    const dropped = result.findings.filter((f) => f.rule === "invalid-keyword-dropped");
    expect(dropped.map((f) => f.severity)).toEqual(["warning", "warning"]);
    expect(dropped.map((f) => f.sources[0]!.file)).toEqual(["fragments/get-api-sessions.yaml", "fragments/get-api-sessions.yaml"]);
  });

  it("converts nullable to 3.1 type lists and reports each", () => {
    const session = doc.components!.schemas!.Session!.properties as Record<string, JsonObject>;
    expect(session.startTime!.type).toEqual(["string", "null"]);
    expect(result.findings.filter((f) => f.rule === "normalized-openapi-version").length).toBeGreaterThan(10);
  });

  it("keeps the API key scheme on every operation", () => {
    for (const { operation } of eachOperation(doc)) expect(operation.security).toEqual([{ ApiKeyAuth: [] }]);
    expect(doc.components!.securitySchemes!.ApiKeyAuth).toEqual({ type: "apiKey", in: "header", name: "x-api-key" });
  });

  it("keeps each shared component once", () => {
    const dedup = result.findings.filter((f) => f.rule === "component-deduplicated").map((f) => f.pointer);
    expect(dedup).toContain("/components/schemas/Session");
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});
