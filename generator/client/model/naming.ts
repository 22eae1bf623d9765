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
  if (/(ch|sh|x|z)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

export function singular(word: string): string {
  if (/[^aeiou]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  // status, analysis, class: no plural s to drop.
  if (/(ss|us|is)$/.test(word)) return word;
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
  const drop = new Set(words(resource).flatMap((w) => [w, singular(w), plural(w)]));
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

/**
 * Words that name an action when they end a path (`/session/{id}/stop`, `/captcha/evaluate`,
 * `/extensions/list`): the method takes the word as its verb. Also kept in the singular when they
 * name a resource (`/api/scrape/{id}` → `scrape`, not `scrapes`).
 */
export const ACTION_VERBS = new Set(
  "abort accept activate add approve archive attach authorize cancel capture check clear clone close complete confirm connect copy count crawl create deactivate delete detach disable disconnect download enable end evaluate execute expire export extend extract fetch finish generate get import invite join kill leave list lock login logout merge move open pause ping preview publish query refresh reject release reload remove rename render replace report request reset resolve restart restore resume retry revoke run scrape screenshot search send set share start stop submit subscribe suspend sync terminate test trigger unlock unpublish unsubscribe update upload use validate verify".split(
    " ",
  ),
);

/** An operation as the name derivation sees it. */
export interface OperationShape {
  /** Lower or upper case: get, POST, … */
  method: string;
  path: string;
  operationId: string;
  /** The operationId was derived from method and path (merge/finish.ts), not chosen by the vendor or api.yaml: names come from the path. */
  derivedId: boolean;
  /** api.yaml `client.operations.<id>.resource` (`sessions`, or nested: `sessions.recordings`). */
  resource?: string;
  /** api.yaml `client.operations.<id>.method`. */
  name?: string;
}

export interface OperationName {
  /** Property chain from the client: `["scrape", "batch"]` is `client.scrape.batch`. */
  resource: string[];
  method: string;
}

interface PathFacts {
  literals: string[];
  /** literals[i] is directly followed by a path parameter. */
  paramAfter: boolean[];
  endsWithParam: boolean;
}

function pathFacts(path: string): PathFacts {
  const segments = path.split("/").filter(Boolean);
  while (segments.length > 0 && VERSION_SEGMENT.test(segments[0]!)) segments.shift();
  const facts: PathFacts = { literals: [], paramAfter: [], endsWithParam: false };
  for (const s of segments) {
    if (s.startsWith("{")) {
      if (facts.literals.length > 0) facts.paramAfter[facts.literals.length - 1] = true;
    } else {
      facts.literals.push(s);
      facts.paramAfter.push(false);
    }
  }
  facts.endsWithParam = segments.length > 0 && segments[segments.length - 1]!.startsWith("{");
  return facts;
}

/** The key of a literal prefix, with singular and plural spellings as one (`session` = `sessions`). */
const prefixKey = (literals: string[], end: number): string =>
  literals
    .slice(0, end + 1)
    .map((s) => words(s).map(singular).join("-"))
    .join("/");

const isPlural = (word: string): boolean => singular(word) !== word;
const lastWord = (text: string): string => {
  const w = words(text);
  return w[w.length - 1] ?? "";
};

/**
 * Resource chains and method names for every operation of a document, like a curated SDK's:
 *
 * - Resources follow the literal path segments (after a version or `api`): a segment followed by
 *   a path parameter anywhere in the document is a collection, and the chain runs to the deepest
 *   collection the path reaches (`/api/scrape/batch/{id}/status` → `scrape.batch`); a path with
 *   no collection is a namespace and its last segment an action (`/api/web/fetch` → `web.fetch`).
 *   Singular and plural spellings of a segment are one resource, named in the plural
 *   (`/api/session/{id}` and `/api/sessions` → `sessions`); a top-level collection is named in the
 *   plural (`/policy/{id}` → `policies`) unless its name is a verb (`scrape`, `crawl`); namespaces
 *   and nested resources are named as written (`web`, `x402`, `task.hyperAgent`).
 * - Methods: a vendor's or api.yaml's operationId gives the method, without the resource's words
 *   (`getSessionRecordingUrl` → `getRecordingUrl`); an operationId derived from the path does not
 *   (it carries numeric suffixes): the method comes from the HTTP method and the path's shape —
 *   list / create on a collection, get / update / delete on an item, the action a trailing verb
 *   names (`stop`, `cancel`, `evaluateCaptcha`), else `get`/`create`/`update`/`delete` + the
 *   trailing words (`getStatus`, `getRecordingUrl`).
 * - Two methods of one resource with the same name are told apart by their path parameters'
 *   words, then by their operationIds' words; never by a number. What is still the same is
 *   reported by resolve.ts.
 */
export function deriveOperationNames(operations: OperationShape[]): OperationName[] {
  const facts = operations.map((o) => pathFacts(o.path));
  const collections = new Set<string>();
  const endsOrParam = new Set<string>();
  const spellings = new Map<string, Set<string>>();
  for (const f of facts) {
    f.literals.forEach((s, i) => {
      const key = prefixKey(f.literals, i);
      if (f.paramAfter[i]) collections.add(key);
      if (f.paramAfter[i] || i === f.literals.length - 1) endsOrParam.add(key);
      if (!spellings.has(key)) spellings.set(key, new Set());
      spellings.get(key)!.add(s);
    });
  }
  const nameOf = (f: PathFacts, i: number): string => {
    const key = prefixKey(f.literals, i);
    const written = [...(spellings.get(key) ?? [])];
    const spelling = written.find((s) => isPlural(lastWord(s))) ?? f.literals[i]!;
    const parts = words(spelling);
    if (parts.length === 0) return "root";
    if (i === 0 && endsOrParam.has(key) && !ACTION_VERBS.has(parts[parts.length - 1]!)) parts[parts.length - 1] = plural(parts[parts.length - 1]!);
    return identifier(camelCase(parts));
  };

  const named = operations.map((op, index) => {
    const f = facts[index]!;
    const http = op.method.toUpperCase();
    let chainEnd = -1;
    f.literals.forEach((_, i) => {
      if (f.paramAfter[i] || collections.has(prefixKey(f.literals, i))) chainEnd = i;
    });
    if (chainEnd === -1) chainEnd = f.literals.length > 1 ? f.literals.length - 2 : f.literals.length - 1;
    const derivedChain = f.literals.length === 0 ? ["root"] : f.literals.slice(0, chainEnd + 1).map((_, i) => nameOf(f, i));
    const resource = op.resource !== undefined ? op.resource.split(".") : derivedChain;
    const chainWords = resource.flatMap(words);
    const tail = f.literals.slice(chainEnd + 1).flatMap(words);
    const alternatives: string[] = op.name !== undefined ? [op.name] : [];
    const listable = collections.has(prefixKey(f.literals, chainEnd)) || isPlural(lastWord(resource[resource.length - 1] ?? ""));
    const shaped = methodOfShape(http, tail, f.endsWithParam, listable);
    if (op.name === undefined) alternatives.push(op.derivedId ? shaped : methodOfOperation(op.operationId, resource.join("-")), shaped);
    const base = alternatives[0]!;
    const params = words([...op.path.matchAll(/\{([^}]+)\}/g)].pop()?.[1] ?? "");
    if (params.length > 0) alternatives.push(camelCase([...words(base), "by", ...params]));
    const idWords = words(op.operationId).filter((w) => !/^\d+$/.test(w));
    const drop = new Set(chainWords.flatMap((w) => [w, singular(w), plural(w)]));
    const ownWords = idWords.filter((w) => !drop.has(w));
    if (ownWords.length > 0) alternatives.push(camelCase(ownWords));
    if (idWords.length > 0) alternatives.push(camelCase(idWords));
    return { resource, alternatives, shaped, fixed: op.name !== undefined };
  });

  // Collisions: every method of a group of equal names takes its first alternative no other method of the resource has.
  const byResource = new Map<string, number[]>();
  named.forEach((n, i) => {
    const key = n.resource.join(".");
    byResource.set(key, [...(byResource.get(key) ?? []), i]);
  });
  const result: OperationName[] = named.map((n) => ({ resource: n.resource, method: n.alternatives[0]! }));
  for (const members of byResource.values()) {
    const count = new Map<string, number>();
    for (const i of members) count.set(result[i]!.method, (count.get(result[i]!.method) ?? 0) + 1);
    const used = new Set(members.map((i) => result[i]!.method).filter((m) => count.get(m) === 1));
    // A name api.yaml gives is kept, and a derived name it clashes with too: resolve.ts reports the clash (api.yaml chose it).
    const fixedNames = new Set(members.filter((i) => named[i]!.fixed).map((i) => result[i]!.method));
    // Of methods with one name, the one whose HTTP method and path shape give that name keeps it (GET /pets/{id}: get).
    const keeps = new Set<number>();
    for (const [name, n] of count) {
      const owners = members.filter((i) => result[i]!.method === name && named[i]!.shaped === name);
      if (n > 1 && owners.length === 1) {
        keeps.add(owners[0]!);
        used.add(name);
      }
    }
    for (const i of members) {
      if (count.get(result[i]!.method) === 1 || keeps.has(i) || named[i]!.fixed || fixedNames.has(result[i]!.method)) continue;
      const pick = named[i]!.alternatives.slice(1).find((a) => !used.has(a) && count.get(a) === undefined);
      if (pick !== undefined) result[i]!.method = pick;
      used.add(result[i]!.method);
    }
  }
  return result;
}

/** A method name from the HTTP method and what the path ends in (see deriveOperationNames). */
function methodOfShape(http: string, tail: string[], item: boolean, listable: boolean): string {
  if (tail.length > 0) {
    const last = tail[tail.length - 1]!;
    if (ACTION_VERBS.has(last) && tail.length > 1) return camelCase([last, ...tail.slice(0, -1)]);
    if (ACTION_VERBS.has(tail[0]!)) return camelCase(tail);
    const verb = { GET: isPlural(last) ? "list" : "get", POST: "create", PUT: "update", PATCH: "update", DELETE: "delete" }[http] ?? http.toLowerCase();
    return camelCase([verb, ...tail]);
  }
  if (item) return { GET: "get", POST: "update", PUT: "update", PATCH: "update", DELETE: "delete" }[http] ?? http.toLowerCase();
  return { GET: listable ? "list" : "get", POST: "create", PUT: "update", PATCH: "update", DELETE: "delete" }[http] ?? http.toLowerCase();
}
