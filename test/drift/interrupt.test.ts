import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chaserSessions, projectRoot, testEmulator } from "./helpers.ts";

const KEY = "interrupt-key-0123";

/** The real CLI, as a user runs it. */
const driftArgv = (): string[] => [path.join(projectRoot, "scripts/driftless.mjs"), "drift"];

describe("Ctrl-C in the middle of a run", () => {
  it("stops the probes, deletes the session it created, reports, and exits 2", async () => {
    // Sessions stay `creating` for a minute, so the run is certainly polling when the signal comes.
    const emulator = await testEmulator({ keys: [KEY], readyDelayMs: 60_000 });
    const child = spawn(process.execPath, [...driftArgv(), "--api", "chaser", "--target", emulator.url, "--allow-writes", "--format", "json"], {
      cwd: projectRoot,
      env: { ...process.env, CHASER_API_KEY: KEY, CI: "1", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    const created = new Promise<void>((resolve) => {
      child.stderr.on("data", (c: Buffer) => {
        stderr += c.toString();
        if (/create-session POST \/v1\/sessions → 201/.test(stderr)) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await Promise.race([created, exited]);
    expect(child.exitCode).toBeNull(); // still running: polling the creating session
    const [open] = await chaserSessions(emulator, KEY);
    expect(open).toMatchObject({ status: "creating" });

    child.kill("SIGINT");
    const code = await exited;
    expect(code).toBe(2);
    expect(stderr).toContain("interrupted; deleting what was created");
    expect(stderr).toMatch(/delete-session DELETE \/v1\/sessions\/\{id\} → 204/);
    const report = JSON.parse(stdout) as { apis: { incidents: { kind: string; message: string }[] }[] };
    expect(report.apis[0]!.incidents.map((i) => i.kind)).toEqual(["interrupted"]);
    // The final report says what the cleanup did, not what it was about to do.
    expect(report.apis[0]!.incidents[0]!.message).toBe("interrupted; the cleanup deleted the 1 resource created");
    // Nothing is left open.
    const sessions = await chaserSessions(emulator, KEY);
    expect(sessions.map((s) => [s.status, s.ended_reason])).toEqual([["closed", "client_delete"]]);
    expect(stdout + stderr).not.toContain(KEY);
  });
});
