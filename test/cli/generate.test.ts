import { appendFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copySpecs, hashTree, projectRoot, runCli } from "../helpers/workspace.ts";

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = path.join(dir, name);
    return statSync(abs).isDirectory() ? allFiles(abs) : [abs];
  });
}

describe("driftless generate", () => {
  const ws = copySpecs();
  let first: Record<string, string>;
  beforeAll(async () => {
    const result = await runCli(["generate", "--specs-dir", ws.specs, "--out-dir", ws.out]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    first = hashTree(ws.out);
  }, 120_000);
  afterAll(() => ws.cleanup());

  it("writes the canonical documents and reports of every API", () => {
    for (const api of ["chaser", "hyperbrowser"]) {
      for (const file of ["openapi.yaml", "openapi.json", "merge-report.json", "merge-report.md"]) expect(first).toHaveProperty([`${api}/${file}`]);
    }
  });

  it("writes what the repository commits in generated/: the copy is of specs/, so the output must be byte-identical", () => {
    // A stale generated/ (a spec or generator edit without `npm run generate`) fails here.
    expect(first).toEqual(hashTree(path.join(projectRoot, "generated")));
  });

  it("writes no absolute path, no CR and no timestamp", () => {
    for (const file of allFiles(ws.out)) {
      if (!/\.(ya?ml|json|md|ts|js)$/.test(file)) continue;
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toContain(ws.root);
      expect(text, file).not.toContain(projectRoot);
      expect(text, file).not.toContain("\r");
      expect(text, file).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z.*generated/i);
    }
  });

  it("changes nothing when run again", async () => {
    expect((await runCli(["generate", "--specs-dir", ws.specs, "--out-dir", ws.out])).code).toBe(0);
    expect(hashTree(ws.out)).toEqual(first);
  }, 120_000);

  it("--check passes on fresh output and names every stale, missing and extra file", async () => {
    const ok = await runCli(["generate", "--check", "--specs-dir", ws.specs, "--out-dir", ws.out]);
    expect(ok.code).toBe(0);
    appendFileSync(path.join(ws.out, "chaser/openapi.yaml"), "# touched\n");
    rmSync(path.join(ws.out, "hyperbrowser/merge-report.md"));
    writeFileSync(path.join(ws.out, "chaser/notes.txt"), "mine\n");
    const stale = await runCli(["generate", "--check", "--specs-dir", ws.specs, "--out-dir", ws.out]);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain("stale:   chaser/openapi.yaml");
    expect(stale.stdout).toContain("missing: hyperbrowser/merge-report.md");
    expect(stale.stdout).toContain("extra:   chaser/notes.txt");
  }, 120_000);
});

describe("the driftless bin", () => {
  const bin = path.join(projectRoot, "scripts/driftless.mjs");
  it("prints help listing every command", () => {
    const out = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
    expect(out.status).toBe(0);
    for (const command of ["generate", "merge", "split", "import", "emulator"]) expect(out.stdout).toContain(`  ${command}`);
  });
  it("exits 2 on an unknown command or flag, saying what to do", () => {
    const unknown = spawnSync(process.execPath, [bin, "frobnicate"], { encoding: "utf8" });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const flag = spawnSync(process.execPath, [bin, "generate", "--colour"], { encoding: "utf8" });
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain("--colour");
    expect(flag.stderr).toContain("driftless generate --help");
  });
});

describe("what the user keeps in a package folder", () => {
  const ws = copySpecs(["chaser"]);
  afterAll(() => ws.cleanup());
  it("survives generate and is not reported by --check (an install, a packed tarball)", async () => {
    expect((await runCli(["generate", "--specs-dir", ws.specs, "--out-dir", ws.out])).code).toBe(0);
    const { mkdirSync } = await import("node:fs");
    mkdirSync(path.join(ws.out, "chaser/node_modules/openapi-fetch"), { recursive: true });
    writeFileSync(path.join(ws.out, "chaser/node_modules/openapi-fetch/package.json"), "{}\n");
    writeFileSync(path.join(ws.out, "chaser/chaser-client-0.1.0.tgz"), "tarball");
    expect((await runCli(["generate", "--check", "--specs-dir", ws.specs, "--out-dir", ws.out])).code).toBe(0);
    expect((await runCli(["generate", "--specs-dir", ws.specs, "--out-dir", ws.out])).code).toBe(0);
    expect(readFileSync(path.join(ws.out, "chaser/chaser-client-0.1.0.tgz"), "utf8")).toBe("tarball");
    expect(readFileSync(path.join(ws.out, "chaser/node_modules/openapi-fetch/package.json"), "utf8")).toBe("{}\n");
  }, 120_000);
});
