// Every validation finding names a file and a line, also where no node's provenance reaches: a
// document-level field such as info is located in the fragment that writes it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadApi } from "../../generator/load/load-api.ts";
import { mergeApi } from "../../generator/pipeline/merge-api.ts";

const fragment = (info: string, route: string) => `openapi: 3.1.0
info:
  title: X
  version: 1.0.0
${info}paths:
  ${route}:
    get:
      responses:
        "200": { description: ok }
`;

describe("validation findings at document-level places", () => {
  const root = mkdtempSync(path.join(tmpdir(), "driftless-validation-locations-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, "x/fragments"), { recursive: true });
  // Both fragments write the same licence without its required name (fragments agree on info).
  const licence = "  license:\n    url: https://example.com/licence\n";
  writeFileSync(path.join(root, "x/fragments/a.yaml"), fragment(licence, "/a"));
  writeFileSync(path.join(root, "x/fragments/b.yaml"), fragment(licence, "/b"));
  const result = mergeApi(loadApi(root, "x").sources, root);

  it("are located in the first fragment that writes the place, at its line", () => {
    const invalid = result.findings.filter((f) => f.rule === "openapi-schema-invalid");
    expect(invalid.length).toBeGreaterThan(0);
    for (const f of invalid) expect({ pointer: f.pointer, sources: f.sources }).toEqual({ pointer: "/info/license", sources: [{ file: "fragments/a.yaml", line: 5 }] });
  });

  it("leave no validation finding without a file and a line", () => {
    for (const f of result.findings) expect(f.sources.length > 0 && f.sources.every((s) => s.file && s.line), `${f.rule} ${f.pointer}`).toBe(true);
  });
});
