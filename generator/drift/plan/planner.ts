import { DEFAULT_UNTIL, SAFE_METHODS, type PlanStep, type UnplannedOperation, type ValueSource } from "../config.ts";
import { escapeSegment } from "../../openapi/pointer.ts";
import { fillPath, Origins, type FieldHint, type Origin, type PathFill } from "./fill.ts";
import { sameSegments, shapeOf, splitPath, type OperationIndex, type PlanOperation } from "./operations.ts";
import { makeStep, type StepParts } from "./steps.ts";
import { queryValue } from "./values.ts";

/** The first happy-path step of an operation, which its unhappy-path variants copy. */
export interface HappyStep {
  op: PlanOperation;
  step: PlanStep;
  hints: Map<string, FieldHint>;
}

/** A planned create: the create, what runs on the created resource, and the cleanup that ends it. */
export interface CreateChain {
  op: PlanOperation;
  create: PlanStep;
  /** Writes sent to the created resource (actions, updates), with their operations. */
  writes: { op: PlanOperation; step: PlanStep }[];
  cleanup: PlanStep[];
}

/** The last segment of an operation that ends a resource (`PUT /x/{id}/stop`); DELETE on the item ends it too. */
const ENDING = /^(stop|cancel|close|end|terminate|abort|kill|shutdown|shut-down|release|expire|revoke|destroy|delete|remove|dispose)$/i;
/** Values of a status field that a resource leaves by itself (a wait polls until it has). */
const TRANSITIONAL =
  /^(creating|pending|starting|queued|provisioning|initiali[sz]ing|launching|booting|scheduled|in[_-]?progress|processing|waiting|new|building|deploying|preparing)$/i;
/** Request headers the probe runner sets itself; a required parameter of these names is not a gap. */
const RUNNER_HEADERS = new Set(["authorization", "accept", "content-type", "user-agent"]);

type Prepared = { path: Record<string, ValueSource>; query: Record<string, ValueSource>; hints: Map<string, FieldHint> };

/**
 * Derives the happy-path steps of a document as if writes were allowed (derivePlan removes the
 * writes afterwards when they are not): reads, then each create with the steps on what it created
 * and the cleanup that ends it. Every operation it cannot plan gets a reason in `why`.
 */
export class Planner {
  readonly probes: PlanStep[] = [];
  readonly cleanup: PlanStep[] = [];
  readonly happy = new Map<string, HappyStep>();
  readonly creates: CreateChain[] = [];
  readonly why = new Map<string, UnplannedOperation>();
  /** Step ids taken so far. */
  readonly #taken = new Set<string>();
  /** Every operation's own id: only that operation's first step may take it, so variants never do. */
  readonly #reserved: Set<string>;
  readonly #lists = new Origins();
  /** The path parameter no step found a value for, by operation. */
  readonly #missing = new Map<string, string>();
  readonly #securityHeaders: Set<string>;

  constructor(readonly index: OperationIndex) {
    this.#reserved = new Set(index.all.map((o) => o.id));
    const schemes = Object.values(index.doc.components?.securitySchemes ?? {});
    this.#securityHeaders = new Set(schemes.flatMap((s) => (s.in === "header" && typeof s.name === "string" ? [s.name.toLowerCase()] : [])));
  }

  run(): this {
    const byDepth = (a: PlanOperation, b: PlanOperation) => this.index.pathParams(a).length - this.index.pathParams(b).length || a.order - b.order;
    for (const op of this.index.all.filter((o) => SAFE_METHODS.has(o.method)).sort(byDepth)) this.planRead(op);
    // Top-level creates first: a create nested under a created resource is planned with its parent.
    for (const op of this.index.all.filter((o) => this.index.isCreate(o)).sort(byDepth)) if (!this.happy.has(op.key)) this.planCreate(op);
    this.explainMissingIds();
    for (const op of this.index.all) {
      if (this.happy.has(op.key) || this.why.has(op.key)) continue;
      this.reason(op, "unsafe-method", `unsafe method: ${op.method} is neither a create with a cleanup nor a write on a created resource`);
    }
    return this;
  }

  /** A free step id: `base`, else `base-2`, `base-3`… An operation's own id is free only for `own`. */
  claim(base: string, own?: PlanOperation): string {
    const free = (id: string) => !this.#taken.has(id) && (!this.#reserved.has(id) || id === own?.id);
    let id = base;
    for (let n = 2; !free(id); n++) id = `${base}-${n}`;
    this.#taken.add(id);
    return id;
  }

  /** "no id found for {id}" on a created resource's reads says which create would have made one, and why it is not planned. */
  private explainMissingIds(): void {
    for (const create of this.index.all.filter((o) => this.index.isCreate(o) && !this.happy.has(o.key))) {
      const itemPath = this.index.itemPathOf(create);
      const not = this.why.get(create.key);
      if (!itemPath || !not) continue;
      const item = splitPath(itemPath);
      const own = new Set(this.index.pathParams(create).map((p) => p.name));
      for (const op of this.index.all) {
        const why = this.why.get(op.key);
        const missing = this.#missing.get(op.key);
        // Only where the create would have made the id that is missing, not one it lacks itself.
        if (why?.kind !== "no-id" || !missing || own.has(missing) || op.segments.length < item.length || !sameSegments(op.segments.slice(0, item.length), item)) continue;
        this.why.set(op.key, { ...why, reason: `${why.reason} (${create.key} would create one, but is not planned: ${not.reason})` });
      }
    }
  }

  /** Records why `op` is not planned (the first reason stands; planning it later clears it). */
  reason(op: PlanOperation, kind: UnplannedOperation["kind"], reason: string): void {
    if (!this.why.has(op.key)) this.why.set(op.key, { operation: op.key, reason, kind });
  }

  private planRead(op: PlanOperation): void {
    const prepared = this.prepare(op, fillPath(this.index, op, this.#lists), true);
    if (!prepared) return;
    const step = this.add(op, this.claim(op.id, op), { path: prepared.path, query: prepared.query, intent: "read" }, prepared.hints);
    const list = op.method === "GET" ? this.index.listIn(op) : undefined;
    if (list) this.#lists.add(this.origin(op, step, "list", list.pointer, list.item));
  }

  private planCreate(op: PlanOperation): void {
    const prepared = this.prepare(op, fillPath(this.index, op, this.#lists), true);
    const body = prepared && this.body(op, true);
    if (!prepared || !body) return;
    const itemPath = this.index.itemPathOf(op);
    if (!itemPath) return this.reason(op, "no-cleanup", `no cleanup found: no item path under ${op.path} for what it creates`);
    const id = this.claim(op.id, op);
    const origin = this.origin(op, undefined, "created", "", this.index.successBody(op).schema, id, prepared.path);
    const cleanup = this.planCleanup(op, itemPath, origin);
    if (cleanup.length === 0) {
      this.#taken.delete(id);
      return this.reason(op, "no-cleanup", `no cleanup found: nothing ends what it creates (DELETE ${itemPath}, or PUT/POST ${itemPath}/stop, /cancel, /close…)`);
    }
    const create = this.add(op, id, { path: prepared.path, query: prepared.query, ...body, intent: "create" }, prepared.hints);
    const chain: CreateChain = { op, create, writes: [], cleanup };
    this.onCreated(chain, itemPath, origin);
    this.cleanup.push(...cleanup);
    this.creates.push(chain);
  }

  /** The steps that end a created resource: stop/cancel/close… first, DELETE last, each after the one before. */
  private planCleanup(create: PlanOperation, itemPath: string, origin: Origin): PlanStep[] {
    const item = splitPath(itemPath);
    const endings = this.index.all
      .filter((o) => o !== create && o.method !== "GET" && this.ends(o, item))
      .sort((a, b) => Number(a.method === "DELETE") - Number(b.method === "DELETE") || a.order - b.order);
    const steps: PlanStep[] = [];
    for (const op of endings) {
      const prepared = this.prepare(op, fillPath(this.index, op, new Origins([origin])), false);
      const body = prepared && this.body(op, false);
      if (!prepared || !body) continue;
      const after = steps.length > 0 ? [steps.at(-1)!.id] : [];
      steps.push(this.add(op, this.claim(op.id, op), { path: prepared.path, query: prepared.query, ...body, phase: "cleanup", intent: "cleanup", after }, prepared.hints));
    }
    return steps;
  }

  private ends(op: PlanOperation, item: ReturnType<typeof splitPath>): boolean {
    if (op.method === "DELETE") return sameSegments(op.segments, item);
    const last = op.segments.at(-1);
    return op.segments.length === item.length + 1 && last !== undefined && "static" in last && ENDING.test(last.static) && sameSegments(op.segments.slice(0, -1), item);
  }

  /**
   * The steps on a created resource: reads of it and of what is under it (a wait until its status
   * settles first, when its status has transitional values), then the writes under it (actions,
   * updates, nested creates: they act on, or die with, what this plan created).
   */
  private onCreated(chain: CreateChain, itemPath: string, created: Origin): void {
    const item = splitPath(itemPath);
    const endings = new Set(chain.cleanup.map((s) => s.operation));
    const under = this.index.all
      .filter((o) => o !== chain.op && !endings.has(o.key) && o.segments.length >= item.length && sameSegments(o.segments.slice(0, item.length), item))
      .sort((a, b) => a.segments.length - b.segments.length || a.order - b.order);
    const origins = new Origins([created]);
    let wait: PlanStep | undefined;
    for (const op of under.filter((o) => SAFE_METHODS.has(o.method))) {
      const prepared = this.prepare(op, fillPath(this.index, op, origins), false);
      if (!prepared) continue;
      const until = op.segments.length === item.length && op.method === "GET" ? this.untilSettled(op) : undefined;
      const id = this.happy.has(op.key) ? this.claim(`${op.id}-created`) : this.claim(op.id, op);
      const step = this.add(op, id, { path: prepared.path, query: prepared.query, intent: "read-created", ...(until ? { until } : {}) }, prepared.hints);
      if (until) wait ??= step;
      const list = op.method === "GET" ? this.index.listIn(op) : undefined;
      if (list) origins.add(this.origin(op, step, "list", list.pointer, list.item));
    }
    for (const op of under.filter((o) => !SAFE_METHODS.has(o.method))) {
      const prepared = this.prepare(op, fillPath(this.index, op, origins), false);
      const body = prepared && this.body(op, false);
      if (!prepared || !body) continue;
      const id = this.happy.has(op.key) ? this.claim(`${op.id}-created`) : this.claim(op.id, op);
      const step = this.add(op, id, { path: prepared.path, query: prepared.query, ...body, intent: "write-created", ...(wait ? { after: [wait.id] } : {}) }, prepared.hints);
      chain.writes.push({ op, step });
    }
  }

  /** A wait on the resource's status field until it leaves its transitional values (`creating` → ready, closed, error). */
  private untilSettled(op: PlanOperation): PlanStep["until"] {
    const { reader } = this.index;
    const props = reader.properties(this.index.successBody(op).schema);
    for (const name of ["status", "state", "phase"]) {
      const prop = reader.deref(props.get(name));
      const values = Array.isArray(prop?.enum) ? prop.enum.filter((v): v is string => typeof v === "string") : [];
      const settled = values.filter((v) => !TRANSITIONAL.test(v));
      if (settled.length > 0 && settled.length < values.length) {
        return { pointer: `/${escapeSegment(name)}`, in: settled, intervalMs: DEFAULT_UNTIL.intervalMs, timeoutMs: DEFAULT_UNTIL.timeoutMs };
      }
    }
    return undefined;
  }

  /** The query values a happy-path request to `op` sends, or undefined when a required one has none. */
  queryOf(op: PlanOperation): Record<string, ValueSource> | undefined {
    return this.prepare(op, { ok: true, path: {}, hints: new Map() }, false)?.query;
  }

  /** Path and query values of a step, or undefined (with the reason recorded when `record`). */
  private prepare(op: PlanOperation, fill: PathFill, record: boolean): Prepared | undefined {
    if (!fill.ok) {
      if (record && !this.why.has(op.key)) this.#missing.set(op.key, fill.param);
      if (record) this.reason(op, "no-id", `no id found for {${fill.param}}`);
      return undefined;
    }
    const query: Record<string, ValueSource> = {};
    for (const param of op.params) {
      if (param.in === "query") {
        const value = queryValue(this.index.reader, param);
        if (value) query[param.name] = value;
        else if (param.required) return this.fail(op, record, "no-query-value", `required query parameter ${param.name} has no value`);
      } else if (param.in !== "path" && param.required && !RUNNER_HEADERS.has(param.name.toLowerCase()) && !this.#securityHeaders.has(param.name.toLowerCase())) {
        return this.fail(op, record, "no-header-value", `required ${param.in} parameter ${param.name} is not sent by probes`);
      }
    }
    return { path: fill.path, query, hints: fill.hints };
  }

  /** The JSON body a write sends: the documented example, else one built from the schema (required fields only). */
  private body(op: PlanOperation, record: boolean): { body?: unknown } | undefined {
    const { media, required, documented } = this.index.requestBody(op);
    if (!documented) return {};
    if (!media) return required ? this.fail(op, record, "no-body", "request body is not JSON") : {};
    const [example] = this.index.reader.examples(media);
    if (example !== undefined) return { body: example };
    const sampled = this.index.reader.sample(media.schema);
    if (sampled.ok) return { body: sampled.value };
    return this.fail(op, record, "no-body", `no value for request body field ${sampled.missing}`);
  }

  private fail(op: PlanOperation, record: boolean, kind: UnplannedOperation["kind"], reason: string): undefined {
    if (record) this.reason(op, kind, reason);
    return undefined;
  }

  private add(op: PlanOperation, id: string, parts: StepParts, hints: Map<string, FieldHint>): PlanStep {
    const step = makeStep(this.index, op, id, parts);
    if (step.phase === "probe") this.probes.push(step);
    if (!this.happy.has(op.key)) this.happy.set(op.key, { op, step, hints });
    this.why.delete(op.key);
    return step;
  }

  private origin(
    op: PlanOperation,
    step: PlanStep | undefined,
    kind: Origin["kind"],
    itemPointer: string,
    item: Origin["item"],
    id = step?.id ?? "",
    fills = step?.path ?? {},
  ): Origin {
    const media = this.index.successBody(op).media;
    return {
      step: id,
      kind,
      segments: op.segments,
      shape: shapeOf(op.segments),
      itemPointer,
      ...(item ? { item } : {}),
      examples: media ? this.index.reader.examples(media) : [],
      fills,
      paramNames: this.index.pathParams(op).map((p) => p.name),
    };
  }
}
