import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
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

/**
 * `paths`, `components` and `operations` types of the canonical document, by openapi-typescript.
 * With `aliases` (components.schemas key → exported name), each component schema is declared
 * once under its name (`export interface Session { … }`, or `export type Status = …` for what is
 * not an object) and `components["schemas"]` refers to it: every place the schema is used,
 * nested ones included, then reads `Session` in editor hovers and declarations instead of the
 * expanded object.
 */
export async function schemaTypes(doc: OpenApiDocument, aliases: ReadonlyMap<string, string> = new Map()): Promise<string> {
  // The loose document type of the pipeline and openapi-typescript's strict OpenAPI3 do not overlap
  // on paper; the canonical document has been validated against the OpenAPI 3.1 schema.
  const input = withProvenanceInDescriptions(doc) as unknown as Parameters<typeof openapiTS>[0];
  const ast = await openapiTS(input, { silent: true, defaultNonNullable: false });
  return astToString(aliases.size > 0 ? withNamedSchemas(ast, aliases) : ast);
}

const memberName = (name: ts.PropertyName): string | undefined => (ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined);

/** The AST with each aliased member of `components.schemas` moved to a declaration of its own, named by the alias. */
function withNamedSchemas(ast: ts.Node[], aliases: ReadonlyMap<string, string>): ts.Node[] {
  const f = ts.factory;
  const declarations: ts.Node[] = [];
  const exported = [f.createModifier(ts.SyntaxKind.ExportKeyword)];
  const out = ast.map((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== "components") return node;
    const members = node.members.map((member) => {
      if (!ts.isPropertySignature(member) || memberName(member.name) !== "schemas" || !member.type || !ts.isTypeLiteralNode(member.type)) return member;
      const schemas = member.type.members.map((schema) => {
        const alias = ts.isPropertySignature(schema) ? aliases.get(memberName(schema.name) ?? "") : undefined;
        if (!ts.isPropertySignature(schema) || alias === undefined || !schema.type) return schema;
        const declaration = ts.isTypeLiteralNode(schema.type)
          ? f.createInterfaceDeclaration(exported, alias, undefined, undefined, schema.type.members)
          : f.createTypeAliasDeclaration(exported, alias, undefined, schema.type);
        // The schema's JSDoc (description, provenance) goes with it: hovers of the name show it.
        ts.setSyntheticLeadingComments(declaration, ts.getSyntheticLeadingComments(schema));
        declarations.push(declaration);
        return f.updatePropertySignature(schema, schema.modifiers, schema.name, schema.questionToken, f.createTypeReferenceNode(alias));
      });
      return f.updatePropertySignature(member, member.modifiers, member.name, member.questionToken, f.createTypeLiteralNode(schemas));
    });
    return f.updateInterfaceDeclaration(node, node.modifiers, node.name, node.typeParameters, node.heritageClauses, members);
  });
  return [...out, ...declarations];
}
