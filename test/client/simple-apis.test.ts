import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot, runCli } from "../helpers/workspace.ts";

/**
 * The whole of `generate` (stage 1 and the client stage) on small APIs written here, unlike
 * Chaser and Hyperbrowser: no api.yaml, no security, no component schemas, no operationIds, only
 * bytes, nothing to alias. Each must build a package whose dist/ exists; the ones that cannot be
 * built must say why, with exit 2. One `generate` (in-process, as the CLI's main runs it) builds
 * every good API at once; the real bin is run by test/e2e/installed-package.test.ts.
 */

const info = (title: string) => `openapi: 3.1.0\ninfo: { title: ${title}, version: 1.0.0 }\n`;

const GOOD: Record<string, Record<string, string>> = {
  // (a) one GET with a $ref result and a path parameter; no security, no api.yaml.
  pets: {
    "fragments/get-pet.yaml": `${info("Pets API")}servers: [{ url: "https://pets.example.com" }]
paths:
  /pets/{petId}:
    get:
      operationId: getPet
      parameters:
        - { name: petId, in: path, required: true, schema: { type: string } }
      responses:
        "200":
          description: The pet.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Pet" }
        "404": { description: No such pet. }
components:
  schemas:
    Pet:
      type: object
      required: [id, name]
      properties:
        id: { type: string }
        name: { type: string }
`,
  },
  // (b) an inline result schema only: nothing under components.
  things: {
    "fragments/list-things.yaml": `${info("Things API")}servers: [{ url: "https://things.example.com" }]
paths:
  /things:
    get:
      operationId: listThings
      responses:
        "200":
          description: Every thing.
          content:
            application/json:
              schema:
                type: object
                properties:
                  names: { type: array, items: { type: string } }
`,
  },
  // Nothing to alias at all (types.ts has no import and no alias), and only a void answer.
  pings: {
    "fragments/ping.yaml": `${info("Ping API")}servers: [{ url: "https://ping.example.com" }]
paths:
  /ping:
    get:
      operationId: ping
      responses:
        "204": { description: Up. }
`,
  },
  // A self-hosted API: no server anywhere, so the caller must say where it runs.
  selfhosted: {
    "fragments/status.yaml": `${info("Self-hosted API")}paths:
  /status:
    get:
      operationId: status
      responses:
        "200":
          description: Up.
          content:
            application/json:
              schema: { type: object, properties: { up: { type: boolean } } }
`,
  },
  // Bytes only (sendBytes without send), an API-key header, and a JSON text sequence (not JSON: bytes).
  files: {
    "fragments/files.yaml": `${info("Files API")}servers: [{ url: "https://files.example.com" }]
security: [{ key: [] }]
paths:
  /files/{id}:
    get:
      operationId: downloadFile
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        "200":
          description: The file.
          content:
            image/png: {}
  /events:
    get:
      operationId: streamEvents
      responses:
        "200":
          description: Events, one JSON text each.
          content:
            application/json-seq:
              schema: { type: object }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Files-Key }
`,
  },
  // Header and cookie parameters: a required header, an optional integer one, a cookie, and the
  // header parameters OpenAPI ignores (Accept, Authorization) or the key's own header, left out.
  tickets: {
    "fragments/get-ticket.yaml": `${info("Tickets API")}servers: [{ url: "https://tickets.example.com" }]
security: [{ key: [] }]
paths:
  /tickets/{id}:
    get:
      operationId: getTicket
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
        - { name: X-Tenant, in: header, required: true, description: Tenant the ticket belongs to., schema: { type: string } }
        - { name: X-Priority, in: header, schema: { type: integer } }
        - { name: Accept, in: header, schema: { type: string } }
        - { name: Authorization, in: header, schema: { type: string } }
        - { name: X-Tickets-Key, in: header, schema: { type: string } }
        - { name: session, in: cookie, schema: { type: string } }
        - { name: theme, in: cookie, schema: { type: string, enum: [light, dark] } }
      responses:
        "200":
          description: The ticket.
          content:
            application/json:
              schema: { type: object, properties: { id: { type: string } } }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Tickets-Key }
`,
  },
};

/** (c) a vendor page as published: no operationIds, no api.yaml (a copy of one Hyperbrowser fragment). */
const VENDOR_FRAGMENT = "get-api-session-id.yaml";

const BAD: Record<string, Record<string, string>> = {
  empty: { "fragments/empty.yaml": `${info("Empty API")}servers: [{ url: "https://empty.example.com" }]\npaths: {}\n` },
  nowhere: {
    "fragments/status.yaml": `${info("Nowhere API")}servers: [{ url: "/api" }]
paths:
  /status:
    get:
      operationId: status
      responses:
        "204": { description: Up. }
`,
  },
};

function writeApis(specs: string, apis: Record<string, Record<string, string>>): void {
  for (const [api, files] of Object.entries(apis)) {
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(specs, api, rel)), { recursive: true });
      writeFileSync(path.join(specs, api, rel), text);
    }
  }
}

describe("generate on small APIs", () => {
  const root = mkdtempSync(path.join(tmpdir(), "driftless-simple-"));
  const specs = path.join(root, "specs");
  const out = path.join(root, "generated");
  let cli: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    writeApis(specs, GOOD);
    mkdirSync(path.join(specs, "vendor/fragments"), { recursive: true });
    copyFileSync(path.join(projectRoot, "specs/hyperbrowser/fragments", VENDOR_FRAGMENT), path.join(specs, "vendor/fragments", VENDOR_FRAGMENT));
    // (d) the x402 fetch of the vendor's full Hyperbrowser document, with its PAYMENT-SIGNATURE header parameter.
    const split = path.join(root, "split");
    const splitRun = await runCli(["split", path.join(projectRoot, "test/fixtures/vendor/reference/hyperbrowser-openapi.json"), "--out", split]);
    if (splitRun.code !== 0) throw new Error(splitRun.stderr);
    mkdirSync(path.join(specs, "x402/fragments"), { recursive: true });
    copyFileSync(path.join(split, "post-x402-web-fetch.yaml"), path.join(specs, "x402/fragments/post-x402-web-fetch.yaml"));
    // The built packages import openapi-fetch: resolve it from this project, as a workspace would.
    symlinkSync(path.join(projectRoot, "node_modules"), path.join(root, "node_modules"), "dir");
    cli = await runCli(["generate", "--specs-dir", specs, "--out-dir", out]);
    if (cli.code !== 0) throw new Error(cli.stderr);
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const read = (api: string, rel: string) => readFileSync(path.join(out, api, rel), "utf8");

  it("builds every package, dist/ included", () => {
    expect(cli.stderr).toBe("");
    for (const api of [...Object.keys(GOOD), "vendor", "x402"]) {
      expect(cli.stdout).toContain(`${api}/: `);
      for (const rel of ["package.json", "README.md", "src/client.ts", "src/types.ts", "dist/index.js", "dist/index.d.ts", "dist/client.js", "dist/types.d.ts"]) {
        expect(existsSync(path.join(out, api, rel)), `${api}/${rel}`).toBe(true);
      }
    }
  });

  it("imports only what each file uses", () => {
    expect(read("pets", "src/types.ts")).toContain('import type { components } from "./schema.ts";');
    expect(read("things", "src/types.ts")).toContain('import type { paths } from "./schema.ts";');
    const pings = read("pings", "src/types.ts");
    expect(pings).not.toContain("import");
    expect(pings).toMatch(/^export \{ ?\};$/m);
    expect(read("pings", "src/index.ts")).not.toContain("./types.ts");
    expect(read("pings", "src/client.ts")).not.toContain("./types.ts");
    const files = read("files", "src/client.ts");
    expect(files).toContain('import { call } from "./runtime/request.ts";');
    expect(files).not.toContain("withCookies");
    expect(files).not.toContain("paginate");
    expect(files).not.toContain("poll");
  });

  it("reads a JSON text sequence as bytes, not as one JSON value", () => {
    expect(read("files", "src/client.ts")).toMatch(
      / stream\(options\?: RequestOptions\): ApiPromise<Uint8Array> \{\n\s+return call\(this.#ctx, "GET", "\/events", \{\}, options, true, "bytes"\);/,
    );
  });

  it("names vendor operations without operationIds from method and path", () => {
    expect(read("vendor", "src/client.ts")).toContain("export class SessionsResource");
    expect(read("vendor", "README.md")).toContain("vendor.sessions.");
  });

  /** A server on 127.0.0.1 that answers `body` as JSON with `status` and records every request's method, URL and headers. */
  async function recordingServer(status: number, body: unknown) {
    const seen: { method: string; url: string; headers: Record<string, string | string[] | undefined> }[] = [];
    const server: Server = createServer((req, res) => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
      req.resume();
      req.on("end", () => res.writeHead(status, { "content-type": "application/json", "x-request-id": "req_local" }).end(JSON.stringify(body)));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it("puts header and cookie parameters in the signature, typed, and sends them as headers and one Cookie header", async () => {
    const client = read("tickets", "src/client.ts");
    expect(client).toContain("get(id: string, headers: GetTicketHeaders, cookies?: GetTicketCookies, options?: RequestOptions): ApiPromise<GetTicketResult>");
    expect(client).toContain("{ headers: withCookies(options?.headers, cookies), params: { path: { id }, header: headers } }");
    const types = read("tickets", "src/types.ts");
    expect(types).toContain('export type GetTicketHeaders = NonNullable<paths["/tickets/{id}"]["get"]["parameters"]["header"]>;');
    expect(types).toContain("`X-Tenant`, `X-Priority`.");
    expect(types).toContain('export type GetTicketCookies = NonNullable<paths["/tickets/{id}"]["get"]["parameters"]["cookie"]>;');
    expect(read("tickets", "README.md")).toContain('tickets.tickets.get("<id>", {\n  "X-Tenant": "<X-Tenant>",\n})');
    expect(read("tickets", "dist/client.d.ts")).toContain("headers: GetTicketHeaders");

    const local = await recordingServer(200, { id: "t1" });
    try {
      const pkg = (await import(pathToFileURL(path.join(out, "tickets/dist/index.js")).href)) as {
        createTicketsClient(options: { apiKey: string; baseUrl: string }): {
          tickets: { get(id: string, headers: Record<string, unknown>, cookies?: Record<string, unknown>, options?: { headers?: Record<string, string> }): Promise<unknown> };
        };
      };
      const tickets = pkg.createTicketsClient({ apiKey: "k1", baseUrl: local.url });
      expect(await tickets.tickets.get("t1", { "X-Tenant": "acme", "X-Priority": 3 }, { session: "a b", theme: "dark" }, { headers: { cookie: "given=1" } })).toEqual({ id: "t1" });
      expect(await tickets.tickets.get("t2", { "X-Tenant": "acme" })).toEqual({ id: "t1" });
      expect(local.seen[0]).toMatchObject({
        url: "/tickets/t1",
        headers: { "x-tenant": "acme", "x-priority": "3", "x-tickets-key": "k1", cookie: "given=1; session=a%20b; theme=dark" },
      });
      expect(local.seen[1]!.headers).toMatchObject({ "x-tenant": "acme" });
      expect(local.seen[1]!.headers.cookie).toBeUndefined();
      expect(local.seen[1]!.headers["x-priority"]).toBeUndefined();
    } finally {
      await local.close();
    }
  });

  it("types the PAYMENT-SIGNATURE header of the vendor's x402 fetch and sends it", async () => {
    const client = read("x402", "src/client.ts");
    expect(client).toMatch(/ fetch\(body: CreateX402WebFetchBody, headers\?: CreateX402WebFetchHeaders, options\?: RequestOptions\): ApiPromise<FetchResponse>/);
    expect(client).toContain("@param headers - Header parameters, sent as request headers. `PAYMENT-SIGNATURE`: Base64-encoded JSON containing payment proof");
    expect(read("x402", "src/schema.ts")).toMatch(/"PAYMENT-SIGNATURE"\?: string;/);
    const local = await recordingServer(402, { accepts: [] });
    try {
      const pkg = (await import(pathToFileURL(path.join(out, "x402/dist/index.js")).href)) as {
        createX402Client(options: { baseUrl: string }): { x402: { web: { fetch(body: unknown, headers?: Record<string, string>): Promise<unknown> } } };
        X402Error: new (...args: never[]) => Error;
        NotFoundError: new (...args: never[]) => Error;
      };
      // The fragment as split from the vendor's document requires no security scheme: a public client.
      const x402 = pkg.createX402Client({ baseUrl: local.url });
      const error = await x402.x402.web.fetch({ url: "https://example.com" }, { "PAYMENT-SIGNATURE": "c2lnbmVk" }).catch((e: unknown) => e);
      // 402 has no class of its own: the API's class, with the status.
      expect(error).toBeInstanceOf(pkg.X402Error);
      expect(error).not.toBeInstanceOf(pkg.NotFoundError);
      expect(error).toMatchObject({ status: 402, requestId: "req_local", body: { accepts: [] } });
      expect(local.seen[0]).toMatchObject({ method: "POST", url: "/x402/web/fetch", headers: { "payment-signature": "c2lnbmVk" } });
    } finally {
      await local.close();
    }
  });

  it("gives a public API a client without key, environment variable or missing-key error", async () => {
    const client = read("pets", "src/client.ts");
    expect(client).toContain('export type PetsClientOptions = Omit<ClientOptions, "apiKey">;');
    expect(client).not.toContain("PETS_API_KEY");
    const readme = read("pets", "README.md");
    expect(readme).not.toContain("PETS_API_KEY");
    expect(readme).not.toContain("missing_api_key");
    expect(readme).toContain("takes no key");

    const seen: { url: string; authorization: string | undefined }[] = [];
    const server: Server = createServer((req, res) => {
      seen.push({ url: req.url ?? "", authorization: req.headers.authorization });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: "p1", name: "Rex" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      const pkg = (await import(pathToFileURL(path.join(out, "pets/dist/index.js")).href)) as {
        createPetsClient(options?: { baseUrl?: string }): { pets: { get(id: string): Promise<unknown> } };
        ConfigurationError: new (...args: never[]) => Error;
      };
      const pets = pkg.createPetsClient({ baseUrl: `http://127.0.0.1:${port}` });
      expect(await pets.pets.get("p1")).toEqual({ id: "p1", name: "Rex" });
      expect(seen).toEqual([{ url: "/pets/p1", authorization: undefined }]);
      // A host without a scheme is an option error at once, not a network error retried for a second.
      expect(() => pkg.createPetsClient({ baseUrl: "pets.example.com" })).toThrow(pkg.ConfigurationError);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("requires a base URL of a client whose API documents no server, by type and at run time", async () => {
    expect(read("selfhosted", "src/client.ts")).toContain('export type SelfhostedClientOptions = Omit<ClientOptions, "apiKey"> & { baseUrl: string };');
    expect(read("selfhosted", "dist/client.d.ts")).toMatch(/createSelfhostedClient\(options: SelfhostedClientOptions\)/);
    expect(read("selfhosted", "README.md")).toContain('createSelfhostedClient({ baseUrl: "http://localhost:8080" })');
    const server: Server = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"up":true}'));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      const pkg = (await import(pathToFileURL(path.join(out, "selfhosted/dist/index.js")).href)) as {
        createSelfhostedClient(options?: { baseUrl?: string }): { raw: unknown; [resource: string]: unknown };
        ConfigurationError: new (...args: never[]) => Error & { code: string };
      };
      expect(() => pkg.createSelfhostedClient()).toThrow(expect.objectContaining({ code: "missing_base_url" }));
      const client = pkg.createSelfhostedClient({ baseUrl: `http://127.0.0.1:${port}` });
      const resource = Object.values(client).find((v) => v !== client.raw) as Record<string, () => Promise<unknown>>;
      const method = Object.getOwnPropertyNames(Object.getPrototypeOf(resource)).find((n) => n !== "constructor")!;
      expect(await resource[method]!()).toEqual({ up: true });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("refuses what it cannot build with exit 2, naming what is missing, and writes nothing", async () => {
    const badSpecs = path.join(root, "bad-specs");
    const badOut = path.join(root, "bad-out");
    writeApis(badSpecs, BAD);
    const result = await runCli(["generate", "--specs-dir", badSpecs, "--out-dir", badOut]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("empty: 1 problem(s) building the client package");
    expect(result.stderr).toContain("the canonical document has no operations");
    expect(result.stderr).toContain("nowhere: 1 problem(s) building the client package");
    expect(result.stderr).toContain("(/servers/0/url)");
    expect(result.stderr).toContain("'/api', is not an absolute http(s) URL");
    expect(result.stderr).toContain("set client.baseUrl in an api.yaml (specs/nowhere/ has none), or servers in a fragment");
    // Neither folder has an api.yaml: no problem may be located in one.
    expect(result.stderr).not.toMatch(/^error \[[\w-]+\] [^\n]*api\.yaml/m);
    expect(result.stderr).not.toContain("TypeError");
    expect(existsSync(badOut)).toBe(false);
  });
});
