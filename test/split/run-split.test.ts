import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { load } from "js-yaml";
import { runSplit } from "../../generator/split/run-split.ts";
import { DriftlessError } from "../../generator/problems/error.ts";

const petsYaml = `openapi: 3.1.0
info:
  title: Pets
  version: 1.0.0
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: >-
            A long description that the renderer will have to fold because it is longer than eighty columns.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pet'
  /pets/{id}:
    delete:
      responses:
        '204':
          description: gone
components:
  schemas:
    Pet:
      type: object
      properties:
        name:
          type: string
`;

describe("runSplit", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "driftless-split-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes one YAML file per operation and returns their paths, sorted", async () => {
    const file = path.join(dir, "pets.yaml");
    await writeFile(file, petsYaml);
    const out = path.join(dir, "out", "nested");
    const { written, findings } = await runSplit({ file, outDir: out });
    expect(findings).toEqual([]);
    expect(written).toEqual([path.join(out, "delete-pets-id.yaml"), path.join(out, "list-pets.yaml")]);
    expect((await readdir(out)).sort()).toEqual(["delete-pets-id.yaml", "list-pets.yaml"]);

    const list = await readFile(path.join(out, "list-pets.yaml"), "utf8");
    expect(list).not.toContain("\r");
    expect(list.startsWith("openapi: 3.1.0\ninfo:\n  title: Pets\n")).toBe(true);
    expect(load(list)).toEqual({
      openapi: "3.1.0",
      info: { title: "Pets", version: "1.0.0" },
      paths: { "/pets": (load(petsYaml) as { paths: Record<string, unknown> }).paths["/pets"] },
      components: { schemas: { Pet: { type: "object", properties: { name: { type: "string" } } } } },
    });
  });

  it("reads JSON too, and writes the same bytes on every run", async () => {
    const file = path.join(dir, "pets.json");
    await writeFile(file, JSON.stringify(load(petsYaml), null, 2));
    const first = (await runSplit({ file, outDir: path.join(dir, "a") })).written;
    const second = (await runSplit({ file, outDir: path.join(dir, "b") })).written;
    expect(first.map((f) => path.basename(f))).toEqual(["delete-pets-id.yaml", "list-pets.yaml"]);
    for (let i = 0; i < first.length; i++) {
      expect(await readFile(second[i]!, "utf8")).toBe(await readFile(first[i]!, "utf8"));
    }
  });

  it("fails on a missing file with E_IO", async () => {
    await expect(runSplit({ file: path.join(dir, "nope.json"), outDir: dir })).rejects.toMatchObject({ code: "E_IO" });
  });

  it("reports a syntax error with the file and line", async () => {
    const file = path.join(dir, "broken.json");
    await writeFile(file, '{\n  "openapi": "3.1.0",\n  "info": {\n  "paths": [}\n}\n');
    const error = await runSplit({ file, outDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriftlessError);
    expect((error as DriftlessError).findings[0]).toMatchObject({ rule: "yaml-syntax", sources: [{ file, line: 4 }] });
  });

  it("refuses Swagger 2.0 and other non-OpenAPI files", async () => {
    const file = path.join(dir, "swagger.yaml");
    await writeFile(file, "swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n");
    const error = (await runSplit({ file, outDir: dir }).catch((e: unknown) => e)) as DriftlessError;
    expect(error.findings[0]!.rule).toBe("not-openapi");
    expect(error.findings[0]!.args).toEqual({ reason: "it is Swagger 2.0; convert it to OpenAPI 3 first" });
  });

  it("puts the line of the dangling $ref itself in the finding", async () => {
    const file = path.join(dir, "dangling.yaml");
    await writeFile(file, petsYaml.replace("#/components/schemas/Pet", "#/components/schemas/Cat"));
    const error = (await runSplit({ file, outDir: dir }).catch((e: unknown) => e)) as DriftlessError;
    expect(error.findings[0]).toMatchObject({ rule: "ref-dangling", sources: [{ file, line: 16 }] });
    expect(error.message).toContain(`${file}:16`);
  });
});
