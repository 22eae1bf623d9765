import path from "node:path";
import { mkdirSync, writeFileSync } from "node:fs";
import { DriftlessError, EXIT } from "../problems/error.ts";
import { driftCommand } from "./drift-command.ts";
import { initCommand } from "./init-command.ts";
import type { RuleSeverity } from "../problems/severities.ts";
import { defineCommand, type Command } from "./command.ts";

// Commands load what they run when they run (dynamic imports in `run`): `driftless --help` and a
// command's --help never load the merge, the compilers or the drift checker.

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** `--rule id=severity` flags as one map; a bad one is a usage error naming it. */
async function ruleFlags(value: unknown): Promise<Record<string, RuleSeverity>> {
  const { parseRuleFlag } = await import("../problems/severities.ts");
  try {
    return Object.fromEntries(list(value).map(parseRuleFlag));
  } catch (error) {
    throw new DriftlessError("E_USAGE", (error as Error).message, { cause: error });
  }
}

const generateCommand = defineCommand({
  name: "generate",
  summary: "Build generated/<api>/ from specs/<api>/: the canonical OpenAPI 3.1 document, the merge report and the client package.",
  usage: "driftless generate [--api ID]... [--specs-dir DIR] [--out-dir DIR] [--rule ID=SEVERITY]... [--check]",
  help: [
    "  --api ID          only this API (repeatable); default: every DIR/<api>/ with a fragments/ or docs/ folder",
    "  --specs-dir DIR   where the API folders are (default specs)",
    "  --out-dir DIR     where to write (default generated)",
    "  --rule ID=SEV     set a merge rule to error, warning, info or off for this run (repeatable; over api.yaml rules:)",
    "  --check           build in memory and compare; exit 1 naming every stale, missing or extra file",
    "",
    "Example: driftless generate --api chaser --check",
    "Example: driftless generate --rule example-invalid=warning",
  ].join("\n"),
  options: {
    api: { type: "string", multiple: true },
    "specs-dir": { type: "string" },
    "out-dir": { type: "string" },
    rule: { type: "string", multiple: true },
    check: { type: "boolean" },
  },
  async run(values) {
    const { checkGenerated, generate } = await import("../pipeline/generate.ts");
    const { generateProgress } = await import("../pipeline/progress.ts");
    const progress = generateProgress((text) => process.stdout.write(text), process.stdout.isTTY === true);
    const options = {
      specsDir: str(values["specs-dir"]) ?? "specs",
      outDir: str(values["out-dir"]) ?? "generated",
      apis: list(values.api),
      rules: await ruleFlags(values.rule),
      onProgress: progress.onProgress,
    };
    if (values.check) {
      const report = await checkGenerated(options).finally(progress.end);
      const lines = [...report.stale.map((f) => `stale:   ${f}`), ...report.missing.map((f) => `missing: ${f}`), ...report.extra.map((f) => `extra:   ${f}`)];
      if (lines.length === 0) {
        process.stdout.write(`${options.outDir}/ is up to date.\n`);
        return EXIT.ok;
      }
      process.stdout.write(`${lines.join("\n")}\n${options.outDir}/ is out of date: run 'npm run generate' and commit the result.\n`);
      return EXIT.drift;
    }
    const outputs = await generate(options).finally(progress.end);
    for (const [api, { files, findings }] of outputs) {
      const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
      // The README's method table (`| \`client.sessions.get\` | \`GET /sessions/{id}\` |`): the count here, the names there.
      const readme = files.get("README.md");
      const methods = typeof readme === "string" ? readme.split("\n").filter((l) => /^\| `[^`]+` \| `[A-Z]+ \//.test(l)).length : 0;
      process.stdout.write(
        `${options.outDir}/${api}/: ${files.size} files; merge: ${count("warning")} warning(s), ${count("info")} info — see ${options.outDir}/${api}/merge-report.md\n` +
          (methods > 0 ? `  ${methods} method(s), named in ${options.outDir}/${api}/README.md#operations\n` : ""),
      );
    }
    return EXIT.ok;
  },
});

const mergeCommand = defineCommand({
  name: "merge",
  summary: "Write only the canonical document of one API folder (its report beside it as FILE.report.json), for other tools.",
  usage: "driftless merge DIR --out FILE.yaml|FILE.json [--rule ID=SEVERITY]...",
  help: [
    "  DIR             an API folder (with fragments/, optionally docs/, overlays/, api.yaml)",
    "  --out FILE      .yaml, .yml or .json",
    "  --rule ID=SEV   set a merge rule to error, warning, info or off (repeatable; over api.yaml rules:)",
    "",
    "Example: driftless merge specs/chaser --out chaser.yaml",
  ].join("\n"),
  options: { out: { type: "string" }, rule: { type: "string", multiple: true } },
  positionals: true,
  async run(values, positionals) {
    const dir = positionals[0];
    const out = str(values.out);
    if (!dir || !out || positionals.length > 1) throw new DriftlessError("E_USAGE", "merge needs one API folder and --out FILE.yaml|FILE.json.");
    if (!/\.(ya?ml|json)$/i.test(out)) throw new DriftlessError("E_USAGE", `--out ${out}: the file must end in .yaml, .yml or .json.`);
    const { buildCanonical } = await import("../pipeline/generate.ts");
    const { renderOpenApiJson, renderOpenApiYaml, renderReportJson } = await import("../emit/render-merge.ts");
    const abs = path.resolve(dir);
    const result = buildCanonical(path.dirname(abs), path.basename(abs), await ruleFlags(values.rule));
    mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    writeFileSync(out, /\.json$/i.test(out) ? renderOpenApiJson(result.document) : renderOpenApiYaml(result.id, result.document));
    const reportFile = out.replace(/\.(ya?ml|json)$/i, ".report.json");
    writeFileSync(reportFile, renderReportJson(result.id, result.findings));
    process.stdout.write(`${out}\n${reportFile}\n`);
    return EXIT.ok;
  },
});

const splitCommand = defineCommand({
  name: "split",
  summary: "Cut a whole OpenAPI document into one complete fragment per operation, each with every component it references.",
  usage: "driftless split FILE --out DIR",
  help: [
    "  FILE        an OpenAPI 3.0/3.1 document (.json or .yaml)",
    "  --out DIR   folder for the fragments (one .yaml per operation)",
    "",
    "Example: driftless split hyperbrowser-openapi.json --out /tmp/fragments",
  ].join("\n"),
  options: { out: { type: "string" } },
  positionals: true,
  async run(values, positionals) {
    const file = positionals[0];
    const outDir = str(values.out);
    if (!file || !outDir || positionals.length > 1) throw new DriftlessError("E_USAGE", "split needs one FILE and --out DIR.");
    const { runSplit } = await import("../split/run-split.ts");
    const { written, findings } = await runSplit({ file, outDir });
    if (findings.length > 0) {
      // What split changed so each fragment stands alone (a `#/paths` target carried), with the line it came from.
      const { formatLocation, messageOf } = await import("../problems/finding.ts");
      for (const f of findings) process.stderr.write(`${f.severity} ${f.rule}: ${f.sources[0] ? `${formatLocation(f.sources[0])}: ` : ""}${messageOf(f)}\n`);
    }
    process.stdout.write(`${written.length} fragment(s) written to ${outDir}\n`);
    return EXIT.ok;
  },
});

const importCommand = defineCommand({
  name: "import",
  summary: "Extract the OpenAPI YAML embedded in a vendor doc page into specs/ID/fragments/.",
  usage: "driftless import PAGE.md --api ID [--specs-dir DIR] [--force]",
  help: [
    "  PAGE.md          a vendor page with a ```yaml block holding an OpenAPI document",
    "  --api ID         the API folder to write into",
    "  --specs-dir DIR  default specs",
    "  --force          replace a fragment of the same name that has other content",
    "",
    "Example: driftless import get-list-of-sessions.md --api hyperbrowser",
  ].join("\n"),
  options: { api: { type: "string" }, "specs-dir": { type: "string" }, force: { type: "boolean" } },
  positionals: true,
  async run(values, positionals) {
    const page = positionals[0];
    const api = str(values.api);
    if (!page || !api || positionals.length > 1) throw new DriftlessError("E_USAGE", "import needs one PAGE.md and --api ID.");
    const { runImport } = await import("../import/run-import.ts");
    const written = await runImport({ page, api, specsDir: str(values["specs-dir"]) ?? "specs", force: values.force === true });
    process.stdout.write(`${written}\n`);
    return EXIT.ok;
  },
});

const emulatorCommand = defineCommand({
  name: "emulator",
  summary: "Serve an in-memory stand-in of the Chaser and Hyperbrowser APIs (see emulator/README.md).",
  usage: "driftless emulator [--api chaser|hyperbrowser|all] [--port 8000] [--host 127.0.0.1] [--key KEY]... [--scenario NAME]... [--ready-delay-ms N]",
  help: "Run 'driftless emulator --help' for its flags; emulator/README.md lists the scenarios.",
  options: {},
  positionals: true,
  async run() {
    return EXIT.ok; // replaced in main.ts: the emulator parses its own flags
  },
});

export const COMMANDS: Command[] = [initCommand, generateCommand, mergeCommand, splitCommand, importCommand, driftCommand, emulatorCommand];
