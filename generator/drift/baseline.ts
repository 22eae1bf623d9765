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

/** The operations each API's answers were matched to in this run: api → "METHOD /path". */
export type ObservedOperations = ReadonlyMap<string, ReadonlySet<string>>;

/** True when this run checked answers of the entry's operation: only then can it say the drift is gone. */
function wasObserved(entry: BaselineEntry, observed: ObservedOperations): boolean {
  return observed.get(entry.api)?.has(entry.operation) === true;
}

/**
 * The baseline of `findings`. A previous entry is dropped only when its operation was observed in
 * this run and the finding did not come back; every other entry is kept — of APIs not checked, and
 * of operations not exercised (a read-only run never forgets drift accepted with --allow-writes).
 */
export function buildBaseline(findings: readonly DriftFinding[], observed: ObservedOperations, previous?: Baseline): { text: string; kept: number } {
  const kept = (previous?.findings ?? []).filter((e) => !wasObserved(e, observed));
  const entries = [...kept, ...findings.map((f) => ({ fingerprint: f.fingerprint, api: f.api, rule: f.rule, operation: f.args.operation, pointer: f.args.bodyPointer }))];
  const unique = [...new Map(entries.map((e) => [e.fingerprint, e])).values()];
  const key = (e: BaselineEntry) => [e.api, e.operation, e.rule, e.pointer, e.fingerprint].join("\u0000");
  unique.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  // Findings come from observed operations only, so no kept entry is also a finding of this run.
  return { text: `${JSON.stringify({ driftlessBaseline: 1, findings: unique }, null, 2)}\n`, kept: kept.length };
}

/**
 * Marks each finding of `api` "known" (its fingerprint is in the baseline) or "new", and sorts the
 * API's baseline entries that did not come back: `fixed` when their operation was observed in this
 * run (it answered, without that drift), `notChecked` when no answer of their operation was checked
 * (a read-only run, a recording of other operations): nothing can be said about those.
 */
export function applyBaseline(
  findings: readonly DriftFinding[],
  baseline: Baseline,
  api: string,
  observed: ObservedOperations,
): { fixed: BaselineEntry[]; notChecked: BaselineEntry[] } {
  const known = new Set(baseline.findings.map((e) => e.fingerprint));
  const seen = new Set<string>();
  for (const f of findings) {
    f.baseline = known.has(f.fingerprint) ? "known" : "new";
    seen.add(f.fingerprint);
  }
  const gone = baseline.findings.filter((e) => e.api === api && !seen.has(e.fingerprint));
  return { fixed: gone.filter((e) => wasObserved(e, observed)), notChecked: gone.filter((e) => !wasObserved(e, observed)) };
}
