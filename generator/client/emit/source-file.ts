import { IndentationText, NewLineKind, Project, QuoteKind, StructureKind, type StatementStructures, type WriterFunction } from "ts-morph";
import { generatedHeader } from "./header.ts";

/** The statements of a module: structures (imports, classes, …), or code as text. */
export type ModuleStatements = (string | WriterFunction | StatementStructures)[];

let project: Project | undefined;

/**
 * One in-memory project for every module: creating a project (and its language service, which
 * formats) costs more than printing a small module. Formatting is fixed here (LF, two spaces,
 * double quotes) so that the output is byte-for-byte the same on every machine.
 */
function sharedProject(): Project {
  project ??= new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, newLineKind: NewLineKind.LineFeed, quoteKind: QuoteKind.Double, useTrailingCommas: true },
  });
  return project;
}

/**
 * A module's text with the do-not-edit header, from its statements as one structure. The whole
 * module is printed and parsed once: each ts-morph manipulation (addClass, addMethod, …) would
 * re-parse the file, which made emitting most of the client stage's CPU. Initializers written as
 * text keep the indentation ts-morph gives their first line only; the TypeScript formatter evens
 * it out.
 */
export function printModule(apiId: string, name: string, statements: ModuleStatements): string {
  const p = sharedProject();
  const file = p.createSourceFile(name, { kind: StructureKind.SourceFile, statements: spaced(statements) }, { overwrite: true });
  try {
    const text = p.getLanguageService().getFormattedDocumentText(file.getFilePath(), { indentSize: 2, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true });
    return `${generatedHeader(apiId)}\n\n${text.replace(/\s*$/, "\n")}`;
  } finally {
    // Forgotten, so that the project holds no module after it is printed.
    p.removeSourceFile(file);
  }
}

/**
 * The statements with a blank line where a run of one kind (imports, type aliases, constants,
 * exports) gives way to another, the layout ts-morph's add* calls give a file statement by
 * statement; its printer, given them all at once, only separates them by a line break.
 * Classes, interfaces and functions get their blank line from the printer.
 */
function spaced(statements: ModuleStatements): ModuleStatements {
  const out: ModuleStatements = [];
  let previous: StructureKind | undefined;
  for (const statement of statements) {
    const kind = typeof statement === "object" ? statement.kind : undefined;
    if (kind !== undefined && previous !== undefined && kind !== previous) out.push((writer) => writer.blankLineIfLastNot());
    out.push(statement);
    previous = kind;
  }
  return out;
}
