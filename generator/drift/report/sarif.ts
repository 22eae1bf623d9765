import { messageOf } from "../../problems/finding.ts";
import { DRIFT_RULE_IDS, RULES } from "../../problems/rules.ts";
import type { DriftFinding } from "../finding.ts";
import type { ApiReport, DriftReport } from "./model.ts";

const LEVEL = { error: "error", warning: "warning", info: "note" } as const;

function location(a: ApiReport, f: DriftFinding, index: number) {
  const source = f.sources[index];
  return {
    physicalLocation: {
      artifactLocation: { uri: source ? `${a.specDir}/${source.file}` : a.document },
      ...(source?.line ? { region: { startLine: source.line } } : {}),
    },
  };
}

/**
 * SARIF 2.1.0: one run, the drift rules as reporting descriptors, one result per finding located
 * at the spec source line that documented the node (from `x-source`), so code scanning annotates
 * the fragment or docs page that is out of date. The fingerprint goes in partialFingerprints
 * (GitHub keys alerts on primaryLocationLineHash); with a baseline, baselineState is new/unchanged.
 */
export function renderSarif(report: DriftReport): string {
  const rules = DRIFT_RULE_IDS.map((id) => ({
    id,
    name: id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: RULES[id].summary },
    fullDescription: { text: `${RULES[id].summary} ${RULES[id].help}` },
    help: { text: RULES[id].help },
    defaultConfiguration: { level: LEVEL[RULES[id].severity] },
    properties: { tags: ["api-drift", RULES[id].area] },
  }));
  const results = report.apis.flatMap((a) =>
    a.findings.map((f) => ({
      ruleId: f.rule,
      ruleIndex: DRIFT_RULE_IDS.indexOf(f.rule),
      level: LEVEL[f.severity],
      message: { text: `${a.api}: ${messageOf(f)}` },
      locations: [{ ...location(a, f, 0), logicalLocations: [{ name: f.args.operation, fullyQualifiedName: `${a.api} ${f.args.operation}`, kind: "function" }] }],
      ...(f.sources.length > 1 ? { relatedLocations: f.sources.slice(1).map((_s, i) => ({ id: i + 1, ...location(a, f, i + 1) })) } : {}),
      partialFingerprints: { "driftless/v1": f.fingerprint, primaryLocationLineHash: `${f.fingerprint}:1` },
      ...(f.baseline ? { baselineState: f.baseline === "known" ? "unchanged" : "new" } : {}),
      properties: {
        api: a.api,
        operation: f.args.operation,
        status: f.args.status,
        bodyPointer: f.args.bodyPointer,
        specPointer: f.pointer,
        expected: f.args.expected,
        observed: f.args.observed,
        occurrences: f.occurrences,
      },
    })),
  );
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "driftless", semanticVersion: report.tool.version, rules } },
        results,
        columnKind: "utf16CodeUnits",
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
