// The JSDoc of the generated types says where each element was documented: every OpenAPI object
// of the document with an x-source gets "Documented at …" in its description; data does not.
import { describe, expect, it } from "vitest";
import { withProvenanceInDescriptions } from "../../generator/client/emit/schema-types.ts";
import { getAtPointer } from "../../generator/openapi/pointer.ts";
import type { OpenApiDocument } from "../../generator/openapi/types.ts";

const src = (line: number) => ({ "x-source": [`fragments/a.yaml:${line}`] });
const doc = {
  openapi: "3.1.0",
  info: { title: "T", version: "1" },
  paths: {
    "/a": {
      get: {
        ...src(1),
        description: "Lists.",
        parameters: [{ name: "n", in: "query", ...src(2), schema: { type: "integer", ...src(3) } }],
        responses: {
          "200": {
            description: "ok",
            ...src(4),
            headers: { "X-N": { ...src(5), schema: { type: "integer" } } },
            content: {
              "application/json": {
                schema: { type: "object", properties: { a: { type: "string", ...src(6) } } },
                example: { a: "x", ...src(7) },
                examples: { e: { value: { a: "y", ...src(8) } } },
              },
            },
          },
        },
        "x-codeSamples": [{ lang: "sh", ...src(9) }],
      },
    },
  },
  components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "K", ...src(10) } } },
} as unknown as OpenApiDocument;

const cases: { at: string; want: string | undefined }[] = [
  { at: "/paths/~1a/get", want: "Lists.\n\nDocumented at fragments/a.yaml:1." },
  { at: "/paths/~1a/get/parameters/0", want: "Documented at fragments/a.yaml:2." },
  { at: "/paths/~1a/get/parameters/0/schema", want: "Documented at fragments/a.yaml:3." },
  { at: "/paths/~1a/get/responses/200", want: "ok\n\nDocumented at fragments/a.yaml:4." },
  { at: "/paths/~1a/get/responses/200/headers/X-N", want: "Documented at fragments/a.yaml:5." },
  { at: "/paths/~1a/get/responses/200/content/application~1json/schema/properties/a", want: "Documented at fragments/a.yaml:6." },
  { at: "/components/securitySchemes/key", want: "Documented at fragments/a.yaml:10." },
  // Data: example values and extensions are copied as they are.
  { at: "/paths/~1a/get/responses/200/content/application~1json/example", want: undefined },
  { at: "/paths/~1a/get/responses/200/content/application~1json/examples/e/value", want: undefined },
  { at: "/paths/~1a/get/x-codeSamples/0", want: undefined },
];

describe("withProvenanceInDescriptions", () => {
  const out = withProvenanceInDescriptions(doc);
  it.each(cases)("$at", ({ at, want }) => {
    expect((getAtPointer(out, at) as { description?: string }).description).toBe(want);
  });

  it("leaves the document it is given unchanged", () => {
    expect(getAtPointer(doc, "/paths/~1a/get/description")).toBe("Lists.");
  });
});

describe("schemaTypes on example data that looks like a reference", () => {
  it("types the document (openapi-typescript would follow the example's $ref and fail) and keeps the real references", async () => {
    const { schemaTypes } = await import("../../generator/client/emit/schema-types.ts");
    const media = {
      schema: { $ref: "#/components/schemas/Pet" },
      example: { $ref: "#/components/examples/Gone" },
      examples: { roadmap: { value: { $ref: "#/components/examples/AlsoGone" } } },
      "x-sample": { $ref: "#/nowhere" },
    };
    const given = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: { "/pets": { get: { operationId: "listPets", responses: { "200": { description: "ok", content: { "application/json": media } } } } } },
      components: { schemas: { Pet: { type: "object", properties: { id: { type: "string" } } } } },
    };
    const types = await schemaTypes(given as never);
    expect(types).toContain('"application/json": components["schemas"]["Pet"]');
    expect(given.paths["/pets"].get.responses["200"].content["application/json"].example).toEqual({ $ref: "#/components/examples/Gone" }); // the input is not changed
  });
});
