import { messageOf, type Severity } from "../../problems/finding.ts";
import { coverageLine, coverageRows } from "./coverage.ts";
import { isFailing, specLocation, summarize, type DriftReport } from "./model.ts";

const COLORS = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1, cyan: 36 } as const;

/** Colours only for a terminal that wants them: not when piped, not with NO_COLOR set. */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true && env.TERM !== "dumb";
}

/** The terminal report: per API, each finding with where it is documented, then a summary line. */
export function renderPretty(report: DriftReport, color: boolean): string {
  const paint = (c: keyof typeof COLORS, text: string) => (color ? `\x1b[${COLORS[c]}m${text}\x1b[0m` : text);
  const sev = (s: Severity) => (s === "error" ? paint("red", "error  ") : s === "warning" ? paint("yellow", "warning") : paint("dim", "info   "));
  const lines: string[] = [];
  for (const a of report.apis) {
    lines.push(paint("bold", `${a.api}`) + paint("dim", ` — ${a.target}, checked against ${a.document}`));
    if (a.note) {
      lines.push(`  ${a.note}`, "");
      continue;
    }
    lines.push(
      `  ${a.exchanges} answer(s) checked across ${a.operations.length} operation(s)` + (a.notObserved.length && !a.coverage ? `; not probed: ${a.notObserved.join(", ")}` : ""),
    );
    for (const f of a.findings) {
      const where = specLocation(a, f);
      const known = f.baseline === "known" ? paint("dim", " (known, in baseline)") : "";
      lines.push(`  ${sev(f.severity)} ${paint("cyan", f.rule)}${known}`);
      const probes = f.args.intent && f.rule !== "accepted-invalid-request" ? paint("dim", ` [probe: ${f.args.intent}]`) : "";
      lines.push(`    ${messageOf(f)}${f.occurrences > 1 ? paint("dim", ` (${f.occurrences} answers)`) : ""}${probes}`);
      lines.push(paint("dim", `    spec ${f.pointer || "/"}${where ? ` — ${where}` : ""}`));
    }
    for (const u of a.unmatched) lines.push(paint("dim", `  no operation matches ${u.request} (${u.count} answer(s)); not checked`));
    for (const s of a.skipped) lines.push(paint("dim", `  skipped ${s.step}: ${s.reason}`));
    for (const i of a.incidents) lines.push(`  ${paint("red", "incident")} ${i.step}${i.operation ? ` ${i.operation}` : ""}: ${i.kind} — ${i.message}`);
    for (const f of a.fixed) lines.push(paint("green", `  fixed (in baseline, not seen): ${f.rule} ${f.operation} ${f.pointer}`));
    for (const f of a.notChecked) lines.push(paint("dim", `  not checked this run (in baseline, operation not observed): ${f.rule} ${f.operation} ${f.pointer}`));
    if (a.coverage) {
      // One row per operation: the statuses answered, then the documented ones no answer had.
      lines.push(`  coverage: ${coverageLine(a.coverage)}`);
      const rows = coverageRows(a.coverage);
      const width = Math.max(...rows.map((r) => r.operation.length));
      for (const r of rows) {
        const answered = r.answered ? `answered ${r.answered}` : paint("yellow", "not checked");
        const rest = [
          r.missing ? paint("dim", `not seen ${r.missing}`) : "",
          r.undocumented ? paint("red", `undocumented ${r.undocumented}`) : "",
          r.reason ? paint("dim", `— ${r.reason}`) : "",
        ].filter(Boolean);
        lines.push(`    ${r.operation.padEnd(width)}  ${[answered, ...rest].join("; ")}`);
      }
    }
    const s = summarize([a], report.failOn);
    const verdict =
      s.incidents > 0
        ? paint("red", "incomplete")
        : s.failing > 0
          ? paint("red", "drift")
          : paint("green", "no drift") + (a.findings.length ? ` at or above ${report.failOn}` : "");
    lines.push(
      `  ${verdict}: ${s.errors} error(s), ${s.warnings} warning(s)${report.baseline ? `, ${s.known} known, ${s.fixed} fixed${s.notChecked ? `, ${s.notChecked} not checked` : ""}` : ""}${s.incidents ? `, ${s.incidents} incident(s)` : ""}`,
      "",
    );
  }
  if (report.nothingChecked) lines.push(paint("red", report.nothingChecked), "");
  return lines.join("\n");
}

export { isFailing };
