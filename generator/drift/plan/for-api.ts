import { resolveDriftPlan, type DriftLimits, type DriftPlan, type PlanStep } from "../config.ts";
import { isObject, type JsonObject, type OpenApiDocument } from "../../openapi/types.ts";
import { DriftlessError } from "../../problems/error.ts";
import { limitPlan } from "./budget.ts";
import { derivePlan } from "./derive.ts";
import { refinePlan } from "./refine.ts";
import { dropInvalidDerived, type RequestProblem } from "./validate-request.ts";

export interface ApiPlanInput {
  api: string;
  document: OpenApiDocument;
  /** The operations of the document ("GET /v1/sessions"). */
  operations: ReadonlySet<string>;
  /** api.yaml `drift:` as loaded ({} when the file has none). */
  drift: JsonObject;
  /** The line of a JSON pointer of api.yaml (YamlSource.lineOf), for configuration errors; absent without an api.yaml. */
  lineOf?: (pointer: string) => number;
  /** Where api.yaml is, for messages ("specs/chaser/api.yaml"). */
  configFile: string;
  /** Creates (and their cleanup) are planned: --allow-writes, or a disposable target. */
  allowWrites: boolean;
  /** Over the defaults and api.yaml `limits` (flags, the target's needs); `maxRequests` is the budget. */
  limits: Partial<DriftLimits>;
  /** Replaces the plan once it is refined (tests). */
  override?: (plan: DriftPlan) => DriftPlan;
}

/**
 * The probe plan of one API, as `driftless drift` runs it: derived from the canonical document,
 * refined by api.yaml `drift:` where it has one (same step ids; new steps added), checked against
 * the document (a derived step the document's own examples break is dropped and its operation
 * listed as unplanned; an api.yaml step that sends what the document forbids is a configuration
 * error at its line), and cut to the request budget. Pure: reads and sends nothing.
 */
export function planForApi(input: ApiPlanInput): DriftPlan {
  const { api, document, drift, allowWrites, limits } = input;
  // Step ids do not depend on the options: api.yaml may name a derived write even in a read-only run.
  const full = derivePlan(api, document, { allowWrites: true, limits });
  const derived = allowWrites ? full : derivePlan(api, document, { allowWrites: false, limits });
  let plan = derived;
  if (Object.keys(drift).length > 0) {
    const hand = resolveDriftPlan(api, drift, input.operations, limits, [...full.probes, ...full.cleanup]);
    plan = refinePlan(full, hand, drift);
    if (!allowWrites) plan = withoutDerivedWrites(plan, derived);
  }
  if (input.override) plan = input.override(plan);
  const checked = dropInvalidDerived(plan, document);
  if (checked.problems.length > 0) throw configError(input, checked.problems);
  plan = checked.plan;
  const budget = plan.limits.maxRequests;
  return budget !== undefined ? limitPlan(plan, budget) : plan;
}

/**
 * A plan refined over the whole derived plan, narrowed to a read-only run: the derived steps the
 * read-only derivation left out (writes, and what needs them) go; api.yaml and refined steps stay
 * (the runner skips their writes, saying so). Operations keep the read-only derivation's reasons.
 */
function withoutDerivedWrites(plan: DriftPlan, readOnly: DriftPlan): DriftPlan {
  const keep = new Set([...readOnly.probes, ...readOnly.cleanup].map((s) => s.id));
  const kept = (s: PlanStep) => s.origin !== "derived" || keep.has(s.id);
  const probes = plan.probes.filter(kept);
  const cleanup = plan.cleanup.filter(kept);
  const covered = new Set([...probes, ...cleanup].filter((s) => !s.negative && !s.write).map((s) => s.operation));
  return { ...plan, probes, cleanup, unplanned: (readOnly.unplanned ?? []).filter((u) => !covered.has(u.operation)) };
}

/** One E_CONFIG error for the api.yaml steps that would send what the document forbids, each at its line. */
function configError(input: ApiPlanInput, problems: readonly RequestProblem[]): DriftlessError {
  const lines = problems.map((p) => {
    const pointer = stepPointer(input.drift, p.step);
    const line = pointer && input.lineOf ? `:${input.lineOf(pointer)}` : "";
    return `${input.configFile}${line}: drift step ${p.step} (${p.operation}): ${p.message}`;
  });
  return new DriftlessError(
    "E_CONFIG",
    `the drift plan of ${input.api} would send requests its canonical document forbids (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n  ${lines.join("\n  ")}`,
  );
}

/** "/drift/probes/3" for the api.yaml step with this id, if api.yaml has one. */
function stepPointer(drift: JsonObject, id: string): string | undefined {
  for (const list of ["probes", "cleanup"] as const) {
    const steps = Array.isArray(drift[list]) ? (drift[list] as unknown[]) : [];
    const at = steps.findIndex((s) => isObject(s) && s.id === id);
    if (at >= 0) return `/drift/${list}/${at}`;
  }
  return undefined;
}
