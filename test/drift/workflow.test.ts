import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "./helpers.ts";

let dir: string;
beforeEach(() => void (dir = mkdtempSync(path.join(tmpdir(), "driftless-workflow-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Step {
  id?: string;
  run?: string;
}

/** The live drift step's script, with the workflow's expressions filled in for one matrix entry. */
function liveDriftScript(api: string, url: string): string {
  const workflow = parse(readFileSync(path.join(projectRoot, ".github/workflows/spec-drift.yml"), "utf8")) as { jobs: { live: { steps: Step[] } } };
  const step = workflow.jobs.live.steps.find((s) => s.id === "drift")!;
  const values: Record<string, string> = { "matrix.api": api, "matrix.url": url, "inputs.allow-writes && '--allow-writes' || ''": "" };
  return step.run!.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_m, expression: string) => {
    if (!(expression in values)) throw new Error(`unknown expression in the drift step: ${expression}`);
    return values[expression]!;
  });
}

/** Runs the step in a checkout-like folder with `npm` replaced by a stub that records its arguments. */
function runStep(api: string, withBaseline: boolean): string[] {
  if (withBaseline) {
    mkdirSync(path.join(dir, "specs", api), { recursive: true });
    writeFileSync(path.join(dir, "specs", api, "drift-baseline.json"), '{"driftlessBaseline":1,"findings":[]}\n');
  }
  const argsFile = path.join(dir, "npm-args");
  const script = `npm() { printf '%s\\n' "$@" > "${argsFile}"; return 1; }\n${liveDriftScript(api, "https://api.example.com")}`;
  execFileSync("bash", ["-e", "-c", script], { cwd: dir, env: { PATH: process.env.PATH, GITHUB_OUTPUT: path.join(dir, "github-output") } });
  expect(readFileSync(path.join(dir, "github-output"), "utf8")).toBe("code=1\n");
  return readFileSync(argsFile, "utf8").trimEnd().split("\n");
}

describe(".github/workflows/spec-drift.yml: the nightly live check", () => {
  it("passes the API's committed baseline when there is one, so accepted drift does not fail the night", () => {
    const args = runStep("chaser", true);
    expect(args.slice(0, 6)).toEqual(["run", "--silent", "drift", "--", "--api", "chaser"]);
    expect(args[args.indexOf("--baseline") + 1]).toBe("specs/chaser/drift-baseline.json");
  });

  it("runs without --baseline when the API has none", () => {
    const args = runStep("hyperbrowser", false);
    expect(args).toContain("--api");
    expect(args).not.toContain("--baseline");
  });
});
