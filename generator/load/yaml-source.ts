import { constructFromEvents, parseEvents, getScalarValue, YAMLException, type Event } from "js-yaml";
import { DriftlessError } from "../problems/error.ts";
import { finding, messageOf } from "../problems/finding.ts";
import { parsePointer } from "../openapi/pointer.ts";
import { constructWithLines, DuplicateKeyError } from "./construct.ts";
import type { SharedComponents } from "./shared-components.ts";
import { X_SOURCE } from "../openapi/types.ts";
import { aliasOverrun, INPUT_LIMITS } from "./limits.ts";
import { computeLineStarts, lineFromStarts } from "./line-index.ts";

export { computeLineStarts, lineFromStarts };

/** Line of a node in its source file, with the positions of its children (mapping keys or sequence indexes). */
interface PositionNode {
  line: number;
  children?: Map<string, PositionNode>;
}

/**
 * A parsed YAML (or JSON) file that can say on which line any JSON pointer inside it starts.
 *
 * Positions are what make findings useful, but building them for every node of every file is
 * what makes YAML loaders slow. So the file is parsed once into js-yaml's flat event stream; the
 * value is constructed from it right away, and the position tree only on the first `lineOf`.
 */
export class YamlSource {
  readonly file: string;
  readonly value: unknown;
  #text: string | undefined;
  readonly #reread: (() => string) | undefined;
  #events: Event[] | undefined;
  #positions: PositionNode | undefined;
  #lineStarts: number[] | undefined;

  #objectLines: Map<object, number> | undefined;
  /**
   * Components this file holds as the object of an identical copy read from another file
   * (`SharedComponents`), with the line of this copy's key. Their nodes have no line here:
   * a line inside one is the first copy's line shifted by the distance between the keys.
   */
  readonly borrowed: ReadonlyMap<object, number>;

  constructor(file: string, text: string, events: Event[], value: unknown, objectLines?: Map<object, number>, borrowed?: Map<object, number>, reread?: () => string) {
    this.file = file;
    this.value = value;
    this.borrowed = borrowed ?? new Map();
    // With object lines in hand the events are only needed for an error's position: drop them
    // (at GitHub's scale they were most of the retained memory) and re-parse if ever asked.
    this.#events = objectLines ? undefined : events;
    this.#objectLines = objectLines;
    // Likewise the text, when it can be read again: Stripe's fragments are 363 MB of text (twice
    // that in memory, as any non-ASCII character makes a string two bytes a character).
    this.#reread = objectLines ? reread : undefined;
    this.#text = this.#reread ? undefined : text;
  }

  /** The file's text: kept, or read again from the file when a position or a code frame needs it. */
  get text(): string {
    return this.#text ?? this.#reread!();
  }

  /** Line of an object of `value` as parsed (its key's line), without walking any pointer. */
  lineOfNode(node: object): number | undefined {
    return this.#objectLines?.get(node) ?? this.borrowed.get(node);
  }

  /** 1-based line of the node at `pointer`, or of its nearest ancestor that exists. */
  lineOf(pointer: string | string[]): number {
    let node = this.positions();
    const segments = typeof pointer === "string" ? parsePointer(pointer) : pointer;
    for (const segment of segments) {
      const next = node.children?.get(segment);
      if (!next) break;
      node = next;
    }
    return node.line;
  }

  /** 1-based line of a character offset. */
  lineAt(offset: number): number {
    return lineFromStarts((this.#lineStarts ??= computeLineStarts(this.text)), offset);
  }

  private positions(): PositionNode {
    if (!this.#positions) {
      const text = this.text;
      const starts = (this.#lineStarts ??= computeLineStarts(text));
      this.#positions = buildPositions(this.#events ?? parseEvents(text, { filename: this.file }), text, (o) => lineFromStarts(starts, o));
      this.#events = undefined;
    }
    return this.#positions;
  }
}

/**
 * Parses `text` (named `file` in messages); a syntax error becomes a `yaml-syntax` finding with its line.
 * With `shared` (the fragments of one API), components identical to ones read before are not constructed again;
 * with `reread`, the text is not kept but read again when a position is asked for.
 */
export function parseYamlSource(file: string, text: string, options: { shared?: SharedComponents; reread?: () => string } = {}): YamlSource {
  try {
    const events = parseEvents(text, { filename: file, maxDepth: INPUT_LIMITS.maxDepth });
    const starts = computeLineStarts(text);
    // A file that writes `x-source` itself is read whole: its own stamps would not follow a copy's lines.
    const shared = options.shared && !text.includes(X_SOURCE) ? options.shared : undefined;
    const constructed = constructWithLines(events, text, (offset) => lineFromStarts(starts, offset), shared);
    if (constructed) return new YamlSource(file, text, events, constructed.value ?? null, constructed.lines, constructed.borrowed, options.reread);
    // Tags, anchors and merge keys: js-yaml's own constructor, positions built on demand. Aliases
    // are counted first: constructing a bomb is cheap (shared objects), every walk after it is not.
    const overrun = aliasOverrun(events, text);
    if (overrun) {
      const line = lineFromStarts(computeLineStarts(text), overrun.offset);
      const what = `the expansion of its YAML aliases (more than ${overrun.expanded.toLocaleString("en-US")} nodes by this alias)`;
      const f = finding("input-limit", { sources: [{ file, line }], args: { what, limit: `${overrun.limit.toLocaleString("en-US")} nodes` } });
      throw new DriftlessError("E_INPUT", `${file}:${line}: ${messageOf(f)}`, { findings: [f] });
    }
    const [value] = constructFromEvents(events, { source: text, filename: file });
    return new YamlSource(file, text, events, value ?? null);
  } catch (error) {
    if (error instanceof DuplicateKeyError) {
      const line = lineFromStarts(computeLineStarts(text), error.offset);
      const f = finding("yaml-syntax", { sources: [{ file, line }], args: { reason: error.message } });
      throw new DriftlessError("E_INPUT", `${file}:${line}: ${messageOf(f)}`, { findings: [f], cause: error });
    }
    if (error instanceof YAMLException) {
      const line = error.mark ? error.mark.line + 1 : undefined;
      const f = finding("yaml-syntax", { sources: [{ file, line }], args: { reason: error.reason } });
      throw new DriftlessError("E_INPUT", `${file}${line ? `:${line}` : ""}: ${messageOf(f)}`, { findings: [f], cause: error });
    }
    throw error;
  }
}

interface Frame {
  node: PositionNode;
  kind: "document" | "mapping" | "sequence";
  /** For mappings: the key waiting for its value, or undefined when the next scalar is a key. */
  key?: string;
  keyLine?: number;
  index: number;
}

const EV = { DOCUMENT: 1, SEQUENCE: 2, MAPPING: 3, SCALAR: 4, ALIAS: 5, POP: 6 } as const;

function buildPositions(events: Event[], text: string, lineAt: (offset: number) => number): PositionNode {
  const root: PositionNode = { line: 1 };
  const stack: Frame[] = [];

  const attach = (child: PositionNode, startLine: number): void => {
    const frame = stack[stack.length - 1];
    if (!frame) return;
    if (frame.kind === "document") return; // a scalar document has no children to place
    frame.node.children ??= new Map();
    if (frame.kind === "sequence") {
      child.line = startLine;
      frame.node.children.set(String(frame.index++), child);
    } else {
      child.line = frame.keyLine ?? startLine;
      frame.node.children.set(frame.key ?? "", child);
      frame.key = undefined;
      frame.keyLine = undefined;
    }
  };

  for (const event of events) {
    switch (event.type) {
      case EV.DOCUMENT:
        stack.push({ node: root, kind: "document", index: 0 });
        break;
      case EV.MAPPING:
      case EV.SEQUENCE: {
        const frame = stack[stack.length - 1];
        const line = event.start >= 0 ? lineAt(event.start) : (frame?.node.line ?? 1);
        if (frame?.kind === "mapping" && frame.keyLine === undefined) {
          // A collection used as a mapping key: rare in OpenAPI; remember it under a placeholder.
          frame.key = "?";
          frame.keyLine = line;
        }
        // The document's top collection is the root itself, so its children land on the tree.
        const node: PositionNode = frame?.kind === "document" ? root : { line };
        if (node === root) root.line = line;
        else attach(node, line);
        stack.push({ node, kind: event.type === EV.MAPPING ? "mapping" : "sequence", index: 0 });
        break;
      }
      case EV.SCALAR:
      case EV.ALIAS: {
        const frame = stack[stack.length - 1];
        const offset = event.type === EV.SCALAR ? event.valueStart : event.anchorStart;
        const line = offset >= 0 ? lineAt(offset) : (frame?.node.line ?? 1);
        if (frame?.kind === "mapping" && frame.keyLine === undefined) {
          frame.key = event.type === EV.SCALAR ? getScalarValue(text, event) : "*";
          frame.keyLine = line;
        } else {
          attach({ line }, line);
        }
        break;
      }
      case EV.POP:
        stack.pop();
        break;
    }
  }
  return root;
}
