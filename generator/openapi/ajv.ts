import { createRequire } from "node:module";
import type { Ajv as AjvCore, Options } from "ajv";
import { safeRegExp } from "./safe-regexp.ts";

// ajv ships CommonJS; loading it through require keeps one class identity under tsx and vitest alike.
const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020.js") as { new (options?: Options): AjvCore };
const addFormats = require("ajv-formats") as (ajv: AjvCore) => AjvCore;

export type Ajv = AjvCore;

/**
 * One configuration for every JSON Schema check in the toolkit (api.yaml, examples, the OpenAPI
 * schema): draft 2020-12 as OpenAPI 3.1 uses it, standard formats, all errors collected.
 * OpenAPI adds keywords (example, discriminator, xml, x-*) that are not JSON Schema; `strict: false`
 * lets them through as annotations, and vendor formats such as `timestamp-milliseconds` are
 * accepted without checking rather than failing compilation. Vendors' `pattern`s go through
 * `safeRegExp`: one that does not compile or could backtrack without end never fails a compilation
 * nor hangs a check (it is skipped, and reported by whoever checks the document).
 */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, validateFormats: true, code: { regExp: safeRegExp }, ...options });
  addFormats(ajv);
  return ajv;
}

/** Human text for one ajv error: "/ttl_seconds must be <= 3600". */
export function describeAjvError(error: { instancePath: string; message?: string; params?: Record<string, unknown> }): string {
  const where = error.instancePath || "(root)";
  const extra = error.params && "additionalProperty" in error.params ? ` '${String(error.params.additionalProperty)}'` : "";
  const allowed = error.params && "allowedValues" in error.params ? ` (${JSON.stringify(error.params.allowedValues)})` : "";
  return `${where} ${error.message ?? "is invalid"}${extra}${allowed}`;
}
