import { computeLineStarts, lineFromStarts } from "../load/line-index.ts";

/**
 * A strict JSON (RFC 8259) parser that also records the line of every object key and array
 * element, so facts inferred from a documented example can point at the markdown line they came
 * from. `JSON.parse` gives neither positions nor (on Node 20) an error line; the YAML loader
 * gives positions but accepts what JSON does not (comments, single quotes, bare words), and a
 * vendor's example that a JSON client could not parse must be reported, not folded in.
 */

/** Line of a JSON value; for objects the children are keyed by property name (the line of the key), for arrays by index. */
export interface JsonLocation {
  line: number;
  children?: Map<string, JsonLocation>;
}

export type JsonParseResult =
  | { ok: true; value: unknown; location: JsonLocation }
  | { ok: false; line: number; column: number; reason: string };

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses `text`; lines in the result are `firstLine`-based (pass the markdown line of the text's
 * first character to get markdown lines directly).
 */
export function parseJsonWithLines(text: string, firstLine = 1): JsonParseResult {
  const lineStarts = computeLineStarts(text);
  const lineIndex = (offset: number): number => lineFromStarts(lineStarts, offset) - 1;
  const lineAt = (offset: number): number => firstLine + lineIndex(offset);

  let pos = 0;

  const fail = (message: string, at = pos): never => {
    throw new JsonSyntaxError(at, message);
  };
  const describe = (at: number): string => (at >= text.length ? "end of input" : `'${text[at]}'`);

  const skipWhitespace = (): void => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
  };

  const parseString = (): string => {
    const start = pos;
    pos++; // opening quote
    let out = "";
    for (;;) {
      if (pos >= text.length) fail("unterminated string", start);
      const c = text[pos]!;
      if (c === '"') {
        pos++;
        return out;
      }
      if (c === "\\") {
        const e = text[pos + 1];
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e !== undefined && e in simple) {
          out += simple[e];
          pos += 2;
        } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          out += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
        } else {
          fail("invalid escape in string");
        }
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail("control character in string");
      out += c;
      pos++;
    }
  };

  const parseNumber = (): number => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(pos));
    if (!m) fail(`unexpected ${describe(pos)}`);
    pos += m![0].length;
    return Number(m![0]);
  };

  const parseValue = (): { value: unknown; location: JsonLocation } => {
    skipWhitespace();
    const start = pos;
    const location: JsonLocation = { line: lineAt(start) };
    const c = text[pos];
    if (c === "{") {
      pos++;
      const value: Record<string, unknown> = {};
      location.children = new Map();
      skipWhitespace();
      if (text[pos] === "}") {
        pos++;
        return { value, location };
      }
      for (;;) {
        skipWhitespace();
        if (text[pos] !== '"') fail(`expected a property name in double quotes, found ${describe(pos)}`);
        const keyLine = lineAt(pos);
        const key = parseString();
        skipWhitespace();
        if (text[pos] !== ":") fail(`expected ':' after property name, found ${describe(pos)}`);
        pos++;
        const child = parseValue();
        // defineProperty: a "__proto__" key must stay a plain property.
        Object.defineProperty(value, key, { value: child.value, enumerable: true, writable: true, configurable: true });
        location.children.set(key, { ...child.location, line: keyLine });
        skipWhitespace();
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        if (text[pos] === "}") {
          pos++;
          return { value, location };
        }
        fail(`expected ',' or '}' after a property value, found ${describe(pos)}`);
      }
    }
    if (c === "[") {
      pos++;
      const value: unknown[] = [];
      location.children = new Map();
      skipWhitespace();
      if (text[pos] === "]") {
        pos++;
        return { value, location };
      }
      for (;;) {
        const child = parseValue();
        location.children.set(String(value.length), child.location);
        value.push(child.value);
        skipWhitespace();
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        if (text[pos] === "]") {
          pos++;
          return { value, location };
        }
        fail(`expected ',' or ']' after an array element, found ${describe(pos)}`);
      }
    }
    if (c === '"') return { value: parseString(), location };
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return { value: parseNumber(), location };
    for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return { value, location };
      }
    }
    return fail(`unexpected ${describe(pos)}`);
  };

  try {
    const result = parseValue();
    skipWhitespace();
    if (pos < text.length) fail(`unexpected ${describe(pos)} after the JSON value`);
    return { ok: true, value: result.value, location: result.location };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const offset = Math.min(error.offset, text.length);
    const index = lineIndex(offset);
    return { ok: false, line: firstLine + index, column: offset - lineStarts[index]! + 1, reason: error.message };
  }
}
