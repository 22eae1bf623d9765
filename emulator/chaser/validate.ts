import { ApiError } from "../errors.ts";
import { isJsonObject, type JsonObject, type JsonValue } from "../json.ts";
import { DEFAULT_TTL_SECONDS, type NewSession, type SessionType } from "./sessions.ts";

/**
 * Request validation for both Chaser contracts. A body that is not an object or picks neither
 * variant is `invalid_request`; one bad field is `invalid_field` with the field named first in
 * the message. The envelope stays exactly `{ error: { code, message } }`.
 */

export const TTL_RANGE = { min: 60, max: 3600 } as const;
export const LIMIT_RANGE = { min: 1, max: 100, default: 20 } as const;

function invalidField(field: string, rule: string): ApiError {
  return new ApiError(400, "invalid_field", `${field}: ${rule}`);
}

/** Sessions API create: `ttl_seconds` 60–3600 (default 1800) and `profile`. Other fields are ignored. */
export function parseCreateSession(body: JsonObject): NewSession {
  const ttl = body.ttl_seconds;
  if (ttl !== undefined && !(Number.isInteger(ttl) && (ttl as number) >= TTL_RANGE.min && (ttl as number) <= TTL_RANGE.max)) {
    throw invalidField("ttl_seconds", `must be an integer from ${TTL_RANGE.min} to ${TTL_RANGE.max}`);
  }
  const profile = body.profile;
  if (profile !== undefined && !(typeof profile === "string" && profile.length > 0 && profile.length <= 64)) {
    throw invalidField("profile", "must be a string of 1 to 64 characters");
  }
  return {
    ttlSeconds: (ttl as number | undefined) ?? DEFAULT_TTL_SECONDS,
    ...(profile === undefined ? {} : { profile: profile as string }),
  };
}

/** A whole number from a query parameter, or the default when absent. */
export function queryInteger(query: URLSearchParams, name: string, range: { min: number; max: number; default: number }): number {
  const raw = query.get(name);
  if (raw === null) return range.default;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < range.min || Number(raw) > range.max) {
    throw invalidField(name, `must be an integer from ${range.min} to ${range.max}`);
  }
  return Number(raw);
}

/**
 * Core API create body, `CreateSessionRequestDoc`: oneOf a persistent variant (`workspace`
 * required) and an ephemeral one (`ephemeral` required). A body matching both or neither fails
 * the oneOf. `image` is accepted only for ephemeral sessions, as the fragment says.
 */
export function parseCreateCoreSession(body: JsonObject): { workspace: string | null; sessionType: SessionType } {
  const hasWorkspace = body.workspace !== undefined;
  const hasEphemeral = body.ephemeral !== undefined;
  if (hasWorkspace === hasEphemeral) {
    throw new ApiError(400, "invalid_request", "Provide either `workspace` (persistent session) or `ephemeral` (fresh session), not both or neither.");
  }
  if (hasWorkspace && !(typeof body.workspace === "string" && body.workspace.length > 0)) {
    throw invalidField("workspace", "must be a non-empty string (label or UUID)");
  }
  if (hasEphemeral && typeof body.ephemeral !== "boolean") throw invalidField("ephemeral", "must be a boolean");
  if (hasWorkspace && body.image !== undefined) {
    throw invalidField("image", "is accepted only for ephemeral sessions; workspace sessions inherit it");
  }
  for (const field of ["image", "github_repo", "proxy"]) {
    if (!isOptionalNullableString(body[field])) throw invalidField(field, "must be a string or null");
  }
  const env = body.env;
  if (env !== undefined && !(isJsonObject(env) && Object.values(env).every((v) => typeof v === "string"))) {
    throw invalidField("env", "must be an object of strings");
  }
  const sessionType = body.session_type;
  if (sessionType !== undefined && sessionType !== null && sessionType !== "browser" && sessionType !== "sandbox") {
    throw invalidField("session_type", "must be browser, sandbox or null");
  }
  return {
    workspace: hasWorkspace ? (body.workspace as string) : null,
    sessionType: typeof sessionType === "string" ? sessionType : "browser",
  };
}

function isOptionalNullableString(value: JsonValue | undefined): boolean {
  return value === undefined || value === null || typeof value === "string";
}
