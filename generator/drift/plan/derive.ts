import { DEFAULT_LIMITS, type DriftLimits, type DriftPlan, type PlanStep, type UnplannedOperation } from "../config.ts";
import type { OpenApiDocument } from "../../openapi/types.ts";
import { deriveNegatives } from "./negative.ts";
import { OperationIndex } from "./operations.ts";
import { Planner } from "./planner.ts";

export interface DeriveOptions {
  /** Plan creates (with their cleanup) and writes on created resources. Off: read-only. */
  allowWrites?: boolean;
  /** Plan the unhappy paths too (no key, bad values, unknown ids; malformed bodies with writes). Default on. */
  negative?: boolean;
  /** Plan only operations it accepts ("GET /v1/sessions"); the steps they need from others stay. */
  filter?: (operation: string) => boolean;
  /** Over DEFAULT_LIMITS. */
  limits?: Partial<DriftLimits>;
}

/**
 * A probe plan from the canonical document alone. The whole plan is derived as if writes were
 * allowed, then narrowed (filter, then read-only): step ids do not depend on the options, so an
 * api.yaml step refines the same derived step in every mode. Every operation without a happy-path
 * step is listed in `unplanned` with why.
 */
export function derivePlan(api: string, document: OpenApiDocument, options: DeriveOptions = {}): DriftPlan {
  const index = new OperationIndex(document);
  const planner = new Planner(index).run();
  const negatives = options.negative === false ? { probes: [], cleanup: [] } : deriveNegatives(planner);
  let steps = [...planner.probes, ...negatives.probes, ...planner.cleanup, ...negatives.cleanup];
  const why = new Map(planner.why);
  const happyBefore = happyOperations(steps);

  if (options.filter) {
    steps = keepWithNeeds(steps, (s) => options.filter!(s.operation));
    for (const op of index.all) if (!options.filter(op.key) && !happyOperations(steps).has(op.key)) why.set(op.key, { operation: op.key, kind: "filtered", reason: "filtered" });
  }
  if (!options.allowWrites) {
    const kept = withoutWrites(steps);
    const left = happyOperations(kept);
    for (const [op, step] of happyOperations(steps)) if (!left.has(op)) why.set(op, { operation: op, kind: "needs-writes", reason: needsWrites(step, steps) });
    for (const op of index.all) {
      const earlier = why.get(op.key);
      if (op.method !== "GET" && earlier && earlier.kind !== "filtered" && earlier.kind !== "needs-writes" && !happyBefore.has(op.key)) {
        why.set(op.key, { ...earlier, kind: "needs-writes", reason: `needs writes (with writes still not planned: ${earlier.reason})` });
      }
    }
    steps = kept;
  }

  const planned = happyOperations(steps);
  const unplanned: UnplannedOperation[] = index.all
    .filter((op) => !planned.has(op.key))
    .map((op) => why.get(op.key) ?? { operation: op.key, kind: "unsafe-method", reason: "not planned" });
  return {
    api,
    probes: steps.filter((s) => s.phase === "probe"),
    cleanup: steps.filter((s) => s.phase === "cleanup"),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    unplanned,
  };
}

/** Operations with a happy-path step (probe or cleanup), each with its first one. */
export function happyOperations(steps: readonly PlanStep[]): Map<string, PlanStep> {
  const out = new Map<string, PlanStep>();
  for (const s of steps) if (!s.negative && !out.has(s.operation)) out.set(s.operation, s);
  return out;
}

/** Drops every write and every step that needs one (a value from a create, a wait after it). */
function withoutWrites(steps: readonly PlanStep[]): PlanStep[] {
  const dropped = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of steps) {
      if (dropped.has(s.id) || !(s.write || s.dependsOn.some((d) => dropped.has(d)))) continue;
      dropped.add(s.id);
      changed = true;
    }
  }
  return steps.filter((s) => !dropped.has(s.id));
}

/** The steps `wanted` picks, the steps they need, and the cleanup of anything those create. */
function keepWithNeeds(steps: readonly PlanStep[], wanted: (s: PlanStep) => boolean): PlanStep[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const kept = new Set<string>();
  const keep = (id: string): void => {
    if (kept.has(id)) return;
    kept.add(id);
    for (const dep of byId.get(id)?.dependsOn ?? []) keep(dep);
  };
  for (const s of steps) if (wanted(s)) keep(s.id);
  for (let changed = true; changed; ) {
    const before = kept.size;
    for (const s of steps) if (s.phase === "cleanup" && s.dependsOn.some((d) => kept.has(d) && byId.get(d)?.write)) keep(s.id);
    changed = kept.size !== before;
  }
  return steps.filter((s) => kept.has(s.id));
}

/** "needs writes", and for a read of a created resource, which create its id comes from. */
function needsWrites(step: PlanStep, steps: readonly PlanStep[]): string {
  if (step.write) return "needs writes";
  const byId = new Map(steps.map((s) => [s.id, s]));
  const create = step.from.map((id) => byId.get(id)).find((s) => s?.write);
  const param = Object.entries(step.path).find(([, v]) => "from" in v && v.from === create?.id)?.[0];
  return create && param ? `needs writes: {${param}} comes from ${create.operation}` : "needs writes";
}
