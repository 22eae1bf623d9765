import { findCycle, type DriftPlan, type PlanStep } from "../config.ts";
import { isObject, type JsonObject } from "../../openapi/types.ts";
import { DriftlessError } from "../../problems/error.ts";
import { sourcesOf } from "./steps.ts";

/** Fields of an api.yaml step that replace the derived step's (`phase` follows the list it is in). */
const REFINABLE = ["operation", "description", "path", "query", "body", "auth", "after", "until"] as const;
type Refinable = (typeof REFINABLE)[number];

/**
 * The derived plan with the api.yaml plan (already resolved by `resolveDriftPlan`) laid over it: a
 * hand-written step with the id of a derived step replaces the fields it sets and keeps the derived
 * ones it does not (intent, expected statuses…); other hand-written steps are added after the
 * derived ones; limits come from api.yaml. `drift` is the raw api.yaml `drift:` section: with it,
 * "sets" means "writes the key"; without it, a field counts as set when it differs from what
 * resolveDriftPlan fills in by default (an empty map, auth on, no body).
 * Throws E_CONFIG when the result refers to unknown steps or depends on itself in a cycle.
 */
export function refinePlan(derived: DriftPlan, handWritten: DriftPlan | undefined, drift?: JsonObject): DriftPlan {
  if (!handWritten) return derived;
  const written = writtenKeys(drift);
  const hand = new Map([...handWritten.probes, ...handWritten.cleanup].map((s) => [s.id, s]));
  const merged = { probe: [] as PlanStep[], cleanup: [] as PlanStep[] };
  for (const step of [...derived.probes, ...derived.cleanup]) {
    const over = hand.get(step.id);
    const next = over ? refineStep(step, over, written.get(step.id) ?? setFields(over)) : step;
    merged[next.phase].push(next);
    hand.delete(step.id);
  }
  for (const step of hand.values()) merged[step.phase].push({ ...step, origin: "api.yaml" });
  const steps = [...merged.probe, ...merged.cleanup];
  check(derived.api, steps);
  const covered = new Set(steps.filter((s) => !s.negative).map((s) => s.operation));
  return {
    api: derived.api,
    probes: merged.probe,
    cleanup: merged.cleanup,
    limits: handWritten.limits,
    ...(derived.unplanned ? { unplanned: derived.unplanned.filter((u) => !covered.has(u.operation)) } : {}),
  };
}

function refineStep(derived: PlanStep, over: PlanStep, sets: ReadonlySet<Refinable>): PlanStep {
  const out: PlanStep = { ...derived, origin: "refined", phase: over.phase };
  if (sets.has("operation") && over.operation !== derived.operation) {
    Object.assign(out, { operation: over.operation, method: over.method, pathTemplate: over.pathTemplate, write: over.write });
    // The statuses derived for another operation say nothing about this one.
    delete out.expect;
    delete out.undocumented;
  }
  if (sets.has("description") && over.description !== undefined) out.description = over.description;
  if (sets.has("path")) out.path = over.path;
  if (sets.has("query")) out.query = over.query;
  if (sets.has("body")) out.body = over.body;
  if (sets.has("auth")) out.auth = over.auth;
  if (sets.has("until") && over.until) out.until = over.until;
  const after = sets.has("after") ? afterOf(over) : afterOf(derived);
  out.from = sourcesOf(out.path, out.query);
  out.dependsOn = [...new Set([...out.from, ...after])];
  return out;
}

/** Steps a step waits for without taking a value from them (api.yaml `after`). */
function afterOf(step: PlanStep): string[] {
  return step.dependsOn.filter((d) => !step.from.includes(d));
}

/** What a resolved step sets beyond resolveDriftPlan's defaults (used when the raw section is not at hand). */
function setFields(step: PlanStep): Set<Refinable> {
  const sets = new Set<Refinable>(["operation"]);
  if (step.description !== undefined) sets.add("description");
  if (Object.keys(step.path).length > 0) sets.add("path");
  if (Object.keys(step.query).length > 0) sets.add("query");
  if (step.body !== undefined) sets.add("body");
  if (!step.auth) sets.add("auth");
  if (afterOf(step).length > 0) sets.add("after");
  if (step.until) sets.add("until");
  return sets;
}

/** The keys each api.yaml step writes, by step id. */
function writtenKeys(drift: JsonObject | undefined): Map<string, Set<Refinable>> {
  const out = new Map<string, Set<Refinable>>();
  if (!drift) return out;
  for (const list of [drift.probes, drift.cleanup]) {
    for (const raw of Array.isArray(list) ? list.filter(isObject) : []) {
      if (typeof raw.id === "string") out.set(raw.id, new Set(REFINABLE.filter((k) => k in raw)));
    }
  }
  return out;
}

/** The checks resolveDriftPlan makes, on the merged plan: every reference known, no probe after cleanup, no cycle. */
function check(api: string, steps: PlanStep[]): void {
  const problems: string[] = [];
  const ids = new Map<string, PlanStep>();
  for (const step of steps) {
    if (ids.has(step.id)) problems.push(`step id '${step.id}' is used twice`);
    ids.set(step.id, step);
  }
  for (const step of steps) {
    for (const dep of step.dependsOn) {
      const target = ids.get(dep);
      if (!target) problems.push(`${step.id}: refers to unknown step '${dep}'`);
      else if (step.phase === "probe" && target.phase === "cleanup") problems.push(`${step.id}: a probe cannot depend on cleanup step '${dep}'`);
    }
  }
  const cycle = findCycle(steps);
  if (cycle) problems.push(`steps depend on each other in a cycle: ${cycle.join(" → ")}`);
  if (problems.length > 0) throw new DriftlessError("E_CONFIG", `specs/${api}/api.yaml drift (over the derived plan): ${problems.length} problem(s):\n  ${problems.join("\n  ")}`);
}
