import { isObject } from "../../openapi/types.ts";

const IDENTIFIER = /^([A-Za-z_$][\w$]*|0|[1-9]\d*)$/;

/** An object literal from property names and code, one property per line. */
export function objectLiteral(entries: [string, string][], indent = ""): string {
  if (entries.length === 0) return "{}";
  const inner = `${indent}  `;
  return `{\n${entries.map(([k, v]) => `${inner}${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${v}`).join(",\n")},\n${indent}}`;
}

/** A JSON value as TypeScript code: objects one property per line with bare keys, arrays inline. */
export function codeLiteral(value: unknown, indent = ""): string {
  if (Array.isArray(value)) return `[${value.map((v) => codeLiteral(v, indent)).join(", ")}]`;
  if (isObject(value)) {
    return objectLiteral(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, codeLiteral(v, `${indent}  `)]),
      indent,
    );
  }
  return JSON.stringify(value) ?? "undefined";
}
