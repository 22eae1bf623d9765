import { finding, type Finding } from "../problems/finding.ts";
import { toPointer } from "../openapi/pointer.ts";
import type { JsonObject, OpenApiDocument } from "../openapi/types.ts";
import { SKIP, walkDocument } from "../openapi/walk.ts";
import { eachSchemaOf, locationsOf, type NormalizeContext } from "./context.ts";

function declaredTypes(schema: JsonObject): string[] | undefined {
  if (typeof schema.type === "string") return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.map(String);
  return undefined;
}

/**
 * Keywords that are invalid where they stand. Each check returns why, or undefined when the
 * keyword is fine. Add a row to catch a new vendor mistake.
 */
const CHECKS: { keyword: string; invalid: (schema: JsonObject) => string | undefined }[] = [
  {
    keyword: "required",
    invalid: (s) => {
      const required = s.required;
      if (!Array.isArray(required) || required.some((r) => typeof r !== "string")) {
        return `'required' must be a list of property names, found ${JSON.stringify(required)}`;
      }
      const types = declaredTypes(s);
      if (types && !types.includes("object")) {
        return `'required: ${JSON.stringify(required)}' inside a ${types.join("/")} schema names no properties (a parameter is made optional with the parameter's own 'required')`;
      }
      return undefined;
    },
  },
];

export function dropInvalidKeywords(doc: OpenApiDocument, ctx: NormalizeContext): Finding[] {
  const findings: Finding[] = dropQueryOnlyKeywords(doc, ctx);
  eachSchemaOf(doc, ctx, (schema, path) => {
    for (const check of CHECKS) {
      if (!(check.keyword in schema)) continue;
      const reason = check.invalid(schema);
      if (!reason) continue;
      delete schema[check.keyword];
      findings.push(
        finding("invalid-keyword-dropped", {
          pointer: toPointer([...path, check.keyword]),
          sources: locationsOf(schema, ctx.file),
          args: { keyword: check.keyword, reason },
        }),
      );
    }
  });
  return findings;
}

/** Parameter keywords OpenAPI defines for query parameters only ("Valid only for query parameters"). */
const QUERY_ONLY = ["allowEmptyValue", "allowReserved"] as const;

/**
 * `allowEmptyValue` and `allowReserved` on a path, header or cookie parameter: OpenAPI 3.0
 * documents carry them (its schema let them through) and the 3.1 schema rejects them. They mean
 * nothing there, so they are dropped with a finding rather than failing the document.
 */
function dropQueryOnlyKeywords(doc: OpenApiDocument, ctx: NormalizeContext): Finding[] {
  const findings: Finding[] = [];
  walkDocument(doc, (node, kind, path) => {
    if (ctx.skip?.(node)) return SKIP;
    if (kind !== "parameter" || node.in === "query") return;
    for (const keyword of QUERY_ONLY) {
      if (!(keyword in node)) continue;
      delete node[keyword];
      findings.push(
        finding("invalid-keyword-dropped", {
          pointer: toPointer([...path, keyword]),
          sources: locationsOf(node, ctx.file),
          args: { keyword, reason: `'${keyword}' applies to query parameters only, and this one is in ${String(node.in)}` },
        }),
      );
    }
  });
  return findings;
}
