import path from "node:path";
import ts from "typescript";
import { DriftlessError } from "../../problems/error.ts";
import { PACKAGE_ROOT } from "../../package-root.ts";

/**
 * Loaded only when the build cache (compile.ts) misses: this module is what pulls in TypeScript.
 *
 * Builds a package's dist/ (ES2022 modules and declarations) from its src/ in memory, with the
 * project's TypeScript. The sources are laid over the real file system at a folder that does not
 * exist, inside the project, so `openapi-fetch` resolves from the project's node_modules and
 * nothing is written anywhere; the outputs are collected from the compiler.
 */

const projectRoot = `${PACKAGE_ROOT}${path.sep}`;

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  // The DOM library for fetch, Request, Response, AbortSignal: no @types/node, so the package
  // type-checks the same in browsers and on Node.
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: [],
  strict: true,
  noUnusedLocals: true,
  declaration: true,
  // Sources import each other as ./x.ts (like the rest of the project); the emitted JS says ./x.js.
  rewriteRelativeImportExtensions: true,
  skipLibCheck: true,
  noEmitOnError: true,
  newLine: ts.NewLineKind.LineFeed,
};

/** Parsed library files (lib.*.d.ts, openapi-fetch's declarations) are the same for every build: parse them once. */
const libraryFiles = new Map<string, ts.SourceFile>();

const RELATIVE_TS = /^\.\.?\/.*\.ts$/;

/** Declaration emit keeps `./x.ts` specifiers as written; consumers need `./x.js` there too. */
const rewriteDeclarationSpecifiers: ts.TransformerFactory<ts.SourceFile | ts.Bundle> = (context) => (root) => {
  const { factory } = context;
  const js = (literal: ts.StringLiteral): ts.StringLiteral => factory.createStringLiteral(literal.text.replace(/\.ts$/, ".js"));
  const relative = (node: ts.Node | undefined): node is ts.StringLiteral => node !== undefined && ts.isStringLiteral(node) && RELATIVE_TS.test(node.text);
  const visit = (node: ts.Node): ts.Node => {
    if (ts.isImportDeclaration(node) && relative(node.moduleSpecifier)) {
      return factory.updateImportDeclaration(node, node.modifiers, node.importClause, js(node.moduleSpecifier), node.attributes);
    }
    if (ts.isExportDeclaration(node) && relative(node.moduleSpecifier)) {
      return factory.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, js(node.moduleSpecifier), node.attributes);
    }
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && relative(node.argument.literal)) {
      return factory.updateImportTypeNode(
        node,
        factory.updateLiteralTypeNode(node.argument, js(node.argument.literal)),
        node.attributes,
        node.qualifier,
        node.typeArguments,
        node.isTypeOf,
      );
    }
    return ts.visitEachChild(node, visit, context);
  };
  return ts.visitNode(root, visit) as ts.SourceFile | ts.Bundle;
};

function formatDiagnostics(diagnostics: readonly ts.Diagnostic[], root: string): string {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => "\n",
  });
}

/** src/** (relative path → text) → dist/** (relative path → text), type-checked. */
export function buildWithTypeScript(apiId: string, sources: Map<string, string>): Map<string, string> {
  const root = path.join(projectRoot, ".driftless-build", apiId);
  const overlay = new Map([...sources].map(([rel, text]) => [path.join(root, rel), text]));
  const overlayDirs = new Set<string>();
  for (const file of overlay.keys()) for (let dir = path.dirname(file); dir.startsWith(root); dir = path.dirname(dir)) overlayDirs.add(dir);

  const options: ts.CompilerOptions = { ...COMPILER_OPTIONS, rootDir: path.join(root, "src"), outDir: path.join(root, "dist") };
  const host = ts.createCompilerHost(options, true);
  const { fileExists, readFile, directoryExists, getSourceFile } = host;
  host.fileExists = (f) => overlay.has(f) || (!f.startsWith(root) && fileExists.call(host, f));
  host.readFile = (f) => overlay.get(f) ?? (f.startsWith(root) ? undefined : readFile.call(host, f));
  host.directoryExists = (d) => overlayDirs.has(d) || (!d.startsWith(root) && (directoryExists?.call(host, d) ?? false));
  host.getSourceFile = (f, languageVersion, onError) => {
    const text = overlay.get(f);
    if (text !== undefined) return ts.createSourceFile(f, text, languageVersion, true);
    const cacheKey = `${typeof languageVersion === "object" ? JSON.stringify(languageVersion) : languageVersion}:${f}`;
    let file = libraryFiles.get(cacheKey);
    if (!file) {
      file = getSourceFile.call(host, f, languageVersion, onError);
      if (file) libraryFiles.set(cacheKey, file);
    }
    return file;
  };
  const out = new Map<string, string>();
  host.writeFile = (f, text) => out.set(path.relative(root, f).split(path.sep).join("/"), text);

  const rootNames = [...overlay.keys()].filter((f) => f.endsWith(".ts"));
  const program = ts.createProgram({ rootNames, options, host });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length > 0) {
    throw new DriftlessError("E_INPUT", `${apiId}: the generated client does not compile (a driftless bug; please report it):\n${formatDiagnostics(diagnostics, root)}`);
  }
  const result = program.emit(undefined, undefined, undefined, false, { afterDeclarations: [rewriteDeclarationSpecifiers] });
  if (result.emitSkipped) throw new DriftlessError("E_INPUT", `${apiId}: emitting the client's dist/ failed:\n${formatDiagnostics(result.diagnostics, root)}`);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
