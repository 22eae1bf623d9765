/**
 * The one traversal of OpenAPI 3.0 and 3.1 documents. Every stage that needs "every schema",
 * "every reference", "every operation, wherever it is" or "what stands at this pointer" asks this
 * module, so the shape of a document is written down once (the tables below) and the stages
 * cannot disagree about it.
 *
 * What is walked: the document, path items (under `paths`, `webhooks`, callbacks and
 * `components.pathItems`), operations, parameters, request bodies, responses, media types,
 * encodings, headers, examples, links, callbacks, security schemes, the Components Object with
 * every section, and every subschema keyword of JSON Schema 2020-12 (plus `definitions`,
 * `dependencies`, `additionalItems` and the array form of `items` of earlier drafts, which
 * vendors' 3.0 documents still write).
 *
 * What is data, never walked: `example`, the `value` of an Example Object, a schema's `examples`,
 * `default`, `const` and `enum`, link `parameters` and `requestBody`, security requirements, and
 * every specification extension (`x-*`, including `components.x-*`). OpenAPI says their values
 * are literal ("Embedded literal example"; extensions are "any" value), so a `{"$ref": …}` inside
 * them is a value like any other: it is never reported as a reference and never followed. The
 * walk is a whitelist: a key no table below names is not entered, so data cannot be mistaken for
 * structure.
 *
 * References: an object with a string `$ref` at a place where the tables expect a `kind` is
 * reported once as kind "reference", with `expected` = that kind. Its siblings are walked only
 * where they mean something: in a schema (JSON Schema keywords beside `$ref` apply in 3.1; 3.0
 * says they are ignored, but vendors write them meaning them and the 3.1 upgrade keeps them, so
 * they are walked in both versions) and in a path item (its fields beside `$ref` are operations).
 * Elsewhere a Reference Object's siblings are `summary`/`description` at most.
 *
 * 3.0 versus 3.1: `webhooks` and `components.pathItems` exist only in 3.1; in a 3.0 document they
 * are not OpenAPI fields and are not entered. Everything else is walked the same way.
 */
import { HTTP_METHODS, isObject, type JsonObject } from "./types.ts";

/** The OpenAPI objects the walk tells apart. */
export type ObjectKind =
  | "document"
  | "components"
  | "pathItem"
  | "operation"
  | "parameter"
  | "requestBody"
  | "response"
  | "mediaType"
  | "encoding"
  | "header"
  | "schema"
  | "example"
  | "link"
  | "callback"
  | "securityScheme";

/** What a visit reports: an object of a kind, or a `$ref` standing where an object of `expected` kind belongs. */
export type NodeKind = ObjectKind | "reference";

export type OpenApiVersion = "3.0" | "3.1";

/** Returned by a visitor: do not walk this node's children. */
export const SKIP: unique symbol = Symbol("skip children");

/**
 * Called once per object the walk reaches. `kind` is what the object is ("reference" for a `$ref`
 * object); `expected` is what the place holds (equal to `kind` except for references), so
 * `expected === "schema"` selects every schema, referencing or not.
 *
 * `path` holds the segments from the walk's root. It is one array, extended and shortened as the
 * walk goes (GitHub's description has ~300k schemas; an array per node was most of the merge's
 * garbage): it is valid during the call only, and a visitor that keeps it must copy it.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a visitor that returns nothing walks on; only SKIP stops it
export type Visitor = (node: JsonObject, kind: NodeKind, path: string[], expected: ObjectKind) => void | typeof SKIP;

export interface WalkOptions {
  /** Which OpenAPI the document is; by default read from its `openapi` field (3.1 when unreadable). */
  version?: OpenApiVersion;
}

// ---------------------------------------------------------------------------------------------
// The shape tables. A field of an object holds one child object, a list of them, or a map of
// names to them. Maps come in two kinds: plain maps (every key is a name: `properties`,
// `content`, `components.schemas`) and patterned objects (Paths, Responses, Callback), whose
// `x-*` keys are extensions, not names.

type Shape = "one" | "list" | "map" | "patterned" | "oneOrList";

interface Field {
  readonly kind: ObjectKind;
  readonly shape: Shape;
}

interface ObjectShape {
  readonly fields: ReadonlyMap<string, Field>;
  /** Every other key that is not an extension holds this (a Callback Object's expressions). */
  readonly rest?: Field;
}

const field = (kind: ObjectKind, shape: Shape = "one"): Field => ({ kind, shape });

/** JSON Schema 2020-12's subschema keywords (applicator, unevaluated and content vocabularies), and the older drafts' ones vendors still write. */
const SCHEMA_FIELDS: [string, Field][] = [
  ["properties", field("schema", "map")],
  ["patternProperties", field("schema", "map")],
  ["$defs", field("schema", "map")],
  ["dependentSchemas", field("schema", "map")],
  ["allOf", field("schema", "list")],
  ["anyOf", field("schema", "list")],
  ["oneOf", field("schema", "list")],
  ["prefixItems", field("schema", "list")],
  // A single schema in 2020-12 and in OpenAPI 3.0; a list (tuple) in drafts up to 2019-09.
  ["items", field("schema", "oneOrList")],
  ["additionalProperties", field("schema")],
  ["not", field("schema")],
  ["if", field("schema")],
  ["then", field("schema")],
  ["else", field("schema")],
  ["contains", field("schema")],
  ["propertyNames", field("schema")],
  ["unevaluatedProperties", field("schema")],
  ["unevaluatedItems", field("schema")],
  ["contentSchema", field("schema")],
  // Before 2019-09 (2020-12's meta-schema still accepts them, deprecated): `$defs` was
  // `definitions`, `dependentSchemas` was `dependencies` (whose list values name properties and
  // are skipped as not objects), and `additionalItems` followed an `items` list.
  ["definitions", field("schema", "map")],
  ["dependencies", field("schema", "map")],
  ["additionalItems", field("schema")],
];

const PARAMETER_FIELDS: [string, Field][] = [
  ["schema", field("schema")],
  ["content", field("mediaType", "map")],
  ["examples", field("example", "map")],
];

function shapes(version: OpenApiVersion): Record<ObjectKind, ObjectShape> {
  const v31 = version === "3.1";
  const shape = (fields: [string, Field][], rest?: Field): ObjectShape => ({ fields: new Map(fields), rest });
  return {
    document: shape([["paths", field("pathItem", "patterned")], ...(v31 ? [["webhooks", field("pathItem", "map")] as [string, Field]] : []), ["components", field("components")]]),
    components: shape([
      ["schemas", field("schema", "map")],
      ["responses", field("response", "map")],
      ["parameters", field("parameter", "map")],
      ["examples", field("example", "map")],
      ["requestBodies", field("requestBody", "map")],
      ["headers", field("header", "map")],
      ["securitySchemes", field("securityScheme", "map")],
      ["links", field("link", "map")],
      ["callbacks", field("callback", "map")],
      ...(v31 ? [["pathItems", field("pathItem", "map")] as [string, Field]] : []),
    ]),
    pathItem: shape([...HTTP_METHODS.map((m): [string, Field] => [m, field("operation")]), ["parameters", field("parameter", "list")]]),
    operation: shape([
      ["parameters", field("parameter", "list")],
      ["requestBody", field("requestBody")],
      ["responses", field("response", "patterned")],
      ["callbacks", field("callback", "map")],
    ]),
    callback: shape([], field("pathItem")),
    parameter: shape(PARAMETER_FIELDS),
    header: shape(PARAMETER_FIELDS),
    requestBody: shape([["content", field("mediaType", "map")]]),
    response: shape([
      ["headers", field("header", "map")],
      ["content", field("mediaType", "map")],
      ["links", field("link", "map")],
    ]),
    mediaType: shape([
      ["schema", field("schema")],
      ["examples", field("example", "map")],
      ["encoding", field("encoding", "map")],
    ]),
    encoding: shape([["headers", field("header", "map")]]),
    schema: shape(SCHEMA_FIELDS),
    // Leaves: an Example's `value`, a Link's `parameters`/`requestBody` are data; a Security
    // Scheme holds no schema or reference.
    example: shape([]),
    link: shape([]),
    securityScheme: shape([]),
  };
}

const SHAPES: Record<OpenApiVersion, Record<ObjectKind, ObjectShape>> = { "3.0": shapes("3.0"), "3.1": shapes("3.1") };

/** The kind of object each `components` section holds (3.1's sections; 3.0 has no `pathItems`). */
export const COMPONENT_KINDS: Readonly<Record<string, ObjectKind>> = Object.fromEntries([...SHAPES["3.1"].components.fields].map(([section, f]) => [section, f.kind]));

/** The version a document declares: "3.0" for `openapi: 3.0.x`, else "3.1". */
export function versionOf(doc: unknown): OpenApiVersion {
  return isObject(doc) && /^3\.0(\.|$)/.test(String(doc.openapi)) ? "3.0" : "3.1";
}

function fieldOf(shape: ObjectShape, key: string): Field | undefined {
  return shape.fields.get(key) ?? (shape.rest !== undefined && !key.startsWith("x-") ? shape.rest : undefined);
}

// ---------------------------------------------------------------------------------------------
// The walk.

interface Walk {
  readonly shapes: Record<ObjectKind, ObjectShape>;
  readonly visit: Visitor;
}

/** Walks a whole document from its root (`path` starts empty). */
export function walkDocument(doc: unknown, visit: Visitor, options: WalkOptions = {}): void {
  if (!isObject(doc)) return;
  walkObject(doc, "document", [], { shapes: SHAPES[options.version ?? versionOf(doc)], visit });
}

/**
 * Walks `node` as an object of `kind` found at `path` (e.g. a component: `schema` at
 * ["components", "schemas", "Pet"]). `path` is extended in place and restored on return.
 * Without `version` the node is read as 3.1.
 */
export function walkNode(node: unknown, kind: ObjectKind, path: string[], visit: Visitor, options: WalkOptions = {}): void {
  walkObject(node, kind, path, { shapes: SHAPES[options.version ?? "3.1"], visit });
}

function walkObject(node: unknown, kind: ObjectKind, path: string[], w: Walk): void {
  if (!isObject(node)) return; // booleans as schemas, nulls, lists where an object belongs
  if (typeof node.$ref === "string") {
    if (w.visit(node, "reference", path, kind) === SKIP) return;
    if (kind !== "schema" && kind !== "pathItem") return;
  } else if (w.visit(node, kind, path, kind) === SKIP) return;
  const shape = w.shapes[kind];
  for (const key in node) {
    const f = fieldOf(shape, key);
    if (f === undefined) continue;
    const child = node[key];
    if (typeof child !== "object" || child === null) continue;
    path.push(key);
    switch (f.shape) {
      case "one":
        walkObject(child, f.kind, path, w);
        break;
      case "oneOrList":
        if (Array.isArray(child)) walkList(child, f.kind, path, w);
        else walkObject(child, f.kind, path, w);
        break;
      case "list":
        if (Array.isArray(child)) walkList(child, f.kind, path, w);
        break;
      case "map":
      case "patterned":
        if (!Array.isArray(child)) walkMap(child as JsonObject, f, path, w);
        break;
    }
    path.pop();
  }
}

function walkList(list: unknown[], kind: ObjectKind, path: string[], w: Walk): void {
  for (let i = 0; i < list.length; i++) {
    path.push(String(i));
    walkObject(list[i], kind, path, w);
    path.pop();
  }
}

function walkMap(map: JsonObject, f: Field, path: string[], w: Walk): void {
  const patterned = f.shape === "patterned";
  for (const name in map) {
    if (patterned && name.startsWith("x-")) continue;
    path.push(name);
    walkObject(map[name], f.kind, path, w);
    path.pop();
  }
}

// ---------------------------------------------------------------------------------------------
// What stands at a pointer, without a value: for code that builds or edits a document at a path
// (the overlay's `update`) and must know what the object there will be.

/**
 * The kind of object the segments name, or undefined for anything else (a map such as `paths` or
 * `properties`, a list, data, an extension, a key no OpenAPI object has). `items` is read as a
 * schema (its 2020-12 and 3.0 form).
 */
export function kindAt(segments: readonly string[], version: OpenApiVersion = "3.1"): ObjectKind | undefined {
  const table = SHAPES[version];
  let kind: ObjectKind = "document";
  let container: Field | undefined;
  for (const key of segments) {
    if (container !== undefined) {
      if (container.shape === "patterned" && key.startsWith("x-")) return undefined;
      if (container.shape === "list" && !/^\d+$/.test(key)) return undefined;
      kind = container.kind;
      container = undefined;
      continue;
    }
    const f = fieldOf(table[kind], key);
    if (f === undefined) return undefined;
    if (f.shape === "one" || f.shape === "oneOrList") kind = f.kind;
    else container = f;
  }
  return container === undefined ? kind : undefined;
}

// ---------------------------------------------------------------------------------------------
// The common questions, answered with the walk.

/**
 * Calls `visit(ref, holder, path, expected)` for every `$ref` of a document: Reference Objects and
 * schemas' `$ref`, never one inside example data, defaults, enums or extensions. `path` is the
 * walk's shared array (the object holding the `$ref`).
 */
export function eachReference(doc: unknown, visit: (ref: string, holder: JsonObject, path: string[], expected: ObjectKind) => void, options: WalkOptions = {}): void {
  walkDocument(
    doc,
    (node, kind, path, expected) => {
      if (kind === "reference") visit(node.$ref as string, node, path, expected);
    },
    options,
  );
}

/** Every schema of a document, nested ones and `$ref` ones included, with its path (the walk's shared array). */
export function eachSchema(doc: unknown, visit: (schema: JsonObject, path: string[]) => void, options: WalkOptions = {}): void {
  walkDocument(
    doc,
    (node, _kind, path, expected) => {
      if (expected === "schema") visit(node, path);
    },
    options,
  );
}
