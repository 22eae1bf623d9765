import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadApiConfig } from "../config/load-config.ts";
import type { ApiConfig } from "../config/api-config.ts";
import { parseYamlSource } from "../load/yaml-source.ts";
import { isObject, operationKey, eachOperation, type OpenApiDocument } from "../openapi/types.ts";
import { DriftlessError } from "../problems/error.ts";
import { messageOf, type Severity } from "../problems/finding.ts";
import { applyBaseline, buildBaseline, readBaseline, type Baseline, type ObservedOperations } from "./baseline.ts";
import { ApiChecker } from "./check.ts";
import { DEFAULT_LIMITS, type DriftLimits, type DriftPlan } from "./config.ts";
import type { Exchange } from "./exchange.ts";
import type { RawFinding } from "./finding.ts";
import { aggregate } from "./fingerprint.ts";
import { OperationMatcher, type MatchedOperation } from "./match.ts";
import { observedCoverage, planCoverage, planForApi, type ObservedAnswer } from "./plan/index.ts";
import { writeOverlay } from "./overlay.ts";
import { createProgress } from "./probe/progress.ts";
import { runProbes, type Incident, type SkippedStep } from "./probe/runner.ts";
import { Redactor } from "./redact.ts";
import { renderJson } from "./report/json.ts";
import { renderJunit } from "./report/junit.ts";
import { renderMarkdown } from "./report/markdown.ts";
import { exitCodeOf, type ApiReport, type DriftReport, type ProbeSummary } from "./report/model.ts";
import { renderPretty, wantsColor } from "./report/pretty.ts";
import { renderSarif } from "./report/sarif.ts";
import { DocumentIndex } from "./schema-index.ts";
import { readHar, writeHar } from "./sources/har.ts";
import { readNdjson } from "./sources/ndjson.ts";
import { authHeader, requiresKey, displayPath, parseTarget, schemeHeader, type DriftTarget, type Target, type TargetProviders } from "./targets.ts";
import { packagePath } from "../package-root.ts";

import type { ReportFormat } from "./report/formats.ts";
export { REPORT_FORMATS, type ReportFormat } from "./report/formats.ts";

/** File name endings when several formats share one --output base. */
const EXTENSIONS: Record<ReportFormat, string> = { pretty: ".txt", json: ".json", junit: ".junit.xml", sarif: ".sarif", markdown: ".md" };

export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface DriftOptions {
  apis?: string[];
  specsDir?: string;
  generatedDir?: string;
  /** A name in `targets`, an http(s) base URL, FILE.har or FILE.ndjson; default: the first of `targets`. */
  target?: string;
  /**
   * The named targets --target can select, injected by the caller: the CLI registers the bundled
   * emulator as `emulator` (generator/cli/emulator.ts); the drift check itself imports no target.
   */
  targets?: TargetProviders;
  allowWrites?: boolean;
  formats?: ReportFormat[];
  output?: string;
  baseline?: string;
  updateBaseline?: boolean;
  failOn?: Severity;
  writeOverlay?: string;
  record?: string;
  timeoutMs?: number;
  concurrency?: number;
  /** The request budget of each API's plan (over api.yaml `drift.limits.maxRequests`): limitPlan cuts the plan to it. */
  maxRequests?: number;
  /** Where keys are read from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Aborts the probes (the CLI wires Ctrl-C here); cleanup still runs. */
  signal?: AbortSignal;
  /** Added to every probe request; tests select emulator scenarios with it. */
  extraHeaders?: Record<string, string>;
  /** Replaces an API's plan after it is derived and refined, before it is checked and cut to the budget (tests). */
  planOverride?: (plan: DriftPlan) => DriftPlan;
  stdout?: OutputStream;
  stderr?: OutputStream;
}

export interface DriftRun {
  exitCode: number;
  report: DriftReport;
  /** Files written (reports, baseline, overlay, recording). */
  written: string[];
}

interface LoadedApi {
  id: string;
  config: ApiConfig;
  /** specs/<api>/api.yaml, and the line of a pointer in it (when it exists). */
  configFile: string;
  lineOf?: (pointer: string) => number;
  doc: OpenApiDocument;
  documentPath: string;
  checker: ApiChecker;
  matcher: OperationMatcher;
  operations: string[];
}

const VERSION = (JSON.parse(readFileSync(packagePath("package.json"), "utf8")) as { version: string }).version;

/** The answers of a run, and what stopped probes from giving more. */
interface Answers {
  exchanges: Exchange[];
  incidents: Incident[];
  skipped: SkippedStep[];
  /** The plan each probed API ran (none for recordings). */
  plans: Map<string, DriftPlan>;
}

/** Per API: the raw findings of its answers, how many answers each operation had, and those no operation matches. */
interface Checked {
  raw: Map<string, RawFinding[]>;
  counts: Map<string, Map<string, number>>;
  unmatched: Map<string, Map<string, number>>;
  /** Each matched answer's operation and status, for coverage. */
  answers: Map<string, ObservedAnswer[]>;
  /** Per step that sent answers: what it checks and the statuses it got. */
  probes: Map<string, Map<string, ProbeSummary>>;
}

/**
 * `driftless drift`: gather answers (probe a named target such as the bundled emulator, or a live
 * API, or read a recording),
 * check each against its operation in the canonical document, and report. Returns the exit code
 * instead of exiting: 0 no failing drift, 1 drift at or above --fail-on, 2 the check could not
 * complete (usage, configuration and connection problems throw DriftlessError, also code 2).
 * Everything the flags alone can tell is checked first, before a request is sent or a file written.
 */
export async function runDrift(options: DriftOptions = {}): Promise<DriftRun> {
  const env = options.env ?? process.env;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const failOn = options.failOn ?? "error";
  const target = parseTarget(options.target, options.targets);
  const reportFiles = checkUsage(options, target);

  const redactor = new Redactor();
  const specsDir = options.specsDir ?? "specs";
  const apis = loadApis(options.apis ?? [], specsDir, options.generatedDir ?? "generated", redactor);
  const { baseline, files: baselineFiles } = loadBaseline(options, apis, specsDir);
  const reports = new Map(apis.map((api) => [api.id, emptyReport(api, target, specsDir)]));

  const answers = await gatherAnswers(apis, target, options, env, redactor, reports, stderr);
  const checked = checkAnswers(apis, answers.exchanges, reports);
  const samples = new Map<string, unknown>();
  const observed = aggregateFindings(apis, checked, answers, reports, samples, options.updateBaseline ? undefined : baseline);
  const report: DriftReport = {
    tool: { name: "driftless", version: VERSION },
    failOn,
    ...(baselineFiles.length ? { baseline: baselineFiles.join(", ") } : {}),
    apis: [...reports.values()],
  };
  const nothing = nothingChecked(report.apis);
  if (nothing) {
    report.nothingChecked = nothing;
    stderr.write(redactor.scrub(`driftless drift: ${nothing}\n`));
  }

  const written: string[] = [];
  const writeFile = (file: string, text: string) => {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, redactor.scrub(text));
    written.push(file);
  };
  const keptInBaseline = writeArtifacts({ options, apis, report, observed, baseline, samples, exchanges: answers.exchanges, redactor }, writeFile);
  writeReports(report, reportFiles, wantsColor(stdout, env) && !options.output, redactor, stdout, writeFile);
  if (keptInBaseline !== undefined) {
    const accepted = report.apis.reduce((n, a) => n + a.findings.length, 0);
    stderr.write(
      redactor.scrub(
        `baseline written to ${options.baseline}: ${accepted} finding(s) accepted${keptInBaseline ? `, ${keptInBaseline} kept for operations not checked this run` : ""}.\n`,
      ),
    );
  }

  let exitCode = exitCodeOf(report);
  // A freshly written baseline accepts everything found; only an incomplete run still fails.
  if (options.updateBaseline && exitCode === 1) exitCode = 0;
  return { exitCode, report, written };
}

/**
 * The usage errors the flags alone reveal, thrown before anything is read, sent or written (a live
 * run must not create sessions only to be refused at the end). Returns where each report format goes.
 */
function checkUsage(options: DriftOptions, target: Target): Map<ReportFormat, string | undefined> {
  const recording = target.kind === "har" || target.kind === "ndjson";
  if (options.updateBaseline && !options.baseline) throw new DriftlessError("E_USAGE", "--update-baseline needs --baseline FILE (the file to write).");
  if (options.record && recording) throw new DriftlessError("E_USAGE", "--record records probes; the target is already a recording.");
  if (options.record && !/\.har$/i.test(options.record)) throw new DriftlessError("E_USAGE", `--record ${options.record}: recordings are HAR files (FILE.har).`);
  if (options.writeOverlay && new Set(options.apis ?? []).size !== 1) throw new DriftlessError("E_USAGE", "--write-overlay writes one API's overlay: pass exactly one --api.");

  const reportFiles = reportDestinations(options.formats, options.output);
  // Two flags naming one file would overwrite one output with another (or the recording being checked).
  const files: [string, string | undefined][] = [
    ...[...reportFiles.values()].map((file): [string, string | undefined] => ["--output", file]),
    ["--baseline", options.baseline],
    ["--write-overlay", options.writeOverlay],
    ["--record", options.record],
    ["--target", recording ? target.file : undefined],
  ];
  const named = files.filter((f): f is [string, string] => f[1] !== undefined);
  for (const [i, [flag, file]] of named.entries()) {
    const other = named.slice(i + 1).find(([otherFlag, otherFile]) => otherFlag !== flag && path.resolve(otherFile) === path.resolve(file));
    if (other) throw new DriftlessError("E_USAGE", `${flag} and ${other[0]} name the same file (${file}); one would overwrite the other.`);
  }
  return reportFiles;
}

/**
 * Where each requested format goes: undefined is stdout. With one format --output is the file; with
 * several it is a base name (PATH.json, PATH.junit.xml, …) and pretty still goes to stdout.
 */
function reportDestinations(requested: readonly ReportFormat[] | undefined, output: string | undefined): Map<ReportFormat, string | undefined> {
  const formats = [...new Set(requested?.length ? requested : (["pretty"] as const))];
  return new Map(
    formats.map((format) => {
      if (!output) return [format, undefined];
      if (formats.length === 1) return [format, output];
      return [format, format === "pretty" ? undefined : `${output.replace(/\.(json|xml|sarif|md|txt)$/i, "")}${EXTENSIONS[format]}`];
    }),
  );
}

/**
 * The baseline of the run: --baseline FILE; without it, each checked API's committed
 * specs/<api>/drift-baseline.json (the vendor departures accepted for that API), when it has one.
 */
function loadBaseline(options: DriftOptions, apis: readonly LoadedApi[], specsDir: string): { baseline: Baseline | undefined; files: string[] } {
  if (options.baseline) {
    if (!options.updateBaseline) return { baseline: readBaseline(options.baseline), files: [displayPath(options.baseline)] };
    return { baseline: existsSync(options.baseline) ? safeBaseline(options.baseline) : undefined, files: [displayPath(options.baseline)] };
  }
  const committed = apis.map((api) => path.join(specsDir, api.id, "drift-baseline.json")).filter((file) => existsSync(file));
  if (committed.length === 0) return { baseline: undefined, files: [] };
  // A committed file holds its own API's entries; another API's there would be a mistake, not acceptance.
  const findings = committed.flatMap((file, i) => readBaseline(file).findings.filter((e) => e.api === path.basename(path.dirname(committed[i]!))));
  return { baseline: { driftlessBaseline: 1, findings }, files: committed.map(displayPath) };
}

/** Why the run checked no operation at all, or undefined when it checked one. */
function nothingChecked(apis: readonly ApiReport[]): string | undefined {
  if (apis.some((a) => (a.coverage?.operations.checked ?? 0) > 0)) return undefined;
  const why = apis.map((a) => {
    if (a.note) return `${a.api}: ${a.note}`;
    if (a.exchanges === 0) {
      const skipped = a.skipped[0] ? `; ${a.skipped.length} step(s) skipped, e.g. ${a.skipped[0].step}: ${a.skipped[0].reason}` : "";
      const incident = a.incidents[0] ? `; ${a.incidents.length} incident(s), e.g. ${a.incidents[0].kind}: ${a.incidents[0].message}` : "";
      return `${a.api}: no answer${skipped}${incident}`;
    }
    const matched = a.operations.reduce((n, o) => n + o.exchanges, 0);
    return matched === 0 ? `${a.api}: ${a.exchanges} answer(s), none of an operation of its document` : `${a.api}: only unhappy-path probes were answered`;
  });
  return `nothing was checked (no operation of any API answered a happy-path request), which is not a pass — ${why.join("; ")}.`;
}

function emptyReport(api: LoadedApi, target: Target, specsDir: string): ApiReport {
  return {
    api: api.id,
    target: describeTarget(target),
    document: displayPath(api.documentPath),
    specDir: displayPath(path.join(specsDir, api.id)),
    exchanges: 0,
    operations: [],
    notObserved: [],
    unmatched: [],
    findings: [],
    fixed: [],
    notChecked: [],
    incidents: [],
    skipped: [],
  };
}

const NO_PLAN: Omit<DriftPlan, "api"> = { probes: [], cleanup: [], limits: DEFAULT_LIMITS };

/** 1. Answers: read from the recording, or probed from a named target (the bundled emulator) or the live API. */
async function gatherAnswers(
  apis: LoadedApi[],
  target: Target,
  options: DriftOptions,
  env: NodeJS.ProcessEnv,
  redactor: Redactor,
  reports: Map<string, ApiReport>,
  stderr: OutputStream,
): Promise<Answers> {
  if (target.kind !== "har" && target.kind !== "ndjson") return probeAll(apis, target, options, env, redactor, reports, stderr);
  let text: string;
  try {
    text = readFileSync(target.file, "utf8");
  } catch (error) {
    throw new DriftlessError("E_IO", `cannot read ${target.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return { exchanges: target.kind === "har" ? readHar(text, target.file) : readNdjson(text, target.file), incidents: [], skipped: [], plans: new Map() };
}

/** 2. Checks: each answer routed to its API and operation, and checked against it. */
function checkAnswers(apis: LoadedApi[], exchanges: readonly Exchange[], reports: Map<string, ApiReport>): Checked {
  const checked: Checked = {
    raw: new Map(apis.map((a) => [a.id, []])),
    counts: new Map(apis.map((a) => [a.id, new Map()])),
    unmatched: new Map(apis.map((a) => [a.id, new Map()])),
    answers: new Map(apis.map((a) => [a.id, []])),
    probes: new Map(apis.map((a) => [a.id, new Map()])),
  };
  const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const exchange of exchanges) {
    const routed = route(apis, exchange);
    if (!routed) continue;
    const { api, op } = routed;
    reports.get(api.id)!.exchanges++;
    if (!op) {
      bump(checked.unmatched.get(api.id)!, `${exchange.method} ${safePath(exchange.url)}`);
      continue;
    }
    bump(checked.counts.get(api.id)!, op.key);
    checked.raw.get(api.id)!.push(...api.checker.check(exchange, op));
    checked.answers.get(api.id)!.push({ operation: op.key, status: exchange.status, ...(exchange.probe?.negative ? { negative: true } : {}) });
    if (exchange.step) {
      const probes = checked.probes.get(api.id)!;
      const summary = probes.get(exchange.step) ?? { step: exchange.step, operation: op.key, ...exchange.probe, statuses: [] };
      if (!summary.statuses.includes(exchange.status)) summary.statuses = [...summary.statuses, exchange.status].sort((a, b) => a - b);
      probes.set(exchange.step, summary);
    }
  }
  return checked;
}

/**
 * 3. Aggregation: findings per fingerprint, operations observed and not, incidents and skipped
 * steps, and the baseline applied. Returns the operations each API's answers were matched to.
 */
function aggregateFindings(
  apis: LoadedApi[],
  checked: Checked,
  answers: Answers,
  reports: Map<string, ApiReport>,
  samples: Map<string, unknown>,
  baseline: Baseline | undefined,
): ObservedOperations {
  const observed = new Map<string, ReadonlySet<string>>();
  const byKey = <T>(entries: Iterable<[string, T]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : 1));
  // Probes run concurrently: sort what they left so the report does not depend on timing.
  const byStep = <T extends { step: string }>(a: T, b: T) => (a.step < b.step ? -1 : a.step > b.step ? 1 : 0);
  for (const api of apis) {
    const report = reports.get(api.id)!;
    const seen = checked.counts.get(api.id)!;
    observed.set(api.id, new Set(seen.keys()));
    report.findings = aggregate(checked.raw.get(api.id)!, samples);
    report.operations = byKey(seen).map(([operation, exchanges]) => ({ operation, exchanges }));
    report.notObserved = api.operations.filter((o) => !seen.has(o));
    report.unmatched = byKey(checked.unmatched.get(api.id)!).map(([request, count]) => ({ request, count }));
    report.incidents = answers.incidents.filter((i) => i.api === api.id).sort(byStep);
    report.skipped = answers.skipped.filter((s) => s.api === api.id).sort(byStep);
    report.probes = [...checked.probes.get(api.id)!.values()].sort(byStep);
    const plan = answers.plans.get(api.id);
    const skipped = new Map(report.skipped.map((s) => [s.step, s.reason]));
    const coverage = observedCoverage(api.doc, checked.answers.get(api.id)!, plan ?? { api: api.id, ...NO_PLAN }, skipped);
    if (!plan) {
      // A recording (or an API not probed): what was not answered was not in the traffic.
      const why = report.note ?? (answers.plans.size === 0 ? "not in the recorded traffic" : "not probed");
      for (const d of coverage.operations.details) if (d.observed.length === 0) d.reason = why;
    }
    const planned = plan && planCoverage(api.doc, plan).operations;
    report.coverage = planned ? { operations: { ...coverage.operations, planned: planned.planned }, unplanned: planned.unplanned, trimmed: plan!.trimmed ?? [] } : coverage;
    if (baseline) Object.assign(report, applyBaseline(report.findings, baseline, api.id, observed));
  }
  return observed;
}

/** What the files besides the reports are made from. */
interface Artifacts {
  options: DriftOptions;
  apis: LoadedApi[];
  report: DriftReport;
  observed: ObservedOperations;
  baseline: Baseline | undefined;
  samples: Map<string, unknown>;
  exchanges: readonly Exchange[];
  redactor: Redactor;
}

/**
 * The files a run writes besides its reports: the updated baseline, the overlay, the recording.
 * Returns how many baseline entries were kept for operations not checked, when the baseline was written.
 */
function writeArtifacts(run: Artifacts, writeFile: (file: string, text: string) => void): number | undefined {
  const { options, apis, report } = run;
  let kept: number | undefined;
  if (options.updateBaseline && options.baseline) {
    const built = buildBaseline(
      report.apis.flatMap((a) => a.findings),
      run.observed,
      run.baseline,
    );
    writeFile(options.baseline, built.text);
    kept = built.kept;
  }
  // checkUsage made sure there is exactly one API.
  if (options.writeOverlay) writeFile(options.writeOverlay, writeOverlay(apis[0]!.id, report.apis[0]!.findings, apis[0]!.checker.index, run.samples));
  if (options.record) writeFile(options.record, writeHar(run.exchanges, run.redactor, VERSION));
  return kept;
}

/** 4. Reports: each format rendered once, to its file or to stdout. */
function writeReports(
  report: DriftReport,
  destinations: Map<ReportFormat, string | undefined>,
  color: boolean,
  redactor: Redactor,
  stdout: OutputStream,
  writeFile: (file: string, text: string) => void,
): void {
  for (const [format, file] of destinations) {
    const text = renderReport(report, format, color);
    if (file) writeFile(file, text);
    else stdout.write(redactor.scrub(text.endsWith("\n") ? text : `${text}\n`));
  }
}

function renderReport(report: DriftReport, format: ReportFormat, color: boolean): string {
  switch (format) {
    case "pretty":
      return renderPretty(report, color);
    case "json":
      return renderJson(report);
    case "junit":
      return renderJunit(report);
    case "sarif":
      return renderSarif(report);
    case "markdown":
      return renderMarkdown(report);
  }
}

function safeBaseline(file: string): Baseline | undefined {
  try {
    return readBaseline(file);
  } catch {
    return undefined; // --update-baseline over an unreadable file: it is about to be replaced
  }
}

function describeTarget(target: Target): string {
  switch (target.kind) {
    case "named":
      return target.name;
    case "url":
      return target.url.origin + target.url.pathname.replace(/\/$/, "");
    default:
      return displayPath(target.file);
  }
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split("?")[0]!;
  }
}

/** The API and operation an answer belongs to: its recorded API, else the first API whose document matches. */
function route(apis: LoadedApi[], exchange: Exchange): { api: LoadedApi; op?: MatchedOperation } | undefined {
  const pathname = safePath(exchange.url);
  if (exchange.api) {
    const api = apis.find((a) => a.id === exchange.api);
    return api ? { api, op: api.matcher.match(exchange.method, pathname) } : undefined;
  }
  for (const api of apis) {
    const op = api.matcher.match(exchange.method, pathname);
    if (op) return { api, op };
  }
  return apis.length === 1 ? { api: apis[0]! } : undefined;
}

function loadApis(requested: string[], specsDir: string, generatedDir: string, redactor: Redactor): LoadedApi[] {
  let ids = requested;
  if (ids.length === 0) {
    if (!existsSync(generatedDir)) throw new DriftlessError("E_USAGE", `${generatedDir}/ does not exist; run 'npm run generate' first (or pass --generated-dir).`);
    ids = readdirSafe(generatedDir).filter((id) => existsSync(path.join(generatedDir, id, "openapi.json")) && existsSync(path.join(specsDir, id)));
    if (ids.length === 0) throw new DriftlessError("E_USAGE", `no API has both ${specsDir}/<api>/ and ${generatedDir}/<api>/openapi.json.`);
  }
  return [...new Set(ids)].sort().map((id) => {
    if (!/^[a-z][a-z0-9-]*$/.test(id)) throw new DriftlessError("E_USAGE", `--api ${id}: API ids are lowercase letters, digits and '-'.`);
    const documentPath = path.join(generatedDir, id, "openapi.json");
    if (!existsSync(documentPath)) throw new DriftlessError("E_CONFIG", `${documentPath} does not exist; run 'npm run generate' first.`);
    const doc = JSON.parse(readFileSync(documentPath, "utf8")) as OpenApiDocument;
    const configFile = path.join(specsDir, id, "api.yaml");
    const source = existsSync(configFile) ? parseYamlSource("api.yaml", readFileSync(configFile, "utf8")) : undefined;
    const { config, findings } = loadApiConfig(id, source);
    if (findings.some((f) => f.severity === "error")) {
      throw new DriftlessError("E_CONFIG", `${configFile}: ${findings.map(messageOf).join("; ")}`, { findings });
    }
    const index = new DocumentIndex(doc);
    return {
      id,
      config,
      configFile,
      ...(source ? { lineOf: (pointer: string) => source.lineOf(pointer) } : {}),
      doc,
      documentPath,
      checker: new ApiChecker(id, index, redactor),
      matcher: new OperationMatcher(doc),
      operations: [...eachOperation(doc)].map((o) => operationKey(o.method, o.path)).sort(),
    };
  });
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** The probes of every API, run side by side; a named target is started here and closed after. */
async function probeAll(
  apis: LoadedApi[],
  target: Target,
  options: DriftOptions,
  env: NodeJS.ProcessEnv,
  redactor: Redactor,
  reports: Map<string, ApiReport>,
  stderr: OutputStream,
): Promise<Answers> {
  let started: DriftTarget | undefined;
  const provider = target.kind === "named" ? target.provider : undefined;
  const progress = createProgress(
    (t) => stderr.write(t),
    stderr.isTTY === true && !env.CI,
    (t) => redactor.scrub(t),
  );
  const overrides: Partial<DriftLimits> = {};
  if (options.timeoutMs !== undefined) overrides.timeoutMs = options.timeoutMs;
  if (options.concurrency !== undefined) overrides.concurrency = options.concurrency;
  if (options.maxRequests !== undefined) overrides.maxRequests = options.maxRequests;
  // A disposable target (the bundled emulator) creates nothing real: writes always allowed.
  const allowWrites = options.allowWrites === true || provider?.disposable === true;
  const plans = new Map<string, DriftPlan>();
  try {
    // Every plan is made (and every configuration error found) before a target starts or a request goes out.
    for (const api of apis) {
      plans.set(
        api.id,
        planForApi({
          api: api.id,
          document: api.doc,
          operations: new Set(api.operations),
          drift: api.config.drift,
          configFile: displayPath(api.configFile),
          ...(api.lineOf ? { lineOf: api.lineOf } : {}),
          allowWrites,
          // No rate limit towards a target in this process (the bundled emulator): it answers instantly.
          limits: provider?.inProcess ? { requestsPerSecond: 0, ...overrides } : overrides,
          ...(options.planOverride ? { override: options.planOverride } : {}),
        }),
      );
    }
    const jobs: { api: LoadedApi; plan: DriftPlan; baseUrl: URL; auth?: { name: string; value: string } }[] = [];
    if (provider) started = await provider.start(apis.map((a) => a.id));
    for (const api of apis) {
      const plan = plans.get(api.id)!;
      if (plan.probes.length === 0) {
        const why = plan.unplanned?.length
          ? plan.unplanned
              .slice(0, 3)
              .map((u) => `${u.operation}: ${u.reason}`)
              .join("; ")
          : "its document has no operation";
        reports.get(api.id)!.note = `nothing to probe: no request could be planned from the canonical document (${why}).`;
        continue;
      }
      let key: string | undefined;
      let baseUrl: URL;
      if (started) {
        const endpoint = started.endpoints.get(api.id);
        if (!endpoint) {
          reports.get(api.id)!.note = `${provider!.label} does not serve ${api.id}; check it with --target URL or a recording.`;
          plans.delete(api.id);
          continue;
        }
        baseUrl = endpoint.baseUrl;
        key = endpoint.key;
      } else {
        baseUrl = (target as { url: URL }).url;
        if (requiresKey(api.config, api.doc)) {
          key = env[api.config.auth.env];
          if (!key) throw new DriftlessError("E_CONFIG", `${api.config.auth.env} is not set: the live check of ${api.id} takes its API key from that variable.`);
        }
      }
      if (key) redactor.addSecret(key);
      jobs.push({ api, plan, baseUrl, auth: key ? authHeader(api.config, api.doc, key) : undefined });
    }
    const results = await Promise.all(
      jobs.map(({ api, plan, baseUrl, auth }) =>
        runProbes({
          plan,
          baseUrl,
          ...(auth ? { auth } : {}),
          credentialHeader: (scheme, value) => schemeHeader(api.doc, scheme, value),
          allowWrites,
          ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}),
          accept: (operation) => acceptFor(api.doc, operation),
          ...(options.signal ? { signal: options.signal } : {}),
          progress,
          redactor,
        }),
      ),
    );
    return {
      exchanges: results.flatMap((r) => r.exchanges),
      incidents: results.flatMap((r) => r.incidents),
      skipped: results.flatMap((r) => r.skipped),
      plans,
    };
  } finally {
    progress.end();
    await started?.close();
  }
}

/** The Accept header of a probe: the media types the operation documents for its answers. */
function acceptFor(doc: OpenApiDocument, operation: string): string {
  const [method, ...rest] = operation.split(" ");
  const op = doc.paths?.[rest.join(" ")]?.[method!.toLowerCase() as "get"];
  const types = new Set<string>();
  for (const response of Object.values(isObject(op?.responses) ? op!.responses! : {})) {
    if (isObject(response) && isObject(response.content)) for (const t of Object.keys(response.content)) types.add(t);
  }
  return [...types, "*/*;q=0.1"].join(", ");
}
