import { IndentationText, NewLineKind, Project, QuoteKind, type SourceFile } from "ts-morph";
import { generatedHeader } from "./header.ts";

/**
 * A fresh in-memory ts-morph source file to build a module's AST in. Formatting is fixed here
 * (LF, two spaces, double quotes) so that the output is byte-for-byte the same on every machine.
 */
export function newSourceFile(name: string): SourceFile {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, newLineKind: NewLineKind.LineFeed, quoteKind: QuoteKind.Double, useTrailingCommas: true },
  });
  return project.createSourceFile(name);
}

/**
 * The module's text with the do-not-edit header. Initializers written as text keep the
 * indentation ts-morph gives their first line only; the TypeScript formatter evens it out.
 */
export function printSource(apiId: string, file: SourceFile): string {
  file.formatText({ indentSize: 2, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true });
  return `${generatedHeader(apiId)}\n\n${file.getFullText().replace(/\s*$/, "\n")}`;
}
