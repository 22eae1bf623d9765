import { finding, type Finding } from "../problems/finding.ts";
import { toPointer } from "../openapi/pointer.ts";
import type { JsonObject, OpenApiDocument } from "../openapi/types.ts";
import { eachSchemaOf, locationsOf, type NormalizeContext } from "./context.ts";

/**
 * OpenAPI 3.0 schemas are not JSON Schema 2020-12. Each rewrite below turns one 3.0 idiom into its
 * 3.1 form and is reported with the schema it touched, so nothing changes silently.
 */
const SCHEMA_UPGRADES: { name: string; applies: (s: JsonObject) => boolean; apply: (s: JsonObject) => string }[] = [
  {
    name: "nullable",
    applies: (s) => "nullable" in s,
    apply: (s) => {
      const nullable = s.nullable === true;
      delete s.nullable;
      if (!nullable) return "nullable: false dropped";
      if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
      if (typeof s.type === "string") {
        s.type = [s.type, "null"];
        return `nullable: true → type [${(s.type as string[]).join(", ")}]`;
      }
      if (Array.isArray(s.type)) {
        if (!s.type.includes("null")) s.type = [...s.type, "null"];
        return "nullable: true → 'null' added to type";
      }
      // No type of its own ($ref, allOf, …): the only faithful 3.1 form is an alternative.
      const rest: JsonObject = {};
      for (const [k, v] of Object.entries(s)) if (!k.startsWith("x-") && k !== "description") rest[k] = v;
      for (const k of Object.keys(rest)) delete s[k];
      s.anyOf = [rest, { type: "null" }];
      return "nullable: true → anyOf [schema, null]";
    },
  },
  {
    name: "example",
    applies: (s) => "example" in s,
    apply: (s) => {
      s.examples = [s.example];
      delete s.example;
      return "example → examples";
    },
  },
  {
    name: "exclusive bounds",
    applies: (s) => typeof s.exclusiveMinimum === "boolean" || typeof s.exclusiveMaximum === "boolean",
    apply: (s) => {
      for (const [flag, bound] of [
        ["exclusiveMinimum", "minimum"],
        ["exclusiveMaximum", "maximum"],
      ] as const) {
        if (typeof s[flag] !== "boolean") continue;
        if (s[flag] === true && typeof s[bound] === "number") {
          s[flag] = s[bound];
          delete s[bound];
        } else delete s[flag];
      }
      return "boolean exclusive bound → numeric";
    },
  },
];

export function upgradeToOpenApi31(doc: OpenApiDocument, ctx: NormalizeContext): Finding[] {
  const version = String(doc.openapi);
  if (!version.startsWith("3.0")) return [];
  const findings: Finding[] = [
    finding("normalized-openapi-version", {
      pointer: "/openapi",
      sources: [{ file: ctx.file }],
      args: { from: version, detail: "openapi set to 3.1.0" },
    }),
  ];
  doc.openapi = "3.1.0";
  eachSchemaOf(doc, ctx, (schema, path) => {
    for (const upgrade of SCHEMA_UPGRADES) {
      if (!upgrade.applies(schema)) continue;
      const detail = upgrade.apply(schema);
      findings.push(
        finding("normalized-openapi-version", {
          pointer: toPointer(path),
          sources: locationsOf(schema, ctx.file),
          args: { from: version, detail },
        }),
      );
    }
  });
  return findings;
}
