import { RULES, type RuleArgs, type RuleId } from "./rules.ts";

export type Severity = "error" | "warning" | "info";

/** A place in a source file; `line` is 1-based. `pointer` is a JSON pointer inside that file when known. */
export interface SourceLocation {
  file: string;
  line?: number;
  pointer?: string;
}

/** How a conflict was settled: by an overlay action or a declared rule in api.yaml. */
export interface Resolution {
  /** Where the rule or action is ("api.yaml:54", "overlays/fix.yaml:6"). */
  by: string;
  reason: string;
  /** What settled it, in words: "precedence rule", "overlay action update $.paths…". */
  action?: string;
}

/**
 * The one finding model, for `generate` and `drift` alike: every problem and every decision is
 * data with a location — the rule, its severity, where in the canonical document (`pointer`) and
 * in which source files, and the rule's arguments. No text: `messageOf` renders it from the rule
 * table when a report or an error is written, so no code ever reads facts back out of prose.
 */
export interface FindingOf<R extends RuleId> {
  rule: R;
  severity: Severity;
  /** JSON pointer into the canonical document (or into the input file for input errors). */
  pointer: string;
  sources: SourceLocation[];
  /** The facts the rule's message is rendered from; JSON-serialisable, typed per rule (`RuleArgs`). */
  args: RuleArgs<R>;
  resolution?: Resolution;
}

/** A finding of any of the rules `R`, discriminated by `rule` (narrowing on it types `args`). */
export type Finding<R extends RuleId = RuleId> = R extends RuleId ? FindingOf<R> : never;

export interface FindingInput<R extends RuleId> {
  pointer?: string;
  sources?: SourceLocation[];
  /** Arguments for the rule's message template, kept on the finding as they are. */
  args: RuleArgs<R>;
  severity?: Severity;
  resolution?: Resolution;
}

export function finding<R extends RuleId>(rule: R, input: FindingInput<R>): FindingOf<R> {
  return {
    rule,
    severity: input.severity ?? RULES[rule].severity,
    pointer: input.pointer ?? "",
    sources: dedupeSources(input.sources ?? []),
    args: input.args,
    ...(input.resolution ? { resolution: input.resolution } : {}),
  };
}

/** The text of a finding, rendered from its rule's message template and its arguments. */
export function messageOf(f: { rule: RuleId; args: unknown }): string {
  return (RULES[f.rule].message as (args: unknown) => string)(f.args);
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

/**
 * Deterministic order: severity, pointer, rule, first source, then the rendered message (the last
 * tie-break reads the text only to order, never to learn anything from it).
 */
export function sortFindings<F extends Finding>(findings: F[]): F[] {
  // Decorate once: building the comparison keys inside the comparator dominated at 40k findings.
  // The message is rendered only for findings equal on everything before it (few: rendering
  // every one was most of the sort at Stripe's 570k findings).
  const keyed = findings.map((f) => ({
    f,
    key: `${SEVERITY_ORDER[f.severity]}\u0000${f.pointer}\u0000${f.rule}\u0000${firstSource(f)}`,
    message: undefined as string | undefined,
  }));
  const message = (k: (typeof keyed)[number]): string => (k.message ??= messageOf(k.f));
  keyed.sort((a, b) => compareStrings(a.key, b.key) || compareStrings(message(a), message(b)));
  return keyed.map((k) => k.f);
}

export function hasErrors(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

export function formatLocation(s: SourceLocation): string {
  return s.line ? `${s.file}:${s.line}` : s.file;
}
