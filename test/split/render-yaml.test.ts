import { dump } from "js-yaml";
import { describe, expect, it } from "vitest";
import { renderFragmentYaml, type YamlCache } from "../../generator/split/render-yaml.ts";

const long = "A description long enough to be folded at eighty columns, written by a vendor who likes to explain things at length.";
const doc = {
  openapi: "3.0.3",
  info: { title: "T", version: "1", description: long },
  paths: { "/a": { get: { responses: { "200": { description: long, content: { "application/json": { schema: { $ref: "#/components/schemas/Deep" } } } } } } } },
  components: {
    schemas: {
      Deep: { type: "object", properties: { a: { type: "object", properties: { b: { type: "object", properties: { c: { type: "string", description: long } } } } } } },
      "name: with colon": { type: "string", enum: ["x", "y"], description: "line one\nline two\n" },
      Empty: {},
      // js-yaml writes `|+` for text that keeps its trailing newlines, and ends a document after one with `...`.
      Kept: { type: "object", "x-summary": "A line item describes details\nabout a line item.\n\n" },
    },
    parameters: {},
    "x-vendor": { list: [1, 2, { deep: long }] },
  },
  "x-tail": true,
};

describe("renderFragmentYaml", () => {
  it("writes exactly what js-yaml writes for the whole document (folds at the same columns)", () => {
    expect(renderFragmentYaml(doc)).toBe(dump(doc, { noRefs: true }));
    expect(renderFragmentYaml({ openapi: "3.1.0", components: {} })).toBe(dump({ openapi: "3.1.0", components: {} }, { noRefs: true }));
    const endsKept = { openapi: "3.1.0", components: { schemas: { Kept: doc.components.schemas.Kept } } };
    expect(renderFragmentYaml(endsKept)).toBe(dump(endsKept, { noRefs: true }));
    expect(dump(endsKept, { noRefs: true }).endsWith("\n...\n")).toBe(true);
  });

  it("turns a component shared by several fragments into YAML once", () => {
    const cache: YamlCache = new WeakMap();
    renderFragmentYaml(doc, cache);
    expect(cache.get(doc.components.schemas.Deep)?.name).toBe("Deep");
    // A cached text is used as it is: the second fragment's output is the same bytes.
    const other = { ...doc, paths: {} };
    expect(renderFragmentYaml(other, cache)).toBe(dump(other, { noRefs: true }));
  });
});
