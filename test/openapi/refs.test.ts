import { describe, expect, it } from "vitest";
import { checkRefs } from "../../generator/openapi/refs.ts";

describe("checkRefs", () => {
  const loop = "#/components/responses/Loop";
  const back = "#/components/responses/Back";
  const doc = {
    paths: { "/a": { get: { responses: { "200": { $ref: loop } } } } },
    components: {
      responses: { Loop: { $ref: back }, Back: { $ref: loop } },
      schemas: { X: { $ref: "#/components/schemas/Nobody" }, Y: { $ref: "#/components/schemas/Nobody" }, Z: { $ref: "other.yaml#/Z" } },
    },
  };
  const findings = checkRefs(doc, "fragments/a.yaml", () => 1, "/specs/x/fragments", "/specs");

  it("reports a cycle once per chain, read from the finding's chain (the holder at Back walks the same chain as the operation's)", () => {
    expect(findings.filter((f) => f.rule === "ref-cycle").map((f) => [f.pointer, f.args])).toEqual([
      ["/paths/~1a/get/responses/200", { chain: [loop, back, loop] }],
      ["/components/responses/Loop", { chain: [back, loop, back] }],
    ]);
  });

  it("reports each dangling $ref at its own place, and a $ref to another file as dangling", () => {
    expect(findings.filter((f) => f.rule === "ref-dangling").map((f) => [f.pointer, f.args])).toEqual([
      ["/components/schemas/X", { ref: "#/components/schemas/Nobody" }],
      ["/components/schemas/Y", { ref: "#/components/schemas/Nobody" }],
      ["/components/schemas/Z", { ref: "other.yaml#/Z (references to other files are not supported: copy the target into this fragment)" }],
    ]);
    expect(findings).toHaveLength(5);
  });
});
