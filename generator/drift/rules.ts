import type { Severity } from "../problems/finding.ts";

/** What part of an answer a drift rule looks at. */
export type DriftArea = "status" | "content-type" | "body" | "server";

export interface DriftRuleDefinition {
  severity: Severity;
  area: DriftArea;
  /** One sentence: what the rule finds (reports, SARIF rule descriptions, docs). */
  summary: string;
  /** What to do about it, for SARIF `help` and the docs. */
  help: string;
  /** Renders a finding's text from its arguments, late, so findings stay data. */
  message: (args: DriftMessageArgs) => string;
}

/** The arguments every drift message may use (all strings already redacted). */
export interface DriftMessageArgs {
  operation: string;
  status: number;
  mediaType?: string;
  pointer: string;
  expected: string;
  observed: string;
}

const at = (a: DriftMessageArgs): string => (a.pointer ? ` at ${a.pointer}` : "");

function rule(severity: Severity, area: DriftArea, summary: string, help: string, message: DriftRuleDefinition["message"]): DriftRuleDefinition {
  return { severity, area, summary, help, message };
}

/**
 * The drift rules (BRIEF.md, "The drift checker"). Ids are stable: baselines, SARIF and tests refer
 * to them. They are a table of their own, apart from the merge rules in problems/rules.ts, so a
 * merge rule and a drift rule can never be confused in a report or a baseline.
 *
 * The first eight are the brief's table. Two more cover answers the table has no row for:
 * `malformed-body` (a JSON media type whose body does not parse, or a documented body that is
 * empty) and `constraint-mismatch` (a value that breaks a documented range, length, pattern, item
 * count or composition — JSON Schema keywords other than type, enum, format and required).
 */
export const DRIFT_RULES = {
  "undocumented-status": rule(
    "error",
    "status",
    "The API answered with a status code the operation does not document.",
    "Document the status in the canonical document (an overlay adding the response), or report the API's answer to its vendor.",
    (a) => `${a.operation} answered ${a.observed}; the canonical document documents ${a.expected}.`,
  ),
  "undocumented-content-type": rule(
    "error",
    "content-type",
    "The answer's media type is not one the response documents.",
    "Add the media type to the response's content, or report the wrong Content-Type to the API's vendor.",
    (a) => `${a.operation} ${a.status} was sent as ${a.observed}; the response documents ${a.expected}.`,
  ),
  "missing-required-field": rule(
    "error",
    "body",
    "A property the schema requires is absent from the body.",
    "Make the property optional in the canonical document if the API may leave it out, or report the missing field.",
    (a) => `${a.operation} ${a.status}: required property ${a.expected} is missing${at(a)}.`,
  ),
  "undocumented-field": rule(
    "warning",
    "body",
    "The body has a property no schema describes (even where extra properties are allowed).",
    "Describe the property in the canonical document (an overlay adding it) so clients and docs know about it.",
    (a) => `${a.operation} ${a.status}: property${at(a)} is not documented (observed ${a.observed}).`,
  ),
  "type-mismatch": rule(
    "error",
    "body",
    "A value has another JSON type than documented.",
    "Widen the documented type if the API legitimately sends both, or report the wrong type.",
    (a) => `${a.operation} ${a.status}: expected ${a.expected}${at(a)}, observed ${a.observed}.`,
  ),
  "enum-mismatch": rule(
    "error",
    "body",
    "A value is outside its documented enum.",
    "Add the value to the documented enum if it is legitimate, or report it.",
    (a) => `${a.operation} ${a.status}: ${a.observed}${at(a)} is not one of ${a.expected}.`,
  ),
  "format-mismatch": rule(
    "error",
    "body",
    "A string breaks its documented format (date-time, uri, uuid, …).",
    "Correct the documented format, or report the malformed value.",
    (a) => `${a.operation} ${a.status}: ${a.observed}${at(a)} is not a valid ${a.expected}.`,
  ),
  "server-error": rule(
    "error",
    "server",
    "The API answered with a 5xx status.",
    "A server error says nothing about the contract; look at the API's health and re-run the check.",
    (a) => `${a.operation} answered ${a.observed} (server error).`,
  ),
  "malformed-body": rule(
    "error",
    "body",
    "A body does not parse as the JSON its media type declares, or a documented body is empty.",
    "Report the malformed answer to the API's vendor.",
    (a) => `${a.operation} ${a.status}: expected ${a.expected}, observed ${a.observed}.`,
  ),
  "constraint-mismatch": rule(
    "warning",
    "body",
    "A value breaks a documented constraint other than type, enum or format (range, length, pattern, item count, composition).",
    "Relax the documented constraint if the API legitimately sends such values, or report the value.",
    (a) => `${a.operation} ${a.status}: ${a.observed}${at(a)} breaks ${a.expected}.`,
  ),
} satisfies Record<string, DriftRuleDefinition>;

export type DriftRuleId = keyof typeof DRIFT_RULES;

export const DRIFT_RULE_IDS = Object.keys(DRIFT_RULES) as DriftRuleId[];
