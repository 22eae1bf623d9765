import { boolCoreTag, floatCoreTag, getScalarValue, intCoreTag, NOT_RESOLVED, nullCoreTag, type Event, type ScalarEvent } from "js-yaml";

const EV = { DOCUMENT: 1, SEQUENCE: 2, MAPPING: 3, SCALAR: 4, ALIAS: 5, POP: 6 } as const;
const PLAIN = 1;
const CORE_RESOLVERS = [nullCoreTag, boolCoreTag, intCoreTag, floatCoreTag];

/** The value of a file and the line of each of its objects (the line of its key, or where it starts). */
export interface Constructed {
  value: unknown;
  lines: Map<object, number>;
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

interface Frame {
  container: Record<string, unknown> | unknown[];
  key?: string;
  keyOffset: number;
}

/**
 * Builds the value from js-yaml's events in one pass and notes each object's line on the way —
 * the positions the merge needs (provenance of operations, parameters and schemas) at the cost
 * of constructing. Returns undefined for YAML features it leaves to js-yaml's own constructor.
 */
export function constructWithLines(events: Event[], text: string, lineAt: (offset: number) => number): Constructed | undefined {
  const lines = new Map<object, number>();
  const stack: Frame[] = [];
  let root: unknown = null;
  let rootSet = false;

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

  try {
    for (const event of events) {
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
          place(container, event.start);
          stack.push({ container, keyOffset: -1 });
          break;
        }
        case EV.SCALAR:
          if (event.tagStart >= 0 || event.anchorStart >= 0) throw new Unsupported();
          place(plainValue(text, event), event.valueStart);
          break;
        case EV.ALIAS:
          throw new Unsupported();
        case EV.POP:
          if (stack.length > 0) stack.pop();
          else return { value: root, lines };
          break;
      }
    }
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  return { value: root, lines };
}
