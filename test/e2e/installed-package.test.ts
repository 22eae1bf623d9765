// driftless as a user installs it: `npm pack` of a freshly built dist/, the tarball
// unpacked into an empty project's node_modules as npm would, and the `driftless` bin run there
// with npx. Only the package's declared dependencies are linked in (from this checkout, so the
// test stays offline): a run-time import of a devDependency fails here.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { hashTree, projectRoot } from "../helpers/workspace.ts";

const manifest = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as {
  name: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function npx(cwd: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["--offline", "--no-install", "driftless", ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Newest modification time of the files the build reads. */
function newestSource(): number {
  let newest = 0;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(abs);
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(abs).mtimeMs);
    }
  };
  for (const dir of ["generator", "emulator"]) visit(path.join(projectRoot, dir));
  for (const file of ["package.json", "tsconfig.json", "tsconfig.build.json"]) newest = Math.max(newest, statSync(path.join(projectRoot, file)).mtimeMs);
  return newest;
}

/**
 * `npm pack`, building dist/ first only when a source is newer than it: `npm ci` has just built it
 * on CI, and a stale dist/ after an edit would test yesterday's code.
 */
function pack(destination: string): string {
  const bin = path.join(projectRoot, manifest.bin.driftless);
  if (!existsSync(bin) || statSync(bin).mtimeMs < newestSource()) {
    const built = spawnSync("npm", ["run", "build"], { cwd: projectRoot, encoding: "utf8" });
    if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stdout}${built.stderr}`);
  }
  const packed = spawnSync("npm", ["pack", "--ignore-scripts", "--pack-destination", destination, "--json"], { cwd: projectRoot, encoding: "utf8" });
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const [{ filename }] = JSON.parse(packed.stdout) as { filename: string }[];
  return path.join(destination, filename);
}

/** Unpacks the tarball into project/node_modules/NAME and links its dependencies and bin as npm install does. */
function install(tarball: string, project: string): { packageDir: string; files: string[] } {
  const modules = path.join(project, "node_modules");
  const unpacked = path.join(project, ".unpack");
  mkdirSync(unpacked, { recursive: true });
  const tar = spawnSync("tar", ["xzf", tarball, "-C", unpacked], { encoding: "utf8" });
  if (tar.status !== 0) throw new Error(`tar: ${tar.stderr}`);
  const packageDir = path.join(modules, manifest.name);
  mkdirSync(path.dirname(packageDir), { recursive: true });
  cpSync(path.join(unpacked, "package"), packageDir, { recursive: true });
  rmSync(unpacked, { recursive: true });
  for (const dependency of Object.keys(manifest.dependencies)) {
    const link = path.join(modules, dependency);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(path.join(projectRoot, "node_modules", dependency), link, "dir");
  }
  mkdirSync(path.join(modules, ".bin"), { recursive: true });
  for (const [name, target] of Object.entries(manifest.bin)) {
    chmodSync(path.join(packageDir, target), 0o755);
    symlinkSync(path.join("..", manifest.name, target), path.join(modules, ".bin", name));
  }
  const listing = spawnSync("tar", ["tzf", tarball], { encoding: "utf8" });
  return {
    packageDir,
    files: listing.stdout
      .split("\n")
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, "")),
  };
}

describe("the packed tarball installed into an empty project", () => {
  const root = mkdtempSync(path.join(tmpdir(), "driftless-installed-"));
  const project = path.join(root, "project");
  let installed: { packageDir: string; files: string[] };

  beforeAll(() => {
    const tarball = pack(root);
    mkdirSync(project, { recursive: true });
    writeFileSync(path.join(project, "package.json"), `${JSON.stringify({ name: "acme-app", private: true }, null, 2)}\n`);
    installed = install(tarball, project);
  }, 180_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("ships compiled code, templates and schemas, and no tests, specs or TypeScript sources of the toolkit", () => {
    expect(installed.files).toContain(manifest.bin.driftless);
    expect(installed.files).toContain("dist/generator/cli/main.d.ts");
    expect(installed.files).toContain("generator/config/api-config.schema.json");
    expect(installed.files.some((f) => f.startsWith("templates/"))).toBe(true);
    expect(installed.files.filter((f) => /^(test|specs|generated|bench|scripts)\//.test(f))).toEqual([]);
    // The only TypeScript sources shipped are the runtime files copied verbatim into client packages.
    expect(installed.files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.startsWith("generator/client/runtime/"))).toEqual([]);
  });

  it("answers `npx driftless --help` with every command", async () => {
    const run = await npx(project, ["--help"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    for (const command of ["init", "generate", "merge", "split", "import", "drift", "emulator"]) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
  });

  it("scaffolds an API with `init` whose api.yaml points editors at the installed schema", async () => {
    const run = await npx(project, ["init", "acme"]);
    expect(run.code).toBe(0);
    const apiYaml = readFileSync(path.join(project, "specs/acme/api.yaml"), "utf8");
    const schemaRef = /^# yaml-language-server: \$schema=(\S+)$/m.exec(apiYaml)?.[1];
    expect(schemaRef).toBeDefined();
    expect(path.resolve(project, "specs/acme", schemaRef!)).toBe(path.join(installed.packageDir, "generator/config/api-config.schema.json"));
    expect(parse(apiYaml)).toMatchObject({ id: "acme" });
    for (const folder of ["fragments", "docs"]) expect(existsSync(path.join(project, "specs/acme", folder))).toBe(true);

    // Nothing in it yet: generate says what to add, exit 2, and writes nothing.
    const empty = await npx(project, ["generate", "--api", "acme"]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("specs/acme/ holds no fragment");
    expect(existsSync(path.join(project, "generated"))).toBe(false);
    rmSync(path.join(project, "specs/acme"), { recursive: true });
  });

  it("generates the project's own specs/ into its generated/, byte-identical to this repository's", async () => {
    for (const api of ["chaser", "hyperbrowser"]) cpSync(path.join(projectRoot, "specs", api), path.join(project, "specs", api), { recursive: true });
    const run = await npx(project, ["generate"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(hashTree(path.join(project, "generated"))).toEqual(hashTree(path.join(projectRoot, "generated")));
  }, 120_000);
});
