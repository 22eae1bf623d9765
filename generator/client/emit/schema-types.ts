import openapiTS, { astToString } from "openapi-typescript";
import { clone } from "../../openapi/json.ts";
import { isObject, X_SOURCE, type OpenApiDocument } from "../../openapi/types.ts";

/** Keys whose values are data (examples, defaults, enums), not OpenAPI objects: never decorated. */
const DATA_KEYS = new Set(["example", "examples", "default", "enum", "const", "x-codeSamples"]);

/**
 * Appends "Documented at <file:line>, …" to the description of every node that carries
 * provenance, on a copy of the document: openapi-typescript turns descriptions into JSDoc, so
 * every generated field, parameter and schema type says where it was documented.
 */
export function withProvenanceInDescriptions(doc: OpenApiDocument): OpenApiDocument {
  const copy = clone(doc);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    const sources = node[X_SOURCE];
    if (Array.isArray(sources) && sources.length > 0) {
      const where = `Documented at ${sources.join(", ")}.`;
      node.description = typeof node.description === "string" && node.description.trim() !== "" ? `${node.description.trim()}\n\n${where}` : where;
    }
    for (const [key, value] of Object.entries(node)) if (!DATA_KEYS.has(key) && key !== X_SOURCE) visit(value);
  };
  visit(copy);
  return copy;
}

/** `paths`, `components` and `operations` types of the canonical document, by openapi-typescript. */
export async function schemaTypes(doc: OpenApiDocument): Promise<string> {
  // The loose document type of the pipeline and openapi-typescript's strict OpenAPI3 do not overlap
  // on paper; the canonical document has been validated against the OpenAPI 3.1 schema.
  const input = withProvenanceInDescriptions(doc) as unknown as Parameters<typeof openapiTS>[0];
  const ast = await openapiTS(input, { silent: true, defaultNonNullable: false });
  return astToString(ast);
}
