import { setFlagsFromString } from "node:v8";

/**
 * Vendors' `pattern`s are compiled for JSON Schema checks (examples, drift answers) without ever
 * failing the compilation or hanging the process:
 *
 * - a pattern that is not a regular expression (in Unicode mode, as ajv compiles them, nor in the
 *   legacy mode many vendors write for, e.g. `[\w-]`) is *unusable*: checks skip it;
 * - a pattern whose shape can backtrack without end (a quantified group that itself holds an
 *   unbounded quantifier, `([\w .-]*)*`, or a quantified alternation) runs on V8's linear-time
 *   engine, which gives the same answers in time proportional to the input; when that engine
 *   cannot take it (back-references, lookaround), the pattern is unusable too.
 *
 * Callers report unusable patterns (validate/: `pattern-unusable`, a warning at the schema's line).
 */

// V8's non-backtracking engine (the `l` flag) is present in Node 20 behind this flag; setting it
// only makes the flag accepted, it changes no other RegExp.
setFlagsFromString("--enable-experimental-regexp-engine");

/** What ajv needs of a regular expression. */
export interface RegExpLike {
  test(text: string): boolean;
}

export type PatternVerdict = { usable: true; regexp: RegExp; linear: boolean } | { usable: false; reason: "invalid" | "backtracking"; detail: string; regexp: RegExpLike };

/** Accepts everything: the check a pattern stands for is skipped (and reported by the caller). */
const SKIP: RegExpLike & { toString(): string } = { test: () => true, toString: () => "/(?:)/skipped" };

const cache = new Map<string, PatternVerdict>();

/**
 * The pattern as a regular expression that cannot hang, or why it is unusable. `unicode` is
 * ajv's `u` flag; a pattern invalid in Unicode mode but valid in legacy mode is compiled without it
 * (ECMA-262 accepts both; vendors mostly write the legacy form).
 */
export function compilePattern(pattern: string, unicode = true): PatternVerdict {
  const key = `${unicode ? "u" : ""}/${pattern}`;
  let verdict = cache.get(key);
  if (!verdict) {
    verdict = compile(pattern, unicode);
    cache.set(key, verdict);
  }
  return verdict;
}

function compile(pattern: string, unicode: boolean): PatternVerdict {
  let flags = unicode ? "u" : "";
  try {
    new RegExp(pattern, flags);
  } catch (unicodeError) {
    try {
      new RegExp(pattern);
      flags = "";
    } catch {
      return { usable: false, reason: "invalid", detail: (unicodeError as Error).message, regexp: SKIP };
    }
  }
  const risk = backtrackingRisk(pattern);
  if (!risk) return { usable: true, regexp: new RegExp(pattern, flags), linear: false };
  try {
    // The linear engine takes no `u`; without it a pattern differs only on characters outside the BMP.
    return { usable: true, regexp: new RegExp(pattern, "l"), linear: true };
  } catch {
    return { usable: false, reason: "backtracking", detail: risk, regexp: SKIP };
  }
}

/** ajv's `code.regExp`: every pattern through compilePattern; an unusable one accepts everything. */
export function safeRegExp(pattern: string, flags: string): RegExpLike {
  return compilePattern(pattern, flags.includes("u")).regexp;
}
// ajv writes `code` into the validation functions it generates as text (standalone mode only).
safeRegExp.code = "safeRegExp";

/**
 * Where the pattern may backtrack without end, in words, or undefined. A static check of the shape
 * (star height): a group repeated more than once whose inside repeats without bound (`(a+)+`,
 * `([\w .-]*)*`, `(x+){2,9}`), or a group repeated without bound around an alternation
 * (`(a|ab)*`). It over-approximates; a flagged pattern costs only a run on the linear engine.
 */
export function backtrackingRisk(pattern: string): string | undefined {
  interface Frame {
    start: number;
    unbounded: boolean;
    alternation: boolean;
  }
  const frames: Frame[] = [{ start: 0, unbounded: false, alternation: false }];
  // The atom a quantifier would apply to: a closed group (with what it holds) or a single character.
  let last: { group: boolean; unbounded: boolean; alternation: boolean; start: number } | undefined;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "\\") {
      const next = pattern[i + 1];
      // \p{…}, \u{…}: skip the braces with the escape.
      const braced = (next === "p" || next === "P" || next === "u" || next === "k") && pattern[i + 2] === (next === "k" ? "<" : "{");
      const end = braced ? pattern.indexOf(next === "k" ? ">" : "}", i) : -1;
      last = { group: false, unbounded: false, alternation: false, start: i };
      i = end > 0 ? end + 1 : i + 2;
      continue;
    }
    if (c === "[") {
      let j = i + 1;
      if (pattern[j] === "^") j++;
      if (pattern[j] === "]") j++;
      while (j < pattern.length && pattern[j] !== "]") j += pattern[j] === "\\" ? 2 : 1;
      last = { group: false, unbounded: false, alternation: false, start: i };
      i = j + 1;
      continue;
    }
    if (c === "(") {
      frames.push({ start: i, unbounded: false, alternation: false });
      last = undefined;
      i++;
      if (pattern[i] === "?") {
        // (?: (?= (?! (?<= (?<! (?<name>
        const named = /^\?<[A-Za-z_$][\w$]*>/.exec(pattern.slice(i));
        i += named ? named[0].length : pattern[i + 1] === "<" ? 3 : 2;
      }
      continue;
    }
    if (c === ")" && frames.length > 1) {
      const frame = frames.pop()!;
      const parent = frames.at(-1)!;
      if (frame.unbounded) parent.unbounded = true;
      last = { group: true, unbounded: frame.unbounded, alternation: frame.alternation, start: frame.start };
      i++;
      continue;
    }
    if (c === "|") {
      frames.at(-1)!.alternation = true;
      last = undefined;
      i++;
      continue;
    }
    const quantifier = /^(?:[*+?]|\{(\d+)(,(\d*))?\})/.exec(pattern.slice(i));
    if (quantifier && last) {
      const max =
        quantifier[0] === "?"
          ? 1
          : quantifier[0] === "*" || quantifier[0] === "+"
            ? Infinity
            : quantifier[2] === undefined
              ? Number(quantifier[1])
              : quantifier[3]
                ? Number(quantifier[3])
                : Infinity;
      const where = pattern.slice(last.start, i + quantifier[0].length);
      if (last.group && max > 1 && last.unbounded) return `a repeated group repeats inside without bound: ${where}`;
      if (last.group && max === Infinity && last.alternation) return `a group repeated without bound holds alternatives: ${where}`;
      if (max === Infinity) frames.at(-1)!.unbounded = true;
      i += quantifier[0].length;
      if (pattern[i] === "?") i++; // lazy
      last = undefined;
      continue;
    }
    last = { group: false, unbounded: false, alternation: false, start: i };
    i++;
  }
  return undefined;
}
