import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { driftAgainst, faultProxy, testEmulator, type Fault } from "./helpers.ts";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A server that leaks the key it was sent everywhere it can: in headers, cookies, a redirect
 * Location, body fields (secret-named and not), an enum value and an error message.
 */
function leaky(upstream: string, key: string): Fault {
  return (req, res) => {
    const target = new URL(req.url ?? "/", upstream);
    const proxied = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (up) => {
      const chunks: Buffer[] = [];
      up.on("data", (c: Buffer) => chunks.push(c));
      up.on("end", () => {
        let body = Buffer.concat(chunks);
        const headers = { ...up.headers, "x-debug-auth": String(req.headers.authorization), "set-cookie": `sid=${key}; HttpOnly`, link: `<${upstream}/v1/next?api_key=${key}>` };
        if (String(up.headers["content-type"]).startsWith("application/json") && body.length) {
          const value = JSON.parse(body.toString()) as Record<string, unknown>;
          if (typeof value.id === "string" && typeof value.object === "string") {
            value.note = key; // an undocumented field whose value is the key
            value.debug_token = key;
            value.status = key; // an enum value that is the key
          }
          if (value.error && typeof value.error === "object") (value.error as Record<string, unknown>).message = `key ${key} does not own this session`;
          body = Buffer.from(JSON.stringify(value));
          headers["content-length"] = String(body.length);
        }
        res.writeHead(up.statusCode ?? 502, headers).end(body);
      });
    });
    req.pipe(proxied);
  };
}

function everyFile(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

describe("secrets never reach output", () => {
  it("a unique canary key appears in no report, log, recording, overlay or baseline byte", async () => {
    const canary = `canary-${randomUUID()}`;
    dir = mkdtempSync(path.join(tmpdir(), "driftless-canary-"));
    const emulator = await testEmulator({ keys: [canary], seed: { chaser: { readySessions: 1 } } });
    const proxy = await faultProxy(emulator.url, [[/^/, leaky(emulator.url, canary)]]);
    const run = await driftAgainst(proxy.url, canary, {
      apis: ["chaser"],
      formats: ["pretty", "json", "junit", "sarif", "markdown"],
      output: path.join(dir, "report"),
      record: path.join(dir, "traffic.har"),
      writeOverlay: path.join(dir, "overlay.yaml"),
      baseline: path.join(dir, "baseline.json"),
      updateBaseline: true,
    });
    // The server really did receive the key and echo it: otherwise this test could not fail.
    expect(proxy.credentials).toContain(`Bearer ${canary}`);
    expect(run.report.apis[0]!.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(["undocumented-field", "enum-mismatch"]));
    expect(run.written.length).toBe(7); // json, junit, sarif, markdown reports, baseline, overlay, recording (pretty is on stdout)
    const forms = [canary, encodeURIComponent(canary), Buffer.from(canary).toString("base64")];
    const outputs: [string, string][] = [["stdout", run.stdout], ["stderr", run.stderr], ...everyFile(dir).map((f) => [f, readFileSync(f, "latin1")] as [string, string])];
    expect(outputs.length).toBe(9);
    for (const [name, text] of outputs) {
      for (const form of forms) expect(text.includes(form), `${name} contains the key`).toBe(false);
    }
    // Redaction keeps the shapes: the recording still has a (redacted) credential header and body field.
    const har = JSON.parse(readFileSync(path.join(dir, "traffic.har"), "utf8")) as { log: { entries: { request: { headers: { name: string; value: string }[] } }[] } };
    expect(har.log.entries[0]!.request.headers).toContainEqual({ name: "authorization", value: "REDACTED" });
    expect(run.report.apis[0]!.findings.find((f) => f.rule === "enum-mismatch")!.args.observed).toBe("[REDACTED]");
  });
});
