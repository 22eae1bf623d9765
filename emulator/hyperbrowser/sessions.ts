import { randomToken, uuidV4 } from "../ids.ts";
import type { JsonObject } from "../json.ts";

/** Statuses the emulator produces; the vendor OpenAPI enum is active, closed, error. */
export type HyperbrowserStatus = "active" | "closed" | "error";

export interface HyperbrowserSession {
  readonly id: string;
  readonly owner: number;
  readonly teamId: string;
  /** Tie-breaker for sessions created in the same millisecond. */
  readonly sequence: number;
  readonly createdAtMs: number;
  readonly startTimeMs: number;
  /** From `timeoutMinutes`; null means the session stays active until stopped. */
  readonly timeoutAtMs: number | null;
  readonly launchState: JsonObject;
  readonly token: string;
  status: HyperbrowserStatus;
  updatedAtMs: number;
  endTimeMs: number | null;
}

export interface HyperbrowserSeed {
  /** Closed sessions created before the emulator started. */
  readonly closedSessions?: number;
  /** Sessions already active when the emulator starts. */
  readonly activeSessions?: number;
}

/**
 * In-memory Hyperbrowser sessions, one list per team (= key). Like the Chaser store, timeouts
 * are applied when a session is read, so there are no timers.
 */
export class HyperbrowserStore {
  private readonly byId = new Map<string, HyperbrowserSession>();
  private readonly byOwner = new Map<number, HyperbrowserSession[]>();
  private readonly teamIds = new Map<number, string>();
  private sequence = 0;

  create(owner: number, launch: { launchState: JsonObject; timeoutMinutes: number | null }, now: number): HyperbrowserSession {
    const session: HyperbrowserSession = {
      id: uuidV4(),
      owner,
      teamId: this.teamId(owner),
      sequence: this.sequence++,
      createdAtMs: now,
      startTimeMs: now,
      timeoutAtMs: launch.timeoutMinutes === null ? null : now + launch.timeoutMinutes * 60_000,
      launchState: launch.launchState,
      token: randomToken(24),
      status: "active",
      updatedAtMs: now,
      endTimeMs: null,
    };
    this.byId.set(session.id, session);
    const owned = this.byOwner.get(owner);
    if (owned === undefined) this.byOwner.set(owner, [session]);
    else owned.push(session);
    return session;
  }

  find(owner: number, id: string, now: number): HyperbrowserSession | undefined {
    const session = this.byId.get(id);
    if (session === undefined || session.owner !== owner) return undefined;
    advance(session, now);
    return session;
  }

  /** Newest first, optionally only one status. */
  list(owner: number, now: number, status?: string): HyperbrowserSession[] {
    const sessions = [...(this.byOwner.get(owner) ?? [])];
    for (const session of sessions) advance(session, now);
    return sessions.filter((s) => status === undefined || s.status === status).sort((a, b) => b.createdAtMs - a.createdAtMs || b.sequence - a.sequence);
  }

  /** Stopping is idempotent: a closed session stays as it is. */
  stop(session: HyperbrowserSession, now: number): void {
    advance(session, now);
    if (session.status !== "active") return;
    session.status = "closed";
    session.endTimeMs = now;
    session.updatedAtMs = now;
  }

  seed(owners: readonly number[], seed: HyperbrowserSeed, launchState: JsonObject, now: number): void {
    const closed = seed.closedSessions ?? 0;
    const active = seed.activeSessions ?? 0;
    for (let i = 0; i < closed; i++) {
      const createdAt = now - 3_600_000 - (closed - i) * 60_000;
      for (const owner of owners) this.stop(this.create(owner, { launchState, timeoutMinutes: null }, createdAt), createdAt + 300_000);
    }
    for (let i = 0; i < active; i++) {
      const createdAt = now - 10_000 - (active - i) * 1_000;
      for (const owner of owners) this.create(owner, { launchState, timeoutMinutes: null }, createdAt);
    }
  }

  /** One team id per key, stable for the emulator's lifetime. */
  private teamId(owner: number): string {
    let id = this.teamIds.get(owner);
    if (id === undefined) this.teamIds.set(owner, (id = uuidV4()));
    return id;
  }
}

function advance(session: HyperbrowserSession, now: number): void {
  if (session.status === "active" && session.timeoutAtMs !== null && now >= session.timeoutAtMs) {
    session.status = "closed";
    session.endTimeMs = session.timeoutAtMs;
    session.updatedAtMs = session.timeoutAtMs;
  }
}
