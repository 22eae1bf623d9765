// The one module of the toolkit that reaches the bundled emulator (emulator/): as the drift target
// `emulator` and as the `driftless emulator` command. The generic toolkit (generator/drift and
// everything below it) knows only the TargetProvider interface; test/architecture/layers.test.ts
// holds every other module of generator/ to that. Both load emulator/ only when they run.
import type { TargetProvider, TargetProviders } from "../drift/targets.ts";

/**
 * The bundled emulator as a drift target: in memory and private to the run, its sessions seeded
 * so read-only probes see real items; writes are always allowed (nothing real is created) and no
 * rate limit applies (it answers from this process).
 */
export const emulatorTarget: TargetProvider = {
  label: "the bundled emulator",
  disposable: true,
  inProcess: true,
  async start(apis) {
    const { startEmulator } = await import("../../emulator/index.ts");
    const emulator = await startEmulator({
      port: 0,
      readyDelayMs: 0,
      seed: { chaser: { readySessions: 2, closedSessions: 1 }, hyperbrowser: { activeSessions: 2, closedSessions: 1 } },
    });
    const keys: Record<string, string[]> = emulator.keys;
    const endpoints = new Map(apis.filter((id) => Object.hasOwn(keys, id) && keys[id]!.length > 0).map((id) => [id, { baseUrl: new URL(emulator.url), key: keys[id]![0]! }]));
    return { endpoints, close: () => emulator.close() };
  },
};

/** The named targets of `driftless drift --target NAME`; the first is the default. */
export const DRIFT_TARGETS: TargetProviders = { emulator: emulatorTarget };

/** `driftless emulator ARGS`: the emulator parses its own flags (it also runs standalone) and returns when stopped. */
export async function runEmulatorCommand(argv: string[]): Promise<number> {
  const { runEmulatorCommand: run } = await import("../../emulator/cli.ts");
  return run(argv);
}
