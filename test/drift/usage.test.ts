import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DRIFT_TARGETS } from "../../generator/cli/emulator.ts";
import { runDrift, type DriftOptions } from "../../generator/drift/run-drift.ts";
import { DriftlessError } from "../../generator/problems/error.ts";
import { GENERATED, SPECS, fastPlan, faultProxy, projectRoot, sink } from "./helpers.ts";

let dir: string;
beforeEach(() => void (dir = mkdtempSync(path.join(tmpdir(), "driftless-usage-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const KEY = "usage-key-0123";

/**
 * A mistake that the flags alone reveal fails before the first request and before any file is
 * written: a live run must not create sessions (or replace a baseline) only to be refused at the end.
 */
describe("usage errors known from the flags", () => {
  const at = (name: string) => path.join(dir, name);
  it.each<[string, (target: string) => DriftOptions, RegExp]>([
    [
      "--write-overlay without --api",
      () => ({ writeOverlay: at("o.yaml"), baseline: at("b.json"), updateBaseline: true }),
      /--write-overlay writes one API's overlay: pass exactly one --api/,
    ],
    [
      "--write-overlay with two APIs",
      () => ({ apis: ["chaser", "hyperbrowser"], writeOverlay: at("o.yaml"), baseline: at("b.json"), updateBaseline: true }),
      /pass exactly one --api/,
    ],
    ["--output onto the baseline", () => ({ apis: ["chaser"], output: at("b.json"), baseline: at("b.json"), updateBaseline: true }), /--output and --baseline name the same file/],
    ["--record onto the overlay", () => ({ apis: ["chaser"], record: at("x.har"), writeOverlay: at("x.har") }), /--write-overlay and --record name the same file/],
    [
      "--output onto the overlay (several formats share the base)",
      () => ({ apis: ["chaser"], formats: ["json", "markdown"], output: at("r"), writeOverlay: at("r.md") }),
      /--output and --write-overlay name the same file/,
    ],
  ])("%s: refused before any request or write", async (_name, options, message) => {
    const proxy = await faultProxy(undefined, []);
    const error = await runDrift({
      targets: DRIFT_TARGETS,
      specsDir: SPECS,
      generatedDir: GENERATED,
      target: proxy.url,
      allowWrites: true,
      formats: ["json"],
      env: { CHASER_API_KEY: KEY, HYPERBROWSER_API_KEY: KEY },
      planOverride: fastPlan(),
      stdout: sink(),
      stderr: sink(),
      ...options(proxy.url),
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DriftlessError);
    expect((error as DriftlessError).code).toBe("E_USAGE");
    expect((error as Error).message).toMatch(message);
    expect(proxy.seen).toEqual([]);
    for (const file of ["o.yaml", "b.json", "x.har", "r", "r.md", "r.json"]) expect(existsSync(at(file)), file).toBe(false);
  });

  it("--output onto the recording being checked is refused, and the recording is left as it was", async () => {
    const har = at("traffic.har");
    const original = readFileSync(path.join(projectRoot, "test/recordings/emulator.har"), "utf8");
    writeFileSync(har, original);
    await expect(
      runDrift({ targets: DRIFT_TARGETS, specsDir: SPECS, generatedDir: GENERATED, target: har, formats: ["json"], output: har, stdout: sink(), stderr: sink() }),
    ).rejects.toThrow(/--output and --target name the same file/);
    expect(readFileSync(har, "utf8")).toBe(original);
  });
});
