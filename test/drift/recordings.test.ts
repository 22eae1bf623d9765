import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DRIFT_TARGETS } from "../../generator/cli/emulator.ts";
import { runDrift, type DriftOptions } from "../../generator/drift/run-drift.ts";
import { GENERATED, SPECS, projectRoot, sink } from "./helpers.ts";

let dir: string;
beforeEach(() => void (dir = mkdtempSync(path.join(tmpdir(), "driftless-rec-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function drift(options: DriftOptions) {
  const stdout = sink();
  const run = await runDrift({ targets: DRIFT_TARGETS, specsDir: SPECS, generatedDir: GENERATED, formats: ["json"], stdout, stderr: sink(), ...options });
  return { ...run, stdout: stdout.text };
}

const fingerprints = (run: Awaited<ReturnType<typeof drift>>) =>
  run.report.apis.flatMap((a) => a.findings.map((f) => `${a.api} ${f.fingerprint} ${f.rule} ${f.args.bodyPointer}`)).sort();

describe("recorded traffic", () => {
  it("a recording of the emulator checks offline like the live run, and twice gives byte-identical JSON", async () => {
    const har = path.join(dir, "emulator.har");
    const live = await drift({ record: har });
    expect(live.exitCode).toBe(0);
    const first = await drift({ target: har });
    const second = await drift({ target: har });
    expect(first.exitCode).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    for (const [i, a] of first.report.apis.entries()) {
      expect(a.exchanges).toBe(live.report.apis[i]!.exchanges);
      expect(a.operations).toEqual(live.report.apis[i]!.operations);
      expect(a.target.endsWith("emulator.har")).toBe(true);
    }
    // HAR 1.2 shape, with driftless's own entry field.
    const doc = JSON.parse(readFileSync(har, "utf8")) as { log: { version: string; creator: { name: string }; entries: Record<string, unknown>[] } };
    expect(doc.log.version).toBe("1.2");
    expect(doc.log.creator.name).toBe("driftless");
    for (const key of ["startedDateTime", "time", "request", "response", "cache", "timings", "_driftless"]) expect(doc.log.entries[0]).toHaveProperty(key);
  });

  it("drift found live is found again offline, with the same fingerprints", async () => {
    const har = path.join(dir, "drift.har");
    const headers = { "x-emulator-scenario": "wrong-type,extra-field" };
    const live = await drift({ record: har, extraHeaders: headers });
    expect(live.exitCode).toBe(1);
    const offline = await drift({ target: har });
    expect(offline.exitCode).toBe(1);
    expect(fingerprints(offline)).toEqual(fingerprints(live));
    expect(fingerprints(live).length).toBeGreaterThan(0);
  });

  it("NDJSON lines check like HAR entries", async () => {
    const har = path.join(dir, "drift.har");
    await drift({ apis: ["hyperbrowser"], record: har, extraHeaders: { "x-emulator-scenario": "bad-enum" } });
    const entries = (
      JSON.parse(readFileSync(har, "utf8")) as {
        log: { entries: { request: { method: string; url: string }; response: { status: number; headers: { name: string; value: string }[]; content: { text?: string } } }[] };
      }
    ).log.entries;
    const ndjson = path.join(dir, "drift.ndjson");
    writeFileSync(
      ndjson,
      entries
        .map((e) =>
          JSON.stringify({
            method: e.request.method,
            url: e.request.url,
            status: e.response.status,
            headers: Object.fromEntries(e.response.headers.map((h) => [h.name, h.value])),
            ...(e.response.content.text ? { body: e.response.content.text } : {}),
          }),
        )
        .join("\n") + "\n",
    );
    const fromHar = await drift({ apis: ["hyperbrowser"], target: har });
    const fromNdjson = await drift({ apis: ["hyperbrowser"], target: ndjson });
    expect(fingerprints(fromNdjson)).toEqual(fingerprints(fromHar));
    expect(fromNdjson.report.apis[0]!.findings.map((f) => f.rule)).toContain("enum-mismatch");
  });

  it("the committed recordings under test/recordings check clean (the pull-request check)", async () => {
    const run = await drift({ target: path.join(projectRoot, "test/recordings/emulator.har") });
    expect(run.exitCode).toBe(0);
    // Only the vendor departures the committed specs/<api>/drift-baseline.json files accept.
    expect(run.report.apis.map((a) => [a.api, a.findings.filter((f) => f.baseline !== "known").length, a.exchanges > 0])).toEqual([
      ["chaser", 0, true],
      ["hyperbrowser", 0, true],
    ]);
    // Recorded by driftless: each answer keeps its probe's intent, and the coverage is that of the run.
    const chaser = run.report.apis[0]!;
    expect(chaser.coverage!.operations).toMatchObject({ checked: 6, total: 6 });
    expect(chaser.probes!.find((p) => p.step === "list-sessions--no-key")).toMatchObject({ intent: "no-key", negative: true, statuses: [401] });
  });

  it("a broken recording is a clear input error", async () => {
    const bad = path.join(dir, "bad.har");
    writeFileSync(bad, "{ not json");
    await expect(drift({ target: bad })).rejects.toThrow(/bad\.har is not a HAR file/);
    const lines = path.join(dir, "bad.ndjson");
    writeFileSync(lines, '{"method":"GET","url":"http://x/v1/sessions","status":200}\nnope\n');
    await expect(drift({ target: lines })).rejects.toThrow(/bad\.ndjson:2: not a JSON line/);
  });
});
