import { EVENT_ID, type Event } from "js-yaml";

/**
 * What driftless reads before it refuses a file, in one place. Real descriptions stay far below
 * each (Microsoft Graph, the largest in the APIs.guru corpus, is 47 MB); hostile ones do not:
 * an alias bomb is a few hundred bytes that expand to billions of nodes in every walk after the
 * parse, and a document nested thousands deep overflows the stack of every recursive walk.
 */
export const INPUT_LIMITS = {
  /** Bytes of one file. */
  maxFileBytes: 256 * 1024 * 1024,
  /** Nesting of collections; js-yaml's parser enforces it (its default, stated here). */
  maxDepth: 100,
  /** Nodes the aliases of a file may add, beyond ten times the file's own nodes. */
  aliasExpansionAllowance: 1_000_000,
} as const;

/** Where and why a file's aliases expand too far; undefined when they do not. */
export interface AliasOverrun {
  /** Offset of the alias at which the expansion passed the limit. */
  offset: number;
  expanded: number;
  limit: number;
}

/**
 * Counts the nodes the file stands for once every alias is expanded — what each later walk of the
 * value visits — from the parser's events, before anything is constructed. Each anchor's expanded
 * size is known when its node closes, so the count is one pass over the events.
 */
export function aliasOverrun(events: readonly Event[], text: string): AliasOverrun | undefined {
  const limit = events.length * 10 + INPUT_LIMITS.aliasExpansionAllowance;
  const sizes = new Map<string, number>();
  const open: { size: number; anchor?: string }[] = [];
  let expanded = 0;
  const add = (n: number) => {
    expanded += n;
    const top = open.at(-1);
    if (top) top.size += n;
  };
  const anchorOf = (e: { anchorStart: number; anchorEnd: number }) => (e.anchorStart >= 0 ? text.slice(e.anchorStart, e.anchorEnd) : undefined);
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING:
        expanded += 1;
        open.push({ size: 1, anchor: anchorOf(event) });
        break;
      case EVENT_ID.SCALAR: {
        add(1);
        const anchor = anchorOf(event);
        if (anchor !== undefined) sizes.set(anchor, 1);
        break;
      }
      case EVENT_ID.ALIAS:
        add(sizes.get(text.slice(event.anchorStart, event.anchorEnd)) ?? 1);
        if (expanded > limit) return { offset: event.anchorStart, expanded, limit };
        break;
      case EVENT_ID.DOCUMENT:
        open.push({ size: 0 });
        break;
      case EVENT_ID.POP: {
        // A closed collection's size joins its parent's (counted in `expanded` as it grew).
        const closed = open.pop();
        if (closed?.anchor !== undefined) sizes.set(closed.anchor, closed.size);
        const parent = open.at(-1);
        if (closed && parent) parent.size += closed.size;
        break;
      }
    }
  }
  return undefined;
}
