import { describe, expect, it } from "vitest";
import { runDrift, type DriftOptions } from "../../generator/drift/run-drift.ts";
import type { TargetProvider } from "../../generator/drift/targets.ts";
import { DriftlessError } from "../../generator/problems/error.ts";
import { GENERATED, SPECS, fastPlan, sink, testEmulator } from "./helpers.ts";

const base: DriftOptions = { specsDir: SPECS, generatedDir: GENERATED, formats: ["json"], planOverride: fastPlan(), stdout: sink(), stderr: sink() };

/** A named target that is the emulator serving Chaser only, recording how the run used it. */
function chaserOnly(disposable: boolean) {
  const calls = { started: [] as string[][], closed: 0 };
  const provider: TargetProvider = {
    label: "the Chaser stand-in",
    disposable,
    inProcess: true,
    async start(apis) {
      calls.started.push([...apis]);
      const emulator = await testEmulator({ api: "chaser", seed: { chaser: { readySessions: 1 } } });
      return {
        endpoints: new Map([["chaser", { baseUrl: new URL(emulator.url), key: emulator.keys.chaser[0]! }]]),
        close: async () => void calls.closed++,
      };
    },
  };
  return { provider, calls };
}

describe("named targets are injected (DriftOptions.targets)", () => {
  it("a registered target is started with the API ids, probed, closed once; an API it does not serve gets a note", async () => {
    const { provider, calls } = chaserOnly(true);
    const run = await runDrift({ ...base, targets: { standin: provider } });
    expect(calls).toEqual({ started: [["chaser", "hyperbrowser"]], closed: 1 });
    const [chaser, hyperbrowser] = run.report.apis;
    expect(chaser).toMatchObject({ api: "chaser", target: "standin", skipped: [] });
    expect(chaser!.exchanges).toBeGreaterThan(0);
    expect(hyperbrowser).toMatchObject({ api: "hyperbrowser", target: "standin", exchanges: 0 });
    expect(hyperbrowser!.note).toBe("the Chaser stand-in does not serve hyperbrowser; check it with --target URL or a recording.");
  });

  it("a target that is not disposable gets no creating probes without --allow-writes", async () => {
    const { provider } = chaserOnly(false);
    const run = await runDrift({ ...base, apis: ["chaser"], target: "standin", targets: { other: chaserOnly(true).provider, standin: provider } });
    const skipped = run.report.apis[0]!.skipped;
    expect(skipped.length).toBeGreaterThan(0);
    expect(new Set(skipped.map((s) => s.reason))).toContain("writes are off (use --allow-writes)");
  });

  it.each<[string, DriftOptions, RegExp]>([
    ["nothing registered and no --target", {}, /no --target: pass the live API's base URL or a recording/],
    ["--target emulator when nothing registers it", { target: "emulator" }, /--target emulator: expected an http\(s\) URL, FILE\.har or FILE\.ndjson\./],
    [
      "an unknown name lists the registered ones",
      { target: "nope", targets: { standin: chaserOnly(true).provider } },
      /--target nope: expected 'standin', an http\(s\) URL, FILE\.har or FILE\.ndjson\./,
    ],
  ])("%s: a usage error", async (_name, options, message) => {
    const error = await runDrift({ ...base, ...options }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DriftlessError);
    expect((error as DriftlessError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(message);
  });
});
