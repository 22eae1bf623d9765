import { isoMicros } from "../clock.ts";
import type { ChaserSession } from "./sessions.ts";

/**
 * Cursors have the vendor's shape: base64 of `<created_at with +00:00>|<uuid>` (the example
 * cursor on the Sessions API page decodes to exactly that). A cursor names the last item of
 * a page; the next page holds the sessions strictly older than it, so deleting or adding
 * sessions between pages never repeats or skips one.
 */
export interface CursorPosition {
  readonly createdAtMs: number;
  readonly id: string;
}

const CURSOR_TEXT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})\d{3}\+00:00\|([0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})$/;

export function encodeCursor(session: ChaserSession): string {
  const when = isoMicros(session.createdAtMs).replace(/Z$/, "+00:00");
  return Buffer.from(`${when}|${session.id.replace(/^sess_/, "")}`, "utf8").toString("base64");
}

export function decodeCursor(cursor: string): CursorPosition | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(cursor)) return undefined;
  const match = CURSOR_TEXT.exec(Buffer.from(cursor, "base64").toString("utf8"));
  if (match === null) return undefined;
  const createdAtMs = Date.parse(`${match[1]}Z`);
  return Number.isNaN(createdAtMs) ? undefined : { createdAtMs, id: `sess_${match[2]}` };
}

/** True when `session` comes after the cursor position in newest-first order. */
export function isAfterCursor(session: ChaserSession, position: CursorPosition): boolean {
  if (session.createdAtMs !== position.createdAtMs) return session.createdAtMs < position.createdAtMs;
  return session.id < position.id;
}
