/** What the builders share for one page: the conversion context and the "same object" identities. */
import { isObject } from "../openapi/types.ts";
import type { ConversionContext } from "./context.ts";
import type { CurlCommand } from "./curl.ts";
import type { FieldFact } from "./fields.ts";
import { identifyByObjectField, type Sample } from "./infer-schema.ts";
import type { JsonExample } from "./page.ts";

export interface Build {
  ctx: ConversionContext;
  related: Map<string, Sample[]>;
  /** Field tables that document an identified object ("session"), applied wherever it appears. */
  identityFacts: Map<string, FieldFact[]>;
}

export interface UsableCurl {
  command: CurlCommand;
  /** Markdown line of a line number inside the block. */
  abs: (line: number) => number;
  pathValues: Map<string, string>;
}

export function toSample(e: JsonExample): Sample {
  return { value: e.value, at: e.at, ...(e.partial ? { partial: true } : {}) };
}

/** The identity all examples share ("session"), or undefined. */
export function topIdentity(examples: readonly JsonExample[]): string | undefined {
  if (examples.length === 0) return undefined;
  const ids = new Set(examples.map((e) => (isObject(e.value) ? identifyByObjectField(e.value) : undefined)));
  const [only] = ids;
  return ids.size === 1 ? only : undefined;
}
