import openapiTS, { astToString } from "openapi-typescript";
import { clone } from "../../openapi/json.ts";
import { X_SOURCE, type OpenApiDocument } from "../../openapi/types.ts";
import { walkDocument } from "../../openapi/walk.ts";

/**
 * Appends "Documented at <file:line>, …" to the description of every object of the document that
 * carries provenance (operations, parameters, request bodies, responses, headers, schemas,
 * security schemes, …), on a copy of the document: openapi-typescript turns descriptions into
 * JSDoc, so every generated field, parameter and schema type says where it was documented.
 * Example data and extensions are not OpenAPI objects and are never decorated.
 */
export function withProvenanceInDescriptions(doc: OpenApiDocument): OpenApiDocument {
  const copy = clone(doc);
  walkDocument(copy, (node, kind) => {
    dropLoneRefData(node, kind);
    const sources = node[X_SOURCE];
    if (Array.isArray(sources) && sources.length > 0) {
      const where = `Documented at ${sources.join(", ")}.`;
      node.description = typeof node.description === "string" && node.description.trim() !== "" ? `${node.description.trim()}\n\n${where}` : where;
    }
  });
  return copy;
}

const isLoneRef = (value: unknown): boolean => typeof value === "object" && value !== null && typeof (value as { $ref?: unknown }).$ref === "string";

/**
 * Example data and extensions whose whole value is `{ $ref: … }` are data to OpenAPI (and to our
 * walker), but openapi-typescript's resolver follows them and fails when they point nowhere (GitHub's
 * description has such examples). Types never need example data: it is left out of the copy.
 */
function dropLoneRefData(node: Record<string, unknown>, kind: string): void {
  for (const key of Object.keys(node)) {
    const data = key === "example" || (key === "value" && kind === "example") || key.startsWith("x-");
    if (data && isLoneRef(node[key])) delete node[key];
  }
}

/** `paths`, `components` and `operations` types of the canonical document, by openapi-typescript. */
export async function schemaTypes(doc: OpenApiDocument): Promise<string> {
  // The loose document type of the pipeline and openapi-typescript's strict OpenAPI3 do not overlap
  // on paper; the canonical document has been validated against the OpenAPI 3.1 schema.
  const input = withProvenanceInDescriptions(doc) as unknown as Parameters<typeof openapiTS>[0];
  const ast = await openapiTS(input, { silent: true, defaultNonNullable: false });
  return astToString(ast);
}
