/**
 * What a labelled part of a page is: a heading or a bold/colon-ended label ("**Query
 * parameters:**", "##### 200: OK", "Response (immediate):", "JSON Params") classified from the one
 * synonym table in vocabulary.ts.
 */
import { normalizeLabel, SECTION_SYNONYMS, type SectionKind } from "./vocabulary.ts";

export interface Section {
  kind: SectionKind;
  /** A status the label names ("Response `201`", "404: Not Found", "Returns 204"). */
  status?: string;
  /** "Required parameters" / "Optional parameters": the rows' default requiredness. */
  required?: boolean;
}

const LOOKUP = new Map<string, SectionKind>();
for (const [kind, names] of Object.entries(SECTION_SYNONYMS) as [SectionKind, readonly string[]][]) {
  for (const name of names) if (!LOOKUP.has(name)) LOOKUP.set(name, kind);
}

/** Reason phrases and words that, beside a status, make a label a response: "200: OK", "404 Not Found". */
const REASON_WORDS =
  /^(?:ok|created|accepted|no content|success|successful|partial content|moved|found|not modified|bad request|unauthorized|unauthenticated|payment required|forbidden|not found|method not allowed|not acceptable|conflict|gone|precondition failed|payload too large|content too large|unsupported media type|unprocessable entity|unprocessable content|too many requests|internal server error|server error|not implemented|bad gateway|service unavailable|gateway timeout|error|failure|failed|redirect|empty|no body)$/;

/** Multi-word synonyms and these words may start a longer label ("Response when ready", "Example response for a list"). */
const PREFIX_KINDS = new Set<SectionKind>([
  "response",
  "responseExample",
  "requestBody",
  "requestExample",
  "errors",
  "responseFields",
  "rateLimits",
  "authentication",
  "errorFormat",
]);

const STATUS = /(?:^|[\s`(:—–-])([1-5]\d\d|[1-5][xX]{2})(?=$|[\s`):.,—–-])/;

/** `exact`: the whole label must be a synonym (or a status form), as for a line that is not marked as a label. */
export function classifySection(raw: string, options: { exact?: boolean } = {}): Section | undefined {
  const text = raw.replace(/\s+/g, " ").trim();
  if (text === "" || text.length > 80) return undefined;
  const statusMatch = STATUS.exec(text);
  if (statusMatch) {
    const status = statusMatch[1]!.toUpperCase();
    const rest = normalizeLabel(text.replace(statusMatch[0], " ").replace(/\bhttp\b|\bstatus(?: code)?\b|\bcode\b/gi, " "));
    // "Response: `200 Ok`", "Example response (201)", "200: OK": a response of that status.
    const bare = rest
      .replace(/[^a-z ]+/g, " ")
      .replace(/\b(?:responses?|returns?|example|sample|result|body)\b/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    const kind = rest === "" || bare === "" || REASON_WORDS.test(bare) ? "response" : byWords(rest)?.kind;
    if (kind === "response" || kind === "responseExample" || kind === "errors" || kind === "statusCodes") {
      return { kind: kind === "statusCodes" ? "response" : kind === "errors" ? "response" : kind, status };
    }
    if (kind) return { kind };
    return undefined;
  }
  if (options.exact) {
    const kind = LOOKUP.get(normalizeLabel(text));
    return kind ? { kind } : undefined;
  }
  return byWords(normalizeLabel(text));
}

function byWords(label: string): Section | undefined {
  if (label === "") return undefined;
  const exact = LOOKUP.get(label);
  if (exact) return { kind: exact };
  const req = /^(required|optional|mandatory)\s+(.+)$/.exec(label);
  if (req) {
    const inner = byWords(req[2]!);
    if (inner && (inner.kind.endsWith("Parameters") || inner.kind === "parameters" || inner.kind === "requestBody")) {
      return { ...inner, required: req[1] !== "optional" };
    }
  }
  // "Advanced parameters", "Additional fields", "Other options": an adjective or two before a field section's word.
  const adjective = /^([a-z]+(?: [a-z]+)?) (parameters|params|fields|options|arguments|attributes|properties)$/.exec(label);
  if (adjective && !LOOKUP.has(label)) {
    const inner = LOOKUP.get(adjective[2]!);
    if (inner) return { kind: inner, ...(/\boptional\b/.test(adjective[1]!) ? { required: false } : {}) };
  }
  // "Billing errors", "Session errors", "Authentication errors": an error section.
  if (/ errors?$/.test(label) && !/^(?:handling|avoiding)\b/.test(label)) return { kind: "errors" };
  if (/ error codes?$/.test(label)) return { kind: "errors" };
  if (/\berror (?:response|example|body|answer|object)s?$/.test(label) && !LOOKUP.has(label)) return { kind: "errors" };
  // The longest synonym that starts the label, for the kinds that take qualifiers.
  let best: { name: string; kind: SectionKind } | undefined;
  for (const [name, kind] of LOOKUP) {
    if (!PREFIX_KINDS.has(kind)) continue;
    if (!label.startsWith(`${name} `)) continue;
    if (name.split(" ").length < 2 && !["response", "returns", "example", "errors", "request", "authentication", "authenticating", "authorization", "auth"].includes(name))
      continue;
    if (!best || name.length > best.name.length) best = { name, kind };
  }
  return best ? { kind: best.kind } : undefined;
}

/**
 * A sentence that introduces fields rather than a label: "The request body must be a JSON object
 * and can contain the following fields:", "The following fields are returned in the JSON
 * response body:". The section it opens, or undefined.
 */
export function sectionOfSentence(text: string): Section | undefined {
  const t = text.trim();
  if (t.length > 240 || !/:$/.test(t) || !/\b(?:following|these|the|with)\s+(?:\w+\s+)?(?:fields|parameters|params|properties|attributes|keys|options|arguments)\b/i.test(t))
    return undefined;
  if (/\b(?:response|returned|returns|result)\b/i.test(t)) return { kind: "responseFields" };
  if (/\b(?:request body|body|payload|json object|form)\b/i.test(t)) return { kind: "requestBody" };
  if (/\bquery\b/i.test(t)) return { kind: "queryParameters" };
  if (/\bheaders?\b/i.test(t)) return { kind: "headerParameters" };
  if (/\bpath\b/i.test(t)) return { kind: "pathParameters" };
  return { kind: "parameters" };
}
