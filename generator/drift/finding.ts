import type { Severity, SourceLocation } from "../problems/finding.ts";
import { DRIFT_RULES, type DriftRuleId } from "./rules.ts";

/** Where in the canonical document a finding lies: a JSON pointer and the provenance of that node. */
export interface SpecLocation {
  pointer: string;
  /** From `x-source`, relative to specs/<api>/ (e.g. docs/sessions-api.md:75). */
  sources: SourceLocation[];
}

/**
 * One difference between an answer and the canonical document. Data only: the text is rendered
 * from the rule table when a report is written (`driftMessage`). Every string in it is redacted.
 */
export interface DriftFinding {
  rule: DriftRuleId;
  severity: Severity;
  api: string;
  /** "GET /v1/sessions/{id}", the operation as the canonical document names it. */
  operation: string;
  status: number;
  /** The answer's media type without parameters, when it had one. */
  mediaType?: string;
  /** JSON pointer in the observed body ("" for status and content-type findings). */
  pointer: string;
  spec: SpecLocation;
  expected: string;
  observed: string;
  /** JSON type of the observed value, for body findings (the overlay writer types new fields with it). */
  observedType?: string;
  /** Stable across runs: the same drift at the same place has the same fingerprint (see fingerprint.ts). */
  fingerprint: string;
  /** How many checked answers showed it (a finding is reported once per fingerprint). */
  occurrences: number;
  /** With a baseline: "known" findings were accepted before and do not fail the run. */
  baseline?: "new" | "known";
}

/** A finding before aggregation: what one answer showed, plus the body-shape pointer used for the fingerprint. */
export interface RawFinding extends Omit<DriftFinding, "fingerprint" | "occurrences" | "baseline"> {
  /** `pointer` with array indexes replaced by `*`: the same drift in another list item is the same drift. */
  shape: string;
  /** Part of the identity beyond place and rule (observed type, value or media type), already redacted. */
  category: string;
  /** The answer's body (redacted), for findings an overlay can only reconcile by describing it (new statuses, media types). */
  sample?: unknown;
}

export function driftMessage(f: Pick<DriftFinding, "rule" | "operation" | "status" | "mediaType" | "pointer" | "expected" | "observed">): string {
  return DRIFT_RULES[f.rule].message(f);
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** True when `severity` is at or above `threshold` (error > warning > info). */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] <= SEVERITY_RANK[threshold];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Report order: API, operation, status, rule, place; then fingerprint so ties cannot depend on arrival. */
export function compareDriftFindings(a: DriftFinding, b: DriftFinding): number {
  return (
    cmp(a.api, b.api) ||
    cmp(a.operation, b.operation) ||
    a.status - b.status ||
    cmp(a.rule, b.rule) ||
    cmp(a.pointer, b.pointer) ||
    cmp(a.fingerprint, b.fingerprint)
  );
}

/** "docs/sessions-api.md:75" → { file, line }; anything else is a file without a line. */
export function parseSource(ref: string): SourceLocation {
  const m = /^(.*):(\d+)$/.exec(ref);
  return m ? { file: m[1]!, line: Number(m[2]) } : { file: ref };
}
