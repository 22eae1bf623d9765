import { finding, type Finding } from "../problems/finding.ts";
import { isObject, type OpenApiDocument, type PathItem } from "../openapi/types.ts";
import { toPointer } from "../openapi/pointer.ts";
import { locationsOf, type NormalizeContext } from "./context.ts";

/** Express-style `:id` segments become OpenAPI `{id}` templates. */
export function toTemplatePath(path: string): string {
  return path.replace(/\/:([A-Za-z_][A-Za-z0-9_]*)/g, "/{$1}");
}

export function normalizePathTemplates(doc: OpenApiDocument, ctx: NormalizeContext): Finding[] {
  if (!isObject(doc.paths)) return [];
  const findings: Finding[] = [];
  const rebuilt: Record<string, PathItem> = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    const to = toTemplatePath(path);
    if (to !== path) {
      const first = isObject(item) ? Object.values(item).find(isObject) : undefined;
      findings.push(
        finding("normalized-path-template", { pointer: toPointer(["paths", to]), sources: locationsOf(first, ctx.file), args: { from: path, to } }),
      );
    }
    rebuilt[to] = rebuilt[to] ? { ...rebuilt[to], ...item } : item;
  }
  doc.paths = rebuilt;
  return findings;
}
