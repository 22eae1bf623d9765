/**
 * Benchmark of the generated client (issue 4), all figures from one run on this machine:
 *   - per-call time of `chaser.sessions.get(id)` against openapi-fetch called directly and plain
 *     fetch, same request, same emulator on loopback; target: generated / openapi-fetch <= 1.10
 *   - size (min+gzip) of a one-call consumer bundle against openapi-fetch alone
 * The emulator runs in its own process (`driftless emulator`), as it does for a developer, so the
 * client's process does only the client's work.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import { createChaserClient } from "../generated/chaser/dist/index.js";
import type { paths } from "../generated/chaser/dist/schema.js";
import { report, timeBest } from "./measure.ts";

const KEY = "bench-key";
const CALLS = 100;
const ROUNDS = 40;

const child = spawn(process.execPath, ["scripts/driftless.mjs", "emulator", "--api", "chaser", "--port", "0", "--key", KEY, "--ready-delay-ms", "0"], {
  stdio: ["ignore", "pipe", "inherit"],
});
const emulator = {
  url: await new Promise<string>((resolve, reject) => {
    let banner = "";
    child.once("exit", (code) => reject(new Error(`the emulator exited with ${code}`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      banner += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(banner);
      if (match) resolve(match[1]!);
    });
  }),
};
child.stdout!.resume(); // one access-log line per request: read and drop
try {
  const headers = { authorization: `Bearer ${KEY}` };
  const generated = createChaserClient({ apiKey: KEY, baseUrl: emulator.url });
  const direct = createClient<paths>({ baseUrl: emulator.url, headers });
  const { id } = await generated.sessions.create();
  const url = `${emulator.url}/v1/sessions/${id}`;

  const variants: Record<string, () => Promise<unknown>> = {
    fetch: async () => (await fetch(url, { headers })).json(),
    "openapi-fetch": async () => (await direct.GET("/v1/sessions/{id}", { params: { path: { id } } })).data,
    generated: () => generated.sessions.get(id),
  };
  const batch = (call: () => Promise<unknown>) => async () => {
    for (let i = 0; i < CALLS; i++) await call();
  };
  // Warm up every path (JIT, keep-alive sockets). Then many short rounds, each timing the three
  // variants back to back in a rotating order: a loopback call varies by several percent with GC
  // and scheduling, so the ratio is taken within each round and the median of those is reported.
  for (const call of Object.values(variants)) await batch(call)();
  const names = Object.keys(variants);
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length]!;
      times[name]!.push(await timeBest(1, batch(variants[name]!)));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const perCall = (name: string) => (Math.min(...times[name]!) / CALLS) * 1000;
  const ratio = (a: string, b: string) => median(times[a]!.map((t, i) => t / times[b]![i]!));
  const extraMicros = (a: string, b: string) => (median(times[a]!.map((t, i) => t - times[b]![i]!)) / CALLS) * 1000;

  const bundle = async (contents: string) => {
    const result = await build({
      stdin: { contents, resolveDir: process.cwd(), loader: "ts" },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "neutral",
      write: false,
      logLevel: "silent",
    });
    return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).byteLength / 1024;
  };
  const dist = path.resolve("generated/chaser/dist/index.js");
  const oneCall = await bundle(
    `import { createChaserClient } from ${JSON.stringify(dist)};\nexport const run = (id: string) => createChaserClient({ apiKey: "k" }).sessions.get(id);`,
  );
  const baseline = await bundle(
    `import createClient from "openapi-fetch";\nexport const run = (id: string) => createClient({ baseUrl: "https://api.chaser.sh", headers: { authorization: "Bearer k" } }).GET("/v1/sessions/{id}", { params: { path: { id } } });`,
  );

  report(`generated client: per-call overhead (GET /v1/sessions/{id}, ${ROUNDS} rounds of ${CALLS} calls per variant, emulator on loopback)`, [
    { name: "plain fetch, per call, best round (µs)", value: perCall("fetch"), unit: "" },
    { name: "openapi-fetch, per call, best round (µs)", value: perCall("openapi-fetch"), unit: "" },
    { name: "generated chaser.sessions.get, per call, best round (µs)", value: perCall("generated"), unit: "" },
    { name: "generated - openapi-fetch, median of rounds (µs per call)", value: extraMicros("generated", "openapi-fetch"), unit: "" },
    { name: "generated / openapi-fetch, median of rounds (target <= 1.10)", value: ratio("generated", "openapi-fetch"), unit: "x" },
    { name: "generated / plain fetch, median of rounds", value: ratio("generated", "fetch"), unit: "x" },
    { name: "within 1.10x of openapi-fetch", value: ratio("generated", "openapi-fetch") <= 1.1 ? 1 : 0, unit: "bool" },
  ]);
  if (ratio("generated", "openapi-fetch") > 1.1) process.exitCode = 1; // a missed target fails the run
  report("generated client: bundle size (esbuild, minified, gzip -9)", [
    { name: "openapi-fetch alone, one call", value: baseline, unit: "KiB" },
    { name: "chaser-client, one call", value: oneCall, unit: "KiB" },
    { name: "chaser-client / openapi-fetch", value: oneCall / baseline, unit: "x" },
  ]);
} finally {
  child.kill("SIGTERM");
  if (child.exitCode === null) await once(child, "exit");
}
