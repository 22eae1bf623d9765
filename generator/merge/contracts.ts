import type { PrecedenceRule } from "../config/api-config.ts";
import { sourcesOf, type Relocation } from "../load/provenance.ts";
import { parseSourceRef } from "../normalize/context.ts";
import { getAtPointer, isPointerPrefix, joinPointer, parsePointer, toPointer } from "../openapi/pointer.ts";
import { HTTP_METHODS, isObject, operationKey, X_STATUS_ASSUMED, type JsonObject, type OpenApiDocument } from "../openapi/types.ts";
import { finding, formatLocation, type SourceLocation } from "../problems/finding.ts";
import type { AppliedAction } from "../overlay/index.ts";
import { prefers, type MergeContext, type SourceDocument } from "./context.ts";

/**
 * The contracts a precedence rule decides between: every source's own version of an operation the
 * rule's pointer lies in, taken before the merge changes anything. After the merge, what the
 * canonical document kept and dropped of the losing side is compared against these.
 */
export interface ContractSnapshot {
  file: string;
  path: string;
  method: string;
  /** The operation's elements as this source documents them. */
  elements: ContractElement[];
  summary?: string;
  description?: string;
}

/** One element of an operation's contract: a text, a parameter, a body property or a response. */
export interface ContractElement {
  /** Stable identity across sources ("parameter query offset", "response 200 property total"). */
  key: string;
  /** The element in words ("query parameter offset", "response 200 → body → total"). */
  words: string;
  /** For a text (summary, description), its value: a different value is a different element. */
  value?: string;
  /** The key of the element it belongs to (a response's body properties belong to the response). */
  parent?: string;
  /** Where it stands in the operation ("/summary", "/parameters", "/responses/200", …), without following `$ref`s. */
  at: string;
  /** Where it is in the document it was read from (through `$ref`s). */
  pointer: string;
  line?: number;
}

/** The operations (path, method) a pointer lies in: one method, or every method of a path item. */
function operationsUnder(pointer: string, doc: OpenApiDocument): { path: string; method: string }[] {
  const [root, path, method] = parsePointer(pointer);
  if (root !== "paths" || path === undefined) return [];
  const item = doc.paths?.[path];
  if (!isObject(item)) return [];
  const methods = method !== undefined ? [method] : HTTP_METHODS.filter((m) => isObject(item[m]));
  return methods.filter((m) => isObject(item[m])).map((m) => ({ path, method: m }));
}

const lineIn = (node: unknown, file: string): number | undefined => {
  for (const ref of sourcesOf(node)) {
    const loc = parseSourceRef(ref);
    if (loc.file === file && loc.line) return loc.line;
  }
  return undefined;
};

interface Property {
  schema: JsonObject;
  pointer: string;
  /** Set when the property is inside a component shared with another fragment that stamped it. */
  relocation?: Relocation;
}

/**
 * The top-level properties of a schema, through `$ref`s of `doc` and allOf/oneOf/anyOf branches.
 * `shared` says which components of `doc` carry another fragment's stamps (SourceDocument.shared).
 */
function propertiesOf(
  schema: unknown,
  doc: JsonObject,
  at: string,
  shared?: ReadonlyMap<object, Relocation>,
  relocation?: Relocation,
  seen = new Set<unknown>(),
): Map<string, Property> {
  const out = new Map<string, Property>();
  const add = (found: Map<string, Property>) => {
    for (const [k, v] of found) if (!out.has(k)) out.set(k, v);
  };
  if (!isObject(schema) || seen.has(schema)) return out;
  seen.add(schema);
  if (typeof schema.$ref === "string" && schema.$ref.startsWith("#")) {
    const target = schema.$ref.slice(1);
    const [root, section, name] = parsePointer(target);
    const component = shared && root === "components" && section !== undefined && name !== undefined ? getAtPointer(doc, toPointer([root, section, name])) : undefined;
    const into = isObject(component) ? shared?.get(component) : undefined;
    add(propertiesOf(getAtPointer(doc, target), doc, target, shared, into, seen));
  }
  if (isObject(schema.properties)) {
    for (const [k, v] of Object.entries(schema.properties)) {
      if (isObject(v) && !out.has(k)) out.set(k, { schema: v, pointer: joinPointer(at, "properties", k), ...(relocation ? { relocation } : {}) });
    }
  }
  for (const combinator of ["allOf", "oneOf", "anyOf"]) {
    const branches = schema[combinator];
    if (!Array.isArray(branches)) continue;
    for (const [i, branch] of branches.entries()) add(propertiesOf(branch, doc, joinPointer(at, combinator, i), shared, relocation, seen));
  }
  return out;
}

/** The line in `file` of a node read through a shared component: its stamp in the fragment that stamped it, moved to this copy. */
const relocatedLineIn = (node: unknown, file: string, relocation: Relocation | undefined): number | undefined => {
  if (!relocation || relocation.file === file) return lineIn(node, file);
  const line = lineIn(node, relocation.file);
  return line === undefined ? undefined : line + relocation.delta;
};

/**
 * The elements of one operation as `doc` documents it; lines are those of `file` from the nodes'
 * provenance (a text's line is its operation's: asking the file for a line by pointer would cost
 * a second parse of it).
 */
export function contractElements(operation: JsonObject, doc: JsonObject, opPointer: string, file: string, shared?: ReadonlyMap<object, Relocation>): ContractElement[] {
  const elements: ContractElement[] = [];
  const opLine = lineIn(operation, file);
  for (const key of ["summary", "description"] as const) {
    const value = operation[key];
    if (typeof value === "string") elements.push({ key, words: key, value, at: `/${key}`, pointer: `${opPointer}/${key}`, line: opLine });
  }
  for (const [i, param] of (Array.isArray(operation.parameters) ? operation.parameters : []).entries()) {
    if (!isObject(param) || typeof param.name !== "string") continue;
    const words = `${String(param.in)} parameter ${param.name}`;
    elements.push({ key: `parameter ${String(param.in)} ${param.name}`, words, at: "/parameters", pointer: `${opPointer}/parameters/${i}`, line: lineIn(param, file) ?? opLine });
  }
  const bodies: { key: string; words: string; at: string; node: unknown; parent?: string }[] = [];
  if (isObject(operation.requestBody)) bodies.push({ key: "request", words: "request body", at: "/requestBody", node: operation.requestBody });
  for (const [status, response] of Object.entries(isObject(operation.responses) ? operation.responses : {})) {
    // An answer whose status the page does not state documents no status of its own (fold-docs places it).
    if (!isObject(response) || response[X_STATUS_ASSUMED] === true) continue;
    const key = `response ${status}`;
    const at = joinPointer("/responses", status);
    elements.push({ key, words: `response ${status}`, at, pointer: opPointer + at, line: lineIn(response, file) ?? opLine });
    bodies.push({ key, words: `response ${status}`, at, node: response, parent: key });
  }
  for (const body of bodies) {
    const content = isObject(body.node) && isObject(body.node.content) ? body.node.content : {};
    for (const [type, media] of Object.entries(content)) {
      if (!isObject(media)) continue;
      const at = joinPointer(body.at, "content", type, "schema");
      const json = type === "application/json";
      const bodyWords = body.key === "request" ? (json ? "request body" : `request body (${type})`) : `${body.words} → ${json ? "body" : `body (${type})`}`;
      for (const [name, { schema, pointer, relocation }] of propertiesOf(media.schema, doc, opPointer + at, shared)) {
        elements.push({
          key: `${body.key} ${type} property ${name}`,
          words: `${bodyWords} → ${name}`,
          at: joinPointer(at, "properties", name),
          pointer,
          parent: body.parent,
          line: relocatedLineIn(schema, file, relocation) ?? lineIn(media.schema, file) ?? lineIn(body.node, file) ?? opLine,
        });
      }
    }
  }
  return elements;
}

/** One source's own version of the operation at `path`, `method` (which it documents). */
function snapshotOf(source: SourceDocument, path: string, method: string): ContractSnapshot {
  const operation = source.doc.paths![path]![method] as JsonObject;
  return {
    file: source.file,
    path,
    method,
    elements: contractElements(operation, source.doc, toPointer(["paths", path, method]), source.file, source.shared),
    ...(typeof operation.summary === "string" ? { summary: operation.summary } : {}),
    ...(typeof operation.description === "string" ? { description: operation.description } : {}),
  };
}

/** What makes two elements the same: the key, and for a text its value. */
const identity = (e: ContractElement): string => (e.value !== undefined ? `${e.key}\u0000${e.value}` : e.key);

/** Takes every source's version of the operations the `prefer` rules of api.yaml lie in, before the merge. */
export function snapshotContracts(rules: readonly PrecedenceRule[], sources: readonly SourceDocument[]): Map<PrecedenceRule, ContractSnapshot[]> {
  const out = new Map<PrecedenceRule, ContractSnapshot[]>();
  for (const rule of rules) {
    if (!rule.prefer) continue;
    const snapshots: ContractSnapshot[] = [];
    for (const source of sources) {
      for (const { path, method } of operationsUnder(rule.pointer, source.doc)) snapshots.push(snapshotOf(source, path, method));
    }
    out.set(rule, snapshots);
  }
  return out;
}

/** The rules that settled something, each with the operations it decided, most specific rule first per operation. */
function decided(
  ctx: MergeContext,
  snapshots: Map<PrecedenceRule, ContractSnapshot[]>,
): { rule: PrecedenceRule; path: string; method: string; winners: ContractSnapshot[]; losers: ContractSnapshot[] }[] {
  const taken = new Set<string>();
  const rules = [...snapshots.keys()].filter((r) => ctx.usedRules?.has(r)).sort((a, b) => b.pointer.length - a.pointer.length);
  const out = [];
  for (const rule of rules) {
    const all = snapshots.get(rule)!;
    const operations = [...new Set(all.map((s) => `${s.path}\u0000${s.method}`))];
    for (const op of operations) {
      if (taken.has(op)) continue;
      const [path, method] = op.split("\u0000") as [string, string];
      const mine = all.filter((s) => s.path === path && s.method === method);
      const winners = mine.filter((s) => prefers(rule, s.file));
      const losers = mine.filter((s) => !prefers(rule, s.file));
      if (winners.length === 0 || losers.length === 0) continue;
      taken.add(op);
      out.push({ rule, path, method, winners, losers });
    }
  }
  return out;
}

/**
 * A rule that settles an operation's contract — its pointer is the operation, its request body or
 * its responses — takes the winning side's summary and description with it: the winning source
 * that documents the operation most fully gives them (a winner without a description leaves none,
 * rather than the losing side's). A rule about one keyword deeper down leaves the texts alone.
 */
export function applyWinningTexts(ctx: MergeContext, snapshots: Map<PrecedenceRule, ContractSnapshot[]>): void {
  for (const { rule, path, method, winners } of decided(ctx, snapshots)) {
    const opPointer = toPointer(["paths", path, method]);
    const covers = [opPointer, joinPointer(opPointer, "requestBody"), joinPointer(opPointer, "responses")].some((p) => isPointerPrefix(rule.pointer, p));
    if (!covers) continue;
    const operation = ctx.document.paths?.[path]?.[method];
    if (!isObject(operation)) continue;
    const fullest = [...winners].sort((a, b) => b.elements.length - a.elements.length)[0]!;
    for (const key of ["summary", "description"] as const) {
      if (fullest[key] !== undefined) operation[key] = fullest[key];
      else delete operation[key];
    }
  }
}

const brief = (text: string): string => {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > 80 ? `${one.slice(0, 77)}...` : one;
};

/**
 * What the canonical document inherited from each losing contract, and what it dropped: every
 * element of a losing source that no winning source documents is a finding at its source line —
 * `contract-kept-from-loser` when the document has it, `contract-dropped` when it does not. A
 * response's body properties are compared only where both sides document that response.
 */
export function reportContracts(ctx: MergeContext, snapshots: Map<PrecedenceRule, ContractSnapshot[]>): void {
  for (const { rule, path, method, winners, losers } of decided(ctx, snapshots)) {
    const opPointer = toPointer(["paths", path, method]);
    const operation = ctx.document.paths?.[path]?.[method];
    const final = isObject(operation) ? contractElements(operation, ctx.document, opPointer, "") : [];
    const finalBy = new Map(final.map((e) => [e.key, e]));
    const winnerKeys = new Set(winners.flatMap((w) => w.elements.map(identity)));
    const ruleSource = parseSourceRef(rule.location);
    const name = operationKey(method, path);
    for (const loser of losers) {
      const loserKeys = new Set(loser.elements.map((e) => e.key));
      for (const element of loser.elements) {
        if (winnerKeys.has(identity(element))) continue;
        // A response only the losing side documents is reported once, not property by property.
        if (element.parent && loserKeys.has(element.parent) && !winners.some((w) => w.elements.some((e) => e.key === element.parent))) continue;
        const inDocument = finalBy.get(element.key);
        const kept = inDocument !== undefined && (element.value === undefined || inDocument.value === element.value);
        const sources: SourceLocation[] = [{ file: loser.file, ...(element.line ? { line: element.line } : {}) }, ruleSource];
        const args = {
          operation: name,
          element: element.words,
          file: loser.file,
          prefer: rule.prefer!,
          rule: rule.location,
          ...(element.value !== undefined ? { value: brief(element.value) } : {}),
        };
        if (kept) ctx.findings.push(finding("contract-kept-from-loser", { pointer: inDocument.pointer, sources, args }));
        else ctx.findings.push(finding("contract-dropped", { pointer: opPointer + (inDocument?.at ?? element.at), sources, args }));
      }
    }
  }
}

/**
 * Every source's own version of each operation two or more sources document, before the merge:
 * what an overlay action that settles a contradiction there decides between. Most operations
 * have one source, so this costs little even on a thousand fragments.
 */
export function snapshotSharedOperations(sources: readonly SourceDocument[]): Map<string, ContractSnapshot[]> {
  const out = new Map<string, ContractSnapshot[]>();
  const seen = new Map<string, SourceDocument[]>();
  for (const source of sources) {
    for (const [path, item] of Object.entries(source.doc.paths ?? {})) {
      if (!isObject(item)) continue;
      for (const method of HTTP_METHODS) {
        if (!isObject(item[method])) continue;
        const opPointer = toPointer(["paths", path, method]);
        const documenting = seen.get(opPointer);
        if (documenting) documenting.push(source);
        else seen.set(opPointer, [source]);
      }
    }
  }
  for (const [opPointer, documenting] of seen) {
    if (documenting.length < 2) continue;
    const [, path, method] = parsePointer(opPointer) as [string, string, string];
    out.set(
      opPointer,
      documenting.map((source) => snapshotOf(source, path, method)),
    );
  }
  return out;
}

/**
 * Where an overlay action settled a contradiction inside an operation, the sides are the sources
 * that document it and none of them wins: every element one side documents and another does not
 * (or words differently) is reported from each side — kept when the canonical document has it,
 * dropped when not — with the overlay action as what decided.
 */
export function reportOverlayContracts(ctx: MergeContext, shared: Map<string, ContractSnapshot[]>, settled: { pointer: string; action: AppliedAction }[]): void {
  const done = new Set<string>();
  for (const { pointer, action } of settled) {
    const [root, path, method] = parsePointer(pointer);
    if (root !== "paths" || path === undefined || method === undefined) continue;
    const opPointer = toPointer(["paths", path, method]);
    const sides = shared.get(opPointer);
    if (!sides || done.has(opPointer)) continue;
    done.add(opPointer);
    const operation = ctx.document.paths?.[path]?.[method];
    const finalBy = new Map((isObject(operation) ? contractElements(operation, ctx.document, opPointer, "") : []).map((e) => [e.key, e]));
    const bySide = sides.map((side) => new Set(side.elements.map(identity)));
    const decider = formatLocation(action.source);
    for (const side of sides) {
      for (const element of side.elements) {
        if (bySide.every((keys) => keys.has(identity(element)))) continue;
        const inDocument = finalBy.get(element.key);
        const kept = inDocument !== undefined && (element.value === undefined || inDocument.value === element.value);
        const sources: SourceLocation[] = [{ file: side.file, ...(element.line ? { line: element.line } : {}) }, action.source];
        const args = {
          operation: operationKey(method, path),
          element: element.words,
          file: side.file,
          rule: decider,
          overlay: `${action.kind} ${action.target}`,
          ...(element.value !== undefined ? { value: brief(element.value) } : {}),
        };
        if (kept) ctx.findings.push(finding("contract-kept-from-loser", { pointer: inDocument.pointer, sources, args }));
        else ctx.findings.push(finding("contract-dropped", { pointer: opPointer + (inDocument?.at ?? element.at), sources, args }));
      }
    }
  }
}
