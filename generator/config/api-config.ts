import type { JsonObject } from "../openapi/types.ts";
import type { RuleSeverity } from "../problems/severities.ts";

/** api.yaml as written (every key optional); see api-config.schema.json. */
export interface ApiConfigFile {
  id?: string;
  package?: string;
  info?: { title?: string; version?: string; description?: string };
  servers?: { url: string; description?: string }[];
  auth?: { scheme?: string; env?: string };
  errors?: { schema: JsonObject; codePointer: string };
  operations?: Record<string, { operationId?: string }>;
  precedence?: Omit<PrecedenceRule, "location">[];
  rules?: Record<string, RuleSeverity>;
  /** Client package settings, validated by client-config.schema.json and resolved by the client stage. */
  client?: JsonObject;
  /** Drift check settings (probe plan), validated by drift-config.schema.json and resolved by the drift stage. */
  drift?: JsonObject;
}

export interface PrecedenceRule {
  pointer: string;
  prefer?: string;
  rename?: boolean;
  reason: string;
  /** "api.yaml:LINE", filled in when loaded so findings can point at the rule. */
  location: string;
}

/** api.yaml with every default resolved, in one place. */
export interface ApiConfig {
  id: string;
  packageName: string;
  info?: ApiConfigFile["info"];
  servers?: ApiConfigFile["servers"];
  auth: { scheme?: string; env: string };
  errors?: ApiConfigFile["errors"];
  operations: Record<string, { operationId?: string }>;
  precedence: PrecedenceRule[];
  /** Severities api.yaml sets for merge rules (checked against the rule table when loaded). */
  rules: Record<string, RuleSeverity>;
  client: JsonObject;
  drift: JsonObject;
  /** Where api.yaml was read from ("api.yaml"), or undefined when the folder has none. */
  file?: string;
}

export function resolveConfig(id: string, file: ApiConfigFile, lineOf: (pointer: string) => number | undefined, present: boolean): ApiConfig {
  return {
    id,
    packageName: file.package ?? `${id}-client`,
    info: file.info,
    servers: file.servers,
    auth: { scheme: file.auth?.scheme, env: file.auth?.env ?? `${id.toUpperCase().replace(/-/g, "_")}_API_KEY` },
    errors: file.errors,
    operations: file.operations ?? {},
    client: file.client ?? {},
    drift: file.drift ?? {},
    rules: file.rules ?? {},
    precedence: (file.precedence ?? []).map((rule, i) => ({ ...rule, location: `api.yaml:${lineOf(`/precedence/${i}`) ?? 1}` })),
    file: present ? "api.yaml" : undefined,
  };
}
