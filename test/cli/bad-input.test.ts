import { appendFileSync, cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copySpecs, hashTree, projectRoot, runCli } from "../helpers/workspace.ts";

/**
 * Each case breaks a copy of the real specs in one way. generate must exit 2, name the file and
 * line and what to do, and leave the previously generated folder byte-identical.
 */
interface BadInputCase {
  name: string;
  rule: string;
  /** Breaks the copy; `specs` is the copied specs folder. */
  breakIt(specs: string): void;
  /** A "file:line" (or file) the message must name. */
  where: RegExp;
}

const edit = (file: string, from: string | RegExp, to: string) => {
  const text = readFileSync(file, "utf8");
  const next = text.replace(from, to);
  if (next === text) throw new Error(`fixture edit did not apply to ${file}`);
  writeFileSync(file, next);
};

const CASES: BadInputCase[] = [
  {
    name: "malformed YAML",
    rule: "yaml-syntax",
    breakIt: (s) => edit(path.join(s, "chaser/fragments/get-session.yaml"), "summary: Get one session", "summary: [Get one session"),
    where: /fragments\/get-session\.yaml:\d+/,
  },
  {
    name: "a fragment that is not OpenAPI",
    rule: "not-openapi",
    breakIt: (s) => writeFileSync(path.join(s, "chaser/fragments/notes.yaml"), "title: meeting notes\nitems:\n  - one\n"),
    where: /fragments\/notes\.yaml:1/,
  },
  {
    name: "a dangling $ref",
    rule: "ref-dangling",
    breakIt: (s) => edit(path.join(s, "chaser/fragments/get-session.yaml"), "#/components/schemas/Endpoints", "#/components/schemas/Endpoint"),
    where: /fragments\/get-session\.yaml:\d+/,
  },
  {
    name: "a cyclic $ref",
    rule: "ref-cycle",
    breakIt: (s) =>
      edit(
        path.join(s, "chaser/fragments/get-session.yaml"),
        /\ncomponents:\n {2}schemas:\n/,
        "\ncomponents:\n  schemas:\n    Loop:\n      $ref: '#/components/schemas/Back'\n    Back:\n      $ref: '#/components/schemas/Loop'\n",
      ),
    where: /fragments\/get-session\.yaml:\d+/,
  },
  {
    name: "two fragments defining one operation differently",
    rule: "operation-conflict",
    breakIt: (s) => {
      const text = readFileSync(path.join(s, "chaser/fragments/get-session.yaml"), "utf8");
      writeFileSync(path.join(s, "chaser/fragments/get-session-v2.yaml"), text.replace("summary: Get one session", "summary: Fetch a session"));
    },
    where: /fragments\/get-session(-v2)?\.yaml:\d+/,
  },
  {
    name: "a component-name clash with no rule",
    rule: "component-conflict",
    breakIt: (s) => {
      const text = readFileSync(path.join(s, "chaser/fragments/get-session.yaml"), "utf8");
      const other = text
        .replace("/v1/sessions/{id}:", "/v1/other/{id}:")
        .replace("operationId: get-session", "operationId: get-other")
        .replace("description: Main control endpoint (CDP/HTTP)", "description: Another endpoint");
      writeFileSync(path.join(s, "chaser/fragments/get-other.yaml"), other);
    },
    where: /fragments\/get-other\.yaml:\d+/,
  },
  {
    name: "a markdown table that contradicts a fragment",
    rule: "source-conflict",
    breakIt: (s) =>
      edit(
        path.join(s, "chaser/docs/sessions-api.md"),
        "| `limit` | integer | `20` | Max results per page. Range: 1–100. |",
        "| `limit` | boolean | `true` | Max results per page. |",
      ),
    where: /fragments\/list-sessions\.yaml:\d+/,
  },
  {
    name: "an overlay with a dead target",
    rule: "overlay-target-empty",
    breakIt: (s) => {
      mkdirSync(path.join(s, "chaser/overlays"), { recursive: true });
      writeFileSync(
        path.join(s, "chaser/overlays/zz-dead.yaml"),
        "overlay: 1.0.0\ninfo:\n  title: dead\n  version: 1.0.0\nactions:\n  - target: $.paths['/v1/nowhere'].get\n    description: Points at an operation that does not exist.\n    remove: true\n",
      );
    },
    where: /overlays\/zz-dead\.yaml:6/,
  },
  {
    name: "an unknown key in api.yaml",
    rule: "config-invalid",
    breakIt: (s) => appendFileSync(path.join(s, "chaser/api.yaml"), "retries: 3\n"),
    where: /api\.yaml:\d+/,
  },
  {
    name: "an operations: entry in api.yaml for an operation the document lacks (the README's own example)",
    rule: "config-invalid",
    breakIt: (s) => edit(path.join(s, "chaser/api.yaml"), "\noperations:\n", "\noperations:\n  GET /v1/things:\n    operationId: listThings\n"),
    where: /api\.yaml:42/,
  },
  {
    name: "a path outside the specs folder",
    rule: "path-outside-specs",
    breakIt: (s) => {
      const outside = path.join(path.dirname(s), "outside.yaml");
      writeFileSync(outside, readFileSync(path.join(s, "chaser/fragments/get-session.yaml")));
      symlinkSync(outside, path.join(s, "chaser/fragments/linked.yaml"));
    },
    where: /fragments\/linked\.yaml/,
  },
];

describe("generate on bad input", () => {
  for (const c of CASES) {
    describe(c.name, () => {
      const ws = copySpecs(["chaser"]);
      let before: Record<string, string>;
      let result: Awaited<ReturnType<typeof runCli>>;
      beforeAll(async () => {
        // What generate wrote from the unbroken copy is the repository's generated/chaser/ (the
        // --check test in generate.test.ts holds them equal): start from it instead of building it.
        cpSync(path.join(projectRoot, "generated/chaser"), path.join(ws.out, "chaser"), { recursive: true });
        before = hashTree(ws.out);
        c.breakIt(ws.specs);
        result = await runCli(["generate", "--specs-dir", ws.specs, "--out-dir", ws.out]);
      });
      afterAll(() => ws.cleanup());

      it("exits 2 naming the rule, the file and the line", () => {
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(`[${c.rule}]`);
        expect(result.stderr).toMatch(c.where);
        // The messages are rendered from the findings' arguments: none may be missing.
        expect(result.stderr).not.toMatch(/undefined|\[object |NaN/);
      });
      it("leaves the output folder byte-identical", () => {
        expect(hashTree(ws.out)).toEqual(before);
      });
    });
  }
});

// Stage 1 alone (`merge`): the warnings are the merge's, and a changed document would otherwise
// cost a client build that this test does not look at.
describe("merge on a markdown page it cannot wholly read", () => {
  const ws = copySpecs(["chaser"]);
  let result: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    // A row that lost a cell and an example that is not JSON: two warnings, and the rest of the page folds.
    edit(path.join(ws.specs, "chaser/docs/sessions-api.md"), "| `ttl_seconds` | integer | `1800` |", "| `ttl_seconds` | integer |");
    edit(path.join(ws.specs, "chaser/docs/sessions-api.md"), '"fps": 5', '"fps": 5 "extra": true');
    result = await runCli(["merge", path.join(ws.specs, "chaser"), "--out", path.join(ws.root, "chaser.json")]);
  });
  afterAll(() => ws.cleanup());

  it("succeeds and reports each element it did not read as a warning at its line", () => {
    expect(result.code).toBe(0);
    const report = JSON.parse(readFileSync(path.join(ws.root, "chaser.report.json"), "utf8")) as {
      findings: { rule: string; severity: string; sources: { file: string; line?: number }[]; message: string }[];
    };
    // The vendor's other pages have parts this stage does not read (limits, SDK code); this page is the one edited.
    const unread = report.findings.filter((f) => f.rule === "docs-unread" && f.sources[0]!.file === "docs/sessions-api.md");
    expect(unread.map((f) => [f.severity, f.sources[0]!.file, f.sources[0]!.line])).toEqual([
      ["warning", "docs/sessions-api.md", 28],
      ["warning", "docs/sessions-api.md", 208],
    ]);
    expect(unread[0]!.message).toMatch(/3 cells but the header has 4/);
    expect(unread[1]!.message).toMatch(/invalid JSON at line 208/);
    // The rest of the page still folded: the profile row of the same table, the other examples.
    const doc = JSON.parse(readFileSync(path.join(ws.root, "chaser.json"), "utf8"));
    expect(doc.paths["/v1/sessions"].post.requestBody.content["application/json"].schema.properties.profile).toBeDefined();
    expect(doc.paths["/v1/sessions/{id}/preview-token"].post.responses["200"]).toBeDefined();
  });
});
