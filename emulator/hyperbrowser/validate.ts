import { ApiError } from "../errors.ts";
import { isJsonObject, type JsonObject, type JsonValue } from "../json.ts";

/**
 * Validation of `CreateSessionParams` and the list query. Lenient on purpose: the SDK sends
 * many fields the vendor OpenAPI does not list (allowOut, liveViewTtlSeconds, ...), and a real
 * client must not fail against the emulator, so unknown fields are ignored and only documented
 * fields with a wrong type are rejected (400 `{ message }`).
 */

/** Boolean launch options documented in both CreateSessionParams and SessionLaunchState. */
const LAUNCH_BOOLEANS = [
  "useUltraStealth",
  "useStealth",
  "useProxy",
  "solveCaptchas",
  "adblock",
  "trackers",
  "annoyances",
  "enableWebRecording",
  "enableVideoWebRecording",
  // In SessionLaunchState (and the SDK's CreateSessionParams), not in the OpenAPI CreateSessionParams.
  "enableLogCapture",
  "acceptCookies",
  "saveDownloads",
  "enableWindowManager",
  "enableWindowManagerTaskbar",
  "viewOnlyLiveView",
  "disablePasswordManager",
  "enableAlwaysOpenPdfExternally",
  "disablePostQuantumKeyAgreement",
] as const;

export const DEFAULT_SCREEN = { width: 1280, height: 720 } as const;
export const TIMEOUT_MINUTES_RANGE = { min: 1, max: 720 } as const;
export const PAGE_SIZE = { default: 10, max: 100 } as const;
/** The OpenAPI enum plus the SDK's `close-error` (types/session.d.ts), so every SDK filter works. */
export const LIST_STATUSES = ["active", "closed", "error", "close-error"] as const;

function bad(message: string): ApiError {
  return new ApiError(400, "invalid_request", message);
}

/** The launch state echoed in `launchState`, and the optional timeout. */
export function parseCreateParams(body: JsonObject): { launchState: JsonObject; timeoutMinutes: number | null } {
  const launchState: JsonObject = {};
  for (const name of LAUNCH_BOOLEANS) {
    const value = body[name];
    if (value !== undefined && typeof value !== "boolean") throw bad(`${name} must be a boolean`);
    launchState[name] = value ?? false;
  }
  launchState.screen = parseScreen(body.screen);

  const solverType = body.solverType;
  if (solverType !== undefined && typeof solverType !== "string") throw bad("solverType must be a string");
  // Only the documented enum value is echoed; the SDK allows any string here.
  if (solverType === "visual") launchState.solverType = solverType;

  const staticIpId = body.staticIpId;
  if (staticIpId !== undefined && typeof staticIpId !== "string") throw bad("staticIpId must be a string");
  if (typeof staticIpId === "string") launchState.staticIpId = staticIpId;

  const profile = body.profile;
  if (profile !== undefined) launchState.profile = parseProfile(profile);

  const timeout = body.timeoutMinutes;
  if (timeout !== undefined && !(typeof timeout === "number" && timeout >= TIMEOUT_MINUTES_RANGE.min && timeout <= TIMEOUT_MINUTES_RANGE.max)) {
    throw bad(`timeoutMinutes must be a number from ${TIMEOUT_MINUTES_RANGE.min} to ${TIMEOUT_MINUTES_RANGE.max}`);
  }
  return { launchState, timeoutMinutes: typeof timeout === "number" ? timeout : null };
}

/** The launch state of a session created without options (used for seeded sessions). */
export function defaultLaunchState(): JsonObject {
  return parseCreateParams({}).launchState;
}

function parseScreen(value: JsonValue | undefined): JsonObject {
  if (value === undefined) return { ...DEFAULT_SCREEN };
  if (!isJsonObject(value)) throw bad("screen must be an object with width and height");
  const screen: JsonObject = {};
  for (const side of ["width", "height"] as const) {
    const size = value[side];
    if (size !== undefined && !(typeof size === "number" && Number.isInteger(size) && size > 0 && size <= 10_000)) {
      throw bad(`screen.${side} must be a positive integer`);
    }
    screen[side] = size ?? DEFAULT_SCREEN[side];
  }
  return screen;
}

function parseProfile(value: JsonValue): JsonObject {
  if (!isJsonObject(value)) throw bad("profile must be an object");
  const profile: JsonObject = {};
  if (value.id !== undefined) {
    if (typeof value.id !== "string") throw bad("profile.id must be a string");
    profile.id = value.id;
  }
  for (const flag of ["persistChanges", "persistNetworkCache"] as const) {
    if (value[flag] === undefined) continue;
    if (typeof value[flag] !== "boolean") throw bad(`profile.${flag} must be a boolean`);
    profile[flag] = value[flag];
  }
  return profile;
}

export interface ListQuery {
  readonly page: number;
  readonly pageSize: number;
  readonly status: string | undefined;
}

/** `page` (number, default 1), `status` (enum) and the SDK's undocumented `limit` (page size). */
export function parseListQuery(query: URLSearchParams): ListQuery {
  const page = positiveInteger(query.get("page"), "page", 1, Number.MAX_SAFE_INTEGER);
  const pageSize = positiveInteger(query.get("limit"), "limit", PAGE_SIZE.default, PAGE_SIZE.max);
  const status = query.get("status") ?? undefined;
  if (status !== undefined && !(LIST_STATUSES as readonly string[]).includes(status)) {
    throw bad(`status must be one of ${LIST_STATUSES.join(", ")}`);
  }
  return { page, pageSize, status };
}

function positiveInteger(raw: string | null, name: string, fallback: number, max: number): number {
  if (raw === null) return fallback;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(value) || value < 1 || value > max) {
    throw bad(`${name} must be a whole number from 1 to ${max}`);
  }
  return value;
}
