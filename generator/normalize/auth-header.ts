import { finding, type Finding } from "../problems/finding.ts";
import { toPointer } from "../openapi/pointer.ts";
import { eachOperation, isObject, operationKey, type JsonObject, type OpenApiDocument } from "../openapi/types.ts";
import { locationsOf, type NormalizeContext } from "./context.ts";

const DEFAULT_BEARER: JsonObject = { type: "http", scheme: "bearer" };

/** The bearer scheme to use: the one api.yaml names, else the document's own http/bearer scheme, else "BearerAuth". */
export function bearerSchemeName(doc: OpenApiDocument, ctx: NormalizeContext): string {
  if (ctx.config.auth.scheme) return ctx.config.auth.scheme;
  const schemes = doc.components?.securitySchemes ?? {};
  const found = Object.entries(schemes).find(([, s]) => isObject(s) && s.type === "http" && String(s.scheme).toLowerCase() === "bearer");
  return found ? found[0] : "BearerAuth";
}

function isAuthorizationHeader(param: unknown): param is JsonObject {
  return isObject(param) && param.in === "header" && typeof param.name === "string" && param.name.toLowerCase() === "authorization";
}

/**
 * Vendors' pages often spell auth as a required `Authorization` header parameter. A client would
 * then ask every caller for it; the security scheme is the OpenAPI way, so the parameter becomes one.
 */
export function authHeaderToSecurity(doc: OpenApiDocument, ctx: NormalizeContext): Finding[] {
  const findings: Finding[] = [];
  const scheme = bearerSchemeName(doc, ctx);
  for (const { path, method, operation } of eachOperation(doc)) {
    const params = operation.parameters ?? [];
    const auth = params.filter(isAuthorizationHeader);
    if (auth.length === 0) continue;
    operation.parameters = params.filter((p) => !isAuthorizationHeader(p));
    if (operation.parameters.length === 0) delete operation.parameters;
    operation.security ??= [{ [scheme]: [] }];
    findings.push(
      finding("normalized-auth-header", {
        pointer: toPointer(["paths", path, method, "security"]),
        sources: locationsOf(auth[0], ctx.file),
        args: { operation: operationKey(method, path), scheme },
      }),
    );
  }
  if (findings.length > 0) {
    doc.components ??= {};
    doc.components.securitySchemes ??= {};
    doc.components.securitySchemes[scheme] ??= { ...DEFAULT_BEARER };
  }
  return findings;
}
