import { describe, expect, it } from "vitest";
import { toPointer } from "../../generator/openapi/pointer.ts";
import {
  COMPONENT_KINDS,
  eachReference,
  eachSchema,
  kindAt,
  SKIP,
  walkDocument,
  walkNode,
  type ObjectKind,
  type OpenApiVersion,
  type Visitor,
} from "../../generator/openapi/walk.ts";

/** A visit as the tables spell it: [kind, pointer]; a reference is "reference:<expected kind>". */
type Visit = [string, string];

const record =
  (out: Visit[]): Visitor =>
  (_node, kind, path, expected) => {
    out.push([kind === "reference" ? `reference:${expected}` : kind, toPointer(path)]);
  };

function visits(doc: unknown, version?: OpenApiVersion): Visit[] {
  const out: Visit[] = [];
  walkDocument(doc, record(out), { version });
  return out;
}

const ref = (pointer: string) => ({ $ref: pointer });
const doc31 = (rest: Record<string, unknown>) => ({ openapi: "3.1.0", info: { title: "t", version: "1" }, ...rest });
const doc30 = (rest: Record<string, unknown>) => ({ openapi: "3.0.3", info: { title: "t", version: "1" }, ...rest });
/** A document whose only schema is `schema`, as component S. */
const withSchema = (schema: unknown) => doc31({ components: { schemas: { S: schema } } });
const S = "/components/schemas/S";

interface Case {
  name: string;
  given: unknown;
  version?: OpenApiVersion;
  want: Visit[];
}

describe("walkDocument: the objects of a document", () => {
  const cases: Case[] = [
    { name: "an empty document", given: doc31({ paths: {} }), want: [["document", ""]] },
    { name: "not an object", given: ["openapi"], want: [] },
    {
      name: "path items, operations, parameters, request bodies, responses, media types, headers, links, encodings, examples",
      given: doc31({
        paths: {
          "/pets/{id}": {
            summary: "a pet",
            servers: [{ url: "https://x.test", variables: { v: { default: "1" } } }],
            parameters: [{ name: "id", in: "path", schema: { type: "string" } }],
            get: {
              tags: ["pets"],
              security: [{ key: [] }],
              parameters: [{ name: "q", in: "query", content: { "application/json": { schema: { type: "object" } } } }],
              responses: {
                "200": {
                  description: "ok",
                  headers: { "X-Rate": { schema: { type: "integer" }, examples: { one: { value: 1 } } } },
                  content: { "application/json": { schema: { type: "object" }, examples: { a: { value: { b: 1 } } } } },
                  links: { self: { operationId: "getPet", parameters: { id: "$response.body#/id" } } },
                },
                default: { description: "error" },
                "x-note": { description: "an extension, not a status" },
              },
            },
            post: {
              requestBody: {
                content: {
                  "multipart/form-data": { schema: { type: "object" }, encoding: { file: { contentType: "image/png", headers: { "X-Part": { schema: { type: "string" } } } } } },
                },
              },
              responses: {},
            },
          },
          "x-internal": { get: { responses: {} } },
        },
      }),
      want: [
        ["document", ""],
        ["pathItem", "/paths/~1pets~1{id}"],
        ["parameter", "/paths/~1pets~1{id}/parameters/0"],
        ["schema", "/paths/~1pets~1{id}/parameters/0/schema"],
        ["operation", "/paths/~1pets~1{id}/get"],
        ["parameter", "/paths/~1pets~1{id}/get/parameters/0"],
        ["mediaType", "/paths/~1pets~1{id}/get/parameters/0/content/application~1json"],
        ["schema", "/paths/~1pets~1{id}/get/parameters/0/content/application~1json/schema"],
        ["response", "/paths/~1pets~1{id}/get/responses/200"],
        ["header", "/paths/~1pets~1{id}/get/responses/200/headers/X-Rate"],
        ["schema", "/paths/~1pets~1{id}/get/responses/200/headers/X-Rate/schema"],
        ["example", "/paths/~1pets~1{id}/get/responses/200/headers/X-Rate/examples/one"],
        ["mediaType", "/paths/~1pets~1{id}/get/responses/200/content/application~1json"],
        ["schema", "/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema"],
        ["example", "/paths/~1pets~1{id}/get/responses/200/content/application~1json/examples/a"],
        ["link", "/paths/~1pets~1{id}/get/responses/200/links/self"],
        ["response", "/paths/~1pets~1{id}/get/responses/default"],
        ["operation", "/paths/~1pets~1{id}/post"],
        ["requestBody", "/paths/~1pets~1{id}/post/requestBody"],
        ["mediaType", "/paths/~1pets~1{id}/post/requestBody/content/multipart~1form-data"],
        ["schema", "/paths/~1pets~1{id}/post/requestBody/content/multipart~1form-data/schema"],
        ["encoding", "/paths/~1pets~1{id}/post/requestBody/content/multipart~1form-data/encoding/file"],
        ["header", "/paths/~1pets~1{id}/post/requestBody/content/multipart~1form-data/encoding/file/headers/X-Part"],
        ["schema", "/paths/~1pets~1{id}/post/requestBody/content/multipart~1form-data/encoding/file/headers/X-Part/schema"],
      ],
    },
    {
      name: "every HTTP method of a path item",
      given: doc31({ paths: { "/m": Object.fromEntries(["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"].map((m) => [m, { responses: {} }])) } }),
      want: [
        ["document", ""],
        ["pathItem", "/paths/~1m"],
        ...["get", "put", "post", "delete", "options", "head", "patch", "trace"].map((m): Visit => ["operation", `/paths/~1m/${m}`]),
      ],
    },
    {
      name: "callbacks: expressions to path items, extensions skipped",
      given: doc31({
        paths: {
          "/hooks": {
            post: {
              callbacks: { onEvent: { "{$request.body#/url}": { post: { requestBody: { content: {} }, responses: {} } }, "x-retry": { post: {} } } },
              responses: {},
            },
          },
        },
      }),
      want: [
        ["document", ""],
        ["pathItem", "/paths/~1hooks"],
        ["operation", "/paths/~1hooks/post"],
        ["callback", "/paths/~1hooks/post/callbacks/onEvent"],
        ["pathItem", "/paths/~1hooks/post/callbacks/onEvent/{$request.body#~1url}"],
        ["operation", "/paths/~1hooks/post/callbacks/onEvent/{$request.body#~1url}/post"],
        ["requestBody", "/paths/~1hooks/post/callbacks/onEvent/{$request.body#~1url}/post/requestBody"],
      ],
    },
    {
      name: "every components section; components.x-* is an extension, not a section",
      given: doc31({
        components: {
          schemas: { Pet: { type: "object" } },
          responses: { NotFound: { description: "nf" } },
          parameters: { Limit: { name: "limit", in: "query" } },
          examples: { OnePet: { value: { name: "rex", schema: { $ref: "#/nowhere" } } } },
          requestBodies: { NewPet: { content: {} } },
          headers: { Rate: { schema: { type: "integer" } } },
          securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key" } },
          links: { Self: { operationId: "getPet", requestBody: { $ref: "#/nowhere" } } },
          callbacks: { Done: { "{$url}": { post: { responses: {} } } } },
          pathItems: { Shared: { get: { responses: {} } } },
          "x-tagGroups": { schemas: { NotASchema: { type: "string" } }, ref: { $ref: "#/nowhere" } },
        },
      }),
      want: [
        ["document", ""],
        ["components", "/components"],
        ["schema", "/components/schemas/Pet"],
        ["response", "/components/responses/NotFound"],
        ["parameter", "/components/parameters/Limit"],
        ["example", "/components/examples/OnePet"],
        ["requestBody", "/components/requestBodies/NewPet"],
        ["header", "/components/headers/Rate"],
        ["schema", "/components/headers/Rate/schema"],
        ["securityScheme", "/components/securitySchemes/key"],
        ["link", "/components/links/Self"],
        ["callback", "/components/callbacks/Done"],
        ["pathItem", "/components/callbacks/Done/{$url}"],
        ["operation", "/components/callbacks/Done/{$url}/post"],
        ["pathItem", "/components/pathItems/Shared"],
        ["operation", "/components/pathItems/Shared/get"],
      ],
    },
    {
      name: "3.1: webhooks are path items",
      given: doc31({ webhooks: { newPet: { post: { requestBody: { content: { "application/json": { schema: { type: "object" } } } } } } } }),
      want: [
        ["document", ""],
        ["pathItem", "/webhooks/newPet"],
        ["operation", "/webhooks/newPet/post"],
        ["requestBody", "/webhooks/newPet/post/requestBody"],
        ["mediaType", "/webhooks/newPet/post/requestBody/content/application~1json"],
        ["schema", "/webhooks/newPet/post/requestBody/content/application~1json/schema"],
      ],
    },
    {
      name: "3.0: no webhooks and no components.pathItems (not 3.0 fields)",
      given: doc30({ webhooks: { newPet: { post: {} } }, components: { pathItems: { Shared: { get: {} } } } }),
      want: [
        ["document", ""],
        ["components", "/components"],
      ],
    },
    {
      name: "the version option overrides the document's",
      given: doc30({ webhooks: { newPet: { post: {} } } }),
      version: "3.1",
      want: [
        ["document", ""],
        ["pathItem", "/webhooks/newPet"],
        ["operation", "/webhooks/newPet/post"],
      ],
    },
  ];
  it.each(cases)("$name", ({ given, version, want }) => {
    expect(visits(given, version)).toEqual(want);
  });
});

describe("walkDocument: every subschema keyword", () => {
  const cases: Case[] = [
    {
      name: "properties",
      given: withSchema({ properties: { a: {}, b: {} } }),
      want: [
        ["schema", `${S}/properties/a`],
        ["schema", `${S}/properties/b`],
      ],
    },
    { name: "patternProperties", given: withSchema({ patternProperties: { "^x": {} } }), want: [["schema", `${S}/patternProperties/^x`]] },
    { name: "$defs", given: withSchema({ $defs: { d: {} } }), want: [["schema", `${S}/$defs/d`]] },
    { name: "dependentSchemas", given: withSchema({ dependentSchemas: { a: {} } }), want: [["schema", `${S}/dependentSchemas/a`]] },
    {
      name: "allOf",
      given: withSchema({ allOf: [{}, {}] }),
      want: [
        ["schema", `${S}/allOf/0`],
        ["schema", `${S}/allOf/1`],
      ],
    },
    { name: "anyOf", given: withSchema({ anyOf: [{}] }), want: [["schema", `${S}/anyOf/0`]] },
    { name: "oneOf", given: withSchema({ oneOf: [{}] }), want: [["schema", `${S}/oneOf/0`]] },
    {
      name: "prefixItems",
      given: withSchema({ prefixItems: [{}, {}] }),
      want: [
        ["schema", `${S}/prefixItems/0`],
        ["schema", `${S}/prefixItems/1`],
      ],
    },
    { name: "items (one schema: 2020-12 and OpenAPI 3.0)", given: withSchema({ items: {} }), want: [["schema", `${S}/items`]] },
    {
      name: "items (a list: drafts before 2020-12)",
      given: withSchema({ items: [{}, {}], additionalItems: {} }),
      want: [
        ["schema", `${S}/items/0`],
        ["schema", `${S}/items/1`],
        ["schema", `${S}/additionalItems`],
      ],
    },
    { name: "additionalProperties", given: withSchema({ additionalProperties: {} }), want: [["schema", `${S}/additionalProperties`]] },
    { name: "not", given: withSchema({ not: {} }), want: [["schema", `${S}/not`]] },
    {
      name: "if / then / else",
      // biome-ignore lint/suspicious/noThenProperty: `then` is a JSON Schema keyword here, not a thenable
      given: withSchema({ if: {}, then: {}, else: {} }),
      want: [
        ["schema", `${S}/if`],
        ["schema", `${S}/then`],
        ["schema", `${S}/else`],
      ],
    },
    { name: "contains", given: withSchema({ contains: {} }), want: [["schema", `${S}/contains`]] },
    { name: "propertyNames", given: withSchema({ propertyNames: {} }), want: [["schema", `${S}/propertyNames`]] },
    { name: "unevaluatedProperties", given: withSchema({ unevaluatedProperties: {} }), want: [["schema", `${S}/unevaluatedProperties`]] },
    { name: "unevaluatedItems", given: withSchema({ unevaluatedItems: {} }), want: [["schema", `${S}/unevaluatedItems`]] },
    { name: "contentSchema", given: withSchema({ contentSchema: {} }), want: [["schema", `${S}/contentSchema`]] },
    { name: "definitions (before 2019-09)", given: withSchema({ definitions: { d: {} } }), want: [["schema", `${S}/definitions/d`]] },
    {
      name: "dependencies (before 2019-09): schemas walked, property lists are not schemas",
      given: withSchema({ dependencies: { a: {}, b: ["c"] } }),
      want: [["schema", `${S}/dependencies/a`]],
    },
    {
      name: "boolean schemas and non-schema keywords are not walked",
      given: withSchema({ additionalProperties: false, items: true, discriminator: { propertyName: "k", mapping: { a: "#/x" } }, xml: { name: "x" }, required: ["a"] }),
      want: [],
    },
    {
      name: "property names are names, not keywords",
      given: withSchema({ properties: { example: { type: "string" }, $ref: { type: "string" }, "x-source": { type: "string" }, properties: {} } }),
      want: [
        ["schema", `${S}/properties/example`],
        ["schema", `${S}/properties/$ref`],
        ["schema", `${S}/properties/x-source`],
        ["schema", `${S}/properties/properties`],
      ],
    },
    {
      name: "nested to any depth",
      given: withSchema({ properties: { a: { items: { anyOf: [{ not: { properties: { b: {} } } }] } } } }),
      want: [
        ["schema", `${S}/properties/a`],
        ["schema", `${S}/properties/a/items`],
        ["schema", `${S}/properties/a/items/anyOf/0`],
        ["schema", `${S}/properties/a/items/anyOf/0/not`],
        ["schema", `${S}/properties/a/items/anyOf/0/not/properties/b`],
      ],
    },
  ];
  const prefix: Visit[] = [
    ["document", ""],
    ["components", "/components"],
    ["schema", S],
  ];
  it.each(cases)("$name", ({ given, want }) => {
    expect(visits(given)).toEqual([...prefix, ...want]);
  });
});

describe("walkDocument: references, with the kind expected where they stand", () => {
  const cases: Case[] = [
    {
      name: "Reference Objects of every referable place",
      given: doc31({
        paths: {
          "/a": {
            get: {
              parameters: [ref("#/components/parameters/P")],
              requestBody: ref("#/components/requestBodies/B"),
              responses: {
                "200": {
                  description: "ok",
                  headers: { H: ref("#/components/headers/H") },
                  content: { "application/json": { schema: ref("#/components/schemas/S"), examples: { e: ref("#/components/examples/E") } } },
                  links: { l: ref("#/components/links/L") },
                },
                "404": ref("#/components/responses/R"),
              },
              callbacks: { c: ref("#/components/callbacks/C") },
            },
          },
        },
        components: { securitySchemes: { k: ref("#/components/securitySchemes/other") } },
      }),
      want: [
        ["document", ""],
        ["pathItem", "/paths/~1a"],
        ["operation", "/paths/~1a/get"],
        ["reference:parameter", "/paths/~1a/get/parameters/0"],
        ["reference:requestBody", "/paths/~1a/get/requestBody"],
        ["response", "/paths/~1a/get/responses/200"],
        ["reference:header", "/paths/~1a/get/responses/200/headers/H"],
        ["mediaType", "/paths/~1a/get/responses/200/content/application~1json"],
        ["reference:schema", "/paths/~1a/get/responses/200/content/application~1json/schema"],
        ["reference:example", "/paths/~1a/get/responses/200/content/application~1json/examples/e"],
        ["reference:link", "/paths/~1a/get/responses/200/links/l"],
        ["reference:response", "/paths/~1a/get/responses/404"],
        ["reference:callback", "/paths/~1a/get/callbacks/c"],
        ["components", "/components"],
        ["reference:securityScheme", "/components/securitySchemes/k"],
      ],
    },
    {
      name: "3.1: keywords beside a schema's $ref are walked",
      given: withSchema({ $ref: "#/components/schemas/T", description: "d", properties: { a: ref("#/components/schemas/U") } }),
      want: [
        ["document", ""],
        ["components", "/components"],
        ["reference:schema", S],
        ["reference:schema", `${S}/properties/a`],
      ],
    },
    {
      name: "3.0: keywords beside a schema's $ref are walked too (vendors mean them; the 3.1 upgrade keeps them)",
      given: doc30({ components: { schemas: { S: { $ref: "#/components/schemas/T", nullable: true, properties: { a: {} } } } } }),
      want: [
        ["document", ""],
        ["components", "/components"],
        ["reference:schema", S],
        ["schema", `${S}/properties/a`],
      ],
    },
    {
      name: "a Reference Object's siblings are not walked outside schemas and path items",
      given: doc31({ components: { parameters: { P: { $ref: "#/components/parameters/Q", description: "d", schema: { type: "string" } } } } }),
      want: [
        ["document", ""],
        ["components", "/components"],
        ["reference:parameter", "/components/parameters/P"],
      ],
    },
    {
      name: "a path item's $ref, and the operations beside it",
      given: doc31({ paths: { "/a": { $ref: "#/components/pathItems/A", get: { responses: {} } } } }),
      want: [
        ["document", ""],
        ["reference:pathItem", "/paths/~1a"],
        ["operation", "/paths/~1a/get"],
      ],
    },
  ];
  it.each(cases)("$name", ({ given, version, want }) => {
    expect(visits(given, version)).toEqual(want);
  });
});

describe("walkDocument: examples, defaults, enums, consts and extensions are data", () => {
  // Each given holds a `$ref` or schema-looking object only inside data: the walk reports nothing in it.
  const media = (m: Record<string, unknown>) => doc31({ paths: { "/a": { get: { responses: { "200": { description: "ok", content: { "application/json": m } } } } } } });
  const M = "/paths/~1a/get/responses/200/content/application~1json";
  const upToMedia: Visit[] = [
    ["document", ""],
    ["pathItem", "/paths/~1a"],
    ["operation", "/paths/~1a/get"],
    ["response", "/paths/~1a/get/responses/200"],
    ["mediaType", M],
  ];
  const cases: Case[] = [
    { name: "a media type's example", given: media({ example: ref("#/components/schemas/S") }), want: upToMedia },
    {
      name: "an Example's value",
      given: media({ examples: { e: { value: { a: ref("#/x"), schema: { properties: {} } } } } }),
      want: [...upToMedia, ["example", `${M}/examples/e`]],
    },
    { name: "a schema's default", given: media({ schema: { default: ref("#/x") } }), want: [...upToMedia, ["schema", `${M}/schema`]] },
    { name: "a schema's const", given: media({ schema: { const: { properties: { a: {} } } } }), want: [...upToMedia, ["schema", `${M}/schema`]] },
    { name: "a schema's enum", given: media({ schema: { enum: [ref("#/x")] } }), want: [...upToMedia, ["schema", `${M}/schema`]] },
    { name: "a schema's examples (3.1)", given: media({ schema: { examples: [ref("#/x")] } }), want: [...upToMedia, ["schema", `${M}/schema`]] },
    { name: "a schema's example (3.0)", given: { ...media({ schema: { example: ref("#/x") } }), openapi: "3.0.3" }, want: [...upToMedia, ["schema", `${M}/schema`]] },
    { name: "an extension on a schema", given: media({ schema: { "x-patch": { properties: { a: ref("#/x") } } } }), want: [...upToMedia, ["schema", `${M}/schema`]] },
    {
      name: "an extension on an operation",
      given: doc31({ paths: { "/a": { get: { "x-breaking": [{ responses: { "451": ref("#/x") } }] } } } }),
      want: [
        ["document", ""],
        ["pathItem", "/paths/~1a"],
        ["operation", "/paths/~1a/get"],
      ],
    },
    {
      name: "a link's parameters and requestBody",
      given: doc31({ components: { links: { L: { operationId: "x", parameters: { id: ref("#/x") }, requestBody: ref("#/y") } } } }),
      want: [
        ["document", ""],
        ["components", "/components"],
        ["link", "/components/links/L"],
      ],
    },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    expect(visits(given)).toEqual(want);
  });
});

describe("the visitor", () => {
  it("skips a node's children when it returns SKIP", () => {
    const out: Visit[] = [];
    const given = doc31({ paths: { "/a": { get: { responses: {} } } }, components: { schemas: { A: { properties: { b: {} } } } } });
    walkDocument(given, (node, kind, path, expected) => {
      record(out)(node, kind, path, expected);
      if (kind === "components") return SKIP;
    });
    expect(out).toEqual([
      ["document", ""],
      ["pathItem", "/paths/~1a"],
      ["operation", "/paths/~1a/get"],
      ["components", "/components"],
    ]);
  });

  it("shares one path array, restored after the walk", () => {
    const arrays = new Set<string[]>();
    const start = ["components", "schemas", "A"];
    walkNode({ properties: { b: { items: {} } } }, "schema", start, (_n, _k, path) => {
      arrays.add(path);
    });
    expect([...arrays]).toEqual([start]);
    expect(start).toEqual(["components", "schemas", "A"]);
  });

  it("walks from any node with walkNode, as the kind given", () => {
    const out: Visit[] = [];
    walkNode({ parameters: [ref("#/components/parameters/P")], get: { responses: {} } }, "pathItem", ["paths", "/a"], record(out));
    expect(out).toEqual([
      ["pathItem", "/paths/~1a"],
      ["reference:parameter", "/paths/~1a/parameters/0"],
      ["operation", "/paths/~1a/get"],
    ]);
  });
});

describe("eachReference and eachSchema", () => {
  const given = doc31({
    paths: {
      "/a": {
        get: {
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/A", description: "d" }, example: ref("#/components/schemas/NotARef") } },
            },
          },
        },
      },
    },
    components: { schemas: { A: { properties: { b: ref("#/components/schemas/B") }, default: ref("#/components/schemas/NotARef") }, B: {} } },
  });

  it("eachReference reports Reference Objects and schema $refs, with the expected kind, never data", () => {
    const out: [string, string, string][] = [];
    eachReference(given, (r, _holder, path, expected) => out.push([r, toPointer(path), expected]));
    expect(out).toEqual([
      ["#/components/schemas/A", "/paths/~1a/get/responses/200/content/application~1json/schema", "schema"],
      ["#/components/schemas/B", "/components/schemas/A/properties/b", "schema"],
    ]);
  });

  it("eachSchema reports every schema, $ref ones included", () => {
    const out: string[] = [];
    eachSchema(given, (_s, path) => out.push(toPointer(path)));
    expect(out).toEqual(["/paths/~1a/get/responses/200/content/application~1json/schema", "/components/schemas/A", "/components/schemas/A/properties/b", "/components/schemas/B"]);
  });
});

describe("kindAt: what stands at a pointer", () => {
  const cases: { pointer: string[]; version?: OpenApiVersion; want: ObjectKind | undefined }[] = [
    { pointer: [], want: "document" },
    { pointer: ["paths"], want: undefined },
    { pointer: ["paths", "/a"], want: "pathItem" },
    { pointer: ["paths", "x-internal"], want: undefined },
    { pointer: ["paths", "/a", "get"], want: "operation" },
    { pointer: ["paths", "/a", "summary"], want: undefined },
    { pointer: ["paths", "/a", "parameters", "0"], want: "parameter" },
    { pointer: ["paths", "/a", "parameters", "name"], want: undefined },
    { pointer: ["paths", "/a", "get", "requestBody"], want: "requestBody" },
    { pointer: ["paths", "/a", "get", "responses", "200"], want: "response" },
    { pointer: ["paths", "/a", "get", "responses", "x-note"], want: undefined },
    { pointer: ["paths", "/a", "get", "responses", "200", "content", "application/json"], want: "mediaType" },
    { pointer: ["paths", "/a", "get", "responses", "200", "content", "application/json", "schema"], want: "schema" },
    { pointer: ["paths", "/a", "get", "responses", "200", "content", "application/json", "example"], want: undefined },
    { pointer: ["paths", "/a", "get", "responses", "200", "content", "application/json", "examples", "e"], want: "example" },
    { pointer: ["paths", "/a", "get", "responses", "200", "content", "application/json", "examples", "e", "value"], want: undefined },
    { pointer: ["paths", "/a", "get", "responses", "200", "headers", "H"], want: "header" },
    { pointer: ["paths", "/a", "get", "responses", "200", "links", "l"], want: "link" },
    { pointer: ["paths", "/a", "get", "callbacks", "c"], want: "callback" },
    { pointer: ["paths", "/a", "get", "callbacks", "c", "{$url}", "post"], want: "operation" },
    { pointer: ["components", "schemas", "S", "properties", "a", "items"], want: "schema" },
    { pointer: ["components", "schemas", "S", "properties"], want: undefined },
    { pointer: ["components", "schemas", "S", "allOf", "1"], want: "schema" },
    { pointer: ["components", "schemas", "S", "default"], want: undefined },
    { pointer: ["components", "schemas", "S", "x-source"], want: undefined },
    { pointer: ["components", "securitySchemes", "k"], want: "securityScheme" },
    { pointer: ["components", "x-tagGroups", "a"], want: undefined },
    { pointer: ["components", "pathItems", "P", "get"], want: "operation" },
    { pointer: ["components", "pathItems", "P", "get"], version: "3.0", want: undefined },
    { pointer: ["webhooks", "w", "post"], want: "operation" },
    { pointer: ["webhooks", "w", "post"], version: "3.0", want: undefined },
  ];
  it.each(cases)("$pointer ($version) → $want", ({ pointer, version, want }) => {
    expect(kindAt(pointer, version)).toBe(want);
  });

  it("knows what each components section holds", () => {
    expect(COMPONENT_KINDS).toEqual({
      schemas: "schema",
      responses: "response",
      parameters: "parameter",
      examples: "example",
      requestBodies: "requestBody",
      headers: "header",
      securitySchemes: "securityScheme",
      links: "link",
      callbacks: "callback",
      pathItems: "pathItem",
    });
  });
});
