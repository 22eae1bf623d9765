import { defineConfig } from "vitest/config";

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
    projects: [
      { test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [...E2E, "**/node_modules/**"], ...shared } },
      { test: { name: "e2e", include: E2E, exclude: ["**/node_modules/**"], ...shared } },
    ],
  },
});
