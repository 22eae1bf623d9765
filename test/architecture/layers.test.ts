// The layering of docs/ARCHITECTURE.md ("Layers"), checked on the import statements of every
// generator/**/*.ts and emulator/**/*.ts file (static, type-only, re-exports, dynamic import()).
import { describe, expect, it } from "vitest";
import { importGraph, importsOf, sourceFiles, unitCycles, unitGraph, unitOf, type ImportEdge } from "./imports.ts";

const FILES = sourceFiles("generator", "emulator");
const EDGES = importGraph(FILES);

/**
 * The CLI wiring that plugs the emulator in: the `emulator` drift target and the `driftless
 * emulator` command. No other module of generator/ may import emulator/ — the drift check knows
 * targets only through generator/drift/targets.ts (TargetProvider).
 */
const EMULATOR_WIRING = new Set(["generator/cli/emulator.ts"]);

/**
 * What emulator/ may import from generator/: nothing. It stands in for the vendors' APIs that the
 * toolkit checks; code shared with the checker could make both agree by construction and hide drift.
 */
const EMULATOR_MAY_IMPORT: readonly string[] = [];

const where = (e: ImportEdge) => `${e.from}:${e.line} imports ${e.specifier}${e.kind === "static" ? "" : ` (${e.kind})`}`;

describe("layers: the import graph", () => {
  it("is read from every source file and every kind of import", () => {
    expect(FILES.length).toBeGreaterThan(100);
    expect(FILES).toContain("generator/package-root.ts");
    expect(FILES.some((f) => f.startsWith("emulator/"))).toBe(true);
    const found = (from: string, to: string) => EDGES.find((e) => e.from === from && e.to === to)?.kind;
    expect(found("generator/cli/commands.ts", "generator/pipeline/generate.ts")).toBe("dynamic");
    expect(found("generator/cli/commands.ts", "generator/cli/drift-command.ts")).toBe("static");
    expect(found("generator/client/index.ts", "generator/merge/result.ts")).toBe("type");
    const kinds = (text: string) => importsOf("x.ts", text).map((i) => `${i.kind} ${i.specifier}`);
    expect(
      kinds(
        [
          'import a from "./a.ts";',
          'import type { B } from "./b.ts";',
          'import { type C } from "./c.ts";',
          'export { d } from "./d.ts";',
          'export type { E } from "./e.ts";',
          'import "./f.ts";',
          'const g = await import("./g.ts");',
          'type H = import("./h.ts").H;',
          'const i = require("./i.cjs");',
        ].join("\n"),
      ),
    ).toEqual(["static ./a.ts", "type ./b.ts", "type ./c.ts", "static ./d.ts", "type ./e.ts", "static ./f.ts", "dynamic ./g.ts", "type ./h.ts", "static ./i.cjs"]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a computed import is the input here
    expect(() => importsOf("x.ts", "await import(`./${name}.ts`);")).toThrow(/computed specifier/);
  });

  it("finds each cycle, with its path", () => {
    const graph = new Map([
      ["a", new Map([["b", 1]])],
      [
        "b",
        new Map([
          ["c", 1],
          ["a", 1],
        ]),
      ],
      ["c", new Map([["a", 1]])],
      ["d", new Map([["a", 1]])],
    ]);
    expect(unitCycles(graph)).toEqual([
      ["a", "b", "a"],
      ["a", "b", "c", "a"],
    ]);
    expect(unitOf("generator/drift/probe/runner.ts")).toBe("generator/drift");
    expect(unitOf("generator/package-root.ts")).toBe("generator/package-root.ts");
    expect(unitOf("emulator/chaser/routes.ts")).toBe("emulator");
  });
});

describe("layers", () => {
  it("no folder imports another in a circle (generator/<folder>, generator/package-root.ts, emulator/)", () => {
    const graph = unitGraph(EDGES);
    const cycles = unitCycles(graph).map((cycle) => {
      const hops = cycle.slice(1).map((to, i) => `    ${where(graph.get(cycle[i]!)!.get(to)![0]!)}`);
      return `  ${cycle.join(" -> ")}\n${hops.join("\n")}`;
    });
    expect(cycles, `folders import each other in a circle; move the shared piece down a layer (docs/ARCHITECTURE.md, "Layers"):\n${cycles.join("\n")}\n`).toEqual([]);
  });

  it(`nothing in generator/ but the CLI wiring (${[...EMULATOR_WIRING].join(", ")}) imports emulator/`, () => {
    const offending = EDGES.filter((e) => e.from.startsWith("generator/") && unitOf(e.to) === "emulator" && !EMULATOR_WIRING.has(e.from)).map(where);
    expect(
      offending,
      `only ${[...EMULATOR_WIRING].join(", ")} may import emulator/; drift talks to a TargetProvider (generator/drift/targets.ts):\n${offending.join("\n")}\n`,
    ).toEqual([]);
    // The wiring is still there (else this test checks nothing): it loads emulator/ when used.
    expect(EDGES.filter((e) => EMULATOR_WIRING.has(e.from) && unitOf(e.to) === "emulator").map((e) => e.kind)).toEqual(["dynamic", "dynamic"]);
  });

  it("emulator/ imports nothing from generator/ (in particular not generator/drift or generator/cli)", () => {
    const offending = EDGES.filter((e) => unitOf(e.from) === "emulator" && e.to.startsWith("generator/") && !EMULATOR_MAY_IMPORT.includes(unitOf(e.to))).map(where);
    expect(offending, `emulator/ may import ${EMULATOR_MAY_IMPORT.length ? EMULATOR_MAY_IMPORT.join(", ") : "nothing"} from generator/:\n${offending.join("\n")}\n`).toEqual([]);
  });
});
