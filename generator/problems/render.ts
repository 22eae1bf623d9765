import { formatLocation, messageOf, type Finding } from "./finding.ts";

const CONTEXT_LINES = 1;

/** Two lines either side of `line`, numbered, with the line itself marked — like a compiler. */
export function codeFrame(text: string, line: number): string {
  const lines = text.split("\n");
  const from = Math.max(1, line - CONTEXT_LINES);
  const to = Math.min(lines.length, line + CONTEXT_LINES);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const body = lines[n - 1]!.replace(/\r$/, "");
    out.push(`${n === line ? ">" : " "} ${String(n).padStart(width)} | ${body.length > 160 ? body.slice(0, 157) + "..." : body}`);
  }
  return out.join("\n");
}

/**
 * Findings for a terminal: severity, rule, location and message, and a code frame for the first
 * source that has a line. `prefix` turns API-relative files into paths the user can open.
 */
export function renderFindings(findings: Finding[], texts: Map<string, string>, prefix = ""): string {
  return findings
    .map((f) => {
      const where = f.sources.map((s) => prefix + formatLocation(s)).join(", ") || "(no source)";
      const head = `${f.severity} [${f.rule}] ${where}${f.pointer ? ` (${f.pointer})` : ""}\n  ${messageOf(f)}`;
      const framed = f.sources.find((s) => s.line && texts.has(s.file));
      return framed ? `${head}\n${codeFrame(texts.get(framed.file)!, framed.line!)}` : head;
    })
    .join("\n\n");
}
