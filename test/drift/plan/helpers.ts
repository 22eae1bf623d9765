import { readFileSync } from "node:fs";
import path from "node:path";
import { loadApiConfig } from "../../../generator/config/load-config.ts";
import { resolveDriftPlan, type DriftPlan, type PlanStep } from "../../../generator/drift/config.ts";
import { parseYamlSource } from "../../../generator/load/yaml-source.ts";
import { eachOperation, operationKey, type JsonObject, type OpenApiDocument } from "../../../generator/openapi/types.ts";

export const root = path.resolve(import.meta.dirname, "../../..");

export function readDoc(file: string): OpenApiDocument {
  return JSON.parse(readFileSync(path.join(root, file), "utf8")) as OpenApiDocument;
}

export const canonical = (api: "chaser" | "hyperbrowser") => readDoc(`generated/${api}/openapi.json`);
export const vendorHyperbrowser = () => readDoc("test/fixtures/vendor/reference/hyperbrowser-openapi.json");

export function operationsOf(doc: OpenApiDocument): string[] {
  return [...eachOperation(doc)].map((o) => operationKey(o.method, o.path));
}

/** The api.yaml `drift:` plan of a shipped API, resolved as the drift command resolves it, and the raw section. */
export function handWritten(api: "chaser" | "hyperbrowser"): { plan: DriftPlan; drift: JsonObject } {
  const { config } = loadApiConfig(api, parseYamlSource("api.yaml", readFileSync(path.join(root, `specs/${api}/api.yaml`), "utf8")));
  return { plan: resolveDriftPlan(api, config.drift, new Set(operationsOf(canonical(api)))), drift: config.drift };
}

export const steps = (plan: DriftPlan): PlanStep[] => [...plan.probes, ...plan.cleanup];
export const stepById = (plan: DriftPlan, id: string): PlanStep | undefined => steps(plan).find((s) => s.id === id);
export const ids = (plan: DriftPlan, filter: (s: PlanStep) => boolean = () => true): string[] =>
  steps(plan)
    .filter(filter)
    .map((s) => s.id);
export const happyOps = (plan: DriftPlan): Set<string> =>
  new Set(
    steps(plan)
      .filter((s) => !s.negative)
      .map((s) => s.operation),
  );

/** A minimal 3.1 document: `paths` as given, one bearer scheme required everywhere unless `security` says otherwise. */
export function miniDoc(paths: JsonObject, extra: JsonObject = {}): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    components: { securitySchemes: { Bearer: { type: "http", scheme: "bearer" } } },
    security: [{ Bearer: [] }],
    paths: paths as OpenApiDocument["paths"],
    ...extra,
  };
}

/** A JSON response of `schema` for a status. */
export const json = (schema: JsonObject, example?: unknown): JsonObject => ({
  description: "ok",
  content: { "application/json": { schema, ...(example !== undefined ? { example } : {}) } },
});
