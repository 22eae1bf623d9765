import { finding, type Finding } from "../problems/finding.ts";
import { isObject, type OpenApiDocument, type PathItem } from "../openapi/types.ts";
import { toPointer } from "../openapi/pointer.ts";
import { locationsOf, type NormalizeContext } from "./context.ts";

/**
 * One path segment written as a placeholder the way docs write them: Express `:id`, OpenAPI
 * `{id}`, angle brackets `<id>` (also `<id` when a page forgot to close it) and square brackets
 * `[id]`. The name allows dots (`{channel.id}`).
 */
const PLACEHOLDER_SEGMENT = /^(?::([A-Za-z_][\w.-]*)|\{([^{}/]+)\}|<([A-Za-z_][\w.-]*)>?|\[([A-Za-z_][\w.-]*)\])$/;

/** The parameter name of a placeholder segment, or undefined for a literal segment. */
export function placeholderName(segment: string): string | undefined {
  const m = PLACEHOLDER_SEGMENT.exec(segment);
  return m ? (m[1] ?? m[2] ?? m[3] ?? m[4])! : undefined;
}

/** Names of a path's placeholders, in order. */
export function placeholderNames(path: string): string[] {
  return path
    .split("/")
    .map(placeholderName)
    .filter((n): n is string => n !== undefined);
}

/** Every placeholder form (`:id`, `<id>`, `[id]`) becomes an OpenAPI `{id}` template. */
export function toTemplatePath(path: string): string {
  return path
    .split("/")
    .map((segment) => {
      const name = placeholderName(segment);
      return name === undefined ? segment : `{${name}}`;
    })
    .join("/");
}

export function normalizePathTemplates(doc: OpenApiDocument, ctx: NormalizeContext): Finding[] {
  if (!isObject(doc.paths)) return [];
  const findings: Finding[] = [];
  const rebuilt: Record<string, PathItem> = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    const to = toTemplatePath(path);
    if (to !== path) {
      const first = isObject(item) ? Object.values(item).find(isObject) : undefined;
      findings.push(finding("normalized-path-template", { pointer: toPointer(["paths", to]), sources: locationsOf(first, ctx.file), args: { from: path, to } }));
    }
    rebuilt[to] = rebuilt[to] ? { ...rebuilt[to], ...item } : item;
  }
  doc.paths = rebuilt;
  return findings;
}
