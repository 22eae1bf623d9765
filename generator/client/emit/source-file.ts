import { IndentationText, NewLineKind, Project, QuoteKind, StructureKind, type StatementStructures, type WriterFunction } from "ts-morph";
import { generatedHeader } from "./header.ts";

/** The statements of a module: structures (imports, classes, …), or code as text. */
export type ModuleStatements = (string | WriterFunction | StatementStructures)[];

let project: Project | undefined;
let printed = 0;

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
 * re-parse the file, which made emitting most of the client stage's CPU.
 *
 * `format` runs the TypeScript formatter over the module, which costs about as much as printing it. A
 * module needs it where code is written as text: a multi-line initializer keeps the indentation
 * ts-morph gives its first line only, and a type built from a schema (a `const` object) need not
 * be in the formatter's layout. A module printed from structures, identifiers, string literals
 * and code already in that layout comes out of the formatter unchanged, and is left out of it.
 */
export function printModule(apiId: string, name: string, { format }: { format: boolean }, statements: ModuleStatements): string {
  const p = sharedProject();
  // A path of its own for every module printed: the language service keeps the syntax tree of the
  // file it last formatted by path and version, and a new file at the same path starts at the same
  // version, so it would format the old tree and apply its edits to the new text.
  const file = p.createSourceFile(`${++printed}-${name}`, { kind: StructureKind.SourceFile, statements: spaced(statements) });
  try {
    const text = format
      ? p.getLanguageService().getFormattedDocumentText(file.getFilePath(), { indentSize: 2, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true })
      : file.getFullText();
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
