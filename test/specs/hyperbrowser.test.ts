import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { splitDocument } from "../../generator/split/split-document.ts";
import { renderFragmentYaml } from "../../generator/split/render-yaml.ts";
import { runImport } from "../../generator/import/run-import.ts";
import { eachOperation, operationKey, type OpenApiDocument } from "../../generator/openapi/types.ts";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const shared = path.resolve(projectRoot, "test/fixtures/vendor");
const fragmentsDir = path.join(projectRoot, "specs/hyperbrowser/fragments");

/** The session operations cut from the vendor's full document with `driftless split`. */
const CUT = [
  "POST /api/session",
  "GET /api/session/{id}",
  "PUT /api/session/{id}/stop",
  "PUT /api/session/{id}/update",
  "GET /api/session/{id}/recording-url",
  "GET /api/session/{id}/video-recording-url",
  "GET /api/session/{id}/downloads-url",
  "POST /api/session/{id}/captcha/evaluate",
];
/** GET /api/sessions comes from the vendor's doc page (seed 003) through `driftless import`. */
const IMPORTED = "get-api-sessions.yaml";

describe("specs/hyperbrowser/fragments", async () => {
  const reference = JSON.parse(await readFile(path.join(shared, "reference/hyperbrowser-openapi.json"), "utf8")) as OpenApiDocument;
  const cut = splitDocument(reference).filter((f) => CUT.includes(onlyOperation(f.document)));

  it("holds the imported page and the eight cut operations, nothing else", async () => {
    expect(cut.map((f) => onlyOperation(f.document)).sort()).toEqual([...CUT].sort());
    expect((await readdir(fragmentsDir)).sort()).toEqual([IMPORTED, ...cut.map((f) => f.fileName)].sort());
  });

  it.each(CUT)("%s is byte for byte what driftless split cuts from the reference today", async (operation) => {
    const fragment = cut.find((f) => onlyOperation(f.document) === operation)!;
    const committed = await readFile(path.join(fragmentsDir, fragment.fileName), "utf8");
    expect(committed).toBe(renderFragmentYaml(fragment.document));
  });

  it(`${IMPORTED} is byte for byte what driftless import makes of seed 003`, async () => {
    const specsDir = await mkdtemp(path.join(tmpdir(), "driftless-hb-"));
    try {
      const written = await runImport({ page: path.join(shared, "seeds/003_d8a4e97706df204b.txt"), api: "hyperbrowser", specsDir });
      expect(path.basename(written)).toBe(IMPORTED);
      expect(await readFile(path.join(fragmentsDir, IMPORTED), "utf8")).toBe(await readFile(written, "utf8"));
    } finally {
      await rm(specsDir, { recursive: true, force: true });
    }
  });

  it("adds no operationIds: the vendor publishes none, api.yaml assigns them", async () => {
    for (const name of await readdir(fragmentsDir)) {
      expect(await readFile(path.join(fragmentsDir, name), "utf8"), name).not.toMatch(/operationId/);
    }
  });
});

function onlyOperation(doc: OpenApiDocument): string {
  const [op, ...more] = [...eachOperation(doc)];
  expect(more).toEqual([]);
  return operationKey(op!.method, op!.path);
}
