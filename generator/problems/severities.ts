import type { Finding } from "./finding.ts";
import { RULES, type RuleId } from "./rules.ts";

/** What api.yaml `rules:` and `--rule` may set a merge rule to. */
export type RuleSeverity = "error" | "warning" | "info" | "off";

export const RULE_SEVERITIES: readonly RuleSeverity[] = ["error", "warning", "info", "off"];

/**
 * Why a rule id cannot take a severity from api.yaml or `--rule`, or undefined when it can. Rules
 * about input files that cannot be read stay errors: the file is missing from the result either way.
 */
export function severityRefusal(id: string): string | undefined {
  if (!Object.hasOwn(RULES, id)) return `'${id}' is not a rule; the rule ids are in the merge report and docs/ARCHITECTURE.md (Findings)`;
  const rule = RULES[id as RuleId];
  if (rule.group !== "merge") return `'${id}' is a drift rule; accept known drift with a baseline (driftless drift --update-baseline)`;
  if (rule.area === "input") return `'${id}' is about a file that cannot be used; its severity cannot be changed`;
  return undefined;
}

/**
 * Findings with the severities api.yaml and the command line set (the latter win); `off` drops
 * them. Done once, after the merge, so every stage reports with the table's own severities.
 */
export function applyRuleSeverities(findings: Finding[], ...settings: Record<string, RuleSeverity>[]): Finding[] {
  const chosen: Record<string, RuleSeverity> = Object.assign({}, ...settings);
  if (Object.keys(chosen).length === 0) return findings;
  return findings.flatMap((f) => {
    const severity = chosen[f.rule];
    if (severity === undefined || severityRefusal(f.rule)) return [f];
    return severity === "off" ? [] : [{ ...f, severity }];
  });
}

/** `id=severity` from the command line; throws a message naming what is wrong. */
export function parseRuleFlag(flag: string): [string, RuleSeverity] {
  const [id, severity] = flag.split("=");
  if (!id || !severity || !RULE_SEVERITIES.includes(severity as RuleSeverity)) throw new Error(`--rule ${flag}: write it as RULE-ID=error|warning|info|off`);
  const refusal = severityRefusal(id);
  if (refusal) throw new Error(`--rule ${flag}: ${refusal}`);
  return [id, severity as RuleSeverity];
}
