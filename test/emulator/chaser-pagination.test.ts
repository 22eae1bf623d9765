import { describe, expect, it } from "vitest";
import { KEY, OTHER_KEY, manualClock, startTestEmulator, type TestEmulator } from "./helpers.ts";

interface ListPage {
  data: { id: string; status: string; created_at: string; ended_reason: string | null }[];
  next_cursor: string | null;
  has_more: boolean;
}

async function page(emu: TestEmulator, query: string, key = KEY): Promise<ListPage> {
  const answer = await emu.chaser("GET", `/v1/sessions${query}`, { key });
  expect(answer.status).toBe(200);
  return answer.json;
}

describe("Chaser cursor pagination over seeded sessions", () => {
  it("walks 250 seeded closed sessions in pages of 100, newest first, each exactly once", async () => {
    const emu = await startTestEmulator({ clock: manualClock(), seed: { chaser: { closedSessions: 250 } } });
    const sizes: number[] = [];
    const seen: ListPage["data"] = [];
    let cursor: string | null = null;
    do {
      const current: ListPage = await page(emu, `?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      sizes.push(current.data.length);
      seen.push(...current.data);
      expect(current.has_more).toBe(current.next_cursor !== null);
      cursor = current.next_cursor;
    } while (cursor !== null);

    expect(sizes).toEqual([100, 100, 50]);
    expect(new Set(seen.map((s) => s.id)).size).toBe(250);
    for (let i = 1; i < seen.length; i++) expect(seen[i - 1]!.created_at > seen[i]!.created_at).toBe(true);
    expect(seen.every((s) => s.status === "closed" && s.ended_reason === "client_delete")).toBe(true);
  });

  it("uses limit 20 by default and the vendor's cursor shape (base64 of created_at|uuid)", async () => {
    const emu = await startTestEmulator({ seed: { chaser: { closedSessions: 25 } } });
    const first = await page(emu, "");
    expect(first.data).toHaveLength(20);
    expect(first.has_more).toBe(true);
    const decoded = Buffer.from(first.next_cursor!, "base64").toString("utf8");
    expect(decoded).toBe(`${first.data[19]!.created_at.replace("Z", "+00:00")}|${first.data[19]!.id.slice(5)}`);
    const second = await page(emu, `?cursor=${encodeURIComponent(first.next_cursor!)}`);
    expect(second.data).toHaveLength(5);
    expect(second).toMatchObject({ has_more: false, next_cursor: null });
  });

  it("answers has_more false and next_cursor null when the last page is exactly full", async () => {
    const emu = await startTestEmulator({ seed: { chaser: { closedSessions: 10 } } });
    const only = await page(emu, "?limit=10");
    expect(only.data).toHaveLength(10);
    expect(only).toMatchObject({ has_more: false, next_cursor: null });
    expect((await page(emu, "?limit=1")).data).toHaveLength(1);
  });

  it("neither repeats nor skips a session when sessions are created or deleted between pages", async () => {
    const emu = await startTestEmulator({ limits: false, seed: { chaser: { closedSessions: 30 } } });
    const first = await page(emu, "?limit=10");
    // A new session is newer than the cursor: it must not show up in the next pages.
    const fresh = await emu.createChaser();
    const rest: string[] = [];
    let cursor = first.next_cursor;
    while (cursor !== null) {
      const next = await page(emu, `?limit=10&cursor=${encodeURIComponent(cursor)}`);
      rest.push(...next.data.map((s) => s.id));
      cursor = next.next_cursor;
    }
    const all = [...first.data.map((s) => s.id), ...rest];
    expect(all).toHaveLength(30);
    expect(new Set(all).size).toBe(30);
    expect(all).not.toContain(fresh.id);
  });

  it("seeds every key's workspace separately", async () => {
    const emu = await startTestEmulator({ seed: { chaser: { closedSessions: 3 } } });
    const mine = (await page(emu, "?limit=100")).data.map((s) => s.id);
    const theirs = (await page(emu, "?limit=100", OTHER_KEY)).data.map((s) => s.id);
    expect(mine).toHaveLength(3);
    expect(theirs).toHaveLength(3);
    expect(mine.filter((id) => theirs.includes(id))).toEqual([]);
  });

  it("takes the Core API's offset, which the canonical document keeps: skipped after the cursor, anything but an integer >= 0 is 400", async () => {
    const emu = await startTestEmulator({ seed: { chaser: { closedSessions: 5 } } });
    const all = (await page(emu, "?limit=100")).data.map((s) => s.id);
    expect((await page(emu, "?limit=2&offset=1")).data.map((s) => s.id)).toEqual(all.slice(1, 3));
    const first = await page(emu, "?limit=2");
    expect((await page(emu, `?limit=2&offset=1&cursor=${encodeURIComponent(first.next_cursor!)}`)).data.map((s) => s.id)).toEqual(all.slice(3, 5));
    expect((await page(emu, "?offset=9")).data).toEqual([]);
    for (const bad of ["not-a-number", "-1", "1.5"]) {
      const answer = await emu.chaser("GET", `/v1/sessions?offset=${bad}`);
      expect(answer.status, bad).toBe(400);
      expect(answer.json).toMatchObject({ error: { code: "invalid_field", message: expect.stringMatching(/^offset: /) } });
    }
  });

  it("seeds ready sessions that are open and ready", async () => {
    const emu = await startTestEmulator({ seed: { chaser: { readySessions: 2, closedSessions: 1 } } });
    const statuses = (await page(emu, "")).data.map((s) => s.status);
    expect(statuses).toEqual(["ready", "ready", "closed"]);
  });
});
