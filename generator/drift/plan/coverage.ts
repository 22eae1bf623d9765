import type { DriftPlan, PlanStep, UnplannedOperation } from "../config.ts";
import { eachOperation, isObject, operationKey, type OpenApiDocument } from "../../openapi/types.ts";

/** How much of the document a plan reaches, before it runs. */
export interface PlanCoverage {
  operations: {
    total: number;
    /** Operations with a happy-path step (probe or cleanup). */
    planned: number;
    unplanned: { operation: string; reason: string; kind?: UnplannedOperation["kind"] | "trimmed" | "not-in-plan"; negativeSteps?: number }[];
  };
}

/** One answer of a run: the operation it was matched to, and its status. */
export interface ObservedAnswer {
  operation: string;
  status: number;
  /** An answer to an unhappy-path probe: its status counts, but it does not make the operation checked. */
  negative?: boolean;
}

export interface OperationCoverage {
  operation: string;
  /** Documented response keys ("200", "404", "4XX", "default"). */
  documented: string[];
  /** Statuses answered, ascending, each once. */
  observed: number[];
  /** Documented keys some answer matched, out of all documented. */
  statuses: { checked: number; total: number };
  /** Documented keys no answer matched. */
  missing: string[];
  /** Answered statuses the document does not list. */
  undocumented: number[];
  /** For an operation never answered: why (the plan's reason, or that its steps did not get an answer). */
  reason?: string;
}

/** How much of the document a run's answers checked: shaped for a report's `apis[].coverage`. */
export interface ObservedCoverage {
  operations: { checked: number; total: number; details: OperationCoverage[] };
}

/** Operations of the document the plan reaches, and for each other one why not. */
export function planCoverage(document: OpenApiDocument, plan: DriftPlan): PlanCoverage {
  const steps = [...plan.probes, ...plan.cleanup];
  const happy = new Set(steps.filter((s) => !s.negative).map((s) => s.operation));
  const keys = documentOperations(document);
  const unplanned = keys.filter((k) => !happy.has(k)).map((k) => whyNot(k, plan, steps));
  return { operations: { total: keys.length, planned: keys.length - unplanned.length, unplanned } };
}

/**
 * Per operation of the document: the statuses answered against those documented, and for the
 * operations never answered why (the plan's reason, a cut by the budget, or no answer to a planned
 * step — with the runner's reason for skipping it when `skipped` gives one, by step id). An
 * operation counts as checked when a happy-path request of it was answered: answers to unhappy
 * paths (a 401 to a request without a key) are listed with its statuses but do not make it
 * checked. Pure: the answers are given, nothing is read or sent.
 */
export function observedCoverage(
  document: OpenApiDocument,
  answers: readonly ObservedAnswer[],
  plan: DriftPlan,
  skipped: ReadonlyMap<string, string> = new Map(),
): ObservedCoverage {
  const seen = new Map<string, Set<number>>();
  const happy = new Set<string>();
  for (const a of answers) {
    seen.set(a.operation, (seen.get(a.operation) ?? new Set()).add(a.status));
    if (!a.negative) happy.add(a.operation);
  }
  const steps = [...plan.probes, ...plan.cleanup];
  const details = [...eachOperation(document)].map(({ method, path, operation }): OperationCoverage => {
    const key = operationKey(method, path);
    const documented = isObject(operation.responses) ? Object.keys(operation.responses) : [];
    const observed = [...(seen.get(key) ?? [])].sort((a, b) => a - b);
    const matched = new Set(observed.map((s) => matchStatus(documented, s)).filter((k): k is string => k !== undefined));
    const detail: OperationCoverage = {
      operation: key,
      documented,
      observed,
      statuses: { checked: matched.size, total: documented.length },
      missing: documented.filter((k) => !matched.has(k)),
      undocumented: observed.filter((s) => matchStatus(documented, s) === undefined),
    };
    if (observed.length === 0) detail.reason = neverAnswered(key, plan, steps, skipped);
    else if (!happy.has(key))
      detail.reason = `only unhappy paths were answered: ${neverAnswered(
        key,
        plan,
        steps.filter((s) => !s.negative),
        skipped,
      )}`;
    return detail;
  });
  return { operations: { checked: details.filter((d) => happy.has(d.operation)).length, total: details.length, details } };
}

/** The documented key an answered status falls under: its own code, its class ("4XX"), else `default`. */
export function matchStatus(documented: readonly string[], status: number): string | undefined {
  const code = String(status);
  if (documented.includes(code)) return code;
  const range = documented.find((k) => k.toUpperCase() === `${code[0]}XX`);
  if (range) return range;
  return documented.includes("default") ? "default" : undefined;
}

function documentOperations(document: OpenApiDocument): string[] {
  return [...eachOperation(document)].map((o) => operationKey(o.method, o.path));
}

function whyNot(operation: string, plan: DriftPlan, steps: readonly PlanStep[]): PlanCoverage["operations"]["unplanned"][number] {
  const negatives = steps.filter((s) => s.operation === operation && s.negative).length;
  const extra = negatives > 0 ? { negativeSteps: negatives } : {};
  const trimmed = plan.trimmed?.find((t) => t.operation === operation);
  if (trimmed) return { operation, reason: `cut by the request budget (${trimmed.reason})`, kind: "trimmed", ...extra };
  const unplanned = plan.unplanned?.find((u) => u.operation === operation);
  if (unplanned) return { operation, reason: unplanned.reason, kind: unplanned.kind, ...extra };
  return { operation, reason: "not in the plan", kind: "not-in-plan", ...extra };
}

function neverAnswered(operation: string, plan: DriftPlan, steps: readonly PlanStep[], skipped: ReadonlyMap<string, string>): string {
  const planned = steps.filter((s) => s.operation === operation).map((s) => s.id);
  const reason = planned.map((id) => skipped.get(id)).find((r) => r !== undefined);
  if (planned.length > 0 && reason) return `planned (${planned.join(", ")}) but skipped: ${reason}`;
  if (planned.length > 0) return `planned (${planned.join(", ")}) but not answered: skipped or failed (see skipped and incidents)`;
  return whyNot(operation, plan, steps).reason;
}
