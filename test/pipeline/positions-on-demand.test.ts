import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { loadApi } from "../../generator/load/load-api.ts";
import { YamlSource } from "../../generator/load/yaml-source.ts";
import { mergeApi } from "../../generator/pipeline/merge-api.ts";
import { projectRoot } from "../helpers/workspace.ts";

/**
 * Positions by pointer (`lineOf`) cost a second parse of the file; a merge that finds no problem
 * must get every line it needs (provenance) from the one-pass constructor. This guards the
 * GitHub-scale merge time: an eager `lineOf` per fragment once made it 60% slower.
 */
describe("positions on demand", () => {
  it.each(["chaser", "hyperbrowser"])("merging %s asks no file for a line by pointer", (api) => {
    const specs = path.join(projectRoot, "specs");
    const { sources } = loadApi(specs, api);
    const lineOf = vi.spyOn(YamlSource.prototype, "lineOf");
    try {
      const result = mergeApi(sources, specs);
      expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
      const fragmentCalls = lineOf.mock.contexts.filter((source) => (source as YamlSource).file.startsWith("fragments/"));
      expect(fragmentCalls).toHaveLength(0);
    } finally {
      lineOf.mockRestore();
    }
  });
});
