import { DriftlessError } from "../problems/error.ts";
import { isObject, type JsonObject } from "../openapi/types.ts";

/** Bounds of a probe run. */
export interface DriftLimits {
  timeoutMs: number;
  deadlineMs: number;
  cleanupTimeoutMs: number;
  concurrency: number;
  requestsPerSecond: number;
  retries: number;
  maxRetryAfterMs: number;
  maxBodyBytes: number;
  /** At most this many requests per run (limitPlan cuts the plan to fit); unset: no budget. */
  maxRequests?: number;
}

/** The defaults of drift-config.schema.json's `limits`, in the one place they are resolved. */
export const DEFAULT_LIMITS: DriftLimits = {
  timeoutMs: 10_000,
  deadlineMs: 120_000,
  cleanupTimeoutMs: 30_000,
  concurrency: 2,
  requestsPerSecond: 5,
  retries: 2,
  maxRetryAfterMs: 5_000,
  maxBodyBytes: 8 * 1024 * 1024,
};

export const DEFAULT_UNTIL = { intervalMs: 1_000, timeoutMs: 60_000 };

export type ValueSource = { literal: string } | { from: string; pointer: string };

export interface PlanStep {
  id: string;
  /** "GET /v1/sessions/{id}" */
  operation: string;
  method: string;
  pathTemplate: string;
  description?: string;
  path: Record<string, ValueSource>;
  query: Record<string, ValueSource>;
  /** JSON body; undefined sends none. */
  body?: unknown;
  auth: boolean;
  /** Steps whose values it uses. */
  from: string[];
  /** Every step that must end first (`from` and `after`). */
  dependsOn: string[];
  until?: { pointer: string; in: unknown[]; intervalMs: number; timeoutMs: number };
  /** Not GET/HEAD/OPTIONS: runs only with writes allowed. */
  write: boolean;
  phase: "probe" | "cleanup";
  /** Where the step comes from: derived from the document (derivePlan), api.yaml, or a derived step api.yaml refined. */
  origin?: "derived" | "api.yaml" | "refined";
  /** What the step checks: "read", "create", "read-created", "cleanup", "no-key", "out-of-range:limit", … */
  intent?: string;
  /** Sends what the document says the API must refuse (an unhappy path); request validation exempts it by design. */
  negative?: boolean;
  /** Documented statuses the answer should have ("200", "404", "4XX"); empty when the document lists none that fit. */
  expect?: string[];
  /** When `expect` is empty: what the document does not list ("no 401/403 documented"); any answer is then undocumented. */
  undocumented?: string;
  /** Sends this credential for `scheme` instead of the real key (a malformed key): the runner builds the header from `value`. */
  credential?: { scheme: string; value: string };
}

/** An operation the plan has no happy-path step for, and why. */
export interface UnplannedOperation {
  /** "GET /v1/sessions/{id}" */
  operation: string;
  /** For people: "no id found for {id}", "needs writes", "no cleanup found", … */
  reason: string;
  /** For grouping (reports, the benchmark). */
  kind: "filtered" | "needs-writes" | "no-id" | "no-query-value" | "no-header-value" | "no-body" | "no-cleanup" | "unsafe-method" | "contradiction";
}

/** A step `limitPlan` cut to stay within the request budget. */
export interface TrimmedStep {
  step: string;
  operation: string;
  reason: string;
}

export interface DriftPlan {
  api: string;
  probes: PlanStep[];
  cleanup: PlanStep[];
  limits: DriftLimits;
  /** Operations of the document without a happy-path step, each with why (derivePlan, refinePlan). */
  unplanned?: UnplannedOperation[];
  /** Steps cut by `limitPlan`. */
  trimmed?: TrimmedStep[];
}

/** Methods that change nothing on the server: probed without --allow-writes. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * api.yaml `drift:` (already checked against drift-config.schema.json when api.yaml was loaded)
 * → a plan with every default filled in. Problems the schema cannot see are collected and thrown
 * together: operations the canonical document lacks, unknown or duplicate step ids, missing path
 * parameters, dependency cycles. `derived` are the steps of the plan derived from the document
 * (derivePlan), which this one refines (refinePlan): api.yaml steps may name them in `from` and
 * `after`, and a step with a derived id may leave out `operation` and the path values it keeps.
 */
export function resolveDriftPlan(
  api: string,
  drift: JsonObject,
  operations: ReadonlySet<string>,
  overrides: Partial<DriftLimits> = {},
  derived: readonly PlanStep[] = [],
): DriftPlan {
  const problems: string[] = [];
  const rawLimits = isObject(drift.limits) ? drift.limits : {};
  const limits: DriftLimits = { ...DEFAULT_LIMITS };
  for (const key of [...Object.keys(DEFAULT_LIMITS), "maxRequests"] as (keyof DriftLimits)[]) {
    const value = overrides[key] ?? rawLimits[key];
    if (typeof value === "number") limits[key] = value;
  }
  const known = new Map(derived.map((s) => [s.id, s]));
  const steps = (list: unknown, phase: PlanStep["phase"]): PlanStep[] =>
    (Array.isArray(list) ? list : []).filter(isObject).map((raw, i) => resolveStep(raw, phase, `${phase === "probe" ? "probes" : "cleanup"}[${i}]`, operations, problems, known));
  const probes = steps(drift.probes, "probe");
  const cleanup = steps(drift.cleanup, "cleanup");

  const ids = new Map<string, PlanStep>();
  for (const step of [...probes, ...cleanup]) {
    if (ids.has(step.id)) problems.push(`step id '${step.id}' is used twice`);
    ids.set(step.id, step);
  }
  for (const step of [...probes, ...cleanup]) {
    for (const dep of step.dependsOn) {
      const target = ids.get(dep) ?? known.get(dep);
      if (!target) problems.push(`${step.id}: refers to unknown step '${dep}'`);
      else if (step.phase === "probe" && target.phase === "cleanup") problems.push(`${step.id}: a probe cannot depend on cleanup step '${dep}'`);
    }
  }
  const cycle = findCycle([...ids.values()]);
  if (cycle) problems.push(`steps depend on each other in a cycle: ${cycle.join(" → ")}`);
  if (problems.length > 0) {
    throw new DriftlessError("E_CONFIG", `specs/${api}/api.yaml drift: ${problems.length} problem(s):\n  ${problems.join("\n  ")}`);
  }
  return { api, probes, cleanup, limits };
}

function resolveStep(
  raw: JsonObject,
  phase: PlanStep["phase"],
  where: string,
  operations: ReadonlySet<string>,
  problems: string[],
  derived: ReadonlyMap<string, PlanStep>,
): PlanStep {
  const id = String(raw.id ?? where);
  const refines = derived.get(id);
  if (raw.operation === undefined && !refines) problems.push(`${id}: no operation (only a step refining a derived step of the same id may leave it out)`);
  const operation = String(raw.operation ?? refines?.operation ?? "");
  const space = operation.indexOf(" ");
  const method = operation.slice(0, space).toUpperCase();
  const pathTemplate = operation.slice(space + 1);
  if (operation !== "" && !operations.has(`${method} ${pathTemplate}`)) problems.push(`${id}: operation '${operation}' is not in the canonical document`);
  const from = new Set<string>();
  const values = (map: unknown): Record<string, ValueSource> => {
    const out: Record<string, ValueSource> = {};
    for (const [name, value] of Object.entries(isObject(map) ? map : {})) {
      if (isObject(value) && typeof value.from === "string") {
        out[name] = { from: value.from, pointer: String(value.pointer ?? "") };
        from.add(value.from);
      } else {
        out[name] = { literal: String(value) };
      }
    }
    return out;
  };
  const path = values(raw.path);
  const query = values(raw.query);
  // A refinement that does not write `path` keeps the derived step's values (refinePlan).
  const keepsPath = refines !== undefined && refines.operation === `${method} ${pathTemplate}` && raw.path === undefined;
  for (const param of pathTemplate.match(/\{[^}]+\}/g) ?? []) {
    if (!path[param.slice(1, -1)] && !keepsPath) problems.push(`${id}: path parameter ${param} has no value`);
  }
  const after = Array.isArray(raw.after) ? raw.after.map(String) : [];
  const until = isObject(raw.until)
    ? {
        pointer: String(raw.until.pointer),
        in: Array.isArray(raw.until.in) ? raw.until.in : [],
        intervalMs: typeof raw.until.intervalMs === "number" ? raw.until.intervalMs : DEFAULT_UNTIL.intervalMs,
        timeoutMs: typeof raw.until.timeoutMs === "number" ? raw.until.timeoutMs : DEFAULT_UNTIL.timeoutMs,
      }
    : undefined;
  return {
    id,
    operation: `${method} ${pathTemplate}`,
    method,
    pathTemplate,
    ...(typeof raw.description === "string" ? { description: raw.description } : {}),
    path,
    query,
    ...(raw.body !== undefined ? { body: raw.body } : {}),
    auth: raw.auth !== false,
    from: [...from],
    dependsOn: [...new Set([...from, ...after])],
    ...(until ? { until } : {}),
    write: !SAFE_METHODS.has(method),
    phase,
  };
}

/** The first dependency cycle among `steps` (ids, the first repeated at the end), or undefined. */
export function findCycle(steps: readonly PlanStep[]): string[] | undefined {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === "done") return undefined;
    if (state.get(id) === "visiting") return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, "visiting");
    stack.push(id);
    for (const dep of byId.get(id)?.dependsOn ?? []) {
      const found = byId.has(dep) ? visit(dep) : undefined;
      if (found) return found;
    }
    stack.pop();
    state.set(id, "done");
    return undefined;
  };
  for (const s of steps) {
    const found = visit(s.id);
    if (found) return found;
  }
  return undefined;
}
