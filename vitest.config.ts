import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Two projects, both run by `npm test`:
 * - unit: one module or stage in-process, on fixtures and in-memory documents (no process, no
 *   server, no generated package);
 * - e2e: whole commands, real local servers (the emulator, fault proxies), child processes, and
 *   generated or packed packages installed and type-checked.
 * `npm run test:unit` / `npm run test:e2e` run one of them.
 */
const E2E = [
  "test/e2e/**/*.test.ts",
  "test/cli/**/*.test.ts",
  "test/emulator/**/*.test.ts",
  "test/scale/**/*.test.ts",
  "test/client/{chaser,hyperbrowser,package,simple-apis,generate-errors,runtime}.test.ts",
  "test/drift/{baseline,canary,command,faithful,faults,interrupt,overlay,public-api,recordings,scenarios,usage,workflow}.test.ts",
];

/**
 * The files that take longest (packing and installing packages, type-checking consumers, whole
 * generate runs), started first so the two workers end together. Without it a fresh clone, which
 * has no timings cached, orders by file size and starts the slowest small file last.
 */
const SLOWEST_FIRST = [
  "test/e2e/installed-package.test.ts",
  "test/client/package.test.ts",
  "test/cli/generate.test.ts",
  "test/scale/github-roundtrip.test.ts",
  "test/drift/derived.test.ts",
  "test/cli/bad-input.test.ts",
  "test/drift/faults.test.ts",
];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = SLOWEST_FIRST.findIndex((name) => f.moduleId.endsWith(name));
      return i === -1 ? SLOWEST_FIRST.length : i;
    };
    // Array.prototype.sort is stable: the rest keep the base order (failed, then longest last time).
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

const shared = {
  testTimeout: 30_000,
  hookTimeout: 30_000,
  // Test files of a worker share loaded modules (ts-morph, TypeScript, openapi-typescript, ajv):
  // loading them again for every file was half the suite's CPU time. Tests restore what they patch.
  isolate: false,
};

export default defineConfig({
  test: {
    // Two cores on CI: keep the pool small so server tests don't starve each other.
    maxWorkers: 2,
    sequence: { sequencer: SlowestFirst },
    projects: [
      { test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [...E2E, "**/node_modules/**"], ...shared } },
      { test: { name: "e2e", include: E2E, exclude: ["**/node_modules/**"], ...shared } },
    ],
  },
});
