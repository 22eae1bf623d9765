// The import graph of the toolkit's own sources, by folder, for test/architecture/layers.test.ts.
// Every module specifier counts: `import … from`, `import type … from`, `export … from`,
// `import x = require()`, `require("…")`, dynamic `import("…")` and `import("…").Type` in types — a type-only
// import still ties the importing folder to the folder that owns the type.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export interface ImportEdge {
  /** Repository-relative, forward slashes. */
  from: string;
  /** The resolved file, repository-relative (only imports of files inside the repository). */
  to: string;
  specifier: string;
  line: number;
  kind: "static" | "type" | "dynamic";
}

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every .ts file under the given repository folders, repository-relative. */
export function sourceFiles(...folders: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith(".ts")) files.push(rel);
    }
  };
  for (const folder of folders) walk(folder);
  return files.sort();
}

/** The module specifiers of one source text, with how each is imported. */
export function importsOf(fileName: string, text: string): { specifier: string; line: number; kind: ImportEdge["kind"] }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { specifier: string; line: number; kind: ImportEdge["kind"] }[] = [];
  const add = (node: ts.Node, literal: ts.Expression | undefined, kind: ImportEdge["kind"]) => {
    if (literal && ts.isStringLiteralLike(literal)) found.push({ specifier: literal.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, kind });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier, typeOnly ? "type" : "static");
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly ? "type" : "static");
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, "static");
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && !ts.isStringLiteralLike(arg))
        throw new Error(`${fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: import() of a computed specifier; the layer check cannot follow it.`);
      add(node, arg, "dynamic");
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "require" && node.arguments.length === 1) {
      add(node, node.arguments[0], "static"); // createRequire(import.meta.url)("…")
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, "type");
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Edges between files of the repository (package imports and node: builtins are left out). */
export function importGraph(files: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of files) {
    const text = readFileSync(path.join(ROOT, from), "utf8");
    for (const { specifier, line, kind } of importsOf(from, text)) {
      if (!specifier.startsWith(".")) continue;
      const to = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
      edges.push({ from, to, specifier, line, kind });
    }
  }
  return edges;
}

/**
 * The layer unit a file belongs to: `generator/<folder>` for the folders of generator/,
 * `generator/package-root.ts` (and any other file directly in generator/) on its own, `emulator`
 * for everything under emulator/; anything else (templates, JSON schemas, package.json) is its path.
 */
export function unitOf(file: string): string {
  const parts = file.split("/");
  if (parts[0] === "generator") return parts.length > 2 ? `generator/${parts[1]}` : file;
  if (parts[0] === "emulator") return "emulator";
  return file;
}

/** The units each unit imports, with the edges that make each dependency. */
export function unitGraph(edges: readonly ImportEdge[]): Map<string, Map<string, ImportEdge[]>> {
  const graph = new Map<string, Map<string, ImportEdge[]>>();
  for (const edge of edges) {
    const a = unitOf(edge.from);
    const b = unitOf(edge.to);
    if (a === b) continue;
    const out = graph.get(a) ?? graph.set(a, new Map()).get(a)!;
    (out.get(b) ?? out.set(b, []).get(b)!).push(edge);
  }
  return graph;
}

/**
 * The cycles between units, as unit paths that end where they start. Every import edge that lies on
 * some cycle is on at least one reported cycle: for each such edge a -> b, the shortest way back
 * from b to a closes it (duplicates, the same cycle from another start, are reported once).
 */
export function unitCycles(graph: ReadonlyMap<string, ReadonlyMap<string, unknown>>): string[][] {
  const next = (n: string) => [...(graph.get(n)?.keys() ?? [])].sort();
  const units = [...new Set([...graph.keys(), ...[...graph.values()].flatMap((m) => [...m.keys()])])].sort();
  const cycles = new Map<string, string[]>();
  for (const a of units) {
    for (const b of next(a)) {
      const back = shortestPath(b, a, next);
      if (!back) continue;
      // Read from its smallest unit, so the same cycle found from another edge is reported once.
      const ring = [a, ...back.slice(0, -1)];
      const at = ring.indexOf([...ring].sort()[0]!);
      const cycle = [...ring.slice(at), ...ring.slice(0, at), ring[at]!];
      const key = cycle.join(" -> ");
      if (!cycles.has(key)) cycles.set(key, cycle);
    }
  }
  return [...cycles.values()];
}

/** The units from `from` to `to` following imports, both included (breadth first); undefined when there is no way. */
function shortestPath(from: string, to: string, next: (n: string) => string[]): string[] | undefined {
  const parent = new Map<string, string | undefined>([[from, undefined]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    if (v === to) {
      const path = [v];
      for (let u = parent.get(v); u !== undefined; u = parent.get(u)) path.unshift(u);
      return path;
    }
    for (const w of next(v)) {
      if (!parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return undefined;
}
