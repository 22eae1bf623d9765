/**
 * Where vendors write an endpoint: in a heading ("POST /v1/x", "Create X — POST /v1/x",
 * "Create X % POST /v1/x"), on a line of its own ("Endpoint: `POST /v1/x`", "**GET** /x"), as
 * the first line of a code block ("GET /x HTTP/1.1"), in a curl command, or in a Method/Path
 * table row. This module reads the mention; read.ts decides what it opens.
 */
import { isHttpMethod, type HttpMethod } from "../openapi/types.ts";
import { placeholderName } from "../normalize/path-templates.ts";

export interface EndpointMention {
  method: HttpMethod;
  /** The path the document gets: a full URL made relative to the API's servers, placeholders as written. */
  path: string;
  /** The origin of a full URL that no declared server covers ("https://api.x.com"), to offer as a server. */
  origin?: string;
  /** What the heading or line says besides the endpoint ("Create Message"), for the summary. */
  title?: string;
  /** "HEAD|GET|POST /x", "`GET` / `HEAD`": the other methods written with the same path. */
  alsoMethods?: HttpMethod[];
}

const METHODS = "GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE";
/** A method word (capitals, as every reference writes it) followed by a path or URL. */
/** A base URL written as a variable before the path: `{{baseUrl}}`, `${API}`, `$API_URL`, `<base_url>`, `SITE_ROOT`. */
const BASE_VARIABLE = String.raw`(?:\{\{?\s*\w+\s*\}?\}|\$\{?\w+\}?|<\w+>|[A-Z][A-Z0-9]*_[A-Z0-9_]+)`;
const METHOD_LIST = String.raw`(${METHODS})((?:\`?\s*[|/,]\s*\`?(?:${METHODS}))*)`;
const MENTION = new RegExp(String.raw`(?:^|[\s\`(%—–:|*>\[-])\**\`?${METHOD_LIST}\`?\**\s+\`?((?:https?:\/\/|${BASE_VARIABLE})?\/?[^\s\`)]*)`);

/** Discord writes `{channel.id#DOCS_RESOURCES_CHANNEL/channel-object}`: the anchor is a link, not part of the name. */
export function stripPlaceholderAnchors(text: string): string {
  return text.replace(/\{([^{}#\s]+)#[^{}\s]*\}/g, "{$1}");
}

/**
 * The endpoint a heading or a line names. `strict`: the text must be only the endpoint, perhaps
 * after a label word ("Endpoint:"), perhaps with a title around it joined by a dash, `%`, `:` or
 * parentheses; prose that merely mentions an endpoint is not a definition.
 */
export function findEndpoint(raw: string, servers: readonly string[] = []): EndpointMention | undefined {
  const text = stripPlaceholderAnchors(raw).replace(/\s+/g, " ").trim();
  const m = MENTION.exec(text);
  if (!m) return undefined;
  const method = m[1]!.toLowerCase();
  if (!isHttpMethod(method)) return undefined;
  const also = (m[2] ?? "")
    .split(/[`\s|/,]+/)
    .map((w) => w.toLowerCase())
    .filter((w): w is HttpMethod => isHttpMethod(w) && w !== method);
  const target = m[3]!.replace(/[`*.,;:]+$/, "");
  if (!new RegExp(String.raw`^(?:https?:\/\/|\/|${BASE_VARIABLE})`).test(target)) return undefined;
  const resolved = resolveTarget(target, servers);
  if (!resolved) return undefined;
  const before = text.slice(0, m.index + m[0].indexOf(m[1]!)).replace(/[`*]/g, "");
  const after = text.slice(m.index + m[0].length).replace(/^[`*]+/, "");
  if (!isTitleAround(before, after)) return undefined;
  const title = cleanTitle(`${before} ${after}`);
  return {
    method,
    path: resolved.path,
    ...(resolved.origin ? { origin: resolved.origin } : {}),
    ...(title ? { title } : {}),
    ...(also.length > 0 ? { alsoMethods: [...new Set(also)] } : {}),
  };
}

/** Around an endpoint, only a short title or a label word: not a sentence that happens to contain one. */
function isTitleAround(before: string, after: string): boolean {
  const b = before.trim();
  const a = after.replace(/^\s*HTTP\/\d(?:\.\d)?\b/i, "").trim();
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
  if (a !== "" && !/^(?:[—–%:|(-]|\(|$)/.test(a)) return false;
  if (b !== "" && !/[—–%:|(-]\s*$/.test(b) && words(b) > 0) {
    // "Endpoint POST /x" without punctuation: only a label word may stand before it.
    if (!/^(?:endpoint|url|request|http request|route|method|definition|path)$/i.test(b)) return false;
  }
  return words(b) <= 12 && words(a) <= 12;
}

function cleanTitle(text: string): string | undefined {
  const t = text
    .replace(/\(\s*\)/g, "")
    .replace(/^[\s—–%:|(-]+|[\s—–%:|)-]+$/g, "")
    .replace(/^(?:endpoint|url|request|http request|route|method|definition|path)\s*$/i, "")
    .trim();
  return t === "" ? undefined : t;
}

/** "https://api.x.com/v1/y?z" with servers ["https://api.x.com"] → "/v1/y"; a `{{baseUrl}}` or `$API` prefix is dropped. */
export function resolveTarget(target: string, servers: readonly string[]): { path: string; origin?: string } | undefined {
  let t = target.replace(/[?#].*$/, "");
  // A base written as a variable: {{baseUrl}}/x, ${API}/x, $API_URL/x, <base_url>/x, SITE_ROOT/x,
  // PING_ENDPOINT<uuid> (the variable ends with the slash).
  t = t.replace(new RegExp(String.raw`^${BASE_VARIABLE}(?=\/|<|\{|:)`), (v) => (v.startsWith("<") && !t.slice(v.length).startsWith("/") ? v : ""));
  if (!t.startsWith("/") && /^[<{:]/.test(t)) t = `/${t}`;
  const url = /^(https?:\/\/[^/]+)(\/.*)?$/i.exec(t);
  if (!url) return t.startsWith("/") ? { path: tidyPath(t) } : undefined;
  const full = `${url[1]!.toLowerCase()}${url[2] ?? ""}`;
  for (const server of servers) {
    const base = server.replace(/\/+$/, "").toLowerCase();
    if (!/^https?:\/\//.test(base)) continue;
    if (full === base) return { path: "/" };
    if (full.startsWith(`${base}/`)) return { path: tidyPath(t.slice(base.length)) };
  }
  return { path: tidyPath(url[2] ?? "/"), origin: url[1]!.toLowerCase() };
}

/** Doubled slashes collapsed; a trailing slash kept: `/api/bookmarks/` and `/api/bookmarks` are different URLs to a server (Django redirects one to the other, and a redirected POST loses its body). */
function tidyPath(path: string): string {
  return path.replace(/\/{2,}/g, "/");
}

/** Names of the placeholders of a path (`:id`, `{id}`, `<id>`, `[id]`), in order. */
export function pathParameterNames(path: string): string[] {
  return path
    .split("/")
    .map(placeholderName)
    .filter((n): n is string => n !== undefined);
}

/**
 * A concrete request path (from a curl or an HTTP block) against a path template; the template may
 * match the end of the path (a base path before it). Returns the placeholder values, or undefined.
 */
export function matchTemplate(template: string, path: string): Map<string, string> | undefined {
  const t = template.replace(/\/+$/, "").split("/").filter(Boolean);
  const p = path.replace(/\/+$/, "").split("/").filter(Boolean);
  if (p.length < t.length) return undefined;
  const offset = p.length - t.length;
  const values = new Map<string, string>();
  for (let i = 0; i < t.length; i++) {
    const seg = p[offset + i]!;
    const name = placeholderName(t[i]!);
    if (name !== undefined) values.set(name, safeDecode(seg));
    else if (t[i] !== seg) return undefined;
  }
  return values;
}

/** The one template among `templates` a concrete path matches (exactly, no base path), preferring literal segments. */
export function templateFor(path: string, templates: readonly string[]): string | undefined {
  let best: { template: string; literals: number } | undefined;
  const segments = path.replace(/\/+$/, "").split("/").filter(Boolean);
  for (const template of templates) {
    const t = template.replace(/\/+$/, "").split("/").filter(Boolean);
    if (t.length !== segments.length) continue;
    let literals = 0;
    let ok = true;
    for (let i = 0; i < t.length && ok; i++) {
      if (placeholderName(t[i]!) !== undefined) continue;
      if (t[i] === segments[i]) literals++;
      else ok = false;
    }
    if (ok && (!best || literals > best.literals)) best = { template, literals };
  }
  return best?.template;
}

/** A segment that stands for a value rather than naming one: `$ID`, `${ID}`, `<id>`, `{id}`, `:id`. */
export function isPlaceholderValue(value: string): boolean {
  return value === "" || /[$<>{}]/.test(value) || /^:/.test(value);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Every line of a block that is `METHOD /path` (a route list), or undefined when some line is not. */
export function endpointLines(text: string, servers: readonly string[]): { mention: EndpointMention; line: number }[] | undefined {
  const out: { mention: EndpointMention; line: number }[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "" || /^(#|\/\/)/.test(line)) continue;
    const m = new RegExp(String.raw`^((?:${METHODS})(?:\s*[|/,]\s*(?:${METHODS}))*)\s+(\S+)(?:\s+HTTP\/[\d.]+)?(?:\s+(?:#|//|-|—).*)?$`).exec(line);
    if (!m) return undefined;
    const mention = findEndpoint(`${m[1]} ${m[2]}`, servers);
    if (!mention) return undefined;
    out.push({ mention, line: i + 1 });
  }
  return out.length > 0 ? out : undefined;
}
