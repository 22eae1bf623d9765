import { defineCommand, type Command } from "./command.ts";
import { DriftlessError, EXIT } from "../problems/error.ts";
import type { Severity } from "../problems/finding.ts";
import { REPORT_FORMATS, type ReportFormat } from "../drift/report/formats.ts";
import { DRIFT_TARGETS } from "./emulator.ts";

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function positiveInt(flag: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new DriftlessError("E_USAGE", `${flag} ${String(v)}: expected a whole number of at least 1.`);
  return n;
}

/**
 * Runs `fn` with Ctrl-C (SIGINT) and SIGTERM turned into an abort: the probes stop, the cleanup
 * deletes what was created, the report is written, and the command exits 2. A second signal gives
 * up on the cleanup and exits at once.
 */
async function withSignals<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) {
      process.stderr.write("driftless drift: stopped again; cleanup abandoned — check the API for sessions left open.\n");
      process.exit(EXIT.usage);
    }
    process.stderr.write("\ndriftless drift: interrupted; deleting what was created (Ctrl-C again to give up)...\n");
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    return await fn(controller.signal);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** `driftless drift`: checks answers against the canonical documents (generator/drift/run-drift.ts loaded when it runs). */
export const driftCommand: Command = defineCommand({
  name: "drift",
  summary: "Check where a live API (or the bundled emulator, or recorded traffic) no longer matches its canonical document.",
  usage:
    "driftless drift [--api ID]... [--target emulator|URL|FILE.har|FILE.ndjson] [--allow-writes] [--format pretty|json|junit|sarif|markdown]... [--output PATH] [--baseline FILE] [--update-baseline] [--fail-on error|warning] [--write-overlay FILE] [--record FILE.har] [--timeout-ms N] [--concurrency N] [--max-requests N]",
  help: [
    "  --api ID             only this API (repeatable); default: every API with generated/<api>/openapi.json",
    "  --target T           emulator (default: the bundled emulator on a free port), a base URL (the live API;",
    "                       its key from the env var in api.yaml, e.g. CHASER_API_KEY), or a recording (.har, .ndjson)",
    "  --allow-writes       also run creating probes against a live API; what they create is deleted again",
    "  --format F           pretty (default), json, junit, sarif, markdown; repeatable",
    "  --output PATH        write the report there; with several formats PATH is a base name (PATH.json,",
    "                       PATH.junit.xml, PATH.sarif, PATH.md) and pretty still goes to stdout",
    "  --baseline FILE      accepted drift: only findings not in FILE fail the run; entries whose operation",
    "                       answered without them are listed as fixed, the others as not checked",
    "  --update-baseline    write the current findings to --baseline FILE, keeping entries of operations",
    "                       not checked this run (and exit 0)",
    "  --fail-on LEVEL      error (default) or warning",
    "  --write-overlay FILE an OpenAPI Overlay that would make the canonical document describe what was observed",
    "  --record FILE.har    save the probes' traffic (secrets removed) to check offline later",
    "  --timeout-ms N       per-request timeout (default from api.yaml drift.limits, else 10000)",
    "  --concurrency N      requests in flight per API (default from api.yaml, else 2)",
    "  --max-requests N     at most N requests per API: the plan derived from the document is cut to fit",
    "                       (one happy path per operation first, unhappy paths last; a kept create keeps",
    "                       its cleanup); default from api.yaml drift.limits.maxRequests, else no budget",
    "  --specs-dir DIR      default specs;  --generated-dir DIR  default generated",
    "",
    "Without a drift: section in api.yaml the probes are derived from the canonical document (reads,",
    "unhappy paths such as no key or an out-of-range parameter, and with writes creates and their cleanup);",
    "api.yaml drift: refines that plan by step id. Every report says which operations were checked.",
    "",
    "Exit codes: 0 no drift at or above --fail-on, 1 drift, 2 usage, configuration or connection error,",
    "or nothing checked (no operation answered).",
    "Examples:",
    "  driftless drift",
    "  CHASER_API_KEY=... driftless drift --api chaser --target https://api.chaser.sh",
    "  driftless drift --target test/recordings/emulator.har --format sarif --output drift.sarif",
  ].join("\n"),
  options: {
    api: { type: "string", multiple: true },
    target: { type: "string" },
    "allow-writes": { type: "boolean" },
    format: { type: "string", multiple: true },
    output: { type: "string" },
    baseline: { type: "string" },
    "update-baseline": { type: "boolean" },
    "fail-on": { type: "string" },
    "write-overlay": { type: "string" },
    record: { type: "string" },
    "timeout-ms": { type: "string" },
    concurrency: { type: "string" },
    "max-requests": { type: "string" },
    "specs-dir": { type: "string" },
    "generated-dir": { type: "string" },
  },
  async run(values) {
    const formats = list(values.format).flatMap((f) => f.split(","));
    for (const f of formats) {
      if (!(REPORT_FORMATS as readonly string[]).includes(f)) throw new DriftlessError("E_USAGE", `--format ${f}: expected one of ${REPORT_FORMATS.join(", ")}.`);
    }
    const failOn = str(values["fail-on"]) ?? "error";
    if (failOn !== "error" && failOn !== "warning") throw new DriftlessError("E_USAGE", `--fail-on ${failOn}: expected error or warning.`);
    const timeoutMs = positiveInt("--timeout-ms", values["timeout-ms"]);
    const concurrency = positiveInt("--concurrency", values.concurrency);
    const maxRequests = positiveInt("--max-requests", values["max-requests"]);
    const { runDrift } = await import("../drift/run-drift.ts");
    const run = await withSignals((signal) =>
      runDrift({
        apis: list(values.api),
        target: str(values.target),
        targets: DRIFT_TARGETS,
        allowWrites: values["allow-writes"] === true,
        formats: formats as ReportFormat[],
        ...(str(values.output) ? { output: str(values.output) } : {}),
        ...(str(values.baseline) ? { baseline: str(values.baseline) } : {}),
        updateBaseline: values["update-baseline"] === true,
        failOn: failOn as Severity,
        ...(str(values["write-overlay"]) ? { writeOverlay: str(values["write-overlay"]) } : {}),
        ...(str(values.record) ? { record: str(values.record) } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(concurrency !== undefined ? { concurrency } : {}),
        ...(maxRequests !== undefined ? { maxRequests } : {}),
        ...(str(values["specs-dir"]) ? { specsDir: str(values["specs-dir"]) } : {}),
        ...(str(values["generated-dir"]) ? { generatedDir: str(values["generated-dir"]) } : {}),
        signal,
      }),
    );
    return run.exitCode;
  },
});
