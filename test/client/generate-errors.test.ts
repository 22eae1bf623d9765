import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { copySpecs, runCli } from "../helpers/workspace.ts";

/** `generate` with client settings that do not fit the document: exit 2, the api.yaml line, nothing written. */
describe("generate with a bad client: section", () => {
  const ws = copySpecs(["chaser"]);
  afterAll(() => ws.cleanup());

  it("names the key and its line and writes nothing", async () => {
    const file = path.join(ws.specs, "chaser/api.yaml");
    // client: is the last key of the file: replace it with settings for an operation that does not exist.
    const text = readFileSync(file, "utf8").replace(/\nclient:[\s\S]*$/, "\nclient:\n  operations:\n    list-session:\n      method: all\n");
    writeFileSync(file, text);
    const line = text.split("\n").indexOf("    list-session:") + 1;
    const result = await runCli(["generate", "--specs-dir", ws.specs, "--out-dir", ws.out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("[config-invalid]");
    expect(result.stderr).toContain(`api.yaml:${line}`);
    expect(result.stderr).toContain("no operation has the operationId 'list-session'");
    expect(existsSync(ws.out)).toBe(false);
  });
});
