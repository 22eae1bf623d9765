import { DriftlessError } from "../problems/error.ts";
import { finding } from "../problems/finding.ts";

export interface DocPage {
  /** Name of the page in messages (usually its path). */
  file: string;
  text: string;
}

export interface EmbeddedOpenApi {
  /** The block's YAML text, exactly as written, with LF line endings. */
  yaml: string;
  /** 1-based line of the page on which the YAML's first line stands. */
  line: number;
}

interface Fence {
  char: string;
  length: number;
  indent: number;
  info: string;
}

/** A CommonMark code fence opening: up to 3 spaces, then ``` or ~~~ (or longer), then the info string. */
const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
/** A YAML key `openapi:` at the start of a line: the root key of an OpenAPI document. */
const OPENAPI_KEY = /^openapi\s*:/;
/** `openapi: 3.1.0 info: title: …` — a document whose line breaks became spaces. */
const FLATTENED = /^openapi\s*:\s*\S+\s+[^\s:]+:(\s|$)/;
/** A fence marker in the middle of a line, followed by yaml and an openapi key on that same line. */
const INLINE_FENCE = /(`{3,}|~{3,})\s*ya?ml\b.*?\bopenapi\s*:/i;

/**
 * The OpenAPI document embedded in a vendor's doc page: the first fenced code block (``` or ````,
 * or ~~~) whose info string starts with `yaml` or `yml` (more words may follow, as in Mintlify's
 * "````yaml /openapi.json GET /api/sessions") and whose text has a top-level `openapi:` key.
 *
 * Scraped pages sometimes lose every line break: then YAML's structure (its indentation) is gone
 * and cannot be guessed safely, so this fails and says how to get a usable page.
 */
export function extractEmbeddedOpenApi(page: DocPage): EmbeddedOpenApi {
  const lines = page.text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const fence = openingFence(lines[i]!);
    if (!fence) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !closesFence(lines[end]!, fence)) end++;
    i = end; // skip the block, whatever its language: its lines are not markdown
    if (!/^ya?ml$/i.test(fence.info.split(/\s+/)[0] ?? "")) continue;

    const body = lines.slice(start, end).map((line) => stripIndent(line, fence.indent));
    const keyIndex = body.findIndex((line) => OPENAPI_KEY.test(line));
    if (keyIndex === -1) continue;
    if (FLATTENED.test(body[keyIndex]!)) throw lostLineBreaks(page.file, start + keyIndex + 1, body[keyIndex]!);
    return { yaml: body.join("\n"), line: start + 1 };
  }

  const flat = lines.findIndex((line) => INLINE_FENCE.test(line));
  if (flat !== -1) {
    const text = lines[flat]!;
    throw lostLineBreaks(page.file, flat + 1, text.slice(text.search(/\bopenapi\s*:/i)));
  }
  const f = finding("import-unreadable", {
    sources: [{ file: page.file }],
    args: {
      what: "an embedded OpenAPI document",
      reason: "the page has no fenced ```yaml (or ```yml) block with a top-level `openapi:` key",
    },
  });
  throw new DriftlessError(
    "E_INPUT",
    `${page.file}: no embedded OpenAPI document: expected a fenced code block whose info string starts with yaml or yml and whose text has a top-level \`openapi:\` key. Check that this is a per-endpoint API reference page.`,
    { findings: [f] },
  );
}

function openingFence(line: string): Fence | undefined {
  const match = FENCE_OPEN.exec(line);
  if (!match) return undefined;
  const [, indent, marker, rest] = match as unknown as [string, string, string, string];
  // CommonMark: a backtick fence's info string may not contain backticks (that is inline code).
  if (marker[0] === "`" && rest.includes("`")) return undefined;
  return { char: marker[0]!, length: marker.length, indent: indent.length, info: rest.trim() };
}

function closesFence(line: string, fence: Fence): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
  return match !== null && match[1]![0] === fence.char && match[1]!.length >= fence.length;
}

/** CommonMark removes up to the opening fence's indentation from each line of the block. */
function stripIndent(line: string, indent: number): string {
  let n = 0;
  while (n < indent && line[n] === " ") n++;
  return line.slice(n);
}

function lostLineBreaks(file: string, line: number, text: string): DriftlessError {
  const excerpt = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  const reason = `the embedded OpenAPI YAML has lost its line breaks (\`${excerpt}\` stands on one line), ` + "so its indentation, which is its structure, is gone";
  const f = finding("import-unreadable", {
    sources: [{ file, line }],
    args: { what: "the embedded OpenAPI YAML", reason },
  });
  return new DriftlessError(
    "E_INPUT",
    `${file}:${line}: ${reason}. Restore the line breaks and indentation by hand, or export the page again with its newlines, then import it again.`,
    { findings: [f] },
  );
}
