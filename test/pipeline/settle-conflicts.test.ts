import { describe, expect, it } from "vitest";
import { settleConflicts } from "../../generator/pipeline/settle-conflicts.ts";
import type { AppliedAction } from "../../generator/overlay/index.ts";
import { finding } from "../../generator/problems/finding.ts";

const action = (kind: "update" | "remove", pointers: string[], written: string[] = []): AppliedAction => ({
  source: { file: "overlays/fix.yaml", line: 7 },
  reason: "Because the docs say so.",
  kind,
  target: "$",
  pointers,
  written,
});

const conflictAt = (pointer: string) => finding("operation-conflict", { pointer, args: { operation: "GET /a", files: ["a", "b"] } });

describe("settleConflicts", () => {
  const cases: { name: string; conflict: string; actions: AppliedAction[]; settled: boolean }[] = [
    {
      name: "an update writing the disputed value",
      conflict: "/paths/~1a/get/summary",
      actions: [action("update", ["/paths/~1a/get"], ["/paths/~1a/get/summary"])],
      settled: true,
    },
    {
      name: "an update writing inside the disputed node",
      conflict: "/paths/~1a/get/responses",
      actions: [action("update", ["/paths/~1a/get/responses"], ["/paths/~1a/get/responses/201/description"])],
      settled: true,
    },
    {
      name: "an update beside it (a 401 added to every operation)",
      conflict: "/paths/~1a/get/summary",
      actions: [action("update", ["/paths/~1a/get/responses"], ["/paths/~1a/get/responses/401/description"])],
      settled: false,
    },
    { name: "removing the disputed node", conflict: "/paths/~1a/get/summary", actions: [action("remove", ["/paths/~1a/get/summary"])], settled: true },
    { name: "removing an ancestor", conflict: "/paths/~1a/get/summary", actions: [action("remove", ["/paths/~1a"])], settled: true },
    { name: "removing something inside it", conflict: "/paths/~1a/get/responses", actions: [action("remove", ["/paths/~1a/get/responses/200"])], settled: true },
    { name: "removing a sibling", conflict: "/paths/~1a/get/summary", actions: [action("remove", ["/paths/~1a/get/description"])], settled: false },
  ];
  for (const c of cases) {
    it(`${c.settled ? "settles" : "does not settle"} by ${c.name}`, () => {
      const findings = [conflictAt(c.conflict)];
      settleConflicts(findings, c.actions);
      expect(findings[0]!.severity).toBe(c.settled ? "warning" : "error");
      if (c.settled)
        expect(findings[0]!.resolution).toEqual({
          by: "overlays/fix.yaml:7",
          reason: "Because the docs say so.",
          action: expect.stringMatching(/^overlay action (update|remove) \$/),
        });
      else expect(findings[0]!.resolution).toBeUndefined();
    });
  }
  it("leaves findings that are not conflicts alone", () => {
    const f = finding("example-invalid", { pointer: "/paths/~1a", args: { reason: "x" } });
    settleConflicts([f], [action("remove", ["/paths/~1a"])]);
    expect(f.severity).toBe("error");
  });
});
