import { createHash } from "node:crypto";
import { compareDriftFindings, type DriftFinding, type RawFinding } from "./finding.ts";

/**
 * A finding's identity across runs: API, operation, status, rule, the shape of the place in the
 * body (array indexes as `*`), the spec pointer, and a category where the rule needs one (the
 * observed type, enum value or media type). Never ids, timestamps or other per-request values, so
 * the same drift seen tomorrow in another session object has the same fingerprint.
 */
export function fingerprintOf(f: RawFinding): string {
  const identity = [f.api, f.args.operation, String(f.args.status), f.rule, f.shape, f.pointer, f.category].join("\n");
  return createHash("sha256").update(identity).digest("hex").slice(0, 32);
}

/**
 * One finding per fingerprint, counting occurrences. Which occurrence stands for the others is
 * decided by content (smallest pointer, then observed text), never by arrival order, so concurrent
 * probes and a HAR read twice give the same report.
 */
export function aggregate(raw: Iterable<RawFinding>, samples?: Map<string, unknown>): DriftFinding[] {
  const byPrint = new Map<string, DriftFinding>();
  const mediaTypes = new Map<string, Set<string>>();
  for (const f of raw) {
    const fingerprint = fingerprintOf(f);
    const existing = byPrint.get(fingerprint);
    if (samples && f.sample !== undefined && !samples.has(fingerprint)) samples.set(fingerprint, f.sample);
    if (f.args.mediaType) mediaTypes.set(fingerprint, (mediaTypes.get(fingerprint) ?? new Set()).add(f.args.mediaType));
    if (existing) {
      existing.occurrences++;
      const [a, e] = [f.args, existing.args];
      if (a.bodyPointer < e.bodyPointer || (a.bodyPointer === e.bodyPointer && a.observed < e.observed)) {
        existing.args = { ...e, bodyPointer: a.bodyPointer, observed: a.observed, expected: a.expected };
      }
      // The intents of every probe that showed it, sorted: the same whatever order they answered in.
      const intents = new Set([...(existing.args.intent?.split(", ") ?? []), ...(a.intent ? [a.intent] : [])]);
      if (intents.size > 0) existing.args = { ...existing.args, intent: [...intents].sort().join(", ") };
      continue;
    }
    const { shape: _shape, category: _category, sample: _sample, ...rest } = f;
    byPrint.set(fingerprint, { ...rest, fingerprint, occurrences: 1 });
  }
  // The same undocumented status answered as JSON by one probe and as text by another is one finding in two media types.
  for (const [fingerprint, types] of mediaTypes) if (types.size > 1) byPrint.get(fingerprint)!.mediaTypes = [...types].sort();
  return [...byPrint.values()].sort(compareDriftFindings);
}
