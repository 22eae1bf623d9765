import path from "node:path";
import { defineCommand, type Command } from "./command.ts";
import { DriftlessError, EXIT } from "../problems/error.ts";

/** `driftless init <api>`: scaffolds specs/<api>/. */
export const initCommand: Command = defineCommand({
  name: "init",
  summary: "Scaffold specs/<api>/: fragments/ and docs/ folders and an api.yaml that editors check against its JSON Schema.",
  usage: "driftless init API [--specs-dir DIR]",
  help: ["  API              the new API's id (lower case, digits, dashes)", "  --specs-dir DIR  default specs", "", "Example: driftless init acme"].join("\n"),
  options: { "specs-dir": { type: "string" } },
  positionals: true,
  async run(values, positionals) {
    const id = positionals[0];
    if (!id || positionals.length > 1) throw new DriftlessError("E_USAGE", "init needs one API id, e.g. 'driftless init acme'.");
    const specsDir = typeof values["specs-dir"] === "string" ? values["specs-dir"] : "specs";
    const { runInit } = await import("../init/scaffold.ts");
    for (const file of await runInit({ id, specsDir })) process.stdout.write(`${file}\n`);
    process.stdout.write(`Put the vendor's documents in ${path.join(specsDir, id)}/fragments or /docs, then run 'driftless generate --api ${id}'.\n`);
    return EXIT.ok;
  },
});
