import type { Nodes, Root } from "mdast";
import { finding, type Finding } from "../problems/finding.ts";
import { lineOf } from "./markdown.ts";

/** The elements a page is accounted by: each is read (an info finding) or not (a warning saying why). */
const ELEMENT_TYPES = new Set(["heading", "table", "list", "code"]);

export interface ConversionOptions {
  /** The API's server URLs: full URLs under one of them become paths relative to it. */
  servers?: readonly string[];
  /** Path templates the API documents elsewhere (fragments, other pages), for calls whose path holds concrete ids. */
  knownPaths?: readonly string[];
}

/**
 * What one conversion collects: the file name for provenance, every finding in discovery order,
 * and the ledger of the page's elements (headings, tables, lists, code blocks), so that none is
 * passed over in silence.
 */
export class ConversionContext {
  readonly findings: Finding[] = [];
  private readonly accounted = new Map<Nodes, "read" | "unread">();
  /** Facts folded from the page (operations, fields, rules): none means the page said nothing we understood. */
  facts = 0;
  /** Calls (curl) whose path held concrete ids that no known template matched. */
  unresolvedCalls = 0;
  readonly servers: readonly string[];
  readonly knownPaths: readonly string[];

  constructor(
    readonly file: string,
    readonly text: string,
    options: ConversionOptions = {},
  ) {
    this.servers = options.servers ?? [];
    this.knownPaths = options.knownPaths ?? [];
  }

  /** "docs/x.md:28", the `x-source` entry of a markdown line. */
  source(line: number): string {
    return `${this.file}:${line}`;
  }

  /** A part of an element that was not read (a row, a cell, a broken example): a warning with its line and why. */
  unread(line: number, what: string, reason: string, pointer = ""): void {
    this.findings.push(finding("docs-unread", { pointer, sources: [{ file: this.file, line }], args: { what, reason } }));
  }

  /** The element was folded in; `what` says as what ("the Query parameters table of GET /v1/x: 2 parameters"). */
  read(node: Nodes, what: string, pointer = ""): void {
    if (this.accounted.get(node) === "read") return;
    this.accounted.set(node, "read");
    this.findings.push(finding("docs-read", { severity: "info", pointer, sources: [{ file: this.file, line: lineOf(node) }], args: { what } }));
  }

  /** The element was looked at and not understood: a warning saying why, at `line` (the element's, by default). */
  skip(node: Nodes, what: string, reason: string, pointer = "", line = lineOf(node)): void {
    if (this.accounted.has(node)) return;
    this.accounted.set(node, "unread");
    this.unread(line, what, reason, pointer);
  }

  isAccounted(node: Nodes): boolean {
    return this.accounted.has(node);
  }

  /** Every element nobody accounted for is reported; a page that gave nothing is one warning naming it. */
  finish(root: Root, reasonFor: (node: Nodes) => { what: string; reason: string }): void {
    for (const node of root.children) {
      if (!ELEMENT_TYPES.has(node.type) || this.accounted.has(node)) continue;
      const { what, reason } = reasonFor(node);
      this.skip(node, what, reason);
    }
    if (this.facts === 0) {
      const unread = [...this.accounted.values()].filter((v) => v === "unread").length;
      this.findings.push(finding("docs-page-empty", { sources: [{ file: this.file, line: 1 }], args: { file: this.file, unread } }));
    }
  }
}
