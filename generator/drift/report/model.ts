import type { Severity } from "../../problems/finding.ts";
import type { BaselineEntry } from "../baseline.ts";
import { atOrAbove, type DriftFinding } from "../finding.ts";
import type { Incident, SkippedStep } from "../probe/runner.ts";
import type { TrimmedStep } from "../config.ts";
import type { OperationCoverage, PlanCoverage } from "../plan/coverage.ts";

/** How much of the document a run checked (plan/coverage.ts). */
export interface ApiCoverage {
  operations: {
    /** Operations a happy-path request of was answered and checked. */
    checked: number;
    /** Operations of the canonical document. */
    total: number;
    /** Operations the plan has a happy-path step for (probing runs only). */
    planned?: number;
    /** Per operation: statuses observed against those documented, and why one was never answered. */
    details: OperationCoverage[];
  };
  /** Operations the plan has no happy-path step for, and why (probing runs only). */
  unplanned?: PlanCoverage["operations"]["unplanned"];
  /** Steps cut by the request budget (--max-requests, limits.maxRequests). */
  trimmed?: TrimmedStep[];
}

/** One probe of the run, as its answers showed it: what it checks and the statuses it got. */
export interface ProbeSummary {
  step: string;
  operation: string;
  intent?: string;
  negative?: boolean;
  /** Documented statuses the answer should have (unhappy paths). */
  expect?: string[];
  /** What the document does not list, when `expect` is empty. */
  undocumented?: string;
  /** Statuses answered, ascending, each once. */
  statuses: number[];
}

/** What one API's check found; every reporter renders this (and nothing else). */
export interface ApiReport {
  api: string;
  /** "emulator", the live base URL, or the recording's path. */
  target: string;
  /** The canonical document checked against, e.g. generated/chaser/openapi.json. */
  document: string;
  /** Where the spec sources of `x-source` live, e.g. specs/chaser (SARIF and markdown link there). */
  specDir: string;
  exchanges: number;
  /** Operations answers were matched to, with their counts. */
  operations: { operation: string; exchanges: number }[];
  /** Documented operations no answer was matched to. */
  notObserved: string[];
  /** Requests that match no operation of the document ("GET /v1/unknown"), with counts. */
  unmatched: { request: string; count: number }[];
  findings: DriftFinding[];
  /** Baseline entries whose operation answered this time without that drift. */
  fixed: BaselineEntry[];
  /** Baseline entries whose operation no checked answer belonged to: kept, neither fixed nor seen. */
  notChecked: BaselineEntry[];
  incidents: Incident[];
  skipped: SkippedStep[];
  /** Why the API was not checked at all, if it was not. */
  note?: string;
  /** Operations checked of the document's, statuses per operation, what was never answered and why. */
  coverage?: ApiCoverage;
  /** The probes that were answered, by step id, each with its intent (probes and driftless recordings). */
  probes?: ProbeSummary[];
}

export interface DriftReport {
  tool: { name: "driftless"; version: string };
  failOn: Severity;
  /** The baseline file used, if any (or the committed specs/<api>/drift-baseline.json files, comma-separated). */
  baseline?: string;
  apis: ApiReport[];
  /** Set when the run checked no operation at all: why. Nothing checked is not a pass (exit 2). */
  nothingChecked?: string;
}

/** A finding that makes the run fail: new (not in the baseline) and at or above --fail-on. */
export function isFailing(f: DriftFinding, failOn: Severity): boolean {
  return f.baseline !== "known" && atOrAbove(f.severity, failOn);
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  known: number;
  failing: number;
  fixed: number;
  notChecked: number;
  incidents: number;
}

export function summarize(apis: readonly ApiReport[], failOn: Severity): Summary {
  const s: Summary = { errors: 0, warnings: 0, infos: 0, known: 0, failing: 0, fixed: 0, notChecked: 0, incidents: 0 };
  for (const a of apis) {
    for (const f of a.findings) {
      if (f.severity === "error") s.errors++;
      else if (f.severity === "warning") s.warnings++;
      else s.infos++;
      if (f.baseline === "known") s.known++;
      if (isFailing(f, failOn)) s.failing++;
    }
    s.fixed += a.fixed.length;
    s.notChecked += a.notChecked.length;
    s.incidents += a.incidents.length;
  }
  return s;
}

/** 0 nothing failing, 1 drift at or above --fail-on, 2 the check itself could not complete (or checked nothing). */
export function exitCodeOf(report: DriftReport): number {
  const s = summarize(report.apis, report.failOn);
  if (s.incidents > 0 || report.nothingChecked !== undefined) return 2;
  return s.failing > 0 ? 1 : 0;
}

/** "specs/chaser/docs/sessions-api.md:75" for the finding's first spec source. */
export function specLocation(api: ApiReport, f: DriftFinding): string | undefined {
  const s = f.sources[0];
  return s ? `${api.specDir}/${s.file}${s.line ? `:${s.line}` : ""}` : undefined;
}
