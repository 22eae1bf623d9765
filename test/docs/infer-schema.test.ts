import { describe, expect, it } from "vitest";
import { collectIdentities, detectFormat, identifyByObjectField, inferSchema, inferSamples } from "../../generator/docs/infer-schema.ts";
import { parseExampleJson, type JsonLocation } from "../../generator/docs/examples.ts";
import { validate } from "./helpers.ts";

describe("inferSchema", () => {
  const cases: { name: string; examples: unknown[]; want: Record<string, unknown> }[] = [
    { name: "integer", examples: [1, 2], want: { type: "integer" } },
    { name: "integer and number → number", examples: [1, 2.5], want: { type: "number" } },
    { name: "boolean", examples: [true], want: { type: "boolean" } },
    { name: "plain string: no format, no enum, no const", examples: ["ready"], want: { type: "string" } },
    { name: "nullable string", examples: ["a", null], want: { type: ["string", "null"] } },
    { name: "mixed types keep first-seen order, null last", examples: [null, 1, "x"], want: { type: ["integer", "string", "null"] } },
    { name: "empty array", examples: [[]], want: { type: "array" } },
    { name: "array items from all elements", examples: [[1, 2], [3.5]], want: { type: "array", items: { type: "number" } } },
    { name: "empty object", examples: [{}], want: { type: "object" } },
    {
      name: "required = keys in every example; properties in first-seen order",
      examples: [
        { a: 1, b: "x" },
        { b: "y", c: true },
      ],
      want: { type: "object", properties: { a: { type: "integer" }, b: { type: "string" }, c: { type: "boolean" } }, required: ["b"] },
    },
    {
      name: "objects in arrays merge",
      examples: [[{ id: 1 }, { id: 2, name: "n" }]],
      want: { type: "array", items: { type: "object", properties: { id: { type: "integer" }, name: { type: "string" } }, required: ["id"] } },
    },
    {
      name: "null-only *_at → date-time string, said in the description",
      examples: [{ ended_at: null }],
      want: {
        type: "object",
        properties: {
          ended_at: {
            type: ["string", "null"],
            format: "date-time",
            description: "Every documented example is null; the non-null type (date-time string, from `_at`) is assumed from the field name.",
          },
        },
        required: ["ended_at"],
      },
    },
    {
      name: "null-only other names → string, said in the description",
      examples: [{ proxy_ip: null }],
      want: {
        type: "object",
        properties: { proxy_ip: { type: ["string", "null"], description: "Every documented example is null; the non-null type is assumed to be string." } },
        required: ["proxy_ip"],
      },
    },
  ];
  it.each(cases)("$name", ({ examples, want }) => {
    expect(inferSchema(examples)).toEqual(want);
  });

  it("required: false leaves required out (request bodies)", () => {
    expect(inferSchema([{ a: 1 }], { required: false })).toEqual({ type: "object", properties: { a: { type: "integer" } } });
  });

  it.each([
    { given: ["2026-06-13T11:49:20.651182Z", "2026-06-13T11:54:41.836+02:00"], want: "date-time" },
    { given: ["2026-06-13"], want: "date" },
    { given: ["0190b5a8-1c2d-7e90-91b3-02032470cb24"], want: "uuid" },
    { given: ["ops@chaser.sh"], want: "email" },
    { given: ["wss://cdp.chaser.sh/sessions/x", "https://a.io/b?c=d"], want: "uri" },
    { given: ["10.0.0.1"], want: "ipv4" },
    { given: ["2001:db8::1"], want: "ipv6" },
    { given: ["sess_019ec0d0-a88a-73f2-9741-8030dc82a854"], want: undefined },
    { given: ["2026-13-45T99:00:00Z"], want: undefined },
    { given: ["2026-06-13T11:49:20Z", "not a date"], want: undefined },
    { given: ["urn:isbn:123"], want: undefined },
    { given: ["Android 10 - Chrome 137 (Mobile)"], want: undefined },
    { given: ["MjAyNi0wNi0xM1QxMTo0OToyMC42NTExODIrMDA6MDB8MDE5ZWMwZDAt..."], want: undefined },
  ])("format of $given is $want", ({ given, want }) => {
    expect(detectFormat(given)).toBe(want);
  });

  it("formats: false turns detection off", () => {
    expect(inferSchema(["2026-06-13"], { formats: false })).toEqual({ type: "string" });
  });

  it("every example validates against the schema inferred from all of them", () => {
    const examples = [
      { id: "sess_1", n: 1, tags: ["a"], at: "2026-06-13T11:49:20Z", gone: null, nested: { x: [1.5, 2] } },
      { id: "sess_2", n: 2.5, tags: [], at: null, extra: { y: "z" }, nested: { x: [] } },
    ];
    const schema = inferSchema(examples);
    for (const e of examples) expect(validate(schema, e)).toBe("");
    expect(validate(schema, { ...examples[0], n: "1" })).not.toBe("");
  });

  it("x-source: every property lists the lines of its key in every example", () => {
    const a = parseExampleJson('{\n  "id": "x",\n  "inner": {\n    "k": 1\n  }\n}', 10);
    const b = parseExampleJson('{"id": "y"}', 40);
    if (!a.ok || !b.ok) throw new Error("fixture");
    const schema = inferSchema([a.value, b.value], { file: "docs/a.md", locations: [a.location, b.location] });
    const props = schema.properties as Record<string, Record<string, unknown>>;
    expect(props.id!["x-source"]).toEqual(["docs/a.md:11", "docs/a.md:40"]);
    expect(props.inner!["x-source"]).toEqual(["docs/a.md:12"]);
    expect((props.inner!.properties as Record<string, Record<string, unknown>>).k!["x-source"]).toEqual(["docs/a.md:13"]);
  });
});

describe("same-object identity", () => {
  const list = { object: "list", data: [{ id: "s1", object: "session", status: "ready", device: "d" }] };
  const created = { id: "s2", object: "session", status: "creating" };
  const parsed = [list, created].map((v) => ({ value: v, at: undefined as JsonLocation | undefined }));

  it("identifies resources by their object field when they have an id", () => {
    expect(identifyByObjectField(created)).toBe("session");
    expect(identifyByObjectField(list)).toBeUndefined();
    const ids = collectIdentities(parsed, identifyByObjectField);
    expect([...ids.keys()]).toEqual(["session"]);
    expect(ids.get("session")!.map((s) => s.value)).toEqual([list.data[0], created]);
  });

  it("merges every example of the same object wherever it appears, and annotates it", () => {
    const related = collectIdentities(parsed, identifyByObjectField);
    const seen: string[] = [];
    const schema = inferSamples([{ value: created }], {
      identify: identifyByObjectField,
      related,
      annotate: (s, id) => {
        seen.push(id);
        s["x-kind"] = id;
      },
    });
    expect(seen).toEqual(["session"]);
    expect(Object.keys(schema.properties as object)).toEqual(["id", "object", "status", "device"]);
    expect(schema.required).toEqual(["id", "object", "status"]);
    expect(schema["x-kind"]).toBe("session");
    expect(validate(schema, created)).toBe("");
    expect(validate(schema, list.data[0])).toBe("");
  });

  it("without identify, examples are inferred on their own", () => {
    const schema = inferSchema([created]);
    expect(Object.keys(schema.properties as object)).toEqual(["id", "object", "status"]);
  });
});
