import { readFileSync } from "node:fs";
import { finding, type Finding } from "../problems/finding.ts";
import { severityRefusal } from "../problems/severities.ts";
import { createAjv, describeAjvError } from "../openapi/ajv.ts";
import { resolveConfig, type ApiConfig, type ApiConfigFile } from "./api-config.ts";
import { packagePath } from "../package-root.ts";

const schemaPath = packagePath("generator/config/api-config.schema.json");
const partSchemaPaths = ["client-config.schema.json", "drift-config.schema.json"].map((name) => packagePath("generator/config", name));
let validator: ReturnType<ReturnType<typeof createAjv>["compile"]> | undefined;

function validate(value: unknown) {
  if (!validator) {
    const ajv = createAjv();
    for (const part of partSchemaPaths) ajv.addSchema(JSON.parse(readFileSync(part, "utf8")));
    validator = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
  }
  validator(value);
  return validator.errors ?? [];
}

/**
 * api.yaml as read: its value and the line of a pointer in it. A YamlSource (generator/load/) is
 * one; config sits below the loaders and needs only this much of it.
 */
export interface ConfigSource {
  readonly value: unknown;
  lineOf(pointer: string): number | undefined;
}

/**
 * Validates api.yaml against the shipped schema and resolves its defaults. Without an api.yaml
 * the folder still works: every setting has a default.
 */
export function loadApiConfig(id: string, source: ConfigSource | undefined): { config: ApiConfig; findings: Finding[] } {
  const value = source?.value ?? {};
  const findings: Finding[] = [];
  for (const error of validate(value)) {
    // An unknown key is reported at the key itself, not at its parent object.
    const extra = error.params && "additionalProperty" in error.params ? `/${String(error.params.additionalProperty)}` : "";
    const pointer = error.instancePath + extra;
    findings.push(
      finding("config-invalid", {
        pointer,
        sources: [{ file: "api.yaml", line: source?.lineOf(pointer) }],
        args: { reason: describeAjvError(error) },
      }),
    );
  }
  const file = value as ApiConfigFile;
  if (file.id !== undefined && file.id !== id) {
    findings.push(
      finding("config-invalid", {
        pointer: "/id",
        sources: [{ file: "api.yaml", line: source?.lineOf("/id") }],
        args: { reason: `id '${file.id}' differs from the folder name '${id}'` },
      }),
    );
  }
  for (const id of Object.keys(file.rules ?? {})) {
    const refusal = severityRefusal(id);
    if (refusal)
      findings.push(
        finding("config-invalid", {
          pointer: `/rules/${id}`,
          sources: [{ file: "api.yaml", line: source?.lineOf(`/rules/${id}`) }],
          args: { key: `rules.${id}`, reason: refusal },
        }),
      );
  }
  const config = resolveConfig(id, findings.length ? {} : file, (p) => source?.lineOf(p), source !== undefined);
  return { config, findings };
}
