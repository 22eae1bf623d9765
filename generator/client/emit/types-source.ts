import { StructureKind, type TypeAliasDeclarationStructure } from "ts-morph";
import type { ClientModel, MethodModel } from "../model/types.ts";
import { docText, documentedAt, jsdoc } from "./jsdoc.ts";
import { printModule, type ModuleStatements } from "./source-file.ts";

/** `paths["/v1/sessions"]["get"]`: the openapi-typescript type of one operation. */
export function operationType(method: MethodModel): string {
  return `paths[${JSON.stringify(method.path)}][${JSON.stringify(method.httpMethod.toLowerCase())}]`;
}

const statusKey = (status: string): string => (/^\d+$/.test(status) ? status : JSON.stringify(status));

/**
 * src/types.ts: a named alias for every component schema and for each operation's query,
 * body and inline result, so that signatures and editors show `SessionInfo`, not index types.
 */
export function typesSource(model: ClientModel): string {
  const statements: ModuleStatements = [];
  // Import only what the aliases use: the package compiles with noUnusedLocals.
  const methods = model.resources.flatMap((r) => r.methods);
  const schemaImports = [
    ...(model.schemas.length > 0 ? ["components"] : []),
    ...(methods.some((m) => m.query || m.body || m.headers || m.cookies || m.resultAlias) ? ["paths"] : []),
  ];
  if (schemaImports.length > 0) statements.push({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: "./schema.ts", namedImports: schemaImports });
  const typeAlias = (alias: Omit<TypeAliasDeclarationStructure, "kind">): void => {
    statements.push({ kind: StructureKind.TypeAlias, ...alias });
  };
  for (const s of model.schemas) {
    typeAlias({
      isExported: true,
      name: s.alias,
      type: `components["schemas"][${JSON.stringify(s.component)}]`,
      docs: [jsdoc([s.description && docText(s.description), `Schema \`${s.component}\`. ${documentedAt(s.sources)}`].filter(Boolean).join("\n\n"))],
    });
  }
  /**
   * An object written in place (an inline body or result) is declared as an interface extending
   * its openapi-typescript type, so that hovers and declarations show its name; anything else
   * (a union, an array, a schema's own name) stays a type alias.
   */
  let usesNamed = false;
  const named = (object: boolean, alias: { isExported: true; name: string; type: string; docs: ReturnType<typeof jsdoc>[] }): void => {
    if (!object) {
      typeAlias(alias);
      return;
    }
    usesNamed = true;
    statements.push({ kind: StructureKind.Interface, isExported: true, name: alias.name, extends: [`Named<${alias.type}>`], docs: alias.docs });
  };
  for (const resource of model.resources) {
    for (const m of resource.methods) {
      const call = `\`${resource.name}.${m.name}\` (\`${m.httpMethod} ${m.path}\`)`;
      if (m.query) {
        typeAlias({
          isExported: true,
          name: m.query.alias,
          type: `NonNullable<${operationType(m)}["parameters"]["query"]>`,
          docs: [jsdoc(`Query parameters of ${call}.`)],
        });
      }
      for (const [group, location, what] of [
        [m.headers, "header", "Header parameters"],
        [m.cookies, "cookie", "Cookie parameters"],
      ] as const) {
        if (!group) continue;
        typeAlias({
          isExported: true,
          name: group.alias,
          type: `NonNullable<${operationType(m)}["parameters"][${JSON.stringify(location)}]>`,
          docs: [jsdoc(`${what} of ${call}: ${group.params.map((p) => `\`${p.name}\``).join(", ")}.`)],
        });
      }
      if (m.body) {
        named(m.body.inlineObject, {
          isExported: true,
          name: m.body.alias,
          type: `NonNullable<${operationType(m)}["requestBody"]>["content"][${JSON.stringify(m.body.mediaType)}]`,
          docs: [jsdoc([`Request body of ${call}.`, m.body.description && docText(m.body.description), documentedAt(m.body.sources)].filter(Boolean).join("\n\n"))],
        });
      }
      if (m.resultAlias) {
        named(m.resultIsObject, {
          isExported: true,
          name: m.resultAlias,
          type: `${operationType(m)}["responses"][${statusKey(m.result.status)}]["content"][${JSON.stringify(m.result.mediaType)}]`,
          docs: [
            jsdoc(
              [`Body of the \`${m.result.status}\` answer of ${call}.`, m.result.description && docText(m.result.description), documentedAt(m.result.sources)]
                .filter(Boolean)
                .join("\n\n"),
            ),
          ],
        });
      }
    }
  }
  if (usesNamed) {
    typeAlias({
      name: "Named",
      typeParameters: ["T"],
      type: "T",
      docs: [jsdoc("An interface may only extend a named type: `interface X extends Named<paths[…][…]> {}` gives an inline object a name of its own.")],
    });
  }
  // An API with no schemas and no inline types has nothing to alias; the file must still be a module.
  // `export { };` as the TypeScript formatter, which modules went through before, wrote `export {}`.
  if (typeAliasNames(model).length === 0)
    statements.push("// The API has no schemas, query parameters, bodies or JSON answers to name; this keeps the file a module.", "export { };");
  return printModule(model.apiId, "types.ts", statements);
}

/** Every alias types.ts exports, for index.ts. */
export function typeAliasNames(model: ClientModel): string[] {
  const names = model.schemas.map((s) => s.alias);
  for (const r of model.resources) {
    for (const m of r.methods) names.push(...[m.query?.alias, m.headers?.alias, m.cookies?.alias, m.body?.alias, m.resultAlias].filter((n): n is string => n !== undefined));
  }
  return names;
}
