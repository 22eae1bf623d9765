import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publint } from "publint";
import { loadApiConfig } from "../../generator/config/load-config.ts";
import { resolveClientModel } from "../../generator/client/model/resolve.ts";
import { parseYamlSource } from "../../generator/load/yaml-source.ts";
import { projectRoot } from "../helpers/workspace.ts";
import { CHASER_CONSUMER, HYPERBROWSER_CONSUMER, SMOKE } from "./consumers.ts";
import { KEY, startClientEmulator } from "./helpers.ts";

/**
 * The packages as a team gets them: `npm pack` of generated/<api>/, installed into a fresh
 * project, then type-checked (TypeScript 5.9 and 7), linted (publint, arethetypeswrong) and run.
 *
 * Installing is done without the registry, so the suite runs offline: the tarball is unpacked into
 * node_modules/<name> (what npm does with it), and each dependency its package.json declares is
 * linked from this project's node_modules, after checking the installed version satisfies the
 * declared range. A dependency the package forgot to declare is therefore missing, as it would be.
 */

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const APIS = ["chaser", "hyperbrowser"] as const;

function binOf(pkg: string, from: string): string {
  const manifest = require.resolve(`${pkg}/package.json`, { paths: [from] });
  const { bin } = JSON.parse(readFileSync(manifest, "utf8")) as { bin: string | Record<string, string> };
  return path.join(path.dirname(manifest), typeof bin === "string" ? bin : Object.values(bin)[0]!);
}
const TSC_5 = binOf("typescript", projectRoot);
const TSC_7 = binOf("typescript", path.join(projectRoot, "test/client/toolchains/ts7"));
const ATTW = binOf("@arethetypeswrong/cli", projectRoot);

/** `^x.y.z` against an installed version (enough for the ranges the generator writes). */
function satisfiesCaret(range: string, version: string): boolean {
  const want = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range)?.slice(1).map(Number);
  const have = /^(\d+)\.(\d+)\.(\d+)/.exec(version)?.slice(1).map(Number);
  if (!want || !have) return false;
  const [wa, wb, wc] = want as [number, number, number];
  const [ha, hb, hc] = have as [number, number, number];
  if (wa > 0) return ha === wa && (hb > wb || (hb === wb && hc >= wc));
  return ha === 0 && hb === wb && hc >= wc;
}

/** The fenced TypeScript blocks of a README. */
function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

const tsconfig = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2022", "DOM"],
    types: [],
    strict: true,
    noEmit: true,
    // The packages' declarations (and openapi-fetch's) are checked too, not only the consumer.
    skipLibCheck: false,
  },
  include: ["consumers/*.ts", "readme/*.ts"],
};

describe("the packed client packages in a fresh project", () => {
  const project = mkdtempSync(path.join(tmpdir(), "driftless-consumer-"));
  const packed = new Map<string, { tarball: string; files: string[]; name: string }>();
  let readmeBlocks = 0;

  beforeAll(async () => {
    for (const api of APIS) {
      const { stdout } = await run("npm", ["pack", "--json", "--ignore-scripts", "--offline", "--pack-destination", project], { cwd: path.join(projectRoot, "generated", api) });
      const [info] = JSON.parse(stdout) as { filename: string; name: string; files: { path: string }[] }[];
      const tarball = path.join(project, info!.filename);
      packed.set(api, { tarball, name: info!.name, files: info!.files.map((f) => f.path).sort() });
      const target = path.join(project, "node_modules", info!.name);
      mkdirSync(target, { recursive: true });
      await run("tar", ["-xzf", tarball, "-C", target, "--strip-components=1"]);
      const manifest = JSON.parse(readFileSync(path.join(target, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
      for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
        const installed = path.join(projectRoot, "node_modules", dep);
        const { version } = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8")) as { version: string };
        if (!satisfiesCaret(range, version)) throw new Error(`${info!.name} wants ${dep}@${range}; this project has ${version}`);
        try {
          symlinkSync(installed, path.join(project, "node_modules", dep), "dir");
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        }
      }
    }
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2));
    writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    mkdirSync(path.join(project, "consumers"));
    writeFileSync(path.join(project, "consumers/chaser.ts"), CHASER_CONSUMER);
    writeFileSync(path.join(project, "consumers/hyperbrowser.ts"), HYPERBROWSER_CONSUMER);
    writeFileSync(path.join(project, "smoke.mjs"), SMOKE);
    mkdirSync(path.join(project, "readme"));
    for (const api of APIS) {
      codeBlocks(readFileSync(path.join(projectRoot, "generated", api, "README.md"), "utf8")).forEach((code, i) => {
        writeFileSync(path.join(project, "readme", `${api}-${String(i + 1).padStart(2, "0")}.ts`), code);
        readmeBlocks++;
      });
    }
  }, 120_000);
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it("packs package.json, README.md and dist/ only", () => {
    for (const api of APIS) {
      const { files } = packed.get(api)!;
      expect(files).toContain("dist/index.js");
      expect(files).toContain("dist/index.d.ts");
      expect(files.filter((f) => !f.startsWith("dist/"))).toEqual(["README.md", "package.json"]);
    }
  });

  it("type-checks consumers calling every method, and every README code block, with TypeScript 5.9", async () => {
    expect(readmeBlocks).toBeGreaterThanOrEqual(20);
    const { stdout } = await run(process.execPath, [TSC_5, "-p", project, "--version"]);
    expect(stdout).toMatch(/Version 5\.9\./);
    const result = await run(process.execPath, [TSC_5, "-p", project]).catch((e: { stdout: string }) => e);
    expect(result.stdout).toBe("");
  }, 60_000);

  it("type-checks the same files with TypeScript 7", async () => {
    const { stdout } = await run(process.execPath, [TSC_7, "--version"]);
    expect(stdout).toMatch(/Version 7\./);
    const result = await run(process.execPath, [TSC_7, "-p", project]).catch((e: { stdout: string }) => e);
    expect(result.stdout).toBe("");
  }, 60_000);

  it("has consumers that call every method the packages have", () => {
    for (const [api, consumer] of [
      ["chaser", CHASER_CONSUMER],
      ["hyperbrowser", HYPERBROWSER_CONSUMER],
    ] as const) {
      const source = parseYamlSource("api.yaml", readFileSync(path.join(projectRoot, "specs", api, "api.yaml"), "utf8"));
      const doc = JSON.parse(readFileSync(path.join(projectRoot, "generated", api, "openapi.json"), "utf8"));
      const { model } = resolveClientModel(loadApiConfig(api, source).config, doc, () => undefined);
      for (const r of model.resources) {
        for (const name of [...r.methods, ...r.iterators, ...r.waiters].map((m) => m.name)) expect(consumer, `${api}: ${r.name}.${name}`).toContain(`.${r.name}.${name}(`);
      }
    }
  });

  it("passes publint (strict)", async () => {
    for (const api of APIS) {
      const tarball = readFileSync(packed.get(api)!.tarball);
      const { messages } = await publint({ pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) as ArrayBuffer }, strict: true });
      expect(messages, api).toEqual([]);
    }
  });

  it("passes @arethetypeswrong/cli (ESM only: CommonJS callers use import())", async () => {
    for (const api of APIS) {
      const result = await run(process.execPath, [ATTW, packed.get(api)!.tarball, "--format", "json", "--ignore-rules", "cjs-resolves-to-esm"]).catch(
        (e: { stdout: string; code: number }) => e,
      );
      // The JSON lists ignored problems too; the exit code counts only the others.
      const report = JSON.parse(result.stdout) as { problems?: Record<string, unknown[]> };
      expect(
        Object.keys(report.problems ?? {}).filter((kind) => kind !== "CJSResolvesToESM"),
        api,
      ).toEqual([]);
      expect("code" in result ? result.code : 0, api).toBe(0);
    }
  }, 60_000);

  it("runs from the installed packages against the emulator", async () => {
    const emu = await startClientEmulator({ seed: { hyperbrowser: { activeSessions: 3 } } });
    const { stdout } = await run(process.execPath, [path.join(project, "smoke.mjs"), emu.url, KEY], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({
      status: "ready",
      png: [0x50, 0x4e, 0x47],
      hyperbrowser: "active",
      listed: 4,
      drift: ["type-mismatch /bytes_up", "undocumented-field /emulator_extra"],
      errors: { notFound: true, chaserError: true, auth: false, status: 404 },
      logs: { lines: true, get: true, key: false },
    });
  }, 30_000);
});
