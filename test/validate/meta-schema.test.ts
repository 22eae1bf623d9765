// The OpenAPI 3.1 schema check accepts what the specification allows and refuses what it does not.
// The cases the first bundled schema (2021-04-15) got wrong are here: a server variable's
// `description` (it spelled it `descriptions`) and a licence with only a name.
import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../generator/openapi/types.ts";
import { validateDocument } from "../../generator/validate/validate-document.ts";

const base = (extra: Record<string, unknown>): OpenApiDocument => ({ openapi: "3.1.0", info: { title: "T", version: "1" }, paths: {}, ...extra }) as OpenApiDocument;

const schemaFindings = (doc: OpenApiDocument) =>
  validateDocument(doc)
    .filter((f) => f.rule === "openapi-schema-invalid")
    .map((f) => f.pointer);

describe("the OpenAPI 3.1 schema check", () => {
  it.each([
    [
      "a server variable with enum, default and description",
      { servers: [{ url: "https://{region}.example.com", variables: { region: { enum: ["eu", "us"], default: "eu", description: "where" } } }] },
    ],
    ["a licence with only a name", { info: { title: "T", version: "1", license: { name: "Proprietary" } } }],
    ["a licence with an SPDX identifier", { info: { title: "T", version: "1", license: { name: "Apache 2.0", identifier: "Apache-2.0" } } }],
    ["a webhook-only document without paths", { paths: undefined, webhooks: { ping: { post: { responses: { "200": { description: "ok" } } } } } }],
    ["a summary in info", { info: { title: "T", version: "1", summary: "short" } }],
  ])("accepts %s", (_name, extra) => {
    expect(schemaFindings(base(extra))).toEqual([]);
  });

  it.each([
    ["a server variable without default", { servers: [{ url: "https://{r}.example.com", variables: { r: { enum: ["a"] } } }] }, "/servers/0/variables/r"],
    ["a licence with both identifier and url", { info: { title: "T", version: "1", license: { name: "MIT", identifier: "MIT", url: "https://x" } } }, "/info/license"],
    [
      "an unknown member of a server variable",
      { servers: [{ url: "https://{r}.example.com", variables: { r: { default: "a", descriptions: "typo" } } }] },
      "/servers/0/variables/r",
    ],
  ])("refuses %s", (_name, extra, pointer) => {
    expect(schemaFindings(base(extra))).toContain(pointer);
  });
});
