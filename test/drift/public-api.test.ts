import { createServer, type IncomingHttpHeaders } from "node:http";
import { mkdirSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copySpecs, runCli } from "../helpers/workspace.ts";

/** An API that documents no security: the live check needs no key and sends none. */
describe("drift against a public API", () => {
  const ws = copySpecs([]);
  afterAll(() => ws.cleanup());

  it("checks it without a key", async () => {
    const fragments = path.join(ws.specs, "pets/fragments");
    mkdirSync(fragments, { recursive: true });
    writeFileSync(
      path.join(fragments, "list-pets.yaml"),
      [
        "openapi: 3.1.0",
        "info: {title: Pets, version: 1.0.0}",
        "servers: [{url: 'https://pets.example'}]",
        "paths:",
        "  /pets:",
        "    get:",
        "      operationId: list-pets",
        "      responses:",
        "        '200':",
        "          description: Pets",
        "          content:",
        "            application/json:",
        "              schema: {type: array, items: {type: object, properties: {name: {type: string}}, required: [name]}}",
        "",
      ].join("\n"),
    );
    writeFileSync(path.join(ws.specs, "pets/api.yaml"), "drift:\n  probes:\n    - id: list\n      operation: GET /pets\n");
    expect((await runCli(["generate", "--specs-dir", ws.specs, "--out-dir", ws.out])).code).toBe(0);

    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify([{ name: "Rex" }]));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const run = await runCli(["drift", "--api", "pets", "--target", url, "--specs-dir", ws.specs, "--generated-dir", ws.out, "--format", "json"]);
      expect(run.stderr).toContain("list GET /pets → 200");
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).apis[0].findings).toEqual([]);
      expect(seen.length).toBeGreaterThan(0);
      for (const headers of seen) expect(headers.authorization).toBeUndefined();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 120_000);
});
