import type { DriftPlan, PlanStep, TrimmedStep } from "../config.ts";

/**
 * The plan cut to at most `maxRequests` requests, the same cut on every run. Each step counts as
 * one request (a polling `until` step is bounded by its own timeout, not by this budget). Kept
 * first: one happy-path step per operation, then the other happy-path steps, then the unhappy
 * paths, each group in plan order. A step is kept only with every step it depends on, and a create
 * only with the cleanup that ends what it creates: cleanup is never cut from a kept create (a
 * cleanup whose create was cut has nothing to end and goes with it). What was cut is listed in
 * `trimmed`.
 */
export function limitPlan(plan: DriftPlan, maxRequests: number): DriftPlan {
  const all = [...plan.probes, ...plan.cleanup];
  const byId = new Map(all.map((s) => [s.id, s]));
  const cleanupOf = cleanupByDependency(plan.cleanup);
  const kept = new Set<string>();
  // Cleanup that ends nothing created by a probe (a literal id, or no dependency) is kept as is.
  for (const step of plan.cleanup) if (!step.dependsOn.some((d) => byId.get(d)?.phase === "probe")) kept.add(step.id);

  const closure = (step: PlanStep): Set<string> => {
    const need = new Set<string>();
    const visit = (id: string): void => {
      if (kept.has(id) || need.has(id) || !byId.has(id)) return;
      need.add(id);
      for (const dep of byId.get(id)!.dependsOn) visit(dep);
      for (const c of cleanupOf.get(id) ?? []) visit(c);
    };
    visit(step.id);
    return need;
  };
  for (const step of priorityOrder(plan.probes)) {
    if (kept.has(step.id)) continue;
    const need = closure(step);
    if (kept.size + need.size <= maxRequests) for (const id of need) kept.add(id);
  }
  const trimmed: TrimmedStep[] = all
    .filter((s) => !kept.has(s.id))
    .map((s) => ({ step: s.id, operation: s.operation, reason: `over the budget of ${maxRequests} request${maxRequests === 1 ? "" : "s"}` }));
  return {
    ...plan,
    probes: plan.probes.filter((s) => kept.has(s.id)),
    cleanup: plan.cleanup.filter((s) => kept.has(s.id)),
    trimmed: [...(plan.trimmed ?? []), ...trimmed],
  };
}

/** One happy step per operation first, then the other happy steps, then the unhappy paths. */
function priorityOrder(probes: readonly PlanStep[]): PlanStep[] {
  const first: PlanStep[] = [];
  const more: PlanStep[] = [];
  const seen = new Set<string>();
  for (const step of probes.filter((s) => !s.negative)) {
    (seen.has(step.operation) ? more : first).push(step);
    seen.add(step.operation);
  }
  return [...first, ...more, ...probes.filter((s) => s.negative)];
}

/** Cleanup steps by each step they depend on: keeping a create keeps what ends it. */
function cleanupByDependency(cleanup: readonly PlanStep[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const step of cleanup) for (const dep of step.dependsOn) out.set(dep, [...(out.get(dep) ?? []), step.id]);
  return out;
}
