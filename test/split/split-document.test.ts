import { describe, expect, it } from "vitest";
import { splitDocument } from "../../generator/split/split-document.ts";
import { getAtPointer } from "../../generator/openapi/pointer.ts";
import { DriftlessError } from "../../generator/problems/error.ts";
import type { Finding } from "../../generator/problems/finding.ts";
import type { OpenApiDocument } from "../../generator/openapi/types.ts";
import { everyRef } from "./every-ref.ts";

const ref = (pointer: string) => ({ $ref: pointer });
const json = (schema: unknown) => ({ "application/json": { schema } });
const info = { title: "Pets", version: "1.0.0" };

/** Names of the components a fragment carries, per kind, in the order it lists them. */
function componentNames(doc: OpenApiDocument): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [kind, members] of Object.entries(doc.components ?? {})) out[kind] = Object.keys(members as object);
  return out;
}

interface Case {
  name: string;
  doc: OpenApiDocument;
  /** fileName → components expected in that fragment (kinds and names in source order). */
  expected: Record<string, Record<string, string[]>>;
}

const cases: Case[] = [
  {
    name: "transitive refs through every component kind",
    doc: {
      openapi: "3.1.0",
      info,
      paths: {
        "/pets": {
          get: {
            operationId: "listPets",
            parameters: [ref("#/components/parameters/Limit")],
            responses: { "200": ref("#/components/responses/PetList"), default: ref("#/components/responses/Error") },
          },
          post: {
            operationId: "createPet",
            requestBody: ref("#/components/requestBodies/NewPet"),
            responses: { "201": { description: "created", links: { self: ref("#/components/links/PetSelf") } } },
            callbacks: { onCreated: ref("#/components/callbacks/Created") },
          },
        },
      },
      components: {
        schemas: {
          Pet: { type: "object", properties: { owner: ref("#/components/schemas/Owner") } },
          Owner: { type: "object", properties: { address: ref("#/components/schemas/Address") } },
          Address: { type: "string" },
          Error: { type: "object" },
          Unused: { type: "object", properties: { pet: ref("#/components/schemas/Pet") } },
          Count: { type: "integer" },
          RateValue: { type: "integer" },
          Event: { type: "object" },
        },
        parameters: { Limit: { name: "limit", in: "query", schema: ref("#/components/schemas/Count") } },
        responses: {
          PetList: {
            description: "pets",
            headers: { "X-Rate": ref("#/components/headers/Rate") },
            content: {
              "application/json": {
                schema: { type: "array", items: ref("#/components/schemas/Pet") },
                examples: { one: ref("#/components/examples/OnePet") },
              },
            },
          },
          Error: { description: "error", content: json(ref("#/components/schemas/Error")) },
          Unused: { description: "never referenced" },
        },
        headers: { Rate: { schema: ref("#/components/schemas/RateValue") } },
        examples: { OnePet: { value: [{ owner: "ann" }] } },
        requestBodies: { NewPet: { content: json(ref("#/components/schemas/Pet")) } },
        links: { PetSelf: { operationId: "getPet" } },
        callbacks: {
          Created: {
            "{$request.body#/url}": {
              post: { requestBody: { content: json(ref("#/components/schemas/Event")) }, responses: { "200": { description: "ok" } } },
            },
          },
        },
      },
    },
    expected: {
      "create-pet.yaml": {
        schemas: ["Pet", "Owner", "Address", "Event"],
        requestBodies: ["NewPet"],
        links: ["PetSelf"],
        callbacks: ["Created"],
      },
      "list-pets.yaml": {
        schemas: ["Pet", "Owner", "Address", "Error", "Count", "RateValue"],
        parameters: ["Limit"],
        responses: ["PetList", "Error"],
        headers: ["Rate"],
        examples: ["OnePet"],
      },
    },
  },
  {
    name: "recursive and mutually recursive schemas",
    doc: {
      openapi: "3.1.0",
      info,
      paths: { "/tree": { get: { operationId: "getTree", responses: { "200": { description: "ok", content: json(ref("#/components/schemas/Tree")) } } } } },
      components: {
        schemas: {
          Node: {
            type: "object",
            properties: { children: { type: "array", items: ref("#/components/schemas/Node") }, tree: ref("#/components/schemas/Tree") },
          },
          Leaf: { type: "string" },
          Tree: { type: "object", properties: { root: ref("#/components/schemas/Node") } },
        },
      },
    },
    expected: { "get-tree.yaml": { schemas: ["Node", "Tree"] } },
  },
  {
    name: "security schemes named by the operation's and the top-level security",
    doc: {
      openapi: "3.0.3",
      info,
      security: [{ apiKey: [] }],
      paths: {
        "/me": {
          get: { operationId: "getMe", security: [{ oauth: ["read"] }, {}], responses: { "200": { description: "ok" } } },
          put: { operationId: "putMe", responses: { "200": { description: "ok" } } },
        },
      },
      components: {
        securitySchemes: {
          basic: { type: "http", scheme: "basic" },
          oauth: { type: "oauth2", flows: { implicit: { authorizationUrl: "https://x.test/auth", scopes: { read: "read" } } } },
          apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
        },
      },
    },
    expected: {
      "get-me.yaml": { securitySchemes: ["oauth", "apiKey"] },
      "put-me.yaml": { securitySchemes: ["apiKey"] },
    },
  },
  {
    name: "path-level parameters are followed like the operation's",
    doc: {
      openapi: "3.1.0",
      info,
      paths: {
        "/things/{id}": {
          summary: "One thing",
          description: "A thing by id",
          servers: [{ url: "https://things.test" }],
          parameters: [ref("#/components/parameters/Id")],
          get: { responses: { "200": { description: "ok" } } },
          delete: { responses: { "204": { description: "gone" } } },
        },
      },
      components: {
        parameters: { Id: { name: "id", in: "path", required: true, schema: ref("#/components/schemas/Id") } },
        schemas: { Id: { type: "string", format: "uuid" } },
      },
    },
    expected: {
      "delete-things-id.yaml": { schemas: ["Id"], parameters: ["Id"] },
      "get-things-id.yaml": { schemas: ["Id"], parameters: ["Id"] },
    },
  },
  {
    name: "file names: kebab-case operationIds, method and path otherwise, collisions numbered",
    doc: {
      openapi: "3.1.0",
      info,
      paths: {
        "/z": { get: { operationId: "get-user-2", responses: {} } },
        "/b": { get: { operationId: "get_user", responses: {} } },
        "/a": { get: { operationId: "getUser", responses: {} } },
        "/servers": { get: { operationId: "HTTPServerList", responses: {} } },
        "/v1/users/{userId}/keys": { post: { responses: {} }, get: { operationId: "??", responses: {} } },
      },
    },
    expected: {
      "get-user.yaml": {},
      "get-user-2.yaml": {},
      "get-user-3.yaml": {},
      "get-v1-users-user-id-keys.yaml": {},
      "http-server-list.yaml": {},
      "post-v1-users-user-id-keys.yaml": {},
    },
  },
];

describe("splitDocument", () => {
  describe.each(cases)("$name", ({ doc, expected }) => {
    const fragments = splitDocument(doc);

    it("writes one fragment per operation, sorted by file name", () => {
      expect(fragments.map((f) => f.fileName)).toEqual(Object.keys(expected).sort());
    });

    it.each(Object.entries(expected))("%s carries exactly the components it needs", (fileName, components) => {
      const fragment = fragments.find((f) => f.fileName === fileName)!;
      expect(componentNames(fragment.document)).toEqual(components);
    });

    it("keeps every operation's content and makes every $ref resolve inside its fragment", () => {
      for (const { document } of fragments) {
        const [path, item] = Object.entries(document.paths!)[0]!;
        for (const [key, value] of Object.entries(item)) expect(value).toEqual(doc.paths![path]![key]);
        for (const { at, ref: target } of everyRef(document)) {
          expect(getAtPointer(document, target), `${at} → ${target}`).toBeDefined();
        }
        expect(document.openapi).toBe(doc.openapi);
        expect(document.info).toEqual(doc.info);
      }
    });
  });

  it("names the collision group's members by path, whatever the document order", () => {
    const byName = (doc: OpenApiDocument) => Object.fromEntries(splitDocument(doc).map((f) => [f.fileName, Object.keys(f.document.paths!)[0]]));
    const doc = cases[4]!.doc;
    const reversed = { ...doc, paths: Object.fromEntries(Object.entries(doc.paths!).reverse()) };
    expect(byName(doc)).toEqual({
      "get-user.yaml": "/a",
      "get-user-2.yaml": "/z",
      "get-user-3.yaml": "/b",
      "get-v1-users-user-id-keys.yaml": "/v1/users/{userId}/keys",
      "http-server-list.yaml": "/servers",
      "post-v1-users-user-id-keys.yaml": "/v1/users/{userId}/keys",
    });
    expect(byName(reversed)).toEqual(byName(doc));
  });

  it("keeps the path item's own fields and drops its other operations", () => {
    const fragment = splitDocument(cases[3]!.doc).find((f) => f.fileName === "get-things-id.yaml")!;
    const item = fragment.document.paths!["/things/{id}"]!;
    expect(Object.keys(item)).toEqual(["summary", "description", "servers", "parameters", "get"]);
  });

  it("repeats the document-level fields, keeps the used tags in order, and leaves webhooks out", () => {
    const doc: OpenApiDocument = {
      openapi: "3.1.0",
      info,
      jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
      servers: [{ url: "https://api.test" }],
      security: [],
      tags: [{ name: "b" }, { name: "a", description: "A" }, { name: "unused" }],
      externalDocs: { url: "https://docs.test" },
      "x-vendor": { kept: true },
      paths: { "/x": { get: { operationId: "x", tags: ["a", "b", "undeclared"], responses: {} } } },
      webhooks: { ping: { post: { requestBody: ref("#/components/requestBodies/Ping"), responses: {} } } },
      components: { requestBodies: { Ping: { content: {} } } },
    };
    const [fragment] = splitDocument(doc);
    expect(fragment!.document).toEqual({
      openapi: "3.1.0",
      info,
      jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
      servers: [{ url: "https://api.test" }],
      security: [],
      tags: [{ name: "b" }, { name: "a", description: "A" }],
      externalDocs: { url: "https://docs.test" },
      "x-vendor": { kept: true },
      paths: doc.paths,
    });
  });

  it("keeps a 3.0 document as 3.0, 3.0-isms and all", () => {
    const doc: OpenApiDocument = {
      openapi: "3.0.1",
      info,
      paths: { "/s": { get: { responses: { "200": { description: "ok", content: json(ref("#/components/schemas/S")) } } } } },
      components: { schemas: { S: { type: "string", nullable: true, format: "timestamp-milliseconds", example: "1" } } },
    };
    const [fragment] = splitDocument(doc);
    expect(fragment!.document.openapi).toBe("3.0.1");
    expect(fragment!.document.components).toEqual(doc.components);
  });

  it("pulls in the schemas named by a discriminator mapping, by ref or by bare name", () => {
    const doc: OpenApiDocument = {
      openapi: "3.1.0",
      info,
      paths: { "/pet": { get: { responses: { "200": { description: "ok", content: json(ref("#/components/schemas/Pet")) } } } } },
      components: {
        schemas: {
          Pet: { type: "object", discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat", dog: "Dog", web: "https://x.test/y.json" } } },
          Cat: { type: "object" },
          Dog: { type: "object" },
          Bird: { type: "object" },
        },
      },
    };
    expect(componentNames(splitDocument(doc)[0]!.document)).toEqual({ schemas: ["Pet", "Cat", "Dog"] });
  });

  describe("a $ref inside example data or an extension is data: not carried, never an error", () => {
    /** One operation whose 200 answer is `response`; components Repo (an example) and Pet (a schema) exist. */
    const docWith = (openapi: string, response: Record<string, unknown>, operation: Record<string, unknown> = {}): OpenApiDocument => ({
      openapi,
      info,
      paths: { "/r": { get: { ...operation, responses: { "200": { description: "ok", ...response } } } } },
      components: { examples: { Repo: { value: { id: 1 } } }, schemas: { Pet: { type: "object" } } },
    });
    const media = (m: Record<string, unknown>) => ({ content: { "application/json": m } });
    const cases: { name: string; given: OpenApiDocument; want: Record<string, string[]> }[] = [
      {
        name: "inside an Example's value",
        given: docWith("3.1.0", media({ examples: { a: { value: { repo: ref("#/components/examples/Repo"), junk: ref("#/components/examples/Missing") } } } })),
        want: {},
      },
      { name: "an Example's whole value", given: docWith("3.1.0", media({ examples: { a: { value: ref("#/components/examples/Repo") } } })), want: {} },
      { name: "a media type's example", given: docWith("3.1.0", media({ example: ref("#/components/examples/Repo") })), want: {} },
      {
        name: "a schema's default, const, enum and examples",
        given: docWith("3.1.0", media({ schema: { default: ref("#/components/schemas/Pet"), const: ref("#/x"), enum: [ref("#/y")], examples: [ref("#/z")] } })),
        want: {},
      },
      { name: "a 3.0 schema's example", given: docWith("3.0.3", media({ schema: { type: "object", example: ref("#/components/schemas/Pet") } })), want: {} },
      { name: "an extension", given: docWith("3.1.0", {}, { "x-patch": { responses: { "451": ref("#/components/schemas/Pet") } } }), want: {} },
      // The contrast: a property *named* example is a schema, and an Example that is a Reference Object is a reference.
      {
        name: "(a property named example is a schema)",
        given: docWith("3.1.0", media({ schema: { properties: { example: ref("#/components/schemas/Pet") } } })),
        want: { schemas: ["Pet"] },
      },
      { name: "(an Example Object that is a $ref)", given: docWith("3.1.0", media({ examples: { a: ref("#/components/examples/Repo") } })), want: { examples: ["Repo"] } },
    ];
    it.each(cases)("$name", ({ given, want }) => {
      expect(componentNames(splitDocument(given)[0]!.document)).toEqual(want);
    });
  });

  it("follows a ref into a component's inside by carrying the whole component", () => {
    const doc: OpenApiDocument = {
      openapi: "3.1.0",
      info,
      paths: { "/o": { get: { responses: { "200": { description: "ok", content: json(ref("#/components/schemas/Pet/properties/owner")) } } } } },
      components: { schemas: { Pet: { properties: { owner: ref("#/components/schemas/Owner") } }, Owner: { type: "string" } } },
    };
    expect(componentNames(splitDocument(doc)[0]!.document)).toEqual({ schemas: ["Pet", "Owner"] });
  });

  it("fails with one ref-dangling finding per broken $ref, with file and pointer", () => {
    const doc: OpenApiDocument = {
      openapi: "3.1.0",
      info,
      paths: {
        "/a": { get: { responses: { "200": { description: "ok", content: json(ref("#/components/schemas/Pet")) } } } },
        "/b": { get: { responses: { "200": { description: "ok", content: json(ref("#/components/schemas/Pet")) } } } },
      },
      components: { schemas: { Pet: { properties: { owner: ref("#/components/schemas/Nobody") } } } },
    };
    const error = captureError(() => splitDocument(doc, { file: "pets.json", lineOf: () => 7 }));
    expect(error.code).toBe("E_INPUT");
    expect(error.message).toContain("pets.json:7");
    expect(error.findings).toHaveLength(1);
    expect(error.findings[0]).toMatchObject({
      rule: "ref-dangling",
      pointer: "/components/schemas/Pet/properties/owner",
      sources: [{ file: "pets.json", line: 7, pointer: "/components/schemas/Pet/properties/owner" }],
      args: { ref: "#/components/schemas/Nobody" },
    });
  });

  it("copies a ref's target from #/paths into every fragment and reports it once, with its places", () => {
    const limit = { description: "requests per hour", schema: { type: "integer" } };
    const doc: OpenApiDocument = {
      openapi: "3.1.0",
      info,
      paths: {
        "/a": { get: { operationId: "a", responses: { "200": { description: "ok", headers: { limit }, content: json(ref("#/components/schemas/Pet")) } } } },
        "/b": { get: { operationId: "b", responses: { "200": { description: "ok", headers: { limit: ref("#/paths/~1a/get/responses/200/headers/limit") } } } } },
        "/c": { get: { operationId: "c", responses: { "200": ref("#/paths/~1a/get/responses/200") } } },
      },
      components: { schemas: { Pet: { type: "object", properties: { tag: ref("#/paths/~1a/get/responses/200/headers/limit/schema") } } } },
    };
    const findings: Finding[] = [];
    const fragments = splitDocument(doc, { file: "do.json", lineOf: () => 9, findings });
    const byName = Object.fromEntries(fragments.map((f) => [f.fileName, f.document]));
    expect(byName["b.yaml"]!.paths!["/b"]!.get!.responses!["200"]!.headers).toEqual({ limit });
    // The target's own references travel: the response of /a carries Pet.
    expect(byName["c.yaml"]!.paths!["/c"]!.get!.responses!["200"]).toEqual({ ...doc.paths!["/a"]!.get!.responses!["200"], content: json(ref("#/components/schemas/Pet")) });
    expect(componentNames(byName["c.yaml"]!)).toEqual({ schemas: ["Pet"] });
    // A component is the same in every fragment that carries it, whether or not that fragment holds the target.
    expect(byName["a.yaml"]!.components!.schemas!.Pet).toEqual({ type: "object", properties: { tag: { type: "integer" } } });
    expect(byName["c.yaml"]!.components!.schemas!.Pet).toEqual(byName["a.yaml"]!.components!.schemas!.Pet);
    for (const { document } of fragments) expect(JSON.stringify(document)).not.toContain("#/paths");
    // In the order split meets them (the fragments' operations in document order, each with its components).
    expect(findings.map((f) => [f.rule, f.args, f.sources])).toEqual([
      [
        "split-ref-inlined",
        { ref: "#/paths/~1a/get/responses/200/headers/limit/schema", places: 1 },
        [{ file: "do.json", line: 9, pointer: "/components/schemas/Pet/properties/tag" }],
      ],
      [
        "split-ref-inlined",
        { ref: "#/paths/~1a/get/responses/200/headers/limit", places: 1 },
        [{ file: "do.json", line: 9, pointer: "/paths/~1b/get/responses/200/headers/limit" }],
      ],
      ["split-ref-inlined", { ref: "#/paths/~1a/get/responses/200", places: 1 }, [{ file: "do.json", line: 9, pointer: "/paths/~1c/get/responses/200" }]],
    ]);
  });

  it("cuts the operations of a path item written as a $ref to another (surevoip), and says so", () => {
    const doc: OpenApiDocument = {
      openapi: "3.0.0",
      info,
      paths: { "/ip-address": { get: { operationId: "ip", responses: {} } }, "/support/ip-address": { $ref: "#/paths/~1ip-address" } },
    };
    const findings: Finding[] = [];
    const fragments = splitDocument(doc, { findings });
    expect(fragments.map((f) => [f.fileName, f.document.paths])).toEqual([
      ["ip-2.yaml", { "/support/ip-address": { get: { operationId: "ip", responses: {} } } }],
      ["ip.yaml", { "/ip-address": { get: { operationId: "ip", responses: {} } } }],
    ]);
    expect(findings.map((f) => [f.rule, f.pointer, f.args])).toEqual([["split-ref-inlined", "/paths/~1support~1ip-address", { ref: "#/paths/~1ip-address", places: 1 }]]);
    expect(doc.paths!["/support/ip-address"]).toEqual({ $ref: "#/paths/~1ip-address" });
  });

  it("copies a ref into components.x-* (an extension, not a component) in place", () => {
    const doc: OpenApiDocument = {
      openapi: "3.0.3",
      info,
      paths: { "/a": { get: { operationId: "a", parameters: [ref("#/components/x-shared/limit")], responses: {} } } },
      components: { "x-shared": { limit: { name: "limit", in: "query", schema: { type: "integer" } } } },
    };
    const findings: Finding[] = [];
    const [fragment] = splitDocument(doc, { findings });
    expect(fragment!.document.paths!["/a"]!.get!.parameters).toEqual([{ name: "limit", in: "query", schema: { type: "integer" } }]);
    expect(findings.map((f) => f.rule)).toEqual(["split-ref-inlined"]);
  });

  it("keeps a schema's keywords beside a copied $ref: they apply together (allOf)", () => {
    const doc: OpenApiDocument = {
      openapi: "3.1.0",
      info,
      paths: {
        "/a": { get: { operationId: "a", responses: { "200": { description: "ok", content: json({ type: "string" }) } } } },
        "/b": {
          get: {
            operationId: "b",
            responses: { "200": { description: "ok", content: json({ ...ref("#/paths/~1a/get/responses/200/content/application~1json/schema"), maxLength: 3 }) } },
          },
        },
      },
    };
    const fragment = splitDocument(doc).find((f) => f.fileName === "b.yaml")!;
    expect(fragment.document.paths!["/b"]!.get!.responses!["200"]!.content).toEqual(json({ maxLength: 3, allOf: [{ type: "string" }] }));
  });

  it("refuses a ref outside #/components whose target is missing", () => {
    const doc: OpenApiDocument = {
      openapi: "3.1.0",
      info,
      paths: { "/b": { get: { operationId: "b", responses: { "200": ref("#/paths/~1a/get/responses/200") } } } },
    };
    const error = captureError(() => splitDocument(doc));
    expect(error.findings.map((f) => [f.rule, f.pointer, f.args])).toEqual([
      ["ref-dangling", "/paths/~1b/get/responses/200", { ref: "#/paths/~1a/get/responses/200 (its target is not in the document)" }],
    ]);
  });

  it("carries the API's bearer scheme for an operation that spells its auth as an Authorization header (just-eat)", () => {
    const auth = { name: "Authorization", in: "header", required: true, schema: { type: "string" } };
    const doc: OpenApiDocument = {
      openapi: "3.0.0",
      info,
      paths: {
        "/a": { get: { operationId: "a", parameters: [auth], responses: {} } },
        "/b": { get: { operationId: "b", parameters: [ref("#/components/parameters/Auth")], responses: {} } },
        "/c": { get: { operationId: "c", responses: {} } },
      },
      components: { parameters: { Auth: auth }, securitySchemes: { Bearer: { type: "http", scheme: "Bearer" }, Key: { type: "apiKey", in: "query", name: "k" } } },
    };
    expect(Object.fromEntries(splitDocument(doc).map((f) => [f.fileName, componentNames(f.document)]))).toEqual({
      "a.yaml": { securitySchemes: ["Bearer"] },
      "b.yaml": { parameters: ["Auth"], securitySchemes: ["Bearer"] },
      "c.yaml": {},
    });
  });

  it("writes a document with no operation (webhooks only) whole, as one fragment, and says so", () => {
    const doc: OpenApiDocument = {
      openapi: "3.1.0",
      info: { title: "Balance Platform Notifications", version: "1" },
      paths: {},
      webhooks: { ping: { post: { requestBody: ref("#/components/requestBodies/Ping"), responses: {} } } },
      components: { requestBodies: { Ping: { content: {} } } },
    };
    const findings: Finding[] = [];
    const fragments = splitDocument(doc, { findings });
    expect(fragments).toEqual([{ fileName: "balance-platform-notifications.yaml", document: doc }]);
    expect(findings.map((f) => [f.rule, f.args])).toEqual([["split-no-operations", { kept: "webhooks, components" }]]);
  });

  it("returns independent copies: editing one fragment changes neither the source nor the others", () => {
    const doc = cases[0]!.doc;
    const before = structuredClone(doc);
    const fragments = splitDocument(doc);
    (fragments[0]!.document.components!.schemas!.Pet as { type: string }).type = "changed";
    expect(doc).toEqual(before);
    expect(fragments[1]!.document.components!.schemas!.Pet).toEqual(before.components!.schemas!.Pet);
  });
});

function captureError(fn: () => unknown): DriftlessError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DriftlessError) return error;
    throw error;
  }
  throw new Error("expected a DriftlessError");
}
