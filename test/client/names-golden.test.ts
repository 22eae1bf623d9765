import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { methodTable } from "../../generator/client/package/render.ts";
import { resolveClientModel } from "../../generator/client/model/resolve.ts";
import { buildCanonical } from "../../generator/pipeline/generate.ts";
import { projectRoot } from "../helpers/workspace.ts";

/**
 * Every method name derived for the vendor's full Hyperbrowser document (53 paths, 54 operations, no
 * operationIds: merge derives them, with numeric suffixes on clashes), pinned: a change to the
 * naming rules (generator/client/model/naming.ts) shows here as a diff of this table.
 */
describe("names of the vendor's full Hyperbrowser document", () => {
  const root = mkdtempSync(path.join(tmpdir(), "driftless-names-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, "vendor/fragments"), { recursive: true });
  copyFileSync(path.join(projectRoot, "test/fixtures/vendor/reference/hyperbrowser-openapi.json"), path.join(root, "vendor/fragments/hyperbrowser-openapi.json"));
  const result = buildCanonical(root, "vendor");
  const { model, findings } = resolveClientModel(result.sources.config, result.document, () => undefined);
  const table = methodTable(model);

  it("names every operation, without a clash or a number", () => {
    expect(findings).toEqual([]);
    expect(table).toHaveLength(54);
    expect(new Set(table.map((r) => r.call)).size).toBe(54);
    for (const { call } of table) expect(call.split(".").pop()).not.toMatch(/\d/);
  });

  it("pins each name (resource.method ← METHOD /path)", () => {
    const lines = table.map((r) => `${r.call.padEnd(34)} ← ${r.operation}`);
    expect(`\n${lines.join("\n")}\n`).toMatchInlineSnapshot(`
      "
      crawl.create                       ← POST /api/crawl
      crawl.get                          ← GET /api/crawl/{id}
      crawl.getStatus                    ← GET /api/crawl/{id}/status
      extensions.add                     ← POST /api/extensions/add
      extensions.list                    ← GET /api/extensions/list
      extract.create                     ← POST /api/extract
      extract.get                        ← GET /api/extract/{id}
      extract.getStatus                  ← GET /api/extract/{id}/status
      profiles.create                    ← POST /api/profile
      profiles.get                       ← GET /api/profile/{id}
      profiles.delete                    ← DELETE /api/profile/{id}
      profiles.list                      ← GET /api/profiles
      scrape.create                      ← POST /api/scrape
      scrape.get                         ← GET /api/scrape/{id}
      scrape.getStatus                   ← GET /api/scrape/{id}/status
      scrape.batch.create                ← POST /api/scrape/batch
      scrape.batch.get                   ← GET /api/scrape/batch/{id}
      scrape.batch.getStatus             ← GET /api/scrape/batch/{id}/status
      sessions.create                    ← POST /api/session
      sessions.get                       ← GET /api/session/{id}
      sessions.evaluateCaptcha           ← POST /api/session/{id}/captcha/evaluate
      sessions.getDownloadsUrl           ← GET /api/session/{id}/downloads-url
      sessions.getRecordingUrl           ← GET /api/session/{id}/recording-url
      sessions.stop                      ← PUT /api/session/{id}/stop
      sessions.update                    ← PUT /api/session/{id}/update
      sessions.getVideoRecordingUrl      ← GET /api/session/{id}/video-recording-url
      sessions.list                      ← GET /api/sessions
      task.browserUse.create             ← POST /api/task/browser-use
      task.browserUse.get                ← GET /api/task/browser-use/{id}
      task.browserUse.getStatus          ← GET /api/task/browser-use/{id}/status
      task.browserUse.stop               ← PUT /api/task/browser-use/{id}/stop
      task.claudeComputerUse.create      ← POST /api/task/claude-computer-use
      task.claudeComputerUse.get         ← GET /api/task/claude-computer-use/{id}
      task.claudeComputerUse.getStatus   ← GET /api/task/claude-computer-use/{id}/status
      task.claudeComputerUse.stop        ← PUT /api/task/claude-computer-use/{id}/stop
      task.cua.create                    ← POST /api/task/cua
      task.cua.get                       ← GET /api/task/cua/{id}
      task.cua.getStatus                 ← GET /api/task/cua/{id}/status
      task.cua.stop                      ← PUT /api/task/cua/{id}/stop
      task.geminiComputerUse.create      ← POST /api/task/gemini-computer-use
      task.geminiComputerUse.get         ← GET /api/task/gemini-computer-use/{id}
      task.geminiComputerUse.getStatus   ← GET /api/task/gemini-computer-use/{id}/status
      task.geminiComputerUse.stop        ← PUT /api/task/gemini-computer-use/{id}/stop
      task.hyperAgent.create             ← POST /api/task/hyper-agent
      task.hyperAgent.get                ← GET /api/task/hyper-agent/{id}
      task.hyperAgent.getStatus          ← GET /api/task/hyper-agent/{id}/status
      task.hyperAgent.stop               ← PUT /api/task/hyper-agent/{id}/stop
      web.fetch                          ← POST /api/web/fetch
      web.search                         ← POST /api/web/search
      web.crawl.create                   ← POST /api/web/crawl
      web.crawl.get                      ← GET /api/web/crawl/{id}
      web.crawl.getStatus                ← GET /api/web/crawl/{id}/status
      x402.web.fetch                     ← POST /x402/web/fetch
      x402.web.search                    ← POST /x402/web/search
      "
    `);
  });
});
