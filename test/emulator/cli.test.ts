import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runEmulatorCommand, type CommandIo } from "../../emulator/cli.ts";
import { SCENARIO_NAMES } from "../../emulator/index.ts";

function captureIo(stop?: AbortSignal): CommandIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (line) => out.push(line), stderr: (line) => err.push(line), ...(stop ? { stop } : {}) };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error("condition not met in 2 s");
}

describe("driftless emulator (runEmulatorCommand)", () => {
  it("prints help with every option and scenario, and resolves 0", async () => {
    const io = captureIo();
    expect(await runEmulatorCommand(["--help"], io)).toBe(0);
    const help = io.out.join("\n");
    for (const flag of ["--api", "--port", "--host", "--key", "--scenario", "--ready-delay-ms"]) expect(help).toContain(flag);
    for (const name of SCENARIO_NAMES) expect(help).toContain(name);
  });

  it.each([
    [["--bogus"]],
    [["--api", "both"]],
    [["--port", "http"]],
    [["--port", "70000"]],
    [["--ready-delay-ms", "-5"]],
    [["--scenario", "nope"]],
    [["extra-positional"]],
    [["--port"]],
  ])("resolves 2 with a message on stderr for %j", async (argv) => {
    const io = captureIo();
    expect(await runEmulatorCommand(argv, io)).toBe(2);
    expect(io.err.join("\n")).toMatch(/^driftless emulator: /);
    expect(io.out).toEqual([]);
  });

  it("serves until stopped, prints the URL and the given keys, logs requests without keys, then resolves 0", async () => {
    const stop = new AbortController();
    const io = captureIo(stop.signal);
    const finished = runEmulatorCommand(["--port", "0", "--key", "cli-key-1", "--key", "cli-key-2", "--ready-delay-ms", "0", "--scenario", "extra-field"], io);
    await until(() => io.out.some((line) => line.startsWith("driftless emulator listening on ")));
    const url = io.out[0]!.replace("driftless emulator listening on ", "");
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(io.out).toContain("  chaser        cli-key-1");
    expect(io.out).toContain("  hyperbrowser  cli-key-2");
    expect(io.out).toContain("scenarios: extra-field");

    const created = await fetch(`${url}/v1/sessions`, { method: "POST", headers: { authorization: "Bearer cli-key-2" } });
    expect(created.status).toBe(201);
    expect(await created.json()).toHaveProperty("emulator_extra");
    expect((await fetch(`${url}/api/sessions`, { headers: { "x-api-key": "cli-key-1" } })).status).toBe(200);
    const logLines = io.out.filter((line) => /^(GET|POST) /.test(line));
    expect(logLines).toHaveLength(2);
    expect(logLines.join("\n")).not.toContain("cli-key");

    stop.abort();
    expect(await finished).toBe(0);
    await expect(fetch(`${url}/v1/sessions`)).rejects.toThrow();
  });

  it("prints generated keys when none is given", async () => {
    const stop = new AbortController();
    const io = captureIo(stop.signal);
    const finished = runEmulatorCommand(["--port", "0", "--api", "hyperbrowser"], io);
    await until(() => io.out.includes("Press Ctrl-C to stop."));
    const keyLine = io.out.find((line) => line.startsWith("  hyperbrowser  hb_emu_"));
    expect(keyLine).toBeDefined();
    expect(io.out.some((line) => line.startsWith("  chaser "))).toBe(false);
    stop.abort();
    expect(await finished).toBe(0);
  });

  it("resolves 2 when the port is taken", async () => {
    const stop = new AbortController();
    const first = captureIo(stop.signal);
    const running = runEmulatorCommand(["--port", "0"], first);
    await until(() => first.out.length > 0);
    const port = new URL(first.out[0]!.replace("driftless emulator listening on ", "")).port;
    const second = captureIo();
    expect(await runEmulatorCommand(["--port", port], second)).toBe(2);
    expect(second.err[0]).toMatch(/cannot start: .*EADDRINUSE/);
    stop.abort();
    await running;
  });

  it("stops on SIGTERM in a real process, which then exits 0 by itself (no open handles)", async () => {
    const cli = new URL("../../emulator/cli.ts", import.meta.url).href;
    const code = `import(${JSON.stringify(cli)}).then(async (m) => { process.exitCode = await m.runEmulatorCommand(["--port", "0", "--key", "child-key"]); });`;
    const child = spawn(process.execPath, ["--import", "tsx", "--eval", code], {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (status) => resolve(status)));
    try {
      for (let i = 0; i < 1000 && !out.includes("Press Ctrl-C"); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      expect(url, out).toBeDefined();
      expect((await fetch(`${url}/v1/sessions`, { headers: { authorization: "Bearer child-key" } })).status).toBe(200);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(out).toContain("driftless emulator: stopping");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
