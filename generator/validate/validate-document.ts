import { createRequire } from "node:module";
import { sourcesOf } from "../load/provenance.ts";
import { parseSourceRef } from "../normalize/context.ts";
import { getAtPointer, joinPointer, parsePointer, toPointer } from "../openapi/pointer.ts";
import { eachOperation, isObject, operationKey, type JsonObject, type OpenApiDocument } from "../openapi/types.ts";
import { eachReference, eachSchema, walkDocument } from "../openapi/walk.ts";
import { compilePattern } from "../openapi/safe-regexp.ts";
import { finding, type Finding, type SourceLocation } from "../problems/finding.ts";
import { createAjv, describeAjvError, type Ajv } from "../openapi/ajv.ts";

const require = createRequire(import.meta.url);

/** Provenance of the node at `pointer`, or of its nearest ancestor that has some. */
export function sourcesAt(doc: unknown, pointer: string): SourceLocation[] {
  let node: unknown = doc;
  let found: string[] = [];
  for (const segment of parsePointer(pointer)) {
    if (!isObject(node) && !Array.isArray(node)) break;
    node = (node as Record<string, unknown>)[segment];
    const here = sourcesOf(node);
    if (here.length) found = here;
  }
  return found.map(parseSourceRef);
}

let oasValidator: ReturnType<Ajv["compile"]> | undefined;

/**
 * The OpenAPI 3.1 schema reaches Schema Objects through `$dynamicRef: "#meta"` so that other
 * dialects can plug in; ajv mis-resolves it and rejects valid parameters. With the default dialect
 * the anchor can only mean the schema's own `$defs/schema`, so it is pointed there statically.
 */
function withStaticSchemaRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withStaticSchemaRefs);
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "$dynamicRef" && value === "#meta") out.$ref = "#/$defs/schema";
    else if (key !== "$dynamicAnchor") out[key] = withStaticSchemaRefs(value);
  }
  return out;
}

function checkOpenApiSchema(doc: OpenApiDocument): Finding[] {
  if (!oasValidator) {
    const ajv = createAjv({ validateFormats: false });
    oasValidator = ajv.compile(withStaticSchemaRefs(require("@seriousme/openapi-schema-validator/schemas/v3.1/schema.json")) as object);
  }
  oasValidator(doc);
  return (oasValidator.errors ?? [])
    .slice(0, 20)
    .map((error) => finding("openapi-schema-invalid", { pointer: error.instancePath, sources: sourcesAt(doc, error.instancePath), args: { reason: describeAjvError(error) } }));
}

/** Every reference resolves (a `$ref` inside example data or an extension is data, not checked). */
function checkRefsResolve(doc: OpenApiDocument): Finding[] {
  const findings: Finding[] = [];
  eachReference(doc, (ref, _holder, path) => {
    if (ref.startsWith("#") && getAtPointer(doc, ref) !== undefined) return;
    const pointer = toPointer(path);
    findings.push(finding("ref-dangling", { pointer, sources: sourcesAt(doc, pointer), args: { ref } }));
  });
  return findings;
}

function checkOperationIds(doc: OpenApiDocument): Finding[] {
  const byId = new Map<string, string[]>();
  const findings: Finding[] = [];
  for (const { path, method, operation } of eachOperation(doc)) {
    const key = operationKey(method, path);
    const pointer = toPointer(["paths", path, method]);
    if (typeof operation.operationId !== "string") {
      findings.push(finding("operation-id-missing", { pointer, sources: sourcesAt(doc, pointer), args: { operation: key } }));
      continue;
    }
    byId.set(operation.operationId, [...(byId.get(operation.operationId) ?? []), key]);
  }
  for (const [id, operations] of byId) {
    if (operations.length < 2) continue;
    findings.push(finding("operation-id-duplicate", { pointer: "/paths", sources: sourcesAt(doc, "/paths"), args: { operationId: id, operations } }));
  }
  return findings;
}

/**
 * Every example the document carries, with the pointer of the schema it must satisfy: `example`
 * and each inline Example's `value` of media types, parameters and headers that have a schema
 * (wherever they stand: operations, components, callbacks, webhooks), and each of a schema's
 * `examples`. An Example given as a `$ref` is not checked: the component it names stands under
 * `components.examples`, which has no schema to check it against.
 */
function examples(doc: OpenApiDocument): { value: unknown; at: string; schemaAt: string }[] {
  const out: { value: unknown; at: string; schemaAt: string }[] = [];
  walkDocument(doc, (node, kind, path, expected) => {
    if (expected === "schema") {
      if (!Array.isArray(node.examples)) return;
      const schemaAt = toPointer(path);
      for (const [i, value] of node.examples.entries()) out.push({ value, at: `${schemaAt}/examples/${i}`, schemaAt });
      return;
    }
    if ((kind !== "mediaType" && kind !== "parameter" && kind !== "header") || !isObject(node.schema)) return;
    const base = toPointer(path);
    const schemaAt = `${base}/schema`;
    if (node.example !== undefined) out.push({ value: node.example, at: `${base}/example`, schemaAt });
    if (isObject(node.examples)) {
      for (const [name, ex] of Object.entries(node.examples)) {
        if (isObject(ex) && "value" in ex) out.push({ value: ex.value, at: joinPointer(base, "examples", name, "value"), schemaAt });
      }
    }
  });
  return out;
}

/** Keys of a schema that map names to subschemas: their members are never annotations. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
/** Annotations that do not change what a schema accepts. */
const ANNOTATIONS = new Set(["description", "title", "examples", "example", "$comment", "deprecated", "readOnly", "writeOnly", "externalDocs", "xml"]);

/** What a schema accepts, as text: its JSON without annotations and extensions (x-source among them). */
function validationKey(schema: unknown): string {
  const maps = new WeakSet<object>();
  return JSON.stringify(schema, function (this: object, key: string, value: unknown) {
    if (!maps.has(this) && (ANNOTATIONS.has(key) || key.startsWith("x-"))) return undefined;
    if (SCHEMA_MAPS.has(key) && isObject(value)) maps.add(value);
    return value;
  });
}

/**
 * The vendors' examples are evidence of real responses, so each must validate against the schema
 * it illustrates. The whole document is registered once so `#/components/...` refs resolve.
 */
function checkExamples(doc: OpenApiDocument): Finding[] {
  const ajv = createAjv();
  const base = "urn:driftless:canonical";
  ajv.addSchema(doc as object, base);
  const findings: Finding[] = [];
  // One compiled check per distinct schema, not per place: a document whose schemas are written
  // out again at every use (split copies `#/paths` targets in place) would otherwise compile the
  // same code thousands of times. Refs are document-rooted (`#/components/…`), so equal schemas
  // check equally wherever they stand.
  const compiled = new Map<string, ReturnType<typeof ajv.getSchema> | Error>();
  for (const example of examples(doc)) {
    const key = validationKey(getAtPointer(doc, example.schemaAt));
    let validate = compiled.get(key);
    if (validate === undefined) {
      try {
        validate = ajv.getSchema(`${base}#${example.schemaAt}`);
      } catch (error) {
        validate = error as Error;
      }
      compiled.set(key, validate);
    }
    if (validate instanceof Error) {
      findings.push(finding("example-invalid", { pointer: example.at, sources: sourcesAt(doc, example.at), args: { reason: `schema does not compile: ${validate.message}` } }));
      continue;
    }
    if (!validate || validate(example.value)) continue;
    const reasons = (validate.errors ?? []).slice(0, 3).map(describeAjvError).join("; ");
    findings.push(finding("example-invalid", { pointer: example.at, sources: sourcesAt(doc, example.at), args: { reason: reasons } }));
  }
  return findings;
}

/**
 * Every `pattern` (and `patternProperties` key) that checks cannot use: not a regular expression,
 * or one that could backtrack without end and that V8's linear engine cannot run. ajv compiles
 * them through the same `compilePattern` and skips them (openapi/safe-regexp.ts); each is a
 * warning at its schema's line, once per place.
 */
function checkPatterns(doc: OpenApiDocument): Finding[] {
  const findings: Finding[] = [];
  eachSchema(doc, (schema, path) => {
    const patterns: [string, string][] = [];
    if (typeof schema.pattern === "string") patterns.push([schema.pattern, joinPointer(toPointer(path), "pattern")]);
    if (isObject(schema.patternProperties)) for (const key of Object.keys(schema.patternProperties)) patterns.push([key, joinPointer(toPointer(path), "patternProperties", key)]);
    for (const [pattern, pointer] of patterns) {
      const verdict = compilePattern(pattern);
      if (verdict.usable) continue;
      const reason = verdict.reason === "invalid" ? `it is not a regular expression (${verdict.detail})` : `it may backtrack without end (${verdict.detail})`;
      findings.push(finding("pattern-unusable", { pointer, sources: sourcesAt(doc, pointer), args: { pattern, reason } }));
    }
  });
  return findings;
}

/** Checks of the canonical document: OpenAPI 3.1 schema, refs, operationIds, patterns, examples. */
export function validateDocument(doc: OpenApiDocument): Finding[] {
  const refFindings = checkRefsResolve(doc);
  return [
    ...checkOpenApiSchema(doc),
    ...refFindings,
    ...checkOperationIds(doc),
    ...checkPatterns(doc),
    // With a dangling ref no schema compiles; the ref findings already say what to fix.
    ...(refFindings.length === 0 ? checkExamples(doc) : []),
  ];
}
