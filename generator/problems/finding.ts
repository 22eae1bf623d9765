import { RULES, type RuleId } from "./rules.ts";

export type Severity = "error" | "warning" | "info";

/** A place in a source file; `line` is 1-based. `pointer` is a JSON pointer inside that file when known. */
export interface SourceLocation {
  file: string;
  line?: number;
  pointer?: string;
}

/** How a conflict was settled: by an overlay action or a declared rule in api.yaml. */
export interface Resolution {
  by: string;
  reason: string;
}

/**
 * Every problem and every decision the pipeline makes is one of these: data with a location,
 * collected and reported together instead of thrown one at a time.
 */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** JSON pointer into the canonical document (or into the input file for input errors). */
  pointer: string;
  sources: SourceLocation[];
  message: string;
  resolution?: Resolution;
}

export interface FindingInput {
  pointer?: string;
  sources?: SourceLocation[];
  /** Arguments for the rule's message template; text is rendered here, from the rule table. */
  args?: Record<string, unknown>;
  severity?: Severity;
  resolution?: Resolution;
}

export function finding(rule: RuleId, input: FindingInput = {}): Finding {
  const def = RULES[rule];
  return {
    rule,
    severity: input.severity ?? def.severity,
    pointer: input.pointer ?? "",
    sources: dedupeSources(input.sources ?? []),
    message: def.message(input.args ?? {}),
    ...(input.resolution ? { resolution: input.resolution } : {}),
  };
}

function dedupeSources(sources: SourceLocation[]): SourceLocation[] {
  const seen = new Set<string>();
  const out: SourceLocation[] = [];
  for (const s of sources) {
    const key = `${s.file}:${s.line ?? ""}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(s);
    }
  }
  return out;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function firstSource(f: Finding): string {
  const s = f.sources[0];
  return s ? `${s.file}\u0000${String(s.line ?? 0).padStart(8, "0")}` : "";
}

/** Deterministic order: severity, pointer, rule, first source, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    compareStrings(a.pointer, b.pointer) ||
    compareStrings(a.rule, b.rule) ||
    compareStrings(firstSource(a), firstSource(b)) ||
    compareStrings(a.message, b.message)
  );
}

export function sortFindings(findings: Finding[]): Finding[] {
  // Decorate once: building the comparison keys inside the comparator dominated at 40k findings.
  const keyed = findings.map((f) => ({ f, key: `${SEVERITY_ORDER[f.severity]}\u0000${f.pointer}\u0000${f.rule}\u0000${firstSource(f)}\u0000${f.message}` }));
  keyed.sort((a, b) => compareStrings(a.key, b.key));
  return keyed.map((k) => k.f);
}

export function hasErrors(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

export function formatLocation(s: SourceLocation): string {
  return s.line ? `${s.file}:${s.line}` : s.file;
}
