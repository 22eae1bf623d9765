import { StructureKind } from "ts-morph";
import { isJsonMediaType } from "../../openapi/media-types.ts";
import { eachOperation, isObject, type JsonObject, type OpenApiDocument } from "../../openapi/types.ts";
import { deref } from "../model/read-operation.ts";
import type { ClientModel } from "../model/types.ts";
import type { OperationChecks, SchemaNode } from "../runtime/sentinel.ts";
import { jsdoc } from "./jsdoc.ts";
import { jsonCode } from "./literal.ts";
import { printModule } from "./source-file.ts";

/** Keys of an additionalProperties schema that describe nothing (a bare `{}` or only a description). */
const describesSomething = (schema: JsonObject): boolean => Object.keys(schema).some((k) => !k.startsWith("x-") && k !== "description" && k !== "title");

/**
 * The document's response schemas as the sentinel's table: every schema node once (a `$ref`'d
 * component is one entry however often it is used), keywords the checker knows, abbreviated.
 */
export function driftTable(doc: OpenApiDocument): { schemas: SchemaNode[]; operations: Record<string, OperationChecks> } {
  const schemas: SchemaNode[] = [];
  const ids = new Map<object, number>();
  // Leaves (no sub-schemas) are shared by content: every `{ type: string }` is one entry.
  const leaves = new Map<string, number>();
  const nodeOf = (raw: unknown): number => {
    const schema = deref(doc, raw) ?? {};
    const known = ids.get(schema);
    if (known !== undefined) return known;
    const node: { -readonly [K in keyof SchemaNode]: SchemaNode[K] } = {};
    const leaf = !["properties", "items", "additionalProperties", "allOf", "anyOf", "oneOf"].some((k) => isObject(schema[k]) || Array.isArray(schema[k]));
    let id: number;
    if (leaf) {
      fill(node, schema);
      const key = JSON.stringify(node);
      id = leaves.get(key) ?? schemas.push(node) - 1;
      leaves.set(key, id);
      ids.set(schema, id);
      return id;
    }
    // Registered before its sub-schemas, so a recursive schema refers to itself.
    id = schemas.push(node) - 1;
    ids.set(schema, id);
    fill(node, schema);
    return id;
  };
  const fill = (node: { -readonly [K in keyof SchemaNode]: SchemaNode[K] }, schema: JsonObject): void => {
    if (schema.type !== undefined) node.t = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((t): t is string => typeof t === "string");
    if (Object.hasOwn(schema, "const")) node.e = [schema.const];
    else if (Array.isArray(schema.enum)) node.e = schema.enum;
    if (typeof schema.format === "string") node.f = schema.format;
    if (isObject(schema.properties)) node.p = Object.fromEntries(Object.entries(schema.properties).map(([name, s]) => [name, nodeOf(s)]));
    if (Array.isArray(schema.required)) node.r = schema.required.filter((r): r is string => typeof r === "string");
    if (schema.additionalProperties === false) node.c = 1;
    else if (isObject(schema.additionalProperties) && describesSomething(schema.additionalProperties)) node.x = nodeOf(schema.additionalProperties);
    if (isObject(schema.items)) node.i = nodeOf(schema.items);
    if (Array.isArray(schema.allOf)) node.a = schema.allOf.map(nodeOf);
    const branches = [...(Array.isArray(schema.anyOf) ? schema.anyOf : []), ...(Array.isArray(schema.oneOf) ? schema.oneOf : [])];
    if (branches.length > 0) node.o = branches.map(nodeOf);
  };
  const operations: Record<string, OperationChecks> = {};
  for (const { path, method, operation } of eachOperation(doc)) {
    if (typeof operation.operationId !== "string") continue;
    const responses: Record<string, Record<string, number | null>> = {};
    for (const [status, raw] of Object.entries(operation.responses ?? {})) {
      const response = deref(doc, raw);
      const content = isObject(response?.content) ? response.content : {};
      responses[status] = Object.fromEntries(
        Object.entries(content).map(([media, m]) => [media, isJsonMediaType(media) && isObject(m) && m.schema !== undefined ? nodeOf(m.schema) : null]),
      );
    }
    operations[`${method.toUpperCase()} ${path}`] = { operation: operation.operationId, responses };
  }
  return { schemas, operations };
}

/**
 * src/drift-checks.ts: the sentinel's table for this API and the `check` the client calls on
 * sampled answers. Only imported (dynamically) by src/sentinel.ts, on the first sampled answer.
 */
export function driftChecksSource(model: ClientModel, doc: OpenApiDocument): string {
  const table = driftTable(doc);
  return printModule(model.apiId, "drift-checks.ts", [
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: "./runtime/drift.ts", namedImports: ["CheckedFinding"] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./runtime/sentinel.ts", namedImports: ["checkAgainst", { name: "DriftTable", isTypeOnly: true }] },
    (writer) => {
      writer.writeLine(
        `/**\n * The response schemas of the ${model.title}'s canonical document (${table.schemas.length} schema nodes, ${Object.keys(table.operations).length} operations), as the drift sentinel checks them.\n */`,
      );
      writer.writeLine("const TABLE: DriftTable = {");
      writer.writeLine("  schemas: [");
      for (const node of table.schemas) writer.writeLine(`    ${jsonCode(node)},`);
      writer.writeLine("  ],");
      writer.writeLine("  operations: {");
      for (const [id, op] of Object.entries(table.operations)) writer.writeLine(`    ${JSON.stringify(id)}: ${jsonCode(op)},`);
      writer.writeLine("  },");
      writer.writeLine("};");
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: "check",
      docs: [jsdoc("Every departure of one answer from the document (see runtime/sentinel.ts for the rules).")],
      parameters: [
        { name: "endpoint", type: "string" },
        { name: "status", type: "number" },
        { name: "contentType", type: "string | null" },
        { name: "body", type: "unknown" },
        { name: "bodyRead", type: "boolean" },
      ],
      returnType: "CheckedFinding[]",
      statements: ["return checkAgainst(TABLE, endpoint, status, contentType, body, bodyRead);"],
    },
  ]);
}

/**
 * src/sentinel.ts, the package's `/sentinel` entry: `driftSentinel(options)`, the value of the
 * `validateResponses` option. The main entry never imports it, so a bundle of a client without the
 * sentinel holds none of its code, whether the bundler splits code or not; the checks themselves
 * are loaded on the first sampled answer (a chunk of their own where the bundler splits).
 */
export function sentinelSource(model: ClientModel): string {
  return printModule(model.apiId, "sentinel.ts", [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: "./runtime/drift.ts",
      namedImports: ["createDrift", { name: "DriftSentinel", isTypeOnly: true }, { name: "ValidateResponsesOptions", isTypeOnly: true }],
    },
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: "./runtime/drift.ts",
      namedExports: ["DriftFinding", "DriftRule", "DriftSentinel", "ValidateResponsesOptions"],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: "driftSentinel",
      docs: [
        jsdoc(
          `The drift sentinel of the ${model.title}, for \`${model.names.factory}({ validateResponses: driftSentinel({ sampleRate, onDrift }) })\`: checks \`sampleRate\` of the answers (default 1, all) against the canonical document the package was generated from and calls \`onDrift\` once per departure. It never throws into a call and never changes what a call returns. Without \`onDrift\`, or with a \`sampleRate\` outside 0…1, this throws a ConfigurationError (\`invalid_option\`).`,
        ),
      ],
      parameters: [{ name: "options", type: "ValidateResponsesOptions" }],
      returnType: "DriftSentinel",
      statements: [`return createDrift(options, () => import("./drift-checks.ts"));`],
    },
  ]);
}
