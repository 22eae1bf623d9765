import { messageOf } from "../../problems/finding.ts";
import { coverageLine, coverageRows } from "./coverage.ts";
import { isFailing, specLocation, summarize, type ApiCoverage, type DriftReport } from "./model.ts";

/** A table cell: pipes escaped, newlines flattened. */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** Inline code that survives backticks inside it. */
function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  return text === "" ? "" : `${fence}${fence === "``" ? ` ${text} ` : text}${fence}`;
}

/** Markdown for a CI step summary ($GITHUB_STEP_SUMMARY): a verdict table, then each API's findings. */
export function renderMarkdown(report: DriftReport): string {
  const lines = [
    "## API drift (driftless)",
    "",
    "| API | target | answers | errors | warnings | new failing | known | fixed | incidents | result |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const a of report.apis) {
    const s = summarize([a], report.failOn);
    const result = a.note ? "not checked" : s.incidents ? "⚠️ incomplete" : s.failing ? "❌ drift" : "✅ no drift";
    lines.push(`| ${cell(a.api)} | ${cell(a.target)} | ${a.exchanges} | ${s.errors} | ${s.warnings} | ${s.failing} | ${s.known} | ${s.fixed} | ${s.incidents} | ${result} |`);
  }
  lines.push("", `Fails on: ${report.failOn} and above${report.baseline ? `; baseline ${code(report.baseline)}` : ""}.`);
  if (report.nothingChecked) lines.push("", `**${cell(report.nothingChecked)}**`);
  for (const a of report.apis) {
    lines.push("", `### ${cell(a.api)}`, "");
    if (a.note) {
      lines.push(a.note);
      continue;
    }
    if (a.findings.length === 0) lines.push(`No drift in ${a.exchanges} answer(s) across ${a.operations.length} operation(s).`);
    else {
      lines.push("| | severity | rule | operation | body pointer | expected | observed | documented at |", "|---|---|---|---|---|---|---|---|");
      for (const f of a.findings) {
        const mark = isFailing(f, report.failOn) ? "❌" : f.baseline === "known" ? "☑️" : "⚠️";
        const where = specLocation(a, f);
        lines.push(
          `| ${mark} | ${f.severity} | ${code(f.rule)} | ${code(`${f.args.operation} ${f.args.status}`)} | ${code(f.args.bodyPointer)} | ${cell(f.args.expected)} | ${cell(f.args.observed)} | ${where ? code(where) : ""} |`,
        );
      }
      const probes = (f: (typeof a.findings)[number]) => (f.args.intent && f.rule !== "accepted-invalid-request" ? ` (probe: ${cell(f.args.intent)})` : "");
      lines.push("", "<details><summary>Messages</summary>", "", ...a.findings.map((f) => `- ${cell(messageOf(f))}${probes(f)}`), "", "</details>");
    }
    if (a.coverage) lines.push("", ...coverageTable(a.coverage));
    else if (a.notObserved.length) lines.push("", `Not probed: ${a.notObserved.map(code).join(", ")}.`);
    if (a.incidents.length)
      lines.push(
        "",
        "**Incidents** (the check could not complete):",
        ...a.incidents.map((i) => `- ${code(i.step)} ${i.operation ? code(i.operation) : ""} ${i.kind}: ${cell(i.message)}`),
      );
    if (a.skipped.length) lines.push("", "Skipped steps:", ...a.skipped.map((s) => `- ${code(s.step)}: ${cell(s.reason)}`));
    if (a.fixed.length) lines.push("", "Fixed since the baseline:", ...a.fixed.map((f) => `- ${code(f.rule)} ${code(f.operation)} ${code(f.pointer)}`));
    if (a.notChecked.length)
      lines.push(
        "",
        "In the baseline, not checked this run (no answer of the operation was observed; kept):",
        ...a.notChecked.map((f) => `- ${code(f.rule)} ${code(f.operation)} ${code(f.pointer)}`),
      );
    if (a.unmatched.length) lines.push("", "Answers no operation matches (not checked):", ...a.unmatched.map((u) => `- ${code(u.request)} × ${u.count}`));
  }
  return `${lines.join("\n")}\n`;
}

/** "Coverage: 5 of 6 operations checked", then one row per operation of the document. */
function coverageTable(coverage: ApiCoverage): string[] {
  const rows = coverageRows(coverage).map((r) => `| ${code(r.operation)} | ${r.answered || "—"} | ${r.missing} | ${r.undocumented} | ${cell(r.reason ?? "")} |`);
  const trimmed = coverage.trimmed?.length ? ["", `Cut by the request budget: ${coverage.trimmed.map((t) => code(t.step)).join(", ")}.`] : [];
  return [
    `**Coverage:** ${coverageLine(coverage)}.`,
    "",
    "| operation | statuses answered | documented, not answered | undocumented | not checked because |",
    "|---|---|---|---|---|",
    ...rows,
    ...trimmed,
  ];
}
