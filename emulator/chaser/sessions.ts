import { ApiError } from "../errors.ts";
import { createUuidV7Generator, uuidV4 } from "../ids.ts";
import { RATE_WINDOW_MS, type ChaserLimits } from "../limits.ts";
import { DEFAULT_PROFILE, deviceForProfile, type DeviceProfile } from "./devices.ts";

export type ChaserStatus = "creating" | "ready" | "closed" | "error";
export type SessionType = "browser" | "sandbox";

/** Why a session ended: `client_delete` is documented; the emulator adds `ttl_expired`. */
export type EndedReason = "client_delete" | "ttl_expired";
/** What the per-session rate limits count. */
export type SessionUse = "screenshot" | "preview-token";

export interface ChaserSession {
  readonly id: string;
  /** Index of the key (= workspace) that owns it. */
  readonly owner: number;
  readonly createdAtMs: number;
  /** When it becomes ready: creation + ready delay. */
  readonly readyDueMs: number;
  readonly expiresAtMs: number;
  readonly profile: string;
  readonly device: DeviceProfile;
  /** Core API (core-contract) attributes; Sessions API creations are ephemeral browsers. */
  readonly sessionType: SessionType;
  readonly workspaceLabel: string | null;
  readonly workspaceId: string | null;
  status: ChaserStatus;
  readyAtMs: number | null;
  endedAtMs: number | null;
  endedReason: EndedReason | null;
}

export interface NewSession {
  readonly ttlSeconds: number;
  readonly profile?: string;
  readonly sessionType?: SessionType;
  readonly workspaceLabel?: string | null;
}

export interface ChaserSeed {
  /** Closed sessions created before the emulator started, oldest an hour and more ago. */
  readonly closedSessions?: number;
  /** Sessions already `ready` when the emulator starts (they count towards the concurrency limit). */
  readonly readySessions?: number;
}

export const DEFAULT_TTL_SECONDS = 1800;

function isOpen(session: ChaserSession): boolean {
  return session.status === "creating" || session.status === "ready";
}

/**
 * In-memory Chaser sessions, one list per workspace (= key). Time never advances by itself:
 * every read first brings the session up to `now` (creating -> ready at readyDueMs, then
 * closed at expiresAtMs), which makes the lifecycle exact under an injected clock and leaves
 * no timers to clean up.
 */
export class ChaserStore {
  private readonly byId = new Map<string, ChaserSession>();
  private readonly byOwner = new Map<number, ChaserSession[]>();
  private readonly creationsByOwner = new Map<number, number[]>();
  private readonly usesBySession = new Map<string, number[]>();
  private readonly workspaceIds = new Map<string, string>();
  private readonly nextUuid = createUuidV7Generator();

  constructor(
    private readonly readyDelayMs: number,
    private readonly limits: ChaserLimits | false,
  ) {}

  /** Creates a session after checking the key's limits (429 rate_limited / concurrency_limit). */
  create(owner: number, input: NewSession, now: number): ChaserSession {
    this.enforceLimits(owner, now);
    const session = this.insert(owner, input, now, now + this.readyDelayMs);
    if (this.limits !== false) this.creations(owner).push(now);
    return session;
  }

  /** A session of this workspace brought up to `now`, or undefined (also for other workspaces' ids). */
  find(owner: number, id: string, now: number): ChaserSession | undefined {
    const session = this.byId.get(id);
    if (session === undefined || session.owner !== owner) return undefined;
    advance(session, now);
    return session;
  }

  /** The workspace's sessions brought up to `now`, newest first (created_at, then id, descending). */
  list(owner: number, now: number): ChaserSession[] {
    const sessions = [...(this.byOwner.get(owner) ?? [])];
    for (const session of sessions) advance(session, now);
    return sessions.sort(newestFirst);
  }

  /** Core API reuse: the open session of a named workspace, if one is live. */
  openInWorkspace(owner: number, label: string, now: number): ChaserSession | undefined {
    return this.list(owner, now).find((s) => s.workspaceLabel === label && isOpen(s));
  }

  /** Ends an open session; false when it was already closed. */
  close(session: ChaserSession, now: number, reason: EndedReason): boolean {
    advance(session, now);
    if (!isOpen(session)) return false;
    session.status = "closed";
    session.endedAtMs = now;
    session.endedReason = reason;
    return true;
  }

  /**
   * Pre-creates sessions in every workspace. Owners are interleaved per step so the UUIDv7 clock
   * of every id matches its created_at.
   */
  seed(owners: readonly number[], seed: ChaserSeed, now: number): void {
    const closed = seed.closedSessions ?? 0;
    const ready = seed.readySessions ?? 0;
    for (let i = 0; i < closed; i++) {
      const createdAt = now - 3_600_000 - (closed - i) * 60_000;
      for (const owner of owners) {
        const session = this.insert(owner, { ttlSeconds: DEFAULT_TTL_SECONDS }, createdAt, createdAt + 2_000);
        advance(session, createdAt + 2_000);
        this.close(session, createdAt + 300_000, "client_delete");
      }
    }
    for (let i = 0; i < ready; i++) {
      const createdAt = now - 10_000 - (ready - i) * 1_000;
      for (const owner of owners) advance(this.insert(owner, { ttlSeconds: DEFAULT_TTL_SECONDS }, createdAt, createdAt + 1_000), now);
    }
  }

  private insert(owner: number, input: NewSession, now: number, readyDueMs: number): ChaserSession {
    const profile = input.profile ?? DEFAULT_PROFILE;
    const label = input.workspaceLabel ?? null;
    const session: ChaserSession = {
      id: `sess_${this.nextUuid(now)}`,
      owner,
      createdAtMs: now,
      readyDueMs,
      expiresAtMs: now + input.ttlSeconds * 1000,
      profile,
      device: deviceForProfile(profile),
      sessionType: input.sessionType ?? "browser",
      workspaceLabel: label,
      workspaceId: label === null ? null : this.workspaceId(owner, label),
      status: "creating",
      readyAtMs: null,
      endedAtMs: null,
      endedReason: null,
    };
    this.byId.set(session.id, session);
    const owned = this.byOwner.get(owner);
    if (owned === undefined) this.byOwner.set(owner, [session]);
    else owned.push(session);
    return session;
  }

  private enforceLimits(owner: number, now: number): void {
    if (this.limits === false) return;
    const recent = this.creations(owner).filter((at) => at > now - RATE_WINDOW_MS);
    this.creationsByOwner.set(owner, recent);
    if (recent.length >= this.limits.createsPerMinutePerKey) {
      const oldest = recent[0]!;
      throw new ApiError(429, "rate_limited", `At most ${this.limits.createsPerMinutePerKey} sessions may be created per minute per API key.`, {
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + RATE_WINDOW_MS - now) / 1000)),
      });
    }
    const open = this.list(owner, now).filter(isOpen);
    if (open.length >= this.limits.concurrentSessionsPerKey) {
      // The earliest moment a slot frees up by itself (unless the client deletes one sooner).
      const nextExpiry = Math.min(...open.map((s) => s.expiresAtMs));
      throw new ApiError(429, "concurrency_limit", `At most ${this.limits.concurrentSessionsPerKey} sessions may be open at once per API key.`, {
        retryAfterSeconds: Math.max(1, Math.ceil((nextExpiry - now) / 1000)),
      });
    }
  }

  /**
   * Counts one screenshot or preview token of a session against its per-minute limit, or answers
   * 429 `rate_limited` with the seconds until the oldest use leaves the window. Refused uses do not count.
   */
  useSessionQuota(session: ChaserSession, use: SessionUse, now: number): void {
    if (this.limits === false) return;
    const limit = use === "screenshot" ? this.limits.screenshotsPerMinutePerSession : this.limits.previewTokensPerMinutePerSession;
    const key = `${session.id}\u0000${use}`;
    const recent = (this.usesBySession.get(key) ?? []).filter((at) => at > now - RATE_WINDOW_MS);
    if (recent.length >= limit) {
      this.usesBySession.set(key, recent);
      throw new ApiError(429, "rate_limited", `At most ${limit} ${use === "screenshot" ? "screenshots" : "preview tokens"} per minute per session.`, {
        retryAfterSeconds: Math.max(1, Math.ceil((recent[0]! + RATE_WINDOW_MS - now) / 1000)),
      });
    }
    recent.push(now);
    this.usesBySession.set(key, recent);
  }

  private creations(owner: number): number[] {
    let list = this.creationsByOwner.get(owner);
    if (list === undefined) this.creationsByOwner.set(owner, (list = []));
    return list;
  }

  /** A stable "durable workspace identity" per (key, label), minted on first use. */
  private workspaceId(owner: number, label: string): string {
    const key = `${owner}\u0000${label}`;
    let id = this.workspaceIds.get(key);
    if (id === undefined) this.workspaceIds.set(key, (id = uuidV4()));
    return id;
  }
}

/** Brings one session's status up to `now`. */
export function advance(session: ChaserSession, now: number): void {
  if (session.status === "creating" && now >= session.readyDueMs && session.readyDueMs < session.expiresAtMs) {
    session.status = "ready";
    session.readyAtMs = session.readyDueMs;
  }
  if (isOpen(session) && now >= session.expiresAtMs) {
    session.status = "closed";
    session.endedAtMs = session.expiresAtMs;
    session.endedReason = "ttl_expired";
  }
}

export function newestFirst(a: ChaserSession, b: ChaserSession): number {
  if (a.createdAtMs !== b.createdAtMs) return b.createdAtMs - a.createdAtMs;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Simulated traffic: a fixed handshake once ready, then a steady rate until the session ends.
 * Deterministic, so tests can predict it from the clock.
 */
export function trafficOf(session: ChaserSession, now: number): { up: number; down: number } {
  if (session.readyAtMs === null) return { up: 0, down: 0 };
  const seconds = Math.max(0, (session.endedAtMs ?? now) - session.readyAtMs) / 1000;
  return { up: 2_048 + Math.floor(seconds * 150), down: 8_192 + Math.floor(seconds * 1_200) };
}
