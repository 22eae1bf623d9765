import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadApi } from "../../generator/load/load-api.ts";
import { parseYamlSource } from "../../generator/load/yaml-source.ts";
import type { JsonObject } from "../../generator/openapi/types.ts";
import { mergeApi } from "../../generator/pipeline/merge-api.ts";
import type { Finding } from "../../generator/problems/finding.ts";

// Fragments as vendors' per-endpoint pages write them: each carries the components it uses.
const SESSION = [
  "    Session:",
  "      type: object",
  "      properties:",
  "        id: {type: string}",
  "        ended_at: {type: string, nullable: true}",
  "        tag: {$ref: '#/components/schemas/Tag'}",
];
const TAG = ["    Tag:", "      type: string", "      nullable: true"];

function fragment(pathName: string, components: string[], preamble: string[] = []): string {
  return [
    "openapi: 3.0.3",
    "info: {title: Demo, version: '1'}",
    "paths:",
    `  ${pathName}:`,
    "    get:",
    ...preamble,
    "      responses:",
    "        '200':",
    "          description: ok",
    "          content:",
    "            application/json:",
    "              schema: {$ref: '#/components/schemas/Session'}",
    "components:",
    "  schemas:",
    ...components,
    "",
  ].join("\n");
}

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** specs/demo/ with these fragments (and api.yaml); returns the folder and the texts by file. */
function specsWith(fragments: Record<string, string>, apiYaml = ""): { specs: string; texts: Record<string, string> } {
  root = mkdtempSync(path.join(tmpdir(), "driftless-shared-"));
  const specs = path.join(root, "specs");
  mkdirSync(path.join(specs, "demo/fragments"), { recursive: true });
  if (apiYaml) writeFileSync(path.join(specs, "demo/api.yaml"), apiYaml);
  const texts: Record<string, string> = {};
  for (const [name, text] of Object.entries(fragments)) {
    writeFileSync(path.join(specs, "demo/fragments", name), text);
    texts[`fragments/${name}`] = text;
  }
  return { specs, texts };
}

/** The line of `pointer` in a file parsed on its own, every node constructed from its own text. */
const lineIn = (texts: Record<string, string>, file: string, pointer: string): number => parseYamlSource(file, texts[file]!).lineOf(pointer);

const at = (findings: Finding[], rule: string, pointer: string) => findings.filter((f) => f.rule === rule && f.pointer === pointer);

describe("components shared by fragments", () => {
  // b.yaml's copy of Session stands 3 lines lower than a.yaml's.
  const a = fragment("/a", [...SESSION, ...TAG]);
  const b = fragment("/b", [...SESSION, ...TAG], ["      summary: b", "      description: >-", "        Two lines."]);

  it("constructs an identical component once: the second fragment holds the first one's object", () => {
    const { specs } = specsWith({ "a.yaml": a, "b.yaml": b });
    const { sources } = loadApi(specs, "demo");
    expect(sources.shared.counts).toEqual({ read: 2, shared: 2 });
    const [fa, fb] = sources.fragments.map((f) => (f.value as JsonObject).components as { schemas: JsonObject });
    expect(fb!.schemas.Session).toBe(fa!.schemas.Session);
    expect(fb!.schemas.Tag).toBe(fa!.schemas.Tag);
    // Paths are each fragment's own.
    expect(sources.fragments[1]!.lineOfNode(fb!.schemas.Session as object)).toBe(lineIn({ b }, "b", "/components/schemas/Session"));
  });

  it("normalizes it once and reports each copy's findings at that copy's own lines", () => {
    const { specs, texts } = specsWith({ "a.yaml": a, "b.yaml": b });
    const { findings, document } = mergeApi(loadApi(specs, "demo").sources, specs, { validate: false });
    for (const pointer of ["/components/schemas/Session/properties/ended_at", "/components/schemas/Tag"]) {
      expect(at(findings, "normalized-openapi-version", pointer).map((f) => f.sources)).toEqual(
        ["fragments/a.yaml", "fragments/b.yaml"].map((file) => [{ file, line: lineIn(texts, file, pointer) }]),
      );
    }
    expect(at(findings, "component-deduplicated", "/components/schemas/Session")[0]!.sources).toEqual(
      ["fragments/a.yaml", "fragments/b.yaml"].map((file) => ({ file, line: lineIn(texts, file, "/components/schemas/Session") })),
    );
    // The document keeps the first copy, normalized once, with its provenance.
    const session = document.components!.schemas!.Session as JsonObject;
    expect((session.properties as JsonObject).ended_at).toEqual({
      type: ["string", "null"],
      "x-source": [`fragments/a.yaml:${lineIn(texts, "fragments/a.yaml", "/components/schemas/Session/properties/ended_at")}`],
    });
  });

  it("compares a copy written differently by content, and still reports a differing copy", () => {
    const flow = fragment("/c", [
      "    Session: {type: object, properties: {id: {type: string}, ended_at: {type: string, nullable: true}, tag: {$ref: '#/components/schemas/Tag'}}}",
      ...TAG,
    ]);
    const differing = fragment("/d", [...SESSION, "        name: {type: string}", ...TAG]);
    const { specs, texts } = specsWith({ "a.yaml": a, "c.yaml": flow, "d.yaml": differing });
    const { sources } = loadApi(specs, "demo");
    // Tag is the same text in all three; Session is not.
    expect(sources.shared.counts).toEqual({ read: 4, shared: 2 });
    const { findings } = mergeApi(sources, specs, { validate: false });
    expect(at(findings, "component-deduplicated", "/components/schemas/Session")[0]!.sources.map((s) => s.file)).toEqual(["fragments/a.yaml", "fragments/c.yaml"]);
    const conflict = findings.filter((f) => f.rule === "component-conflict");
    expect(conflict).toMatchObject([{ pointer: "/components/schemas/Session/properties/name", args: { files: ["fragments/a.yaml", "fragments/d.yaml"] } }]);
    expect(conflict[0]!.sources).toContainEqual({ file: "fragments/d.yaml", line: lineIn(texts, "fragments/d.yaml", "/components/schemas/Session") });
  });

  it("gives a fragment its own copies before a rename rewrites its refs", () => {
    const differing = fragment("/d", [...SESSION, "        name: {type: string}", ...TAG], ["      summary: d"]);
    const apiYaml = "precedence:\n  - pointer: /components/schemas/Session\n    rename: true\n    reason: two products\n";
    const { specs, texts } = specsWith({ "a.yaml": a, "d.yaml": differing }, apiYaml);
    const { findings, document } = mergeApi(loadApi(specs, "demo").sources, specs, { validate: false });
    expect(Object.keys(document.components!.schemas!).sort()).toEqual(["Session", "Session_d", "Tag"]);
    expect(at(findings, "component-deduplicated", "/components/schemas/Tag")[0]!.sources).toEqual(
      ["fragments/a.yaml", "fragments/d.yaml"].map((file) => ({ file, line: lineIn(texts, file, "/components/schemas/Tag") })),
    );
    expect(document.components!.schemas!.Tag).toMatchObject({ "x-source": [`fragments/a.yaml:${lineIn(texts, "fragments/a.yaml", "/components/schemas/Tag")}`] });
  });

  it("checks a shared component's $refs in every fragment that holds it", () => {
    // e.yaml has the same Session but no Tag for its $ref to reach.
    const e = fragment("/e", [...SESSION, "    Other: {type: string}"], ["      summary: e"]);
    const { specs, texts } = specsWith({ "a.yaml": a, "e.yaml": e });
    const { sources } = loadApi(specs, "demo");
    expect(sources.shared.counts.shared).toBe(1);
    const { findings } = mergeApi(sources, specs, { validate: false });
    const pointer = "/components/schemas/Session/properties/tag";
    expect(findings.filter((f) => f.rule === "ref-dangling")).toMatchObject([
      { pointer, sources: [{ file: "fragments/e.yaml", line: lineIn(texts, "fragments/e.yaml", pointer) }], args: { ref: "#/components/schemas/Tag" } },
    ]);
  });
});
