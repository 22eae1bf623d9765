import { finding, type Finding } from "../problems/finding.ts";

/** What one conversion collects: the file name for provenance and every finding, in discovery order. */
export class ConversionContext {
  readonly findings: Finding[] = [];

  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  /** "docs/x.md:28", the `x-source` entry of a markdown line. */
  source(line: number): string {
    return `${this.file}:${line}`;
  }

  /** A `docs-unreadable` error: `what` names the block ("the Request body table of POST /v1/sessions"). */
  unreadable(what: string, reason: string, line: number, pointer = ""): void {
    this.findings.push(finding("docs-unreadable", { pointer, sources: [{ file: this.file, line }], args: { what, reason } }));
  }
}
