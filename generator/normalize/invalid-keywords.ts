import { finding, type Finding } from "../problems/finding.ts";
import { toPointer } from "../openapi/pointer.ts";
import type { JsonObject, OpenApiDocument } from "../openapi/types.ts";
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
  const findings: Finding[] = [];
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
