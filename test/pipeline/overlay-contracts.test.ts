// An overlay action that settles a contradiction between two fragments reports, from each side,
// every element the sides do not share: kept when the canonical document has it, dropped when not.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadApi } from "../../generator/load/load-api.ts";
import { mergeApi } from "../../generator/pipeline/merge-api.ts";
import { messageOf } from "../../generator/problems/finding.ts";

const FRAGMENT = (summary: string, extraParam: string, status: string) => `openapi: 3.1.0
info: { title: Things, version: 1.0.0 }
paths:
  /things:
    get:
      summary: ${summary}
      parameters:
        - { name: limit, in: query, schema: { type: integer } }
        - { name: ${extraParam}, in: query, schema: { type: string } }
      responses:
        "${status}": { description: Things. }
`;

const OVERLAY = `overlay: 1.0.0
info: { title: fix, version: 1.0.0 }
actions:
  - target: $.paths['/things'].get
    description: The docs team settled the summary.
    update:
      summary: List every thing
`;

describe("an overlay that settles a contradiction between fragments", () => {
  const root = mkdtempSync(path.join(tmpdir(), "driftless-overlay-contracts-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, "things/fragments"), { recursive: true });
  mkdirSync(path.join(root, "things/overlays"), { recursive: true });
  writeFileSync(path.join(root, "things/fragments/a.yaml"), FRAGMENT("List things", "cursor", "200"));
  writeFileSync(path.join(root, "things/fragments/b.yaml"), FRAGMENT("Lists the things", "offset", "200"));
  writeFileSync(path.join(root, "things/overlays/fix.yaml"), OVERLAY);
  const result = mergeApi(loadApi(root, "things").sources, root, { validate: false });
  const contracts = result.findings.filter((f) => f.rule === "contract-kept-from-loser" || f.rule === "contract-dropped");

  it("settles the conflict with the overlay action", () => {
    const conflict = result.findings.find((f) => f.rule === "operation-conflict");
    expect(conflict?.severity).toBe("warning");
    expect(conflict?.resolution?.by).toBe("overlays/fix.yaml:4");
  });

  it("reports each side's unshared elements, kept or dropped, at their lines, decided by the overlay action", () => {
    const rows = contracts.map((f) => [f.rule, f.args.file, f.args.element, f.args.value ?? "", f.sources.map((s) => `${s.file}:${s.line}`).join(" ")]).sort();
    const keptParam = rows.find((r) => r[0] === "contract-kept-from-loser" && r[2] === "query parameter cursor");
    const droppedParam = rows.find((r) => r[0] === "contract-dropped" && r[2] === "query parameter offset");
    // The merge keeps the first fragment's version of the operation: its cursor stays, b's offset goes.
    expect(keptParam).toEqual(["contract-kept-from-loser", "fragments/a.yaml", "query parameter cursor", "", "fragments/a.yaml:9 overlays/fix.yaml:4"]);
    expect(droppedParam).toEqual(["contract-dropped", "fragments/b.yaml", "query parameter offset", "", "fragments/b.yaml:9 overlays/fix.yaml:4"]);
    // Both summaries lost to the overlay's.
    expect(rows.filter((r) => r[2] === "summary").map((r) => [r[0], r[1], r[3]])).toEqual([
      ["contract-dropped", "fragments/a.yaml", "List things"],
      ["contract-dropped", "fragments/b.yaml", "Lists the things"],
    ]);
    // What both sides share (limit, the 200 response) is nobody's loss.
    expect(rows.some((r) => r[2] === "query parameter limit" || r[2] === "response 200")).toBe(false);
  });

  it("renders the overlay action as what decided", () => {
    const dropped = contracts.find((f) => f.rule === "contract-dropped" && f.args.element === "query parameter offset")!;
    expect(messageOf(dropped)).toBe(
      "query parameter offset of GET /things in fragments/b.yaml is dropped: the overlay action at overlays/fix.yaml:4 (update $.paths['/things'].get) settled the contradiction without it.",
    );
  });
});
