import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/workspace.ts";

/**
 * What an editor's hover shows for calls of the committed generated/hyperbrowser/ package: the
 * types checker's own rendering of each value, as quick info prints it. Component schemas and
 * inline objects read by name, never as the expanded object or a `components["schemas"][…]` access.
 */
describe("named types in hovers", () => {
  const file = path.join(projectRoot, "generated/hyperbrowser/src/__hover.ts");
  const source = `import { createHyperbrowserClient } from "./index.ts";
const client = createHyperbrowserClient({ apiKey: "k" });
export async function f() {
  const got = await client.sessions.get("id");
  const create = client.sessions.create;
  const listed = await client.sessions.list();
  const items = listed.sessions;
  const nested = got.launchState;
  return { got, create, listed, items, nested };
}
`;
  const host = ts.createCompilerHost({});
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => (path.resolve(f) === file ? source : readFile(f));
  host.fileExists = (f) => path.resolve(f) === file || fileExists(f);
  const options: ts.CompilerOptions = {
    allowImportingTsExtensions: true,
    noEmit: true,
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
  };
  const program = ts.createProgram([file], options, host);
  const checker = program.getTypeChecker();
  const shown = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node)) shown.set(node.name.getText(), checker.typeToString(checker.getTypeAtLocation(node.name), undefined, ts.TypeFormatFlags.NoTruncation));
    ts.forEachChild(node, visit);
  };
  visit(program.getSourceFile(file)!);

  it("shows component schemas and inline objects by name, in results and parameters", () => {
    expect(shown.get("got")).toBe("SessionDetail");
    expect(shown.get("create")).toBe("(body?: CreateSessionParams | undefined, options?: RequestOptions | undefined) => ApiPromise<SessionDetail>");
    expect(shown.get("listed")).toBe("ListSessionsResult");
    expect(shown.get("items")).toBe("Session[] | undefined");
    expect(shown.get("nested")).toBe("SessionLaunchState | undefined");
  });
});
