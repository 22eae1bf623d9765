import type { ApiModule } from "./api.ts";
import { createChaserApi } from "./chaser/routes.ts";
import { ChaserStore, type ChaserSeed } from "./chaser/sessions.ts";
import { toClock, type ClockOption } from "./clock.ts";
import { EmulatorUsageError } from "./errors.ts";
import { createHyperbrowserApi } from "./hyperbrowser/routes.ts";
import { HyperbrowserStore, type HyperbrowserSeed } from "./hyperbrowser/sessions.ts";
import { defaultLaunchState } from "./hyperbrowser/validate.ts";
import { KeyRing, type ApiName } from "./keys.ts";
import { resolveLimits, type LimitsOption } from "./limits.ts";
import { parseScenarios } from "./scenarios.ts";
import { startServer } from "./server.ts";

export { SCENARIOS, SCENARIO_NAMES, SCENARIO_HEADER, SCENARIO_SCOPE_HEADER, type ScenarioName } from "./scenarios.ts";
export { DEFAULT_CHASER_LIMITS, type ChaserLimits, type LimitsOption } from "./limits.ts";
export { MAX_BODY_BYTES } from "./server.ts";
export { ApiError, EmulatorUsageError } from "./errors.ts";
export type { ChaserSeed } from "./chaser/sessions.ts";
export type { HyperbrowserSeed } from "./hyperbrowser/sessions.ts";
export type { Clock, ClockOption } from "./clock.ts";

export type EmulatedApi = ApiName | "all";

export interface EmulatorOptions {
  /** Which API to serve; `all` (default) serves both on one port (`/v1/...` and `/api/...`). */
  api?: EmulatedApi;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Scenario selections such as `["flaky", "slow=250"]` (see SCENARIOS). */
  scenarios?: readonly string[];
  /** How long a Chaser session stays `creating`; default 2000 ms, 0 in tests. */
  readyDelayMs?: number;
  /** Keys accepted by both APIs; when none are given, one random key per API is generated. */
  keys?: readonly string[];
  /** Overrides of the Chaser limits, or `false` to switch them off. */
  limits?: LimitsOption;
  /** Sessions to pre-create in every key's workspace. */
  seed?: { chaser?: ChaserSeed; hyperbrowser?: HyperbrowserSeed };
  /** Source of "now" (epoch ms) for lifecycle tests; default Date.now. */
  clock?: ClockOption;
  /** Access log, one line per request; keys never appear in it. Default: no logging. */
  log?: (line: string) => void;
}

export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:43121`. */
  readonly url: string;
  /** The keys each API accepts (the given ones, or the generated ones). */
  readonly keys: { chaser: string[]; hyperbrowser: string[] };
  /** Frees the port, open connections and every timer. Safe to call twice. */
  close(): Promise<void>;
}

export const DEFAULT_READY_DELAY_MS = 2000;
export const DEFAULT_HOST = "127.0.0.1";
const MAX_SEED = 10_000;

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const api = options.api ?? "all";
  if (api !== "all" && api !== "chaser" && api !== "hyperbrowser") {
    throw new EmulatorUsageError(`api must be chaser, hyperbrowser or all, got "${String(api)}"`);
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new EmulatorUsageError(`port must be 0-65535, got ${port}`);
  const readyDelayMs = options.readyDelayMs ?? DEFAULT_READY_DELAY_MS;
  if (!Number.isSafeInteger(readyDelayMs) || readyDelayMs < 0) {
    throw new EmulatorUsageError(`readyDelayMs must be a whole number of milliseconds >= 0, got ${readyDelayMs}`);
  }
  const served: ApiName[] = api === "all" ? ["chaser", "hyperbrowser"] : [api];
  const keyRing = KeyRing.fromOptions(options.keys, served);
  const clock = toClock(options.clock);
  const scenarios = parseScenarios(options.scenarios ?? []);
  const now = clock.now();

  const apis: ApiModule[] = [];
  if (served.includes("chaser")) {
    const store = new ChaserStore(readyDelayMs, resolveLimits(options.limits));
    const seed = options.seed?.chaser ?? {};
    checkSeed("chaser", seed.closedSessions, seed.readySessions);
    store.seed(
      keyRing.keys.chaser.map((_, index) => index),
      seed,
      now,
    );
    apis.push(createChaserApi(store));
  }
  if (served.includes("hyperbrowser")) {
    const store = new HyperbrowserStore();
    const seed = options.seed?.hyperbrowser ?? {};
    checkSeed("hyperbrowser", seed.closedSessions, seed.activeSessions);
    store.seed(
      keyRing.keys.hyperbrowser.map((_, index) => index),
      seed,
      defaultLaunchState(),
      now,
    );
    apis.push(createHyperbrowserApi(store));
  }

  const server = await startServer({ apis, keyRing, clock, scenarios, ...(options.log ? { log: options.log } : {}) }, options.host ?? DEFAULT_HOST, port);
  return {
    url: server.url,
    keys: { chaser: [...keyRing.keys.chaser], hyperbrowser: [...keyRing.keys.hyperbrowser] },
    close: () => server.close(),
  };
}

function checkSeed(api: string, ...counts: (number | undefined)[]): void {
  for (const count of counts) {
    if (count !== undefined && !(Number.isInteger(count) && count >= 0 && count <= MAX_SEED)) {
      throw new EmulatorUsageError(`seed.${api} counts must be whole numbers from 0 to ${MAX_SEED}`);
    }
  }
}
