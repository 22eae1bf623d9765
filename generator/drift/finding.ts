import type { FindingOf, Severity, SourceLocation } from "../problems/finding.ts";
import type { DriftRuleId } from "../problems/rules.ts";

/**
 * One difference between an answer and the canonical document: a finding of the one model
 * (problems/finding.ts) whose `pointer` and `sources` locate the documenting node in the canonical
 * document (its `x-source`, relative to specs/<api>/) and whose `args` say what was answered
 * (`DriftArgs`: operation, status, media type, body pointer, expected, observed). Data only: the
 * text is rendered from the rule table when a report is written (`messageOf`). Every string in it
 * is redacted.
 */
export interface DriftFinding extends FindingOf<DriftRuleId> {
  api: string;
  /** JSON type of the observed value, for body findings (the overlay writer types new fields with it). */
  observedType?: string;
  /** Every media type the answers showing it had, sorted, when they had more than one (the overlay writer documents each). */
  mediaTypes?: string[];
  /** Stable across runs: the same drift at the same place has the same fingerprint (see fingerprint.ts). */
  fingerprint: string;
  /** How many checked answers showed it (a finding is reported once per fingerprint). */
  occurrences: number;
  /** With a baseline: "known" findings were accepted before and do not fail the run. */
  baseline?: "new" | "known";
}

/** A finding before aggregation: what one answer showed, plus the body-shape pointer used for the fingerprint. */
export interface RawFinding extends Omit<DriftFinding, "fingerprint" | "occurrences" | "baseline"> {
  /** `args.bodyPointer` with array indexes replaced by `*`: the same drift in another list item is the same drift. */
  shape: string;
  /** Part of the identity beyond place and rule (observed type, value or media type), already redacted. */
  category: string;
  /** The answer's body (redacted), for findings an overlay can only reconcile by describing it (new statuses, media types). */
  sample?: unknown;
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
    cmp(a.args.operation, b.args.operation) ||
    a.args.status - b.args.status ||
    cmp(a.rule, b.rule) ||
    cmp(a.args.bodyPointer, b.args.bodyPointer) ||
    cmp(a.fingerprint, b.fingerprint)
  );
}

/** "docs/sessions-api.md:75" → { file, line }; anything else is a file without a line. */
export function parseSource(ref: string): SourceLocation {
  const m = /^(.*):(\d+)$/.exec(ref);
  return m ? { file: m[1]!, line: Number(m[2]) } : { file: ref };
}
