import { isObject, type JsonObject, type OpenApiDocument } from "../openapi/types.ts";
import { getAtPointer, toPointer } from "../openapi/pointer.ts";
import { COMPONENT_KINDS, kindAt, versionOf, type ObjectKind, type OpenApiVersion } from "../openapi/walk.ts";
import { collectLocalRefs, type LocalRef } from "./local-refs.ts";

/** One named component: `components.<kind>.<name>`. */
export interface ComponentEntry {
  /** "/components/schemas/Session": the identity used in sets and in messages. */
  key: string;
  kind: string;
  name: string;
  /** Position in the source document, so fragments list components in the vendor's order. */
  order: number;
}

/** A reference that cannot be followed, with where it was written. */
export interface BrokenRef {
  ref: string;
  /** JSON pointer (in the source document) of the object holding the `$ref`. */
  at: string;
}

/** What one value refers to: components to carry along, and local references that point elsewhere. */
export interface Dependencies {
  components: ComponentEntry[];
  /** Local refs outside `#/components/<kind>/<name>` (e.g. into `#/paths/…`): checked against each fragment. */
  elsewhere: LocalRef[];
}

/**
 * The "refers to" graph between a document's components, computed lazily and once per component.
 * Splitting GitHub's description (about 1,100 operations over about 900 schemas) walks each
 * component a single time; every operation's closure is then a traversal of this small graph.
 */
export class ComponentGraph {
  readonly #doc: OpenApiDocument;
  readonly #entries = new Map<string, ComponentEntry>();
  readonly #deps = new Map<string, Dependencies>();
  readonly #broken = new Map<string, BrokenRef>();
  readonly #version: OpenApiVersion;

  constructor(doc: OpenApiDocument) {
    this.#doc = doc;
    this.#version = versionOf(doc);
    let order = 0;
    const components = isObject(doc.components) ? doc.components : {};
    for (const [kind, members] of Object.entries(components)) {
      // `components.x-*` are extensions: data, not components.
      if (!isObject(members) || kind.startsWith("x-")) continue;
      for (const name of Object.keys(members)) {
        const key = toPointer(["components", kind, name]);
        this.#entries.set(key, { key, kind, name, order: order++ });
      }
    }
  }

  /** The component `components.<kind>.<name>`, if the document defines it. */
  entry(kind: string, name: string): ComponentEntry | undefined {
    return this.#entries.get(toPointer(["components", kind, name]));
  }

  value(entry: ComponentEntry): unknown {
    return (this.#doc.components as Record<string, JsonObject>)[entry.kind]![entry.name];
  }

  /** References that point at nothing, in the order they were met. */
  broken(): BrokenRef[] {
    return [...this.#broken.values()];
  }

  /** What `value`, an object of `kind` found at `at` in the document, refers to directly. */
  dependenciesOf(value: unknown, kind: ObjectKind, at: string[]): Dependencies {
    const refs: LocalRef[] = [];
    collectLocalRefs(value, kind, [...at], refs, this.#version);
    const components: ComponentEntry[] = [];
    const elsewhere: LocalRef[] = [];
    for (const ref of refs) {
      const [root, kind, name] = ref.target;
      // `components.x-*` is an extension (data): a ref into it is carried like one into `#/paths`.
      if (root !== "components" || kind === undefined || name === undefined || kind.startsWith("x-")) {
        elsewhere.push(ref);
        continue;
      }
      const entry = this.entry(kind, name);
      // A ref may point inside a component (`…/Session/properties/id`): the whole component travels.
      const resolves = entry !== undefined && (ref.target.length === 3 || getAtPointer(this.#doc, ref.target) !== undefined);
      if (resolves) components.push(entry);
      else if (!ref.implicit) this.#reportBroken(ref);
    }
    return { components, elsewhere };
  }

  /**
   * What the object at `target` (a pointer outside the components, e.g. into `#/paths`) refers to
   * directly, read as the kind that stands there; computed once per target.
   */
  dependenciesAt(target: string[]): Dependencies {
    const key = toPointer(target);
    let deps = this.#deps.get(key);
    if (!deps) {
      const kind = kindAt(target, this.#version);
      const value = getAtPointer(this.#doc, target);
      deps = kind === undefined || value === undefined ? { components: [], elsewhere: [] } : this.dependenciesOf(value, kind, [...target]);
      this.#deps.set(key, deps);
    }
    return deps;
  }

  /** Every component reachable from `start`, following references transitively; cycles end where they close. */
  closure(start: Iterable<ComponentEntry>): { components: Set<ComponentEntry>; elsewhere: LocalRef[] } {
    const seen = new Set<ComponentEntry>();
    const elsewhere: LocalRef[] = [];
    const stack = [...start];
    while (stack.length > 0) {
      const entry = stack.pop()!;
      if (seen.has(entry)) continue;
      seen.add(entry);
      const deps = this.#componentDependencies(entry);
      elsewhere.push(...deps.elsewhere);
      for (const next of deps.components) if (!seen.has(next)) stack.push(next);
    }
    return { components: seen, elsewhere };
  }

  #componentDependencies(entry: ComponentEntry): Dependencies {
    let deps = this.#deps.get(entry.key);
    if (!deps) {
      // A section OpenAPI does not define travels when referenced, but its inside is not known to hold references.
      const kind = COMPONENT_KINDS[entry.kind];
      deps = kind === undefined ? { components: [], elsewhere: [] } : this.dependenciesOf(this.value(entry), kind, ["components", entry.kind, entry.name]);
      this.#deps.set(entry.key, deps);
    }
    return deps;
  }

  #reportBroken(ref: LocalRef): void {
    const at = toPointer(ref.at);
    const id = `${at} ${ref.ref}`;
    if (!this.#broken.has(id)) this.#broken.set(id, { ref: ref.ref, at });
  }
}
