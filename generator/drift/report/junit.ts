import { messageOf } from "../../problems/finding.ts";
import { DRIFT_RULE_IDS } from "../../problems/rules.ts";
import { isFailing, specLocation, type DriftReport } from "./model.ts";
import { xmlEscape as x } from "./xml.ts";

/**
 * JUnit XML: one test suite per API, one test case per observed operation and drift rule (failed
 * when the rule found new drift at or above --fail-on there), a skipped case per documented
 * operation nothing was observed for, and an error case per incident. No times or timestamps.
 */
export function renderJunit(report: DriftReport): string {
  const suites: string[] = [];
  let total = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  for (const a of report.apis) {
    const cases: string[] = [];
    let sf = 0;
    let se = 0;
    let ss = 0;
    const classname = `drift.${a.api}`;
    for (const { operation } of a.operations) {
      for (const rule of DRIFT_RULE_IDS) {
        const found = a.findings.filter((f) => f.args.operation === operation && f.rule === rule);
        const failing = found.filter((f) => isFailing(f, report.failOn));
        const text = (list: typeof found) =>
          list.map((f) => `${messageOf(f)} [${f.pointer}${specLocation(a, f) ? ` ${specLocation(a, f)}` : ""}] fingerprint ${f.fingerprint}`).join("\n");
        let body = "";
        if (failing.length) {
          sf++;
          body += `\n      <failure message="${x(`${failing.length} ${rule} finding(s)`)}" type="${x(rule)}">${x(text(failing))}</failure>`;
        }
        const rest = found.filter((f) => !failing.includes(f));
        if (rest.length) body += `\n      <system-out>${x(text(rest))}</system-out>`;
        cases.push(`    <testcase name="${x(`${operation} ${rule}`)}" classname="${x(classname)}"${body ? `>${body}\n    </testcase>` : "/>"}`);
      }
    }
    for (const operation of a.notObserved) {
      ss++;
      cases.push(
        `    <testcase name="${x(operation)}" classname="${x(classname)}">\n      <skipped message="not probed: no answer was observed for this operation"/>\n    </testcase>`,
      );
    }
    for (const i of a.incidents) {
      se++;
      cases.push(
        `    <testcase name="${x(`probe ${i.step}${i.operation ? ` ${i.operation}` : ""}`)}" classname="${x(classname)}">\n      <error message="${x(`${i.kind}: ${i.message}`)}" type="${x(i.kind)}"/>\n    </testcase>`,
      );
    }
    total += cases.length;
    failures += sf;
    errors += se;
    skipped += ss;
    suites.push(`  <testsuite name="${x(classname)}" tests="${cases.length}" failures="${sf}" errors="${se}" skipped="${ss}">\n${cases.join("\n")}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="driftless drift" tests="${total}" failures="${failures}" errors="${errors}" skipped="${skipped}">\n${suites.join("\n")}\n</testsuites>\n`;
}
