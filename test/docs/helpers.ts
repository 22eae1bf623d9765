import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { convertMarkdownDoc, type DocsConversion } from "../../generator/docs/index.ts";
import { getAtPointer } from "../../generator/openapi/pointer.ts";

export const FILE = "docs/t.md";

/** Markdown from lines, so a test can name line numbers: line n is `lines[n - 1]`. */
export function md(...lines: string[]): string {
  return lines.join("\n") + "\n";
}

export function convert(text: string, file = FILE): DocsConversion {
  return convertMarkdownDoc({ file, text });
}

/** The value at a JSON pointer of the converted document. */
export function at(result: DocsConversion, pointer: string): unknown {
  return getAtPointer(result.document, pointer);
}

export function src(line: number, file = FILE): string {
  return `${file}:${line}`;
}

/** ajv for JSON Schema 2020-12 with formats, tolerant of OpenAPI's x- keywords. */
export function makeAjv(): InstanceType<typeof Ajv2020.default> {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv;
}

/** Validation errors of `value` against `schema`, as text ("" when valid). */
export function validate(schema: unknown, value: unknown): string {
  const ajv = makeAjv();
  const check = ajv.compile(schema as object);
  return check(value) ? "" : ajv.errorsText(check.errors);
}

/** The warnings and errors of a conversion: what was not read and why (the info `docs-read` ledger left out). */
export function problems(result: DocsConversion): DocsConversion["findings"] {
  return result.findings.filter((f) => f.severity !== "info");
}
