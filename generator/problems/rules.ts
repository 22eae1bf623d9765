import type { Severity } from "./finding.ts";

/** Where a merge rule's finding arises (the merge report groups by it). */
export type MergeArea = "input" | "config" | "merge" | "normalize" | "docs" | "overlay" | "validate";
/** What part of an answer a drift rule looks at. */
export type DriftArea = "status" | "content-type" | "body" | "server";
export type RuleArea = MergeArea | DriftArea;
/** `merge`: found by `generate` (and `split`, `import`); `drift`: found by `drift` in an API's answers. */
export type RuleGroup = "merge" | "drift";

/**
 * One rule: what it finds and how its findings read. Findings store the rule id and `args`; the
 * text is rendered from `message` only when something is shown or written (`messageOf`).
 */
export interface RuleDefinition<A = never, G extends RuleGroup = RuleGroup> {
  group: G;
  severity: Severity;
  area: G extends "drift" ? DriftArea : MergeArea;
  /** One sentence for the docs, SARIF and the reports: what the rule finds. */
  summary: string;
  /** What to do about it (SARIF `help`); drift rules have one. */
  help?: string;
  /** Renders a finding's text from its arguments, late, so findings stay data. */
  message: (args: A) => string;
}

/**
 * The arguments of every drift finding (all strings already redacted): the operation as the
 * canonical document names it, the answer's status and media type, the place in the body and what
 * was expected and observed there.
 */
export interface DriftArgs {
  operation: string;
  status: number;
  /** The answer's media type without parameters, when it had one. */
  mediaType?: string;
  /** JSON pointer in the observed body ("" for status and content-type findings). */
  bodyPointer: string;
  expected: string;
  observed: string;
  /** What the probes that got this answer check ("no-key", "out-of-range:limit", …), comma-separated; absent for recorded traffic without probe steps. */
  intent?: string;
}

/** The arguments of the findings about a contract a precedence rule decided against (merge/contracts.ts). */
export interface ContractArgs {
  /** The operation ("POST /v1/sessions"). */
  operation: string;
  /** The element in words ("query parameter offset", "response 200 → body → total", "summary"). */
  element: string;
  /** The losing source that documents it. */
  file: string;
  /** What the rule prefers ("docs"); absent when an overlay action settled the contract. */
  prefer?: string;
  /** The place of what decided: a precedence rule in api.yaml ("api.yaml:54") or an overlay action ("overlays/fix.yaml:12"). */
  rule: string;
  /** The overlay action that settled the contract ("update $.paths['/s'].get"), when one did. */
  overlay?: string;
  /** A text element's value, shortened. */
  value?: string;
}

/** A list as prose ("a, b"), anything else as its string. */
const s = (v: unknown): string => (Array.isArray(v) ? v.join(", ") : String(v ?? ""));
const at = (a: DriftArgs): string => (a.bodyPointer ? ` at ${a.bodyPointer}` : "");

function merge<A>(severity: Severity, area: MergeArea, summary: string, message: (a: A) => string): RuleDefinition<A, "merge"> {
  return { group: "merge", severity, area, summary, message };
}

function drift(severity: Severity, area: DriftArea, summary: string, help: string, message: (a: DriftArgs) => string): RuleDefinition<DriftArgs, "drift"> {
  return { group: "drift", severity, area, summary, help, message };
}

/**
 * Every rule of driftless, merge and drift, in one table. Ids are stable and unique across both
 * groups (one object literal: a repeated id does not compile): reports, baselines, SARIF and tests
 * refer to them. Add a rule here first — id, severity, area, summary, the type of its arguments and
 * its message — then emit it with `finding(id, { pointer, sources, args })` (merge) or from the
 * drift checks; `test/problems/rules.test.ts` audits the whole table.
 */
export const RULES = {
  // ------------------------------------------------------------------------------------------
  // merge: the sources of an API and the canonical document built from them

  // input: files that cannot be used as they are
  "yaml-syntax": merge<{ reason: string }>("error", "input", "A YAML or JSON file does not parse.", (a) => `${s(a.reason)} — fix the YAML syntax at this line.`),
  "input-limit": merge<{ what: string; limit: string }>(
    "error",
    "input",
    "A file exceeds what driftless reads safely: its size, its nesting or what its YAML aliases expand to.",
    (a) =>
      `${s(a.what)} exceeds ${s(a.limit)}; driftless stops here rather than run out of time or memory. If the file is genuine, split it (driftless split) or remove the aliases.`,
  ),
  "not-openapi": merge<{ reason: string }>(
    "error",
    "input",
    "A fragment is not an OpenAPI 3.x document.",
    (a) => `not an OpenAPI 3.x document: ${s(a.reason)}. Each file in fragments/ must be a whole OpenAPI document.`,
  ),
  "path-outside-specs": merge<{ target: string }>(
    "error",
    "input",
    "A file or $ref points outside the specs folder.",
    (a) => `${s(a.target)} is outside the specs folder; keep every source inside specs/<api>/.`,
  ),
  "ref-dangling": merge<{ ref: string }>("error", "input", "A $ref points at nothing.", (a) => `$ref ${s(a.ref)} does not resolve; define it or correct the reference.`),
  "ref-cycle": merge<{ chain: string[] }>(
    "error",
    "input",
    "A chain of $refs points back at itself without reaching a schema.",
    (a) => `$ref cycle ${a.chain.join(" → ")}: each reference only points at another reference; point one of them at a real object.`,
  ),
  "import-unreadable": merge<{ what: string; reason: string }>(
    "error",
    "input",
    "A doc page given to `driftless import` has no usable embedded OpenAPI document.",
    (a) => `cannot import ${s(a.what)}: ${s(a.reason)}.`,
  ),

  // config: api.yaml and command-line settings
  "config-invalid": merge<{ key?: string; reason: string }>(
    "error",
    "config",
    "api.yaml does not match its schema.",
    (a) => `api.yaml: ${a.key ? `${a.key}: ` : ""}${s(a.reason)}. The allowed keys are in generator/config/api-config.schema.json.`,
  ),
  "client-unsupported": merge<{ reason: string; key: string }>(
    "error",
    "config",
    "The canonical document has something the client package cannot be built from.",
    (a) => `the client package cannot be built: ${s(a.reason)} (${s(a.key)} in api.yaml can settle it).`,
  ),
  "operation-id-added": merge<{ operationId: string; operation: string; how?: string }>(
    "info",
    "config",
    "An operationId was assigned by api.yaml or derived from method and path.",
    (a) => `operationId ${s(a.operationId)} assigned to ${s(a.operation)} ${s(a.how || "by api.yaml")}.`,
  ),

  // merge: fragments and docs combined
  "operation-duplicate": merge<{ operation: string; count: number }>(
    "info",
    "merge",
    "Two fragments define the same operation identically; one copy kept.",
    (a) => `${s(a.operation)} is defined identically in ${s(a.count)} fragments; kept once.`,
  ),
  "operation-conflict": merge<{ operation: string; files: string[]; detail?: string }>(
    "error",
    "merge",
    "Two fragments define the same operation differently.",
    (a) => `${s(a.operation)} is defined differently in ${s(a.files)}${a.detail ? ` (${s(a.detail)})` : ""}; resolve with an overlay or a precedence rule in api.yaml.`,
  ),
  "component-deduplicated": merge<{ name: string; count: number }>(
    "info",
    "merge",
    "Identical components from several fragments were kept once.",
    (a) => `component ${s(a.name)} is identical in ${s(a.count)} fragments; kept once.`,
  ),
  "component-conflict": merge<{ name: string; files: string[]; detail?: string }>(
    "error",
    "merge",
    "Two fragments define a component of the same name differently.",
    (a) => `component ${s(a.name)} differs between ${s(a.files)}${a.detail ? ` (${s(a.detail)})` : ""}; add a precedence rule (prefer or rename) in api.yaml or an overlay.`,
  ),
  "component-renamed": merge<{ from: string; to: string; file: string; refs: number }>(
    "info",
    "merge",
    "A clashing component was renamed by a declared rule and its $refs rewritten.",
    (a) => `component ${s(a.from)} from ${s(a.file)} renamed to ${s(a.to)}; ${s(a.refs)} $ref(s) rewritten.`,
  ),
  "component-unused-removed": merge<{ name: string }>(
    "info",
    "merge",
    "A component no operation refers to any more was removed.",
    (a) => `component ${s(a.name)} is not referenced by any operation after the merge; removed.`,
  ),
  "document-field-conflict": merge<{ field: string; detail: string }>(
    "error",
    "merge",
    "Fragments disagree on info, servers or security.",
    (a) => `fragments disagree on ${s(a.field)}: ${s(a.detail)}; declare the canonical value in api.yaml.`,
  ),
  "document-field-declared": merge<{ field: string }>("info", "merge", "A document-level field was taken from api.yaml.", (a) => `${s(a.field)} taken from api.yaml.`),
  "source-conflict": merge<{ what: string; detail: string }>("error", "merge", "Fragments and markdown docs contradict each other.", (a) => `${s(a.what)}: ${s(a.detail)}.`),
  "conflict-resolved-by-rule": merge<{ what: string; detail: string }>(
    "warning",
    "merge",
    "A contradiction between sources was settled by a precedence rule of api.yaml.",
    (a) => `${s(a.what)}: ${s(a.detail)}.`,
  ),
  "contract-kept-from-loser": merge<ContractArgs>(
    "warning",
    "merge",
    "An element of a contract that a precedence rule decided against, or that an overlay action settled, is still in the canonical document although the other side does not document it.",
    (a) =>
      a.overlay
        ? `${s(a.element)}${a.value ? ` ("${s(a.value)}")` : ""} of ${s(a.operation)} is kept from ${s(a.file)}, which the other sources do not document, after the overlay action at ${s(a.rule)} (${s(a.overlay)}) settled their contradiction; keep it deliberately or remove it with an overlay.`
        : `${s(a.element)}${a.value ? ` ("${s(a.value)}")` : ""} of ${s(a.operation)} is kept from ${s(a.file)}, although the rule at ${s(a.rule)} prefers ${s(a.prefer)}, which does not document it; keep it deliberately or remove it with an overlay.`,
  ),
  "contract-dropped": merge<ContractArgs>(
    "info",
    "merge",
    "An element of a contract that a precedence rule decided against, or that an overlay action settled, is not in the canonical document.",
    (a) =>
      a.overlay
        ? `${s(a.element)}${a.value ? ` ("${s(a.value)}")` : ""} of ${s(a.operation)} in ${s(a.file)} is dropped: the overlay action at ${s(a.rule)} (${s(a.overlay)}) settled the contradiction without it.`
        : `${s(a.element)}${a.value ? ` ("${s(a.value)}")` : ""} of ${s(a.operation)} in ${s(a.file)} is dropped: the rule at ${s(a.rule)} prefers ${s(a.prefer)}.`,
  ),
  "precedence-rule-unused": merge<{ pointer: string }>(
    "warning",
    "config",
    "A precedence rule of api.yaml settled nothing.",
    (a) => `the precedence rule for ${s(a.pointer)} settled no conflict: the sources agree there now, or the pointer is wrong; correct or remove it.`,
  ),
  "docs-required-added": merge<{ names: string[]; file: string }>(
    "info",
    "docs",
    "Properties present in every documented example became required.",
    (a) => `${s(a.names)} required: present in every example of ${s(a.file)}.`,
  ),
  "required-relaxed": merge<{ names: string[]; file: string; other: string }>(
    "warning",
    "merge",
    "A property required by one source is absent from another's documented body, so it became optional.",
    (a) => `${s(a.names)} required by ${s(a.file)} but absent from ${s(a.other)}; made optional.`,
  ),

  // docs: what the markdown stage read of each page, and facts folded in from markdown
  "docs-read": merge<{ what: string }>("info", "docs", "An element of a markdown page (heading, table, list, code block) was read.", (a) => `read ${s(a.what)}.`),
  "docs-unread": merge<{ what: string; reason: string }>(
    "warning",
    "docs",
    "An element of a markdown page, or a part of one, was not read: not understood, or not valid.",
    (a) => `not read: ${s(a.what)}: ${s(a.reason)}.`,
  ),
  "docs-page-empty": merge<{ file: string; unread: number }>(
    "warning",
    "docs",
    "A markdown page gave no endpoint, field or API-wide fact.",
    (a) =>
      `${s(a.file)} gave nothing: no endpoint, field, error code, rate limit or authentication scheme was understood${Number(a.unread) > 0 ? ` (${s(a.unread)} element(s) not read, each reported at its line)` : ""}; see generator/docs/README.md for the styles this stage reads.`,
  ),
  "docs-rule-applied": merge<{ fact: string; operations: string; why: string }>(
    "info",
    "docs",
    "An API-wide fact of a markdown page (error code, rate limit, error envelope, authentication) was placed on operations.",
    (a) => `${s(a.fact)} placed on ${s(a.operations)} (${s(a.why)}).`,
  ),
  "docs-rule-unplaced": merge<{ fact: string; why: string }>(
    "warning",
    "docs",
    "An API-wide fact of a markdown page could not be placed on any operation.",
    (a) => `${s(a.fact)} names no operation the document has: ${s(a.why)}.`,
  ),
  "docs-operation-added": merge<{ operation: string }>(
    "info",
    "docs",
    "An operation known only from the markdown docs was added.",
    (a) => `${s(a.operation)} added from the docs.`,
  ),
  "docs-parameter-added": merge<{ name: string; operation: string }>(
    "info",
    "docs",
    "A parameter known only from the markdown docs was added.",
    (a) => `parameter ${s(a.name)} of ${s(a.operation)} added from the docs.`,
  ),
  "docs-property-added": merge<{ name: string; inferred?: string }>(
    "info",
    "docs",
    "A property known only from the markdown docs was added.",
    (a) => `property ${s(a.name)} added from the docs${a.inferred ? ` (type inferred from examples: ${s(a.inferred)})` : ""}.`,
  ),
  "docs-response-added": merge<{ status: string; operation: string; codes?: string[] }>(
    "info",
    "docs",
    "A response known only from the markdown docs was added.",
    (a) => `response ${s(a.status)} of ${s(a.operation)} added from the docs${a.codes ? ` with error codes ${s(a.codes)}` : ""}.`,
  ),
  "docs-fact-folded": merge<{ fact: string }>(
    "info",
    "docs",
    "A constraint or description from the docs was folded into an existing element.",
    (a) => `${s(a.fact)} folded in from the docs.`,
  ),
  "docs-example-added": merge<{ what: string }>("info", "docs", "A JSON example from the docs was attached.", (a) => `example for ${s(a.what)} added from the docs.`),

  // normalize: explicit rewrites of the vendors' documents
  "normalized-openapi-version": merge<{ from: string; detail: string }>(
    "info",
    "normalize",
    "An OpenAPI 3.0 document was converted to 3.1.",
    (a) => `converted from OpenAPI ${s(a.from)} to 3.1: ${s(a.detail)}.`,
  ),
  "normalized-auth-header": merge<{ operation: string; scheme: string }>(
    "info",
    "normalize",
    "An Authorization header parameter became the declared security scheme.",
    (a) => `Authorization header parameter of ${s(a.operation)} replaced by security scheme ${s(a.scheme)}.`,
  ),
  "normalized-path-template": merge<{ from: string; to: string }>("info", "normalize", "A :param path segment became {param}.", (a) => `path ${s(a.from)} written as ${s(a.to)}.`),
  "security-applied": merge<{ operation: string; scheme: string }>(
    "info",
    "normalize",
    "The declared security scheme was applied to an operation that states none.",
    (a) => `${s(a.operation)} states no security; the API's scheme ${s(a.scheme)} (api.yaml auth.scheme) applied.`,
  ),
  "split-ref-inlined": merge<{ ref: string; places: number }>(
    "info",
    "normalize",
    "split copied the target of a $ref outside #/components (into #/paths, say) in place of the reference, so each fragment stands alone.",
    (a) => `$ref ${s(a.ref)} points outside #/components, where a fragment cannot carry it; its target was copied in its place (${s(a.places)} place(s)).`,
  ),
  "split-no-operations": merge<{ kept: string }>(
    "warning",
    "normalize",
    "split found no operation under paths, so the document was written as one fragment.",
    (a) => `the document has no operation under paths; written whole as one fragment (with ${s(a.kept)}).`,
  ),
  "invalid-keyword-dropped": merge<{ keyword: string; reason: string }>(
    "warning",
    "normalize",
    "A keyword that is invalid where it stands was dropped.",
    (a) => `dropped ${s(a.keyword)}: ${s(a.reason)}.`,
  ),

  // overlay: curated corrections
  "overlay-applied": merge<{ action: string; target: string; reason: string }>(
    "info",
    "overlay",
    "An overlay action changed the document.",
    (a) => `${s(a.action)} ${s(a.target)}: ${s(a.reason)}.`,
  ),
  "overlay-target-empty": merge<{ target: string }>(
    "error",
    "overlay",
    "An overlay action's target matches nothing.",
    (a) => `overlay target ${s(a.target)} matches nothing in the merged document; correct or remove the action.`,
  ),
  "overlay-invalid": merge<{ target?: string; reason: string }>(
    "error",
    "overlay",
    "An overlay document is not a valid Overlay 1.0 document.",
    (a) => `invalid overlay: ${a.target ? `${a.target}: ` : ""}${s(a.reason)}.`,
  ),

  // validate: the canonical result
  "openapi-schema-invalid": merge<{ reason: string }>(
    "error",
    "validate",
    "The canonical document breaks the OpenAPI 3.1 schema.",
    (a) => `not valid OpenAPI 3.1: ${s(a.reason)}.`,
  ),
  "operation-id-duplicate": merge<{ operationId: string; operations: string[] }>(
    "error",
    "validate",
    "Two operations share an operationId.",
    (a) => `operationId ${s(a.operationId)} is used by ${s(a.operations)}.`,
  ),
  "operation-id-missing": merge<{ operation: string }>(
    "warning",
    "validate",
    "An operation has no operationId.",
    (a) => `${s(a.operation)} has no operationId; name it in api.yaml (operations.<METHOD path>.operationId).`,
  ),
  "pattern-unusable": merge<{ pattern: string; reason: string }>(
    "warning",
    "validate",
    "A schema's pattern is not a regular expression, or could backtrack without end; checks skip it.",
    (a) => `pattern /${s(a.pattern)}/ is skipped by example and drift checks: ${s(a.reason)}.`,
  ),
  "example-invalid": merge<{ reason: string }>(
    "error",
    "validate",
    "A documented example does not validate against its schema.",
    (a) => `example does not match its schema: ${s(a.reason)}.`,
  ),

  // ------------------------------------------------------------------------------------------
  // drift: an answer of the API against the canonical document (BRIEF.md, "The drift checker").
  // The first eight are the brief's table. Two more cover answers the table has no row for:
  // `malformed-body` (a JSON media type whose body does not parse, or a documented body that is
  // empty) and `constraint-mismatch` (a value that breaks a documented range, length, pattern, item
  // count or composition — JSON Schema keywords other than type, enum, format and required).
  // `accepted-invalid-request` is the unhappy-path probes' own: a 2xx to a request the document
  // says the API refuses.
  "undocumented-status": drift(
    "error",
    "status",
    "The API answered with a status code the operation does not document.",
    "Document the status in the canonical document (an overlay adding the response), or report the API's answer to its vendor.",
    (a) => `${a.operation} answered ${a.observed}; the canonical document documents ${a.expected}.`,
  ),
  "undocumented-content-type": drift(
    "error",
    "content-type",
    "The answer's media type is not one the response documents.",
    "Add the media type to the response's content, or report the wrong Content-Type to the API's vendor.",
    (a) => `${a.operation} ${a.status} was sent as ${a.observed}; the response documents ${a.expected}.`,
  ),
  "missing-required-field": drift(
    "error",
    "body",
    "A property the schema requires is absent from the body.",
    "Make the property optional in the canonical document if the API may leave it out, or report the missing field.",
    (a) => `${a.operation} ${a.status}: required property ${a.expected} is missing${at(a)}.`,
  ),
  "undocumented-field": drift(
    "warning",
    "body",
    "The body has a property no schema describes (even where extra properties are allowed).",
    "Describe the property in the canonical document (an overlay adding it) so clients and docs know about it.",
    (a) => `${a.operation} ${a.status}: property${at(a)} is not documented (observed ${a.observed}).`,
  ),
  "type-mismatch": drift(
    "error",
    "body",
    "A value has another JSON type than documented.",
    "Widen the documented type if the API legitimately sends both, or report the wrong type.",
    (a) => `${a.operation} ${a.status}: expected ${a.expected}${at(a)}, observed ${a.observed}.`,
  ),
  "enum-mismatch": drift(
    "error",
    "body",
    "A value is outside its documented enum.",
    "Add the value to the documented enum if it is legitimate, or report it.",
    (a) => `${a.operation} ${a.status}: ${a.observed}${at(a)} is not one of ${a.expected}.`,
  ),
  "format-mismatch": drift(
    "error",
    "body",
    "A string breaks its documented format (date-time, uri, uuid, …).",
    "Correct the documented format, or report the malformed value.",
    (a) => `${a.operation} ${a.status}: ${a.observed}${at(a)} is not a valid ${a.expected}.`,
  ),
  "server-error": drift(
    "error",
    "server",
    "The API answered with a 5xx status.",
    "A server error says nothing about the contract; look at the API's health and re-run the check.",
    (a) => `${a.operation} answered ${a.observed} (server error).`,
  ),
  "malformed-body": drift(
    "error",
    "body",
    "A body does not parse as the JSON its media type declares, or a documented body is empty.",
    "Report the malformed answer to the API's vendor.",
    (a) => `${a.operation} ${a.status}: expected ${a.expected}, observed ${a.observed}.`,
  ),
  "constraint-mismatch": drift(
    "warning",
    "body",
    "A value breaks a documented constraint other than type, enum or format (range, length, pattern, item count, composition).",
    "Relax the documented constraint if the API legitimately sends such values, or report the value.",
    (a) => `${a.operation} ${a.status}: ${a.observed}${at(a)} breaks ${a.expected}.`,
  ),
  "accepted-invalid-request": drift(
    "error",
    "status",
    "The API accepted (2xx) a request the canonical document says it must refuse: no key, a malformed key, a parameter or body outside its schema.",
    "Make the API refuse the request as documented, or relax the documented parameter, body or security requirement if the API legitimately accepts it.",
    (a) => `${a.operation} answered ${a.observed} to a request it must refuse${a.intent ? ` (${a.intent})` : ""}; expected ${a.expected}.`,
  ),
} as const satisfies Record<string, RuleDefinition<never>>;

export type RuleId = keyof typeof RULES;
/** The arguments a rule's findings carry: the parameter of its message template. */
export type RuleArgs<R extends RuleId> = Parameters<(typeof RULES)[R]["message"]>[0];
export type DriftRuleId = { [K in RuleId]: (typeof RULES)[K]["group"] extends "drift" ? K : never }[RuleId];
export type MergeRuleId = Exclude<RuleId, DriftRuleId>;

/** Every rule id, in table order. */
export const RULE_IDS = Object.keys(RULES) as RuleId[];
/** The drift rules, in table order (SARIF rule indexes and JUnit test cases follow it). */
export const DRIFT_RULE_IDS = RULE_IDS.filter((id): id is DriftRuleId => RULES[id].group === "drift");
export const MERGE_RULE_IDS = RULE_IDS.filter((id): id is MergeRuleId => RULES[id].group === "merge");
