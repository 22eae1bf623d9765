import { isPointerPrefix } from "../openapi/pointer.ts";
import type { AppliedAction } from "../overlay/index.ts";
import { formatLocation, type Finding } from "../problems/finding.ts";
import type { RuleId } from "../problems/rules.ts";

/** Findings that stand for a contradiction between sources, which an overlay may settle. */
const CONFLICT_RULES: ReadonlySet<RuleId> = new Set(["operation-conflict", "component-conflict", "source-conflict", "document-field-conflict"]);

/**
 * An overlay action settles a conflict when it writes at the conflicting pointer or inside it,
 * or removes it or one of its ancestors. An action that only adds something next to it (say a
 * 401 response beside a disputed summary) does not. The finding stays in the report — the
 * sources still disagree — as a warning that names the action and its reason. Returns what each
 * action settled, for the report of what each side kept and lost (merge/contracts.ts).
 */
export function settleConflicts(findings: Finding[], actions: AppliedAction[]): { pointer: string; action: AppliedAction }[] {
  const settled: { pointer: string; action: AppliedAction }[] = [];
  for (const f of findings) {
    if (f.severity !== "error" || !CONFLICT_RULES.has(f.rule)) continue;
    const action = actions.find((a) =>
      a.kind === "remove" ? a.pointers.some((p) => isPointerPrefix(p, f.pointer) || isPointerPrefix(f.pointer, p)) : a.written.some((p) => isPointerPrefix(f.pointer, p)),
    );
    if (!action) continue;
    f.severity = "warning";
    f.resolution = { by: formatLocation(action.source), reason: action.reason, action: `overlay action ${action.kind} ${action.target}` };
    f.sources = [...f.sources, action.source];
    settled.push({ pointer: f.pointer, action });
  }
  return settled;
}
