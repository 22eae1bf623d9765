import { messageOf } from "../../problems/finding.ts";
import { exitCodeOf, summarize, type DriftReport } from "./model.ts";

/**
 * The JSON report: everything the other reports show, as data, with the message text rendered
 * (the finding's `args` spread out as operation, status, mediaType, pointer, expected, observed).
 * Deterministic: no times, no durations, no random ports (the bundled emulator is "emulator"),
 * keys in a fixed order — the same recording checked twice gives the same bytes.
 */
export function renderJson(report: DriftReport): string {
  const out = {
    tool: report.tool,
    failOn: report.failOn,
    ...(report.baseline ? { baseline: report.baseline } : {}),
    exitCode: exitCodeOf(report),
    ...(report.nothingChecked ? { nothingChecked: report.nothingChecked } : {}),
    summary: summarize(report.apis, report.failOn),
    apis: report.apis.map((a) => ({
      api: a.api,
      target: a.target,
      document: a.document,
      ...(a.note ? { note: a.note } : {}),
      exchanges: a.exchanges,
      ...(a.coverage ? { coverage: a.coverage } : {}),
      operations: a.operations,
      notObserved: a.notObserved,
      unmatched: a.unmatched,
      findings: a.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        operation: f.args.operation,
        status: f.args.status,
        ...(f.args.mediaType ? { mediaType: f.args.mediaType } : {}),
        ...(f.args.intent ? { intent: f.args.intent } : {}),
        pointer: f.args.bodyPointer,
        spec: { pointer: f.pointer, sources: f.sources },
        expected: f.args.expected,
        observed: f.args.observed,
        message: messageOf(f),
        fingerprint: f.fingerprint,
        occurrences: f.occurrences,
        ...(f.baseline ? { baseline: f.baseline } : {}),
      })),
      fixed: a.fixed,
      notChecked: a.notChecked,
      incidents: a.incidents,
      skipped: a.skipped,
      ...(a.probes ? { probes: a.probes } : {}),
    })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
