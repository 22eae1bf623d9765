import { IndentationText, NewLineKind, Project, QuoteKind, StructureKind, type StatementStructures, type WriterFunction } from "ts-morph";
import { generatedHeader } from "./header.ts";

/**
 * A statement written as code, laid out as a structure of `kind` would be: after a blank line
 * where the kind before it is another one.
 */
export interface CodeStatement {
  kind: StructureKind;
  code: string;
}

/** The statements of a module: structures (imports, classes, …), or code as text. */
export type ModuleStatements = (string | WriterFunction | StatementStructures | CodeStatement)[];

let project: Project | undefined;

/**
 * One in-memory project for every module: creating a project costs more than printing a small
 * module. Formatting is fixed here (LF, two spaces, double quotes) so that the output is
 * byte-for-byte the same on every machine.
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
 * There is no formatting pass (it cost as much as printing): code given as text must already be
 * in the TypeScript formatter's layout, the one the printer gives structures. A multi-line
 * initializer is not (ts-morph indents its later lines one level too deep), so such constants
 * are written whole (`CodeStatement`); JSON values are written by `jsonCode`.
 */
export function printModule(apiId: string, name: string, statements: ModuleStatements): string {
  const file = sharedProject().createSourceFile(name, { kind: StructureKind.SourceFile, statements: spaced(statements) }, { overwrite: true });
  try {
    return `${generatedHeader(apiId)}\n\n${file.getFullText().replace(/\s*$/, "\n")}`;
  } finally {
    // Forgotten, so that the project holds no module after it is printed.
    file.forget();
  }
}

/**
 * The statements with a blank line where a run of one kind (imports, type aliases, constants,
 * exports) gives way to another, the layout ts-morph's add* calls give a file statement by
 * statement; its printer, given them all at once, only separates them by a line break.
 * Classes, interfaces and functions get their blank line from the printer.
 */
function spaced(statements: ModuleStatements): (string | WriterFunction | StatementStructures)[] {
  const out: (string | WriterFunction | StatementStructures)[] = [];
  let previous: StructureKind | undefined;
  for (const statement of statements) {
    const kind = typeof statement === "object" ? statement.kind : undefined;
    if (kind !== undefined && previous !== undefined && kind !== previous) out.push((writer) => writer.blankLineIfLastNot());
    out.push(typeof statement === "object" && "code" in statement ? statement.code : statement);
    previous = kind;
  }
  return out;
}
