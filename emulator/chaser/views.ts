import { isoMicros } from "../clock.ts";
import type { JsonObject } from "../json.ts";
import type { DriftTargets } from "../reply.ts";
import { trafficOf, type ChaserSession } from "./sessions.ts";

/**
 * How a Chaser session is shown. Two contracts share the store: the Sessions API page (seed 002,
 * the default) and the Core API fragments (seeds 000/001/004, scenario core-contract). Field
 * names, order and types follow the documented examples exactly; nothing undocumented is added.
 */

/** Hosts under .invalid (RFC 6761) never resolve: a client cannot reach the real vendor by accident. */
export const CDP_HOST = "cdp.chaser.emulator.invalid";
export const STREAM_HOST = "stream.chaser.emulator.invalid";

export function cdpUrl(session: ChaserSession): string {
  return `wss://${CDP_HOST}/sessions/${session.id}`;
}

/** Drift targets in the Sessions API vocabulary. */
export const SESSION_DRIFT: DriftTargets = {
  extraField: { name: "emulator_extra", value: "undocumented" },
  missingField: "id",
  wrongType: "bytes_up",
  badEnum: { name: "status", value: "paused" },
  badFormat: "created_at",
};

/** Drift targets in the Core API vocabulary (SessionInfo has no bytes_up). */
export const CORE_DRIFT: DriftTargets = { ...SESSION_DRIFT, wrongType: "active_connection_leases" };

/** The 201 body of POST /v1/sessions: the six fields of the documented example. */
export function createdSessionBody(session: ChaserSession): JsonObject {
  return {
    id: session.id,
    object: "session",
    status: session.status,
    cdp_url: cdpUrl(session),
    created_at: isoMicros(session.createdAtMs),
    expires_at: isoMicros(session.expiresAtMs),
  };
}

/** GET /v1/sessions/{id} and list items: the fourteen fields of the documented example. */
export function sessionBody(session: ChaserSession, now: number): JsonObject {
  const traffic = trafficOf(session, now);
  return {
    id: session.id,
    object: "session",
    status: session.status,
    device: session.device.label,
    cdp_url: cdpUrl(session),
    bytes_up: traffic.up,
    bytes_down: traffic.down,
    // "Populated once connected": nothing ever connects to the emulator's CDP URL.
    proxy_ip: null,
    proxy_region: null,
    created_at: isoMicros(session.createdAtMs),
    ready_at: session.readyAtMs === null ? null : isoMicros(session.readyAtMs),
    expires_at: isoMicros(session.expiresAtMs),
    ended_at: session.endedAtMs === null ? null : isoMicros(session.endedAtMs),
    ended_reason: session.endedReason,
  };
}

/** Core API `SessionInfo` (required: created_at, endpoints, id, session_type, status). */
export function sessionInfoBody(session: ChaserSession): JsonObject {
  return {
    id: session.id,
    status: session.status,
    session_type: session.sessionType,
    created_at: isoMicros(session.createdAtMs),
    endpoints: { control: cdpUrl(session), video: null },
    active_connection_leases: 0,
    persistence: session.workspaceLabel !== null,
    workspace_id: session.workspaceId,
  };
}
