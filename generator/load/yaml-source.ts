import { constructFromEvents, parseEvents, getScalarValue, YAMLException, type Event } from "js-yaml";
import { DriftlessError } from "../problems/error.ts";
import { finding } from "../problems/finding.ts";
import { parsePointer } from "../openapi/pointer.ts";

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
  readonly text: string;
  readonly value: unknown;
  #events: Event[] | undefined;
  #positions: PositionNode | undefined;
  #lineStarts: number[] | undefined;

  constructor(file: string, text: string, events: Event[], value: unknown) {
    this.file = file;
    this.text = text;
    this.value = value;
    this.#events = events;
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
    const starts = (this.#lineStarts ??= computeLineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  private positions(): PositionNode {
    if (!this.#positions) {
      this.#positions = buildPositions(this.#events ?? [], this.text, (o) => this.lineAt(o));
      this.#events = undefined;
    }
    return this.#positions;
  }
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** Parses `text` (named `file` in messages); a syntax error becomes a `yaml-syntax` finding with its line. */
export function parseYamlSource(file: string, text: string): YamlSource {
  try {
    const events = parseEvents(text, { filename: file });
    const [value] = constructFromEvents(events, { source: text, filename: file });
    return new YamlSource(file, text, events, value ?? null);
  } catch (error) {
    if (error instanceof YAMLException) {
      const line = error.mark ? error.mark.line + 1 : undefined;
      const f = finding("yaml-syntax", { sources: [{ file, line }], args: { reason: error.reason } });
      throw new DriftlessError("E_INPUT", `${file}${line ? `:${line}` : ""}: ${f.message}`, { findings: [f], cause: error });
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
  let documentsSeen = 0;

  const attach = (child: PositionNode, startLine: number): void => {
    const frame = stack[stack.length - 1];
    if (!frame) return;
    if (frame.kind === "document") {
      if (documentsSeen === 1) Object.assign(root, child, { line: startLine });
      return;
    }
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
        documentsSeen++;
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
        const node: PositionNode = { line };
        attach(node, line);
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
