import { hash } from "node:crypto";

/**
 * Components read once per API. Vendors' per-endpoint pages each carry every component they
 * reference, so one schema can stand in hundreds of fragments (Stripe cut per operation: 452
 * fragments, 363 MB, a few MB of it distinct). A component whose source text is the same as one
 * read before — same section, same `openapi` version, same layout — is not constructed again:
 * the fragment gets the object read the first time, and only distinct content is normalized,
 * compared and merged.
 *
 * The identity is a hash of the text from the component's key to the next key, with what else
 * decides how that text parses and normalizes (see `componentKey`). Same text is same value with
 * the same line offsets between its nodes, so a copy's lines are the first copy's lines shifted by
 * the distance between the two keys. Copies written differently are constructed as before and
 * compared by content in the merge.
 */
export class SharedComponents {
  readonly #byKey = new Map<string, object>();
  readonly #copies = new Map<object, number>();
  /** Components constructed from their text, and copies taken from one read before (for tests and benchmarks). */
  readonly counts = { read: 0, shared: 0 };

  /** The object of an identical component read before, or undefined. */
  find(key: string): object | undefined {
    return this.#byKey.get(key);
  }

  /**
   * Records what a file that was read to the end holds: the components it constructed (by key) and
   * the ones it took from earlier files. A file left to js-yaml's own constructor records nothing.
   */
  commit(read: Iterable<[string, object]>, taken: Iterable<object>): void {
    for (const [key, node] of read) {
      this.counts.read++;
      if (!this.#byKey.has(key)) this.#byKey.set(key, node);
    }
    for (const node of taken) {
      this.counts.shared++;
      this.#copies.set(node, (this.#copies.get(node) ?? 1) + 1);
    }
  }

  /** Whether more than one fragment holds this object. */
  isShared(node: object): boolean {
    return (this.#copies.get(node) ?? 1) > 1;
  }
}

/** What decides the value of a component's text besides the text itself. */
export interface ComponentContext {
  /** The document's `openapi` as written: normalization (3.0 → 3.1) and the walk depend on it. */
  openapi: string;
  /** `schemas`, `responses`, … */
  section: string;
  /** Block or flow style of the section's mapping, and the key's column: block YAML reads indentation. */
  style: number;
  column: number;
}

/** The content hash of one component: its context and the text from its key to the next key. */
export function componentKey(ctx: ComponentContext, text: string): string {
  return `${ctx.openapi}\u0000${ctx.section}\u0000${ctx.style}\u0000${ctx.column}\u0000${hash("sha1", text, "base64")}`;
}
