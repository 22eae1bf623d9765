/**
 * Names derived from the API's own words: operationIds, path segments, schema names. Kept apart
 * from resolve.ts so the derivation rules can be read (and tested) on their own.
 */

/** "list-sessions", "getSessionRecordingUrl", "create_preview_token" → lower-case words. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function camelCase(parts: string[]): string {
  return parts.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join("");
}

export function pascalCase(text: string): string {
  return words(text)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

/** A naive English plural, enough for resource names (session → sessions, policy → policies). */
export function plural(word: string): string {
  if (/s$/.test(word)) return word;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

export function singular(word: string): string {
  if (/[^aeiou]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/ss$/.test(word)) return word;
  return word.replace(/s$/, "");
}

const VERSION_SEGMENT = /^(v\d+(\.\d+)*|api)$/i;

/** Default resource of a path: its first literal segment that is not a version or "api", in the plural. */
export function resourceOfPath(path: string): string {
  const segment = path.split("/").find((s) => s !== "" && !s.startsWith("{") && !VERSION_SEGMENT.test(s));
  if (segment === undefined) return "root";
  const parts = words(segment);
  if (parts.length === 0) return "root";
  parts[parts.length - 1] = plural(parts[parts.length - 1]!);
  return camelCase(parts);
}

/** Default method name: the operationId's words without the resource's (get-session on sessions → get). */
export function methodOfOperation(operationId: string, resource: string): string {
  const resourceWords = words(resource);
  const last = resourceWords[resourceWords.length - 1] ?? "";
  const drop = new Set([...resourceWords, singular(last), plural(last)]);
  const kept = words(operationId).filter((w) => !drop.has(w));
  return camelCase(kept.length > 0 ? kept : words(operationId));
}

const RESERVED = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await".split(
    " ",
  ),
);

/** A parameter name as a TypeScript identifier: kept when it is one, camelCased otherwise. */
export function identifier(name: string): string {
  let id = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : camelCase(words(name));
  if (id === "" || /^[0-9]/.test(id)) id = `_${id}`;
  return RESERVED.has(id) ? `${id}_` : id;
}

/** A string as a TypeScript property name: bare when it is an identifier, quoted otherwise. */
export function propertyName(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}
