import { isoMillis } from "../clock.ts";
import type { JsonObject } from "../json.ts";
import type { DriftTargets } from "../reply.ts";
import type { HyperbrowserSession } from "./sessions.ts";

/**
 * Hyperbrowser bodies follow the vendor OpenAPI (`Session`, `SessionDetail`) and carry only
 * properties it documents, so a drift check against it finds nothing. Where the official SDK's
 * types say otherwise (startTime as number, perPage, creditBreakdown, ...) the OpenAPI wins here
 * and the SDK still works, because it does not validate responses.
 */

export const APP_HOST = "app.hyperbrowser.emulator.invalid";
export const CONNECT_HOST = "connect.hyperbrowser.emulator.invalid";

export const HYPERBROWSER_DRIFT: DriftTargets = {
  extraField: { name: "emulatorExtra", value: "undocumented" },
  missingField: "id",
  wrongType: "creditsUsed",
  badEnum: { name: "status", value: "paused" },
  badFormat: "createdAt",
};

/**
 * The OpenAPI types startTime/endTime as `type: string, format: timestamp-milliseconds`: epoch
 * milliseconds written as a decimal string. (The SDK declares `number`.)
 */
export function timestampMilliseconds(ms: number): string {
  return String(Math.floor(ms));
}

/** `Session`: list items. */
export function sessionBody(session: HyperbrowserSession, now: number): JsonObject {
  const activeUntil = session.endTimeMs ?? now;
  return {
    id: session.id,
    teamId: session.teamId,
    status: session.status,
    startTime: timestampMilliseconds(session.startTimeMs),
    endTime: session.endTimeMs === null ? null : timestampMilliseconds(session.endTimeMs),
    createdAt: isoMillis(session.createdAtMs),
    updatedAt: isoMillis(session.updatedAtMs),
    launchState: session.launchState,
    // One credit per started minute of browser time: deterministic under an injected clock.
    creditsUsed: Math.ceil(Math.max(0, activeUntil - session.startTimeMs) / 60_000),
  };
}

/** `SessionDetail` = `Session` + connection endpoints: create and get. */
export function sessionDetailBody(session: HyperbrowserSession, now: number): JsonObject {
  const token = session.token;
  return {
    ...sessionBody(session, now),
    sessionUrl: `https://${APP_HOST}/features/sessions/${session.id}`,
    liveUrl: `https://${APP_HOST}/live?token=${token}`,
    token,
    wsEndpoint: `wss://${CONNECT_HOST}/?token=${token}`,
    webdriverEndpoint: `https://${CONNECT_HOST}/webdriver?token=${token}`,
    computerActionEndpoint: `https://${CONNECT_HOST}/computer-action?token=${token}`,
  };
}
