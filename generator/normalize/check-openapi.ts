import { finding, type Finding } from "../problems/finding.ts";
import { isObject } from "../openapi/types.ts";
import type { NormalizeContext } from "./context.ts";

/** A fragment must be an OpenAPI 3.0 or 3.1 document; anything else stops here with the reason. */
export function checkIsOpenApi(doc: unknown, ctx: NormalizeContext, lineOf: (pointer: string) => number): Finding[] {
  const fail = (reason: string, pointer = "") => [finding("not-openapi", { pointer, sources: [{ file: ctx.file, line: lineOf(pointer) }], args: { reason } })];
  if (!isObject(doc)) return fail(`the file holds ${doc === null ? "nothing" : Array.isArray(doc) ? "a list" : typeof doc}, not a mapping`);
  if (typeof doc.swagger === "string") return fail(`it is Swagger ${doc.swagger}; convert it to OpenAPI 3 first`, "/swagger");
  if (typeof doc.openapi !== "string" && typeof doc.openapi !== "number") return fail("it has no 'openapi' version field");
  if (!/^3\.[01](\.\d+)?/.test(String(doc.openapi))) return fail(`'openapi: ${String(doc.openapi)}' is not 3.0 or 3.1`, "/openapi");
  if (doc.paths !== undefined && !isObject(doc.paths)) return fail("'paths' is not a mapping", "/paths");
  if (doc.components !== undefined && !isObject(doc.components)) return fail("'components' is not a mapping", "/components");
  if (!isObject(doc.paths) && !isObject(doc.components) && !isObject(doc.webhooks)) return fail("it has neither paths nor components");
  return [];
}
