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

/**
 * A JSON value as TypeScript code on one line, laid out as the TypeScript formatter lays it out
 * (`{ "t": ["object"], "p": { "id": 1 } }`), as a value (the drift table) or a literal type: modules
 * are printed without a formatting pass. Values JSON has no form for are what JSON.stringify makes
 * of them (dates their string, undefined properties left out).
 */
export function jsonCode(value: unknown): string {
  return formattedJson(JSON.parse(JSON.stringify(value) ?? "null"));
}

function formattedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formattedJson).join(", ")}]`;
  if (isObject(value)) {
    const entries = Object.entries(value);
    return entries.length === 0 ? "{}" : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${formattedJson(v)}`).join(", ")} }`;
  }
  return JSON.stringify(value);
}
