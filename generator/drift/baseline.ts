import { existsSync, readFileSync } from "node:fs";
import { DriftlessError } from "../problems/error.ts";
import type { DriftFinding } from "./finding.ts";

/** One accepted finding: the fingerprint decides, the rest is there for people reading the file. */
export interface BaselineEntry {
  fingerprint: string;
  api: string;
  rule: string;
  operation: string;
  pointer: string;
}

export interface Baseline {
  driftlessBaseline: 1;
  findings: BaselineEntry[];
}

export function readBaseline(file: string): Baseline {
  if (!existsSync(file)) throw new DriftlessError("E_CONFIG", `baseline ${file} does not exist; create it with --update-baseline.`);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new DriftlessError("E_CONFIG", `baseline ${file} is not JSON: ${(error as Error).message}`);
  }
  const b = value as Partial<Baseline>;
  if (b?.driftlessBaseline !== 1 || !Array.isArray(b.findings) || !b.findings.every((f) => typeof f?.fingerprint === "string")) {
    throw new DriftlessError("E_CONFIG", `baseline ${file} is not a driftless baseline (driftlessBaseline: 1, findings[].fingerprint).`);
  }
  return b as Baseline;
}

/**
 * The baseline of `findings`. Entries of APIs not checked in this run are kept, so updating the
 * baseline of one API never forgets another's accepted drift.
 */
export function buildBaseline(findings: readonly DriftFinding[], checkedApis: readonly string[], previous?: Baseline): string {
  const kept = (previous?.findings ?? []).filter((e) => !checkedApis.includes(e.api));
  const entries = [
    ...kept,
    ...findings.map((f) => ({ fingerprint: f.fingerprint, api: f.api, rule: f.rule, operation: f.operation, pointer: f.pointer })),
  ];
  const unique = [...new Map(entries.map((e) => [e.fingerprint, e])).values()];
  const key = (e: BaselineEntry) => [e.api, e.operation, e.rule, e.pointer, e.fingerprint].join("\u0000");
  unique.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return `${JSON.stringify({ driftlessBaseline: 1, findings: unique }, null, 2)}\n`;
}

/**
 * Marks each finding "known" (its fingerprint is in the baseline) or "new", and lists the baseline
 * entries of the checked APIs that were not seen this time: fixed (or not probed this time).
 */
export function applyBaseline(findings: DriftFinding[], baseline: Baseline, checkedApis: readonly string[]): BaselineEntry[] {
  const known = new Set(baseline.findings.map((e) => e.fingerprint));
  const seen = new Set<string>();
  for (const f of findings) {
    f.baseline = known.has(f.fingerprint) ? "known" : "new";
    seen.add(f.fingerprint);
  }
  return baseline.findings.filter((e) => checkedApis.includes(e.api) && !seen.has(e.fingerprint));
}
