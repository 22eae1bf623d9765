import { createHash } from "node:crypto";
import type { RouteRole } from "./api.ts";
import { httpDate } from "./clock.ts";
import { ApiError, EmulatorUsageError } from "./errors.ts";
import { isJsonObject, type JsonValue } from "./json.ts";
import type { DriftSubject, Reply } from "./reply.ts";

/**
 * The scenario table. A scenario is off unless selected at start (`scenarios`, `--scenario`) or
 * per request (`x-emulator-scenario: a,b=3`); selections combine and a per-request parameter wins
 * over the start one. Hooks run in table order: `before` hooks may wait or answer instead of the
 * handler (by throwing ApiError), `after` hooks rewrite the handler's answer.
 *
 * Each drift scenario changes exactly one thing in one place: body drift acts on the answer's
 * single "subject" session object (see DriftSubject), so a drift check finds one problem at one
 * JSON pointer per answer. The README lists every pointer.
 */

export const SCENARIO_HEADER = "x-emulator-scenario";
/** Namespaces the state of flaky and rate-limited, for tests sharing one server and one key. */
export const SCENARIO_SCOPE_HEADER = "x-emulator-scope";

export type ScenarioKind = "drift" | "fault" | "mode";

export interface ScenarioRequest {
  readonly role: RouteRole;
  /** API key position plus x-emulator-scope: the unit that flaky and rate-limited count in. */
  readonly scope: string;
  /** scope + method + path + query + body digest: "the same request" for flaky. */
  readonly fingerprint: string;
}

/** Memory shared by all requests of one emulator (cleared only by restarting it). */
export interface ScenarioState {
  readonly attemptsByFingerprint: Map<string, number>;
  readonly requestsByScope: Map<string, number>;
}

export interface ScenarioRuntime {
  readonly state: ScenarioState;
  /** A delay the emulator cancels on close(). */
  sleep(ms: number): Promise<void>;
}

export interface ScenarioDefinition {
  readonly name: string;
  readonly kind: ScenarioKind;
  /** Exactly what the scenario changes, for `--help` and the README. */
  readonly changes: string;
  readonly param?: { readonly meaning: string; readonly default: number };
  readonly before?: (request: ScenarioRequest, param: number, runtime: ScenarioRuntime) => void | Promise<void>;
  readonly after?: (reply: Reply, param: number) => Reply;
}

export const FLAKY_RETRY_AFTER_SECONDS = 0;
export const RATE_LIMITED_RETRY_AFTER_SECONDS = 1;
export const UNDOCUMENTED_STATUS = 418;

export const SCENARIOS = [
  {
    name: "slow",
    kind: "fault",
    changes: "Waits `slow=N` milliseconds (default 1000) before handling each request.",
    param: { meaning: "delay in milliseconds", default: 1000 },
    before: async (_request, ms, runtime) => runtime.sleep(ms),
  },
  {
    name: "rate-limited",
    kind: "fault",
    changes: "The first `rate-limited=N` requests (default 3) of each scope answer 429 `rate_limited` with `Retry-After: 1`; later ones pass.",
    param: { meaning: "number of requests answered 429", default: 3 },
    before: (request, limit, runtime) => {
      const seen = (runtime.state.requestsByScope.get(request.scope) ?? 0) + 1;
      runtime.state.requestsByScope.set(request.scope, seen);
      if (seen <= limit) {
        throw new ApiError(429, "rate_limited", "Too many requests (scenario rate-limited).", {
          retryAfterSeconds: RATE_LIMITED_RETRY_AFTER_SECONDS,
        });
      }
    },
  },
  {
    name: "flaky",
    kind: "fault",
    changes:
      "The first `flaky=N` attempts (default 1) of every distinct request answer 503 `service_unavailable` with `Retry-After: 0`; the next identical attempt is handled normally.",
    param: { meaning: "failing attempts per distinct request", default: 1 },
    before: (request, failures, runtime) => {
      const attempt = (runtime.state.attemptsByFingerprint.get(request.fingerprint) ?? 0) + 1;
      runtime.state.attemptsByFingerprint.set(request.fingerprint, attempt);
      if (attempt <= failures) {
        throw new ApiError(503, "service_unavailable", "Temporarily unavailable, retry (scenario flaky).", {
          retryAfterSeconds: FLAKY_RETRY_AFTER_SECONDS,
        });
      }
    },
  },
  {
    name: "server-error",
    kind: "fault",
    changes: "Every request answers 500 `internal_error` in the API's error envelope; nothing is changed.",
    before: () => {
      throw new ApiError(500, "internal_error", "Internal server error (scenario server-error).");
    },
  },
  {
    name: "undocumented-status",
    kind: "drift",
    changes: "GET of one session answers 418 `im_a_teapot` (in the error envelope) instead of 200/404; other operations are unchanged.",
    before: (request) => {
      if (request.role === "get") {
        throw new ApiError(UNDOCUMENTED_STATUS, "im_a_teapot", "I'm a teapot (scenario undocumented-status).");
      }
    },
  },
  {
    name: "core-contract",
    kind: "mode",
    changes:
      "Chaser only: create, list and get answer as the Core API fragments (000, 001, 004) describe: create takes `workspace` or `ephemeral` and answers 200 `SessionInfo`; list takes limit/offset and answers `{ sessions, total }`; get answers `SessionInfo`. Delete, screenshot and preview-token (absent from the Core API) keep the Sessions API behaviour.",
  },
  {
    name: "payment-required",
    kind: "fault",
    changes: "Chaser only: the workspace balance is zero, so `POST /v1/sessions` answers 402 `payment_required` (after the body is read); other operations are unchanged.",
  },
  {
    name: "extra-field",
    kind: "drift",
    changes: "Adds one undocumented property to the subject session (`emulator_extra` on Chaser, `emulatorExtra` on Hyperbrowser).",
    after: (reply) => alterSubject(reply, (session, t) => void (session[t.extraField.name] = t.extraField.value)),
  },
  {
    name: "missing-field",
    kind: "drift",
    changes: "Drops the required `id` property from the subject session.",
    after: (reply) => alterSubject(reply, (session, t) => void delete session[t.missingField]),
  },
  {
    name: "wrong-type",
    kind: "drift",
    changes:
      "Sends one number of the subject session as a string: `bytes_up` (Sessions API), `active_connection_leases` (Core), `creditsUsed` (Hyperbrowser). The Chaser 201 create body has no such field and is unchanged.",
    after: (reply) =>
      alterSubject(reply, (session, t) => {
        const value = session[t.wrongType];
        if (value !== undefined && typeof value !== "string") session[t.wrongType] = String(value);
      }),
  },
  {
    name: "bad-enum",
    kind: "drift",
    changes: "Sets the subject session's `status` to `paused`, outside every documented status enum.",
    after: (reply) =>
      alterSubject(reply, (session, t) => {
        if (t.badEnum.name in session) session[t.badEnum.name] = t.badEnum.value;
      }),
  },
  {
    name: "bad-format",
    kind: "drift",
    changes:
      "Writes the subject session's creation time (`created_at`, Hyperbrowser `createdAt`) as an HTTP date (`Sat, 13 Jun 2026 11:49:20 GMT`), which is not an RFC 3339 date-time.",
    after: (reply) =>
      alterSubject(reply, (session, t) => {
        const value = session[t.badFormat];
        if (typeof value === "string") {
          const ms = Date.parse(value);
          session[t.badFormat] = Number.isNaN(ms) ? "not a date" : httpDate(ms);
        }
      }),
  },
  {
    name: "wrong-content-type",
    kind: "drift",
    changes: "Labels every JSON answer (errors included) `Content-Type: text/plain; charset=utf-8`; the body is unchanged.",
    after: (reply) => (reply.kind === "json" ? { ...reply, contentType: "text/plain; charset=utf-8" } : reply),
  },
] as const satisfies readonly ScenarioDefinition[];

export type ScenarioName = (typeof SCENARIOS)[number]["name"];
export const SCENARIO_NAMES: readonly ScenarioName[] = SCENARIOS.map((s) => s.name);

/** Selected scenarios with their parameter (0 for scenarios that take none). */
export type ActiveScenarios = ReadonlyMap<ScenarioName, number>;
export const NO_SCENARIOS: ActiveScenarios = new Map();

const BY_NAME: ReadonlyMap<string, ScenarioDefinition> = new Map(SCENARIOS.map((s) => [s.name, s]));

export function isScenarioName(name: string): name is ScenarioName {
  return BY_NAME.has(name);
}

/**
 * Parses selections such as `["flaky", "slow=250,bad-enum"]`. Throws EmulatorUsageError naming
 * the first bad entry (unknown name, parameter on a scenario that takes none, bad number).
 */
export function parseScenarios(items: readonly string[]): Map<ScenarioName, number> {
  const active = new Map<ScenarioName, number>();
  for (const item of items.flatMap((entry) => entry.split(","))) {
    const text = item.trim();
    if (text === "") continue;
    const equals = text.indexOf("=");
    const name = equals === -1 ? text : text.slice(0, equals);
    const raw = equals === -1 ? undefined : text.slice(equals + 1);
    const definition = BY_NAME.get(name);
    if (definition === undefined || !isScenarioName(name)) {
      throw new EmulatorUsageError(`unknown scenario "${name}" (known: ${SCENARIO_NAMES.join(", ")})`);
    }
    if (raw === undefined) {
      active.set(name, definition.param?.default ?? 0);
      continue;
    }
    if (definition.param === undefined) throw new EmulatorUsageError(`scenario "${name}" takes no value`);
    if (!/^\d{1,7}$/.test(raw)) throw new EmulatorUsageError(`scenario "${name}" needs a whole number, got "${raw}"`);
    active.set(name, Number(raw));
  }
  return active;
}

/** Start selections plus per-request ones; the request's parameter wins. */
export function combineScenarios(atStart: ActiveScenarios, perRequest: ActiveScenarios): ActiveScenarios {
  if (perRequest.size === 0) return atStart;
  return new Map([...atStart, ...perRequest]);
}

export function newScenarioState(): ScenarioState {
  return { attemptsByFingerprint: new Map(), requestsByScope: new Map() };
}

export function fingerprintOf(scope: string, method: string, pathAndQuery: string, body: Buffer): string {
  const bodyDigest = createHash("sha256").update(body).digest("base64url");
  return `${scope} ${method} ${pathAndQuery} ${bodyDigest}`;
}

export async function runBefore(active: ActiveScenarios, request: ScenarioRequest, runtime: ScenarioRuntime): Promise<void> {
  for (const scenario of SCENARIOS as readonly ScenarioDefinition[]) {
    const param = active.get(scenario.name as ScenarioName);
    if (param !== undefined && scenario.before !== undefined) await scenario.before(request, param, runtime);
  }
}

export function runAfter(active: ActiveScenarios, reply: Reply): Reply {
  let out = reply;
  for (const scenario of SCENARIOS as readonly ScenarioDefinition[]) {
    const param = active.get(scenario.name as ScenarioName);
    if (param !== undefined && scenario.after !== undefined) out = scenario.after(out, param);
  }
  return out;
}

type SessionObject = Record<string, JsonValue>;

/** Applies `change` to a copy of the reply's subject session; answers without one pass through. */
function alterSubject(reply: Reply, change: (session: SessionObject, targets: DriftSubject["targets"]) => void): Reply {
  if (reply.kind !== "json" || reply.subject === undefined) return reply;
  const body = structuredClone(reply.body);
  let node: JsonValue | undefined = body;
  for (const step of reply.subject.path) {
    if (typeof step === "number") node = Array.isArray(node) ? node[step] : undefined;
    else node = isJsonObject(node) ? node[step] : undefined;
  }
  if (!isJsonObject(node)) return reply;
  change(node, reply.subject.targets);
  return { ...reply, body };
}
