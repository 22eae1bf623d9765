import { isObject, type OpenApiDocument } from "../openapi/types.ts";
import { DriftlessError } from "../problems/error.ts";
import { finding, messageOf } from "../problems/finding.ts";

/**
 * Checks that a parsed file is an OpenAPI 3.x document (the only input split and import accept)
 * and says why not, with the file and line, when it is not.
 */
export function assertOpenApiDocument(value: unknown, source: { file: string; lineOf?: (pointer: string) => number | undefined }): asserts value is OpenApiDocument {
  const reason = whyNotOpenApi(value);
  if (!reason) return;
  const line = source.lineOf?.(isObject(value) && "openapi" in value ? "/openapi" : "");
  const f = finding("not-openapi", { sources: [{ file: source.file, line }], args: { reason } });
  throw new DriftlessError("E_INPUT", `${source.file}${line ? `:${line}` : ""}: ${messageOf(f)}`, { findings: [f] });
}

function whyNotOpenApi(value: unknown): string | undefined {
  if (!isObject(value)) return "the file does not hold a mapping of keys to values";
  if (typeof value.swagger === "string") return `it is Swagger ${value.swagger}; convert it to OpenAPI 3 first`;
  if (typeof value.openapi !== "string" || !/^3\.\d+/.test(value.openapi)) {
    return `its \`openapi\` field is ${value.openapi === undefined ? "missing" : JSON.stringify(value.openapi)}, expected 3.0.x or 3.1.x`;
  }
  if (value.paths !== undefined && !isObject(value.paths)) return "its `paths` is not a mapping";
  if (value.components !== undefined && !isObject(value.components)) return "its `components` is not a mapping";
  return undefined;
}
