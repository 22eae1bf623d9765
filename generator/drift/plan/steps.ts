import { SAFE_METHODS, type PlanStep, type ValueSource } from "../config.ts";
import type { OperationIndex, PlanOperation } from "./operations.ts";

/** What a derived step is made of; the rest (from, dependsOn, write, expect…) follows. */
export interface StepParts {
  path: Record<string, ValueSource>;
  query: Record<string, ValueSource>;
  body?: unknown;
  phase?: PlanStep["phase"];
  intent: string;
  description?: string;
  /** Steps that must end first without lending a value (a wait before an action). */
  after?: string[];
  until?: PlanStep["until"];
  negative?: boolean;
  auth?: boolean;
  credential?: PlanStep["credential"];
  /** Statuses the answer should have; the documented 2XX when unset. */
  expect?: { statuses: string[]; missing?: string };
}

export function makeStep(index: OperationIndex, op: PlanOperation, id: string, parts: StepParts): PlanStep {
  const from = sourcesOf(parts.path, parts.query);
  const expect = parts.expect ?? documentedAmong(index, op, (s) => /^2(\d\d|XX)$/i.test(s), "2XX");
  return {
    id,
    operation: op.key,
    method: op.method,
    pathTemplate: op.path,
    ...(parts.description ? { description: parts.description } : {}),
    path: parts.path,
    query: parts.query,
    ...(parts.body !== undefined ? { body: parts.body } : {}),
    auth: parts.auth ?? true,
    from,
    dependsOn: [...new Set([...from, ...(parts.after ?? [])])],
    ...(parts.until ? { until: parts.until } : {}),
    write: !SAFE_METHODS.has(op.method),
    phase: parts.phase ?? "probe",
    origin: "derived",
    intent: parts.intent,
    ...(parts.negative ? { negative: true } : {}),
    expect: expect.statuses,
    ...(expect.missing ? { undocumented: expect.missing } : {}),
    ...(parts.credential ? { credential: parts.credential } : {}),
  };
}

/** The steps a step takes values from, in the order its values name them. */
export function sourcesOf(...maps: Record<string, ValueSource>[]): string[] {
  const out = new Set<string>();
  for (const map of maps) for (const value of Object.values(map)) if ("from" in value) out.add(value.from);
  return [...out];
}

/** The operation's documented statuses that `wanted` picks ("404", "4XX"); when none, what is missing. */
export function documentedAmong(index: OperationIndex, op: PlanOperation, wanted: (status: string) => boolean, label: string): { statuses: string[]; missing?: string } {
  const statuses = index.statuses(op).filter(wanted);
  return statuses.length > 0 ? { statuses } : { statuses: [], missing: `no ${label} documented` };
}

/** A status picker for "these codes, or their class range": [401, 403] → 401, 403, 4XX. */
export function among(codes: number[]): (status: string) => boolean {
  const classes = new Set(codes.map((c) => `${String(c)[0]}XX`));
  return (status) => codes.includes(Number(status)) || classes.has(status.toUpperCase());
}
