import type { ApiCoverage } from "./model.ts";

/** One operation's coverage as the markdown and terminal tables show it. */
export interface CoverageRow {
  operation: string;
  /** Statuses answered, "200 401" ("" when none). */
  answered: string;
  /** Documented statuses no answer had, "403 500" ("" when none). */
  missing: string;
  /** Statuses answered that the document does not list. */
  undocumented: string;
  /** Why the operation was not checked, when it was not. */
  reason?: string;
}

/** "6 of 6 operations checked (6 planned, 2 steps cut by the budget)". */
export function coverageLine(coverage: ApiCoverage): string {
  const { checked, total, planned } = coverage.operations;
  const extra = [
    ...(planned !== undefined ? [`${planned} planned`] : []),
    ...(coverage.trimmed?.length ? [`${coverage.trimmed.length} step${coverage.trimmed.length === 1 ? "" : "s"} cut by the request budget`] : []),
  ];
  return `${checked} of ${total} operation${total === 1 ? "" : "s"} checked${extra.length ? ` (${extra.join(", ")})` : ""}`;
}

export function coverageRows(coverage: ApiCoverage): CoverageRow[] {
  return coverage.operations.details.map((d) => ({
    operation: d.operation,
    answered: d.observed.join(" "),
    missing: d.missing.join(" "),
    undocumented: d.undocumented.join(" "),
    ...(d.reason ? { reason: d.reason } : {}),
  }));
}
