// The client build's disk cache: where it lives, that a hit returns the stored bytes without
// building, and that an unreadable entry is rebuilt rather than trusted.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { buildCacheDir } from "../../generator/client/build/compile.ts";

const tmp = mkdtempSync(path.join(tmpdir(), "driftless-build-cache-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

describe("buildCacheDir", () => {
  const withModules = path.join(tmp, "with-modules");
  const without = path.join(tmp, "without");
  mkdirSync(path.join(withModules, "node_modules"), { recursive: true });
  mkdirSync(without, { recursive: true });
  it.each([
    ["node_modules/.cache/driftless of the working directory", {}, withModules, path.join(withModules, "node_modules/.cache/driftless")],
    ["nothing without node_modules", {}, without, undefined],
    ["DRIFTLESS_CACHE_DIR, relative to the working directory", { DRIFTLESS_CACHE_DIR: "cache" }, without, path.join(without, "cache")],
    ["nothing when DRIFTLESS_CACHE_DIR=off", { DRIFTLESS_CACHE_DIR: "off" }, withModules, undefined],
  ])("%s", (_name, env, cwd, want) => {
    expect(buildCacheDir(env, cwd)).toBe(want);
  });
});

describe("compilePackage with a disk cache", () => {
  const sources = new Map([["src/index.ts", "export const answer: number = 42;\n"]]);

  async function freshCompile(): Promise<typeof import("../../generator/client/build/compile.ts")> {
    vi.resetModules(); // a new process, as far as the in-memory cache is concerned
    return import("../../generator/client/build/compile.ts");
  }

  it("stores what it built, serves a later build from the entry, and rebuilds when the entry is unreadable", async () => {
    const dir = path.join(tmp, "cache");
    vi.stubEnv("DRIFTLESS_CACHE_DIR", dir);
    const built = await (await freshCompile()).compilePackage("answer", sources);
    expect(built.get("dist/index.js")).toContain("export const answer = 42;");
    const [entry] = readdirSync(dir);
    expect(entry).toMatch(/^client-build-[0-9a-f]{64}\.json$/);
    expect(new Map(JSON.parse(readFileSync(path.join(dir, entry!), "utf8")) as [string, string][])).toEqual(built);

    // A hit is the stored bytes: prove it by storing different ones.
    writeFileSync(path.join(dir, entry!), JSON.stringify([["dist/index.js", "// from the cache\n"]]));
    expect((await (await freshCompile()).compilePackage("answer", sources)).get("dist/index.js")).toBe("// from the cache\n");

    writeFileSync(path.join(dir, entry!), "{ not json");
    expect(await (await freshCompile()).compilePackage("answer", sources)).toEqual(built);
  }, 60_000);
});
