import type { ValidateFunction } from "ajv";
import type { DriftPlan, PlanStep, ValueSource } from "../config.ts";
import { DocumentIndex } from "../schema-index.ts";
import { Validators } from "../validators.ts";
import type { OpenApiDocument } from "../../openapi/types.ts";
import { DriftlessError } from "../../problems/error.ts";
import { describeAjvError } from "../../openapi/ajv.ts";
import { OperationIndex, type PlanParam } from "./operations.ts";

/** A planned request the document forbids: a configuration problem of the plan, named by its step. */
export interface RequestProblem {
  step: string;
  operation: string;
  message: string;
}

interface Checker {
  index: OperationIndex;
  docIndex: DocumentIndex;
  validators: Validators;
}

// Indexing a document and adding it to ajv is the costly part: once per document.
const checkers = new WeakMap<OpenApiDocument, Checker>();

function checkerFor(document: OpenApiDocument): Checker {
  let checker = checkers.get(document);
  if (!checker) {
    const docIndex = new DocumentIndex(document);
    checker = { index: new OperationIndex(document), docIndex, validators: new Validators(docIndex) };
    checkers.set(document, checker);
  }
  return checker;
}

/**
 * What a step would send that the document forbids, before anything is sent: a parameter the
 * operation does not have, a required one left out, a literal value or a body outside its schema.
 * Values taken from earlier answers are only known at run time and are not checked here. Negative
 * steps send what is forbidden on purpose and are exempt.
 */
export function validatePlannedRequest(step: PlanStep, document: OpenApiDocument): RequestProblem[] {
  if (step.negative) return [];
  const checker = checkerFor(document);
  const op = checker.index.byKey.get(step.operation);
  const problem = (message: string): RequestProblem => ({ step: step.id, operation: step.operation, message });
  if (!op) return [problem(`operation ${step.operation} is not in the canonical document`)];
  const messages = [
    ...checkParams(checker, "path", step.path, checker.index.pathParams(op)),
    ...checkParams(
      checker,
      "query",
      step.query,
      op.params.filter((p) => p.in === "query"),
    ),
    ...checkBody(checker, step, op),
  ];
  return messages.map(problem);
}

/** Every step of a plan checked; the problems of all steps together. */
export function validatePlan(plan: DriftPlan, document: OpenApiDocument): RequestProblem[] {
  return [...plan.probes, ...plan.cleanup].flatMap((step) => validatePlannedRequest(step, document));
}

/** Throws one E_CONFIG error listing every request of the plan the document forbids. */
export function assertPlanRequests(plan: DriftPlan, document: OpenApiDocument): void {
  const problems = validatePlan(plan, document);
  if (problems.length === 0) return;
  const lines = problems.map((p) => `${p.step} (${p.operation}): ${p.message}`);
  throw new DriftlessError("E_CONFIG", `the drift plan of ${plan.api} would send requests its document forbids: ${problems.length} problem(s):\n  ${lines.join("\n  ")}`);
}

/**
 * Derived steps are made from the document's own examples, which vendors do not always keep valid:
 * such a step is dropped (with every step that needs it) and its operation listed as unplanned,
 * rather than failing the run. The problems of api.yaml and refined steps are returned: those are
 * the configuration problems to report.
 */
export function dropInvalidDerived(plan: DriftPlan, document: OpenApiDocument): { plan: DriftPlan; problems: RequestProblem[] } {
  const problems = validatePlan(plan, document);
  const bad = new Set(problems.filter((p) => stepOf(plan, p.step)?.origin === "derived").map((p) => p.step));
  if (bad.size === 0) return { plan, problems };
  const all = [...plan.probes, ...plan.cleanup];
  const byId = new Map(all.map((s) => [s.id, s]));
  for (let changed = true; changed; ) {
    const before = bad.size;
    for (const s of all) {
      if (s.dependsOn.some((d) => bad.has(d))) bad.add(s.id);
      // A cleanup that cannot be sent takes its create with it: never create what cannot be ended.
      if (bad.has(s.id) && s.phase === "cleanup") for (const f of s.from) if (byId.get(f)?.write) bad.add(f);
    }
    changed = bad.size !== before;
  }
  const kept = all.filter((s) => !bad.has(s.id));
  const covered = new Set(kept.filter((s) => !s.negative).map((s) => s.operation));
  const unplanned = [...(plan.unplanned ?? [])];
  const first = problems.find((p) => bad.has(p.step))!;
  for (const s of all.filter((x) => bad.has(x.id) && !covered.has(x.operation))) {
    if (unplanned.some((u) => u.operation === s.operation)) continue;
    const own = problems.find((p) => p.step === s.id);
    const reason = own ? `the document contradicts itself: ${own.message}` : `dropped with ${first.step}: the document contradicts itself`;
    unplanned.push({ operation: s.operation, kind: "contradiction", reason });
  }
  return {
    plan: { ...plan, probes: plan.probes.filter((s) => !bad.has(s.id)), cleanup: plan.cleanup.filter((s) => !bad.has(s.id)), unplanned },
    problems: problems.filter((p) => !bad.has(p.step) || stepOf(plan, p.step)?.origin !== "derived"),
  };
}

function stepOf(plan: DriftPlan, id: string): PlanStep | undefined {
  return plan.probes.find((s) => s.id === id) ?? plan.cleanup.find((s) => s.id === id);
}

function checkParams(checker: Checker, where: "path" | "query", values: Record<string, ValueSource>, params: PlanParam[]): string[] {
  const out: string[] = [];
  const known = new Map(params.map((p) => [p.name, p]));
  for (const [name, source] of Object.entries(values)) {
    const param = known.get(name);
    if (!param) out.push(`unknown ${where} parameter ${name} (the operation documents ${params.map((p) => p.name).join(", ") || "none"})`);
    else if ("literal" in source) {
      const error = checkLiteral(checker, param, source.literal);
      if (error) out.push(`${where} parameter ${name}=${source.literal}: ${error}`);
    }
  }
  for (const param of params) if (param.required && !(param.name in values)) out.push(`required ${where} parameter ${name(param)} is missing`);
  return out;
}

function name(param: PlanParam): string {
  return param.in === "path" ? `{${param.name}}` : param.name;
}

/**
 * A parameter's text against its schema. The URL carries text, so the value passes when any
 * reading of it does: as text, a number, a boolean, null, or a comma-separated list of those.
 */
function checkLiteral(checker: Checker, param: PlanParam, text: string): string | undefined {
  const validate = compiled(checker, param.schema);
  if (!validate) return undefined;
  const readings = readingsOf(text);
  for (const value of readings) if (validate(value)) return undefined;
  // Report against the reading the schema's type asks for, else the text itself.
  const types = checker.index.reader.types(param.schema);
  const preferred = readings.find((v) => types.includes(typeof v === "number" ? (Number.isInteger(v) ? "integer" : "number") : Array.isArray(v) ? "array" : typeof v)) ?? text;
  validate(preferred);
  return (validate.errors ?? []).map(describeAjvError).join("; ") || "outside its schema";
}

/**
 * The validator of a schema of the document; undefined when it is not in the document or cannot be
 * compiled (a 3.0 leftover such as `nullable` without `type`): a document problem `generate`
 * reports, not a problem of the plan.
 */
function compiled(checker: Checker, schema: object): ValidateFunction | undefined {
  if (!checker.docIndex.pointerOf(schema)) return undefined;
  try {
    return checker.validators.forNode(schema);
  } catch {
    return undefined;
  }
}

function readingsOf(text: string): unknown[] {
  const scalar = (t: string): unknown[] => {
    const out: unknown[] = [t];
    if (t.trim() !== "" && !Number.isNaN(Number(t))) out.push(Number(t));
    if (t === "true" || t === "false") out.push(t === "true");
    if (t === "null") out.push(null);
    return out;
  };
  const parts = text.split(",");
  const lists =
    parts.length > 1
      ? [parts, parts.map((p) => scalar(p).at(-1))]
      : [
          [text],
          ...scalar(text)
            .slice(1)
            .map((v) => [v]),
        ];
  return [...scalar(text), ...lists];
}

function checkBody(checker: Checker, step: PlanStep, op: NonNullable<ReturnType<OperationIndex["byKey"]["get"]>>): string[] {
  const { media, required, documented } = checker.index.requestBody(op);
  if (step.body === undefined) return required ? ["sends no body; the operation requires one"] : [];
  if (!documented) return ["sends a body; the operation documents none"];
  const schema = media ? checker.index.reader.deref(media.schema) : undefined;
  if (!media) return ["sends a JSON body; the operation documents no JSON body"];
  const validate = schema && compiled(checker, schema);
  if (!validate || validate(step.body)) return [];
  return [`body: ${(validate.errors ?? []).map(describeAjvError).join("; ")}`];
}
