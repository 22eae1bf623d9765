/**
 * Benchmark of the generated client (issue 4), all figures from one run on this machine:
 *   - per-call time of `chaser.sessions.get(id)` against openapi-fetch called directly and plain
 *     fetch, same request, same emulator on loopback; target: generated / openapi-fetch <= 1.10
 *   - the same call with the drift sentinel on (validateResponses, every answer checked); target:
 *     sentinel / generated <= 1.3
 *   - size (min+gzip) of a one-call consumer bundle against openapi-fetch alone, as one file and as
 *     the entry chunk of a code-splitting build (what a bundler that splits loads up front); target
 *     <= 2.0x for both. The drift sentinel is the package's `/sentinel` entry, which a client without
 *     it never imports, so it must add nothing to either: the bytes its modules put in the bundle
 *     are counted from esbuild's metafile (target 0).
 * The emulator runs in its own process (`driftless emulator`), as it does for a developer, so the
 * client's process does only the client's work.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { gzipSync } from "node:zlib";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import { createChaserClient } from "../generated/chaser/dist/index.js";
import { driftSentinel } from "../generated/chaser/dist/sentinel.js";
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
  let findings = 0;
  const sentinel = createChaserClient({ apiKey: KEY, baseUrl: emulator.url, validateResponses: driftSentinel({ sampleRate: 1, onDrift: () => void findings++ }) });
  const direct = createClient<paths>({ baseUrl: emulator.url, headers });
  const { id } = await generated.sessions.create();
  const url = `${emulator.url}/v1/sessions/${id}`;

  const variants: Record<string, () => Promise<unknown>> = {
    fetch: async () => (await fetch(url, { headers })).json(),
    "openapi-fetch": async () => (await direct.GET("/v1/sessions/{id}", { params: { path: { id } } })).data,
    generated: () => generated.sessions.get(id),
    sentinel: () => sentinel.sessions.get(id),
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

  /** The sentinel's modules: reachable only from the package's `/sentinel` entry. */
  const SENTINEL_MODULE = /generated\/chaser\/dist\/(sentinel|drift-checks|runtime\/drift|runtime\/sentinel)\.js$/;
  /** KiB (gzip -9) of what loads before the first call, and the bytes the sentinel's modules put in it. */
  const bundle = async (contents: string, splitting = false): Promise<{ kib: number; sentinelBytes: number }> => {
    const dir = mkdtempSync(path.join(tmpdir(), "driftless-bundle-"));
    try {
      const entry = path.join(dir, "entry.ts");
      writeFileSync(entry, contents);
      const result = await build({
        entryPoints: [entry],
        nodePaths: [path.resolve("node_modules")],
        bundle: true,
        minify: true,
        format: "esm",
        platform: "neutral",
        splitting,
        outdir: path.join(dir, "out"),
        write: false,
        logLevel: "silent",
        metafile: true,
      });
      // The entry file and the chunks it imports statically: what loads before the first call.
      const byPath = new Map(result.outputFiles.map((f) => [f.path, f]));
      const eager = new Set<string>();
      const visit = (file: string) => {
        if (eager.has(file) || !byPath.has(file)) return;
        eager.add(file);
        for (const m of byPath.get(file)!.text.matchAll(/(?:^|[;}])\s*import\s*(?:[^"'();]*?\s*from\s*)?"(\.[^"]+)"/g)) visit(path.resolve(path.dirname(file), m[1]!));
      };
      visit(path.join(dir, "out", "entry.js"));
      const outputs = Object.entries(result.metafile.outputs).filter(([file]) => eager.has(path.resolve(file)));
      const sentinelBytes = outputs.flatMap(([, o]) => Object.entries(o.inputs)).reduce((sum, [input, i]) => sum + (SENTINEL_MODULE.test(input) ? i.bytesInOutput : 0), 0);
      const kib = [...eager].reduce((sum, f) => sum + gzipSync(byPath.get(f)!.contents, { level: 9 }).byteLength, 0) / 1024;
      return { kib, sentinelBytes };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const dist = path.resolve("generated/chaser/dist/index.js");
  const oneCallSource = `import { createChaserClient } from ${JSON.stringify(dist)};\nexport const run = (id: string) => createChaserClient({ apiKey: "k" }).sessions.get(id);`;
  const oneCall = await bundle(oneCallSource);
  const oneCallSplit = await bundle(oneCallSource, true);
  // The same call with the sentinel on, for scale: what `validateResponses: driftSentinel(...)` costs the consumer who uses it.
  const withSentinel = await bundle(
    `${oneCallSource.split("\n")[0]}\nimport { driftSentinel } from ${JSON.stringify(path.resolve("generated/chaser/dist/sentinel.js"))};\nexport const run = (id: string) => createChaserClient({ apiKey: "k", validateResponses: driftSentinel({ onDrift: console.warn }) }).sessions.get(id);`,
  );
  const { kib: baseline } = await bundle(
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
    { name: "with the drift sentinel (every answer checked), per call, best round (µs)", value: perCall("sentinel"), unit: "" },
    { name: "sentinel / generated, median of rounds (target <= 1.3)", value: ratio("sentinel", "generated"), unit: "x" },
    { name: "findings against the emulator (expected 0)", value: findings, unit: "" },
  ]);
  if (ratio("generated", "openapi-fetch") > 1.1) process.exitCode = 1; // a missed target fails the run
  report("generated client: bundle size (esbuild, minified, gzip -9)", [
    { name: "openapi-fetch alone, one call", value: baseline, unit: "KiB" },
    { name: "chaser-client, one call, one file", value: oneCall.kib, unit: "KiB" },
    { name: "chaser-client / openapi-fetch, one file (target <= 2.0)", value: oneCall.kib / baseline, unit: "x" },
    { name: "chaser-client, one call, entry chunk with code splitting", value: oneCallSplit.kib, unit: "KiB" },
    { name: "chaser-client / openapi-fetch, entry chunk (target <= 2.0)", value: oneCallSplit.kib / baseline, unit: "x" },
    { name: "within 2.0x of openapi-fetch, one file and entry chunk", value: Math.max(oneCall.kib, oneCallSplit.kib) / baseline <= 2 ? 1 : 0, unit: "bool" },
    { name: "bytes of the drift sentinel's modules in those bundles (target 0)", value: oneCall.sentinelBytes + oneCallSplit.sentinelBytes, unit: "" },
    { name: "for scale: one call with the sentinel on, one file", value: withSentinel.kib, unit: "KiB" },
    { name: "bytes of the sentinel's modules in that bundle (the count works: > 0)", value: withSentinel.sentinelBytes, unit: "" },
  ]);
  // The sentinel leaking into a client without it fails the run; the size ratio is reported, not
  // enforced: the runtime with openapi-fetch underneath does not fit in 2.0x yet (docs/client.md).
  if (oneCall.sentinelBytes + oneCallSplit.sentinelBytes > 0 || withSentinel.sentinelBytes === 0) process.exitCode = 1;
} finally {
  child.kill("SIGTERM");
  if (child.exitCode === null) await once(child, "exit");
}
