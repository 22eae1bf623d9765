import { createRequire } from "node:module";
import { sourcesOf } from "../load/provenance.ts";
import { parseSourceRef } from "../normalize/context.ts";
import { getAtPointer, parsePointer, toPointer } from "../openapi/pointer.ts";
import { eachOperation, isObject, operationKey, type JsonObject, type OpenApiDocument } from "../openapi/types.ts";
import { eachReference, eachSchema } from "../openapi/walk.ts";
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
  return (oasValidator.errors ?? []).slice(0, 20).map((error) =>
    finding("openapi-schema-invalid", { pointer: error.instancePath, sources: sourcesAt(doc, error.instancePath), args: { reason: describeAjvError(error) } }),
  );
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

/** Every example the document carries, with the pointer of the schema it must satisfy. */
function* examples(doc: OpenApiDocument): Generator<{ value: unknown; at: string; schemaAt: string }> {
  const media = function* (content: unknown, base: string[]) {
    if (!isObject(content)) return;
    for (const [type, m] of Object.entries(content)) {
      if (!isObject(m) || !isObject(m.schema)) continue;
      const schemaAt = toPointer([...base, type, "schema"]);
      if (m.example !== undefined) yield { value: m.example, at: toPointer([...base, type, "example"]), schemaAt };
      if (isObject(m.examples)) {
        for (const [name, ex] of Object.entries(m.examples)) {
          if (isObject(ex) && "value" in ex) yield { value: ex.value, at: toPointer([...base, type, "examples", name, "value"]), schemaAt };
        }
      }
    }
  };
  for (const { path, method, operation } of eachOperation(doc)) {
    const base = ["paths", path, method];
    for (const [i, p] of (operation.parameters ?? []).entries()) {
      if (isObject(p) && p.example !== undefined && isObject(p.schema)) {
        yield { value: p.example, at: toPointer([...base, "parameters", i, "example"]), schemaAt: toPointer([...base, "parameters", i, "schema"]) };
      }
    }
    if (isObject(operation.requestBody)) yield* media(operation.requestBody.content, [...base, "requestBody", "content"]);
    for (const [status, r] of Object.entries(operation.responses ?? {})) {
      if (isObject(r)) yield* media(r.content, [...base, "responses", status, "content"]);
    }
  }
  const schemaExamples: { value: unknown; at: string; schemaAt: string }[] = [];
  eachSchema(doc, (schema: JsonObject, path) => {
    if (!Array.isArray(schema.examples)) return;
    schema.examples.forEach((value, i) => schemaExamples.push({ value, at: toPointer([...path, "examples", i]), schemaAt: toPointer(path) }));
  });
  yield* schemaExamples;
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
  for (const example of examples(doc)) {
    let validate;
    try {
      validate = ajv.getSchema(`${base}#${example.schemaAt}`);
    } catch (error) {
      findings.push(finding("example-invalid", { pointer: example.at, sources: sourcesAt(doc, example.at), args: { reason: `schema does not compile: ${(error as Error).message}` } }));
      continue;
    }
    if (!validate || validate(example.value)) continue;
    const reasons = (validate.errors ?? []).slice(0, 3).map(describeAjvError).join("; ");
    findings.push(finding("example-invalid", { pointer: example.at, sources: sourcesAt(doc, example.at), args: { reason: reasons } }));
  }
  return findings;
}

/** Checks of the canonical document: OpenAPI 3.1 schema, refs, operationIds, examples. */
export function validateDocument(doc: OpenApiDocument): Finding[] {
  const refFindings = checkRefsResolve(doc);
  return [
    ...checkOpenApiSchema(doc),
    ...refFindings,
    ...checkOperationIds(doc),
    // With a dangling ref no schema compiles; the ref findings already say what to fix.
    ...(refFindings.length === 0 ? checkExamples(doc) : []),
  ];
}
