/** The markdown syntax tree (mdast with GFM tables) and the few ways this stage reads its nodes. */
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import type { Code, Nodes, PhrasingContent, Root, Table } from "mdast";

export function parseMarkdown(text: string): Root {
  return fromMarkdown(blankFrontMatter(text), { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

/**
 * YAML front matter (`---` … `---` at the very top, as Docusaurus, Mintlify and Hugo pages have)
 * is page metadata, not content: its lines are blanked so every later line keeps its number.
 */
export function blankFrontMatter(text: string): string {
  const m = /^---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return text;
  return m[0].replace(/[^\n]/g, " ") + text.slice(m[0].length);
}

/** 1-based start line of a node (1 when the tree carries no positions). */
export function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 1;
}

/** The text a reader sees: text and inline code values, other inline markup flattened. */
export function plainText(nodes: readonly Nodes[]): string {
  let out = "";
  for (const node of nodes) {
    if (node.type === "text" || node.type === "inlineCode") out += node.value;
    else if (node.type === "break") out += " ";
    else if ("children" in node) out += plainText(node.children as Nodes[]);
  }
  return out;
}

/**
 * The markdown source of a run of sibling inline nodes, exactly as written (so `code` and links
 * survive into OpenAPI descriptions, which are CommonMark). Line breaks inside become spaces.
 */
export function sourceOf(text: string, nodes: readonly PhrasingContent[]): string {
  const first = nodes[0]?.position?.start.offset;
  const last = nodes[nodes.length - 1]?.position?.end.offset;
  if (first === undefined || last === undefined) return plainText(nodes).trim();
  return text
    .slice(first, last)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .join(" ")
    .trim();
}

/** Values of the inline code spans among the nodes, in order. */
export function codeSpans(nodes: readonly Nodes[]): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    if (node.type === "inlineCode") out.push(node.value);
    else if ("children" in node) out.push(...codeSpans(node.children as Nodes[]));
  }
  return out;
}

/** 1-based line of the first content line of a code block (the line after an opening fence). */
export function codeContentLine(code: Code, text: string): number {
  const start = code.position?.start;
  if (!start) return 1;
  const fenced = /^[ \t]*(```|~~~)/.test(text.slice(start.offset ?? 0, (start.offset ?? 0) + 64));
  return start.line + (fenced ? 1 : 0);
}

/**
 * An HTML `<table>` (GitBook and ReadMe exports write them) as a GFM table node, so it is read
 * like any other table. Cells keep their code spans; every row carries the line of the HTML block.
 */
export function htmlTable(html: string, line: number): Table | undefined {
  const rows = [...html.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)].map((m) => [...m[1]!.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/gi)].map((c) => cellMarkdown(c[1]!)));
  if (rows.length < 2 || rows[0]!.length === 0) return undefined;
  const width = rows[0]!.length;
  const lines = [rows[0]!, Array(width).fill("---"), ...rows.slice(1)].map((cells) => `| ${cells.join(" | ")} |`);
  const table = parseMarkdown(lines.join("\n")).children[0];
  if (table?.type !== "table") return undefined;
  const place = (node: Nodes): void => {
    node.position = { start: { line, column: 1 }, end: { line, column: 1 } };
    if ("children" in node) for (const child of node.children as Nodes[]) place(child);
  };
  place(table);
  return table;
}

function cellMarkdown(html: string): string {
  return html
    .replace(/<code\b[^>]*>([\s\S]*?)<\/code>/gi, (_, code: string) => `\`${code.replace(/`/g, "")}\``)
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\|/g, "\\|")
    .replace(/\s+/g, " ")
    .trim();
}
