import { componentKey, type SharedComponents } from "./shared-components.ts";
import { boolCoreTag, floatCoreTag, getScalarValue, intCoreTag, NOT_RESOLVED, nullCoreTag, type Event, type ScalarEvent } from "js-yaml";

const EV = { DOCUMENT: 1, SEQUENCE: 2, MAPPING: 3, SCALAR: 4, ALIAS: 5, POP: 6 } as const;
const PLAIN = 1;
const CORE_RESOLVERS = [nullCoreTag, boolCoreTag, intCoreTag, floatCoreTag];

/** The value of a file and the line of each of its objects (the line of its key, or where it starts). */
export interface Constructed {
  value: unknown;
  lines: Map<object, number>;
  /**
   * Components taken from an identical copy read before (`SharedComponents`), each with the line
   * of its key in this file; `lines` has none of their objects (they belong to the first copy).
   */
  borrowed: Map<object, number>;
}

/** Raised for input this constructor leaves to js-yaml: tags, anchors, aliases, merge keys, complex keys. */
class Unsupported extends Error {}

/** A duplicate key, reported with its offset so the loader can name the line. */
export class DuplicateKeyError extends Error {
  constructor(
    readonly key: string,
    readonly offset: number,
  ) {
    super(`duplicated mapping key '${key}'`);
  }
}

function plainValue(text: string, event: ScalarEvent): unknown {
  const source = getScalarValue(text, event);
  if (event.style !== PLAIN) return source;
  const first = source.charCodeAt(0);
  // Most plain scalars are words; only these first characters can start a null, bool or number.
  const maybeTyped =
    source === "" || first === 126 /* ~ */ || first === 46 /* . */ || first === 43 || first === 45 || (first >= 48 && first <= 57) || "nNtTfF".includes(source[0]!);
  if (!maybeTyped) return source;
  for (const tag of CORE_RESOLVERS) {
    const resolved = (tag as unknown as { resolve(s: string, explicit: boolean): unknown }).resolve(source, false);
    if (resolved !== NOT_RESOLVED) return resolved;
  }
  return source;
}

/**
 * The string as a copy of its own. js-yaml's scalars are slices of the file's text, and V8 keeps
 * the whole text alive for as long as any slice of 13 characters or more lives: one description
 * kept from each of Stripe's fragments kept all 363 MB. Property names are copied by V8 itself.
 */
function detached(value: string): string {
  // Concatenating makes a rope; slicing it flattens the rope into a new string first.
  return value.length < 13 ? value : ` ${value}`.slice(1);
}

interface Frame {
  container: Record<string, unknown> | unknown[];
  key?: string;
  keyOffset: number;
  /** The key this mapping stands at in its parent mapping (to recognise components/<section>). */
  at?: string;
  style: number;
}

/** Index of the last event of the node that starts at `first` (its POP for a collection). */
function endOfNode(events: Event[], first: number): number {
  const start = events[first]!;
  if (start.type !== EV.MAPPING && start.type !== EV.SEQUENCE) return first;
  let depth = 0;
  for (let i = first; i < events.length; i++) {
    const type = events[i]!.type;
    if (type === EV.MAPPING || type === EV.SEQUENCE) depth++;
    else if (type === EV.POP && --depth === 0) return i;
  }
  return events.length - 1;
}

/** Offset of the first event after `index` that has one; the end of the text when none has. */
function offsetAfter(events: Event[], index: number, text: string): number {
  for (let i = index + 1; i < events.length; i++) {
    const event = events[i]!;
    const offset =
      event.type === EV.SCALAR ? event.valueStart : event.type === EV.MAPPING || event.type === EV.SEQUENCE ? event.start : event.type === EV.ALIAS ? event.anchorStart : -1;
    if (offset >= 0) return offset;
  }
  return text.length;
}

/** The source text of the root mapping's scalar `key` ("" when it has none): read before the components that depend on it. */
function rootScalar(events: Event[], text: string, key: string): string {
  let depth = 0;
  let atKey = true;
  let wanted = false;
  for (const event of events) {
    switch (event.type) {
      case EV.DOCUMENT:
        depth++;
        break;
      case EV.MAPPING:
      case EV.SEQUENCE:
        if (depth === 2) {
          if (wanted) return "";
          atKey = true; // a collection value: the next scalar here is a key
        }
        depth++;
        break;
      case EV.SCALAR:
        if (depth !== 2) break;
        if (atKey) wanted = getScalarValue(text, event) === key;
        else if (wanted) return getScalarValue(text, event);
        atKey = !atKey;
        break;
      case EV.POP:
        if (--depth < 2) return "";
        break;
    }
  }
  return "";
}

/**
 * Builds the value from js-yaml's events in one pass and notes each object's line on the way —
 * the positions the merge needs (provenance of operations, parameters and schemas) at the cost
 * of constructing. Returns undefined for YAML features it leaves to js-yaml's own constructor.
 *
 * With `shared`, each entry of `components/<section>` is looked up by the hash of its text first:
 * a copy of a component read before is not constructed (its events are skipped) and the value
 * holds the object read the first time; see `SharedComponents`.
 */
export function constructWithLines(events: Event[], text: string, lineAt: (offset: number) => number, shared?: SharedComponents): Constructed | undefined {
  const lines = new Map<object, number>();
  const borrowed = new Map<object, number>();
  const read: [string, object][] = [];
  const stack: Frame[] = [];
  let root: unknown = null;
  let rootSet = false;
  let openapi: string | undefined;
  let pendingKey: string | undefined;

  const place = (value: unknown, offset: number): void => {
    const frame = stack[stack.length - 1];
    if (!frame) {
      if (!rootSet) {
        root = value;
        rootSet = true;
      }
      return;
    }
    if (Array.isArray(frame.container)) {
      frame.container.push(value);
      return;
    }
    if (frame.key === undefined) {
      if (typeof value === "object" && value !== null) throw new Unsupported();
      const key = String(value);
      if (key === "<<") throw new Unsupported();
      if (Object.hasOwn(frame.container, key)) throw new DuplicateKeyError(key, offset);
      frame.key = key;
      frame.keyOffset = offset;
      return;
    }
    frame.container[frame.key] = value;
    frame.key = undefined;
  };

  /** The section (`schemas`, …) when the top frame is a mapping of components/<section>. */
  const componentSection = (): string | undefined => {
    if (stack.length !== 3) return undefined;
    const [top, components, section] = stack as [Frame, Frame, Frame];
    if (Array.isArray(top.container) || Array.isArray(components.container) || Array.isArray(section.container)) return undefined;
    return components.at === "components" ? section.at : undefined;
  };

  try {
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      switch (event.type) {
        case EV.DOCUMENT:
          break;
        case EV.MAPPING:
        case EV.SEQUENCE: {
          if (event.tagStart >= 0 || event.anchorStart >= 0) throw new Unsupported();
          const container = event.type === EV.MAPPING ? ({} as Record<string, unknown>) : ([] as unknown[]);
          const parent = stack[stack.length - 1];
          const atKey = parent && !Array.isArray(parent.container) && parent.key !== undefined;
          const offset = atKey ? parent.keyOffset : event.start;
          lines.set(container, lineAt(Math.max(offset, 0)));
          const at = atKey ? parent.key : undefined;
          place(container, event.start);
          stack.push({ container, keyOffset: -1, at, style: event.style });
          if (pendingKey !== undefined) {
            read.push([pendingKey, container]);
            pendingKey = undefined;
          }
          break;
        }
        case EV.SCALAR: {
          if (event.tagStart >= 0 || event.anchorStart >= 0) throw new Unsupported();
          const frame = stack[stack.length - 1];
          const value = plainValue(text, event);
          const isKey = frame !== undefined && !Array.isArray(frame.container) && frame.key === undefined;
          place(typeof value === "string" && !isKey ? detached(value) : value, event.valueStart);
          // A key just placed in components/<section> whose value is a collection: a component.
          const next = events[i + 1];
          if (!shared || frame?.key === undefined || (next?.type !== EV.MAPPING && next?.type !== EV.SEQUENCE)) break;
          const section = componentSection();
          if (section === undefined) break;
          const last = endOfNode(events, i + 1);
          const keyOffset = event.valueStart;
          openapi ??= rootScalar(events, text, "openapi");
          const column = keyOffset - (text.lastIndexOf("\n", keyOffset - 1) + 1);
          const key = componentKey({ openapi, section, style: frame.style, column }, text.slice(keyOffset, offsetAfter(events, last, text)));
          const known = shared.find(key);
          if (known === undefined) {
            pendingKey = key;
            break;
          }
          place(known, keyOffset);
          borrowed.set(known, lineAt(keyOffset));
          i = last; // its events are the first copy's: nothing to construct
          break;
        }
        case EV.ALIAS:
          throw new Unsupported();
        case EV.POP:
          if (stack.length > 0) stack.pop();
          else return done();
          break;
      }
    }
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  return done();

  function done(): Constructed {
    shared?.commit(read, borrowed.keys());
    return { value: root, lines, borrowed };
  }
}
