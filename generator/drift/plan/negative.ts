import type { PlanStep, ValueSource } from "../config.ts";
import { isObject, type JsonObject } from "../../openapi/types.ts";
import { kebab, type OperationIndex, type PlanOperation } from "./operations.ts";
import type { CreateChain, HappyStep, Planner } from "./planner.ts";
import { among, documentedAmong, makeStep, sourcesOf, type StepParts } from "./steps.ts";
import { invalidQueryValues, malformedCredential, unknownId, wrongTypeValue } from "./values.ts";

/** Unhappy-path steps: probes, and the cleanup that would end what a refused create made anyway. */
export interface Negatives {
  probes: PlanStep[];
  cleanup: PlanStep[];
}

const AUTH = among([401, 403]);
const BAD_INPUT = among([400, 422]);
const NOT_FOUND = among([404, 410]);

/**
 * The unhappy paths the document implies, each step expecting the refusal it documents. Reads:
 * no key and a malformed key per security scheme, query values outside their schema, an unknown id.
 * Writes (removed later unless writes are allowed): malformed bodies on creates and on writes to a
 * created resource; a create that is accepted anyway is ended by a copy of its cleanup.
 */
export function deriveNegatives(planner: Planner): Negatives {
  const out: Negatives = { probes: [], cleanup: [] };
  const { index } = planner;
  // In the order of the happy steps they vary (lists first), then the operations no happy step reached.
  for (const step of planner.probes) {
    const happy = planner.happy.get(step.operation);
    if (!happy || happy.step !== step || step.method !== "GET") continue;
    out.probes.push(...authNegatives(planner, happy), ...queryNegatives(planner, happy));
    const unknown = unknownIdNegative(planner, happy.op, happy);
    if (unknown) out.probes.push(unknown);
  }
  for (const op of index.all) {
    if (op.method !== "GET" || planner.happy.has(op.key)) continue;
    const unknown = unknownIdNegative(planner, op, undefined);
    if (unknown) out.probes.push(unknown);
  }
  for (const chain of planner.creates) {
    for (const negative of bodyNegatives(planner, chain.op, chain.create)) {
      out.probes.push(negative);
      out.cleanup.push(...mirrorCleanup(planner, chain, negative));
    }
    for (const write of chain.writes) out.probes.push(...bodyNegatives(planner, write.op, write.step));
  }
  return out;
}

function variant(planner: Planner, happy: PlanStep, op: PlanOperation, intent: string, parts: Partial<StepParts> & { expect: StepParts["expect"] }): PlanStep {
  const id = planner.claim(`${happy.id}--${kebab(intent)}`);
  const after = happy.dependsOn.filter((d) => !happy.from.includes(d));
  return makeStep(planner.index, op, id, {
    path: happy.path,
    query: happy.query,
    ...(happy.body !== undefined ? { body: happy.body } : {}),
    after,
    ...parts,
    intent,
    negative: true,
  });
}

/** No key, then a malformed key per scheme: only where the operation requires one (an empty requirement makes it optional). */
function authNegatives(planner: Planner, { op, step }: HappyStep): PlanStep[] {
  const { doc } = planner.index;
  const requirements = Array.isArray(op.operation.security) ? op.operation.security : Array.isArray(doc.security) ? doc.security : [];
  if (requirements.length === 0 || requirements.some((r) => !isObject(r) || Object.keys(r).length === 0)) return [];
  const schemes = [...new Set(requirements.flatMap((r) => Object.keys(r)))];
  const expect = documentedAmong(planner.index, op, AUTH, "401/403");
  const steps = [variant(planner, step, op, "no-key", { auth: false, expect, description: "No credential: the API must refuse." })];
  for (const scheme of schemes) {
    const intent = schemes.length === 1 ? "bad-key" : `bad-key:${scheme}`;
    const credential = { scheme, value: malformedCredential(doc.components?.securitySchemes?.[scheme]) };
    steps.push(variant(planner, step, op, intent, { credential, expect, description: `A malformed ${scheme} credential: the API must refuse.` }));
  }
  return steps;
}

/** Each query parameter once per way its schema can be broken: out of range, wrongly typed, out of its enum. */
function queryNegatives(planner: Planner, { op, step }: HappyStep): PlanStep[] {
  const expect = documentedAmong(planner.index, op, BAD_INPUT, "400/422");
  const steps: PlanStep[] = [];
  for (const param of op.params.filter((p) => p.in === "query")) {
    for (const { kind, value } of invalidQueryValues(planner.index.reader, param)) {
      const query: Record<string, ValueSource> = { ...step.query, [param.name]: { literal: value } };
      steps.push(variant(planner, step, op, `${kind}:${param.name}`, { query, expect, description: `${param.name}=${value} is outside its schema.` }));
    }
  }
  return steps;
}

/**
 * The operation on an id no resource has (its last path parameter). It needs no real id, so it is
 * planned even when no step found one — then only for operations with a single path parameter.
 */
function unknownIdNegative(planner: Planner, op: PlanOperation, happy: HappyStep | undefined): PlanStep | undefined {
  const { index } = planner;
  const params = index.pathParams(op);
  const last = params.at(-1);
  if (!last) return undefined;
  const base = happy?.step.phase === "probe" ? happy.step : undefined;
  if (!base && params.length > 1) return undefined;
  const value = unknownId(last, happy?.hints.get(last.name), siblingExamples(index, op, last.name), index.reader);
  const path: Record<string, ValueSource> = { ...(base?.path ?? {}), [last.name]: { literal: value } };
  const expect = documentedAmong(index, op, NOT_FOUND, "404");
  const parts = { path, query: base?.query ?? {}, expect, description: `An id no resource has: ${value}.` };
  if (base) return variant(planner, base, op, "unknown-id", parts);
  // No happy step to copy: the query values still have to be there for the request to be valid.
  const query = planner.queryOf(op);
  if (!query) return undefined;
  return makeStep(index, op, planner.claim(`${op.id}--unknown-id`), { ...parts, query, intent: "unknown-id", negative: true });
}

/** Example values of the same parameter on other operations of the same resource: what ids look like. */
function siblingExamples(index: OperationIndex, op: PlanOperation, name: string): unknown[] {
  const at = op.segments.findIndex((s) => "param" in s && s.param === name);
  return (
    paramExamples(index).get(
      `${op.path
        .split("/")
        .slice(0, at + 2)
        .join("/")}`,
    ) ?? []
  );
}

const examplesByParam = new WeakMap<OperationIndex, Map<string, unknown[]>>();

/** Path parameter examples by the path up to and including the parameter ("/v1/sessions/{id}"), built once per document. */
function paramExamples(index: OperationIndex): Map<string, unknown[]> {
  let map = examplesByParam.get(index);
  if (map) return map;
  map = new Map();
  for (const op of index.all) {
    const parts = op.path.split("/");
    for (const param of op.params.filter((p) => p.in === "path")) {
      const at = parts.indexOf(`{${param.name}}`);
      if (at < 0) continue;
      const examples = [...index.reader.examples(param.node), ...index.reader.examples(param.schema)];
      if (examples.length === 0) continue;
      const key = parts.slice(0, at + 1).join("/");
      map.set(key, [...(map.get(key) ?? []), ...examples]);
    }
  }
  examplesByParam.set(index, map);
  return map;
}

/** `null`, one field wrongly typed, one required field left out: each must be refused with a documented 4XX. */
function bodyNegatives(planner: Planner, op: PlanOperation, happy: PlanStep): PlanStep[] {
  const { index } = planner;
  const media = index.requestBody(op).media;
  if (!media) return [];
  const expect = documentedAmong(index, op, BAD_INPUT, "400/422");
  const steps = [variant(planner, happy, op, "null-body", { body: null, expect, description: "A null body." })];
  const schema = index.reader.deref(media.schema);
  if (!isObject(happy.body) || !schema) return steps;
  const required = index.reader.required(schema);
  const props = index.reader.properties(schema);
  const typed = [...required, ...props.keys()].find((name) => props.has(name) && index.reader.types(props.get(name)).length > 0);
  if (typed) {
    const body = { ...happy.body, [typed]: wrongTypeValue(index.reader.types(props.get(typed))) };
    steps.push(variant(planner, happy, op, `wrong-type:${typed}`, { body, expect, description: `${typed} of the wrong type.` }));
  }
  const missing = required[0];
  if (missing !== undefined) {
    const body: JsonObject = { ...happy.body };
    delete body[missing];
    steps.push(variant(planner, happy, op, `missing-field:${missing}`, { body, expect, description: `Required ${missing} left out.` }));
  }
  return steps;
}

/** The cleanup chain of `chain`, acting on what `negative` created should the API accept it: never leave a resource behind. */
function mirrorCleanup(planner: Planner, chain: CreateChain, negative: PlanStep): PlanStep[] {
  const renamed = new Map<string, string>([[chain.create.id, negative.id]]);
  const suffix = negative.id.slice(chain.create.id.length);
  const out: PlanStep[] = [];
  for (const step of chain.cleanup) {
    const id = planner.claim(`${step.id}${suffix}`);
    renamed.set(step.id, id);
    const swap = (map: Record<string, ValueSource>) =>
      Object.fromEntries(Object.entries(map).map(([k, v]) => [k, "from" in v ? { ...v, from: renamed.get(v.from) ?? v.from } : v])) as Record<string, ValueSource>;
    const path = swap(step.path);
    const query = swap(step.query);
    const from = sourcesOf(path, query);
    out.push({
      ...step,
      id,
      path,
      query,
      from,
      dependsOn: [...new Set([...from, ...step.dependsOn.map((d) => renamed.get(d) ?? d)])],
      description: `Ends what ${negative.id} created, if the API accepted it.`,
    });
  }
  return out;
}
