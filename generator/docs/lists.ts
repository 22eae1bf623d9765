/**
 * Fields written as lists: bullets (`` - `limit` (integer, optional, default 20): … ``,
 * `- **limit** `integer` — …`, `- id (required) - The ID`), nested bullets for child fields, and
 * definition lists (`limit` on one line, `: Integer. Max results.` on the next).
 */
import type { List, ListItem, Paragraph, PhrasingContent, RootContent } from "mdast";
import type { ConversionContext } from "./context.ts";
import { parseFieldDescription, parseFieldName, pathName, type FieldFact } from "./fields.ts";
import { lineOf, parseMarkdown, plainText } from "./markdown.ts";
import { parseTypeCell } from "./types.ts";
import type { TablePlace } from "./tables.ts";
import { rangeFromProse } from "./prose.ts";
import { NOT_FIELD_NAMES } from "./vocabulary.ts";

interface ItemParts {
  path: string[];
  /** The name was marked up (code or bold): a strong sign the item is a field. */
  marked: boolean;
  /** Attributes were written beside the name: "(integer, optional)", `integer`. */
  attributes: string[];
  /** A separator (":", " - ", "—") stood between the name part and the description. */
  separated: boolean;
  description: string;
  required?: boolean;
}

const SEPARATOR = /^\s*(?:[:—–]|\s-\s|-\s)\s*/;

/** The name, attributes and description of one bullet's first paragraph; undefined when it does not start with a name. */
function itemParts(paragraph: Paragraph, source: string): ItemParts | undefined {
  const nodes = paragraph.children;
  const first = nodes[0];
  if (!first) return undefined;
  let name: { path: string[]; required?: boolean } | undefined;
  let marked = false;
  let rest: string;
  const restSource = (from: number): string => {
    const start = nodes[from]?.position?.start.offset;
    const end = nodes[nodes.length - 1]?.position?.end.offset;
    return start === undefined || end === undefined ? plainText(nodes.slice(from)) : source.slice(start, end);
  };
  let typed: string | undefined;
  if (first.type === "inlineCode" && /^[A-Za-z_][\w.[\]-]*=/.test(first.value)) {
    // `time=<rfc3339 | unix_timestamp>`, `limit=10`: the name, and the type its placeholder names.
    const [n, value = ""] = first.value.split(/=(.*)/s);
    name = parseFieldName(n!);
    marked = true;
    rest = restSource(1);
    const placeholder = /^<([^<>]+)>$/.exec(value.trim())?.[1];
    if (placeholder) typed = placeholder;
  } else if (first.type === "inlineCode" || first.type === "strong" || first.type === "emphasis") {
    name = parseFieldName(first.type === "inlineCode" ? [first] : (first.children as PhrasingContent[]));
    marked = true;
    rest = restSource(1);
  } else if (first.type === "text") {
    const m = /^\s*(:?[A-Za-z_][\w.[\]:-]*[?*]?)(?=\s*(?:\(|:\s|—|–|\s-\s|$))/.exec(first.value);
    if (!m || NOT_FIELD_NAMES.includes(m[1]!.toLowerCase())) return undefined;
    name = parseFieldName(m[1]!);
    rest = restSource(0).slice(restSource(0).indexOf(m[1]!) + m[1]!.length);
  } else return undefined;
  if (!name) return undefined;
  let text = rest.replace(/\r?\n/g, " ");
  const attributes: string[] = [];
  if (typed !== undefined) {
    // A placeholder that names a known type types the field; one that names a concept (`<series_selector>`) does not.
    const type = parseTypeCell(typed);
    if (type.ok && type.schema) attributes.push(typed);
  }
  if (/^\?/.test(text)) {
    name.required ??= false;
    text = text.slice(1);
  }
  // Attributes beside the name: "(integer, optional, default 20)", " `integer`", " *string*", ": string -".
  for (;;) {
    const paren = /^\s*\(([^()]{1,80})\)/.exec(text);
    const code = /^\s*`([^`]{1,40})`(?=\s*(?:[:—–(]|-\s|\s-\s|$))/.exec(text);
    const emph = /^\s*[*_]([A-Za-z][\w\s[\]<>|,]{0,30})[*_](?=\s*(?:[:—–(]|-\s|\s-\s|$))/.exec(text);
    const m = paren ?? code ?? emph;
    if (!m) break;
    attributes.push(...m[1]!.split(/\s*[,;]\s*/).filter(Boolean));
    text = text.slice(m[0].length);
  }
  const sep = SEPARATOR.exec(text);
  let separated = false;
  if (sep) {
    separated = true;
    text = text.slice(sep[0].length);
    // "`id`: string - The id" — a type word between two separators.
    const typed = /^([A-Za-z][\w[\]<>| ]{0,30}?)\s+(?:-|—|–)\s+/.exec(text);
    const typedCell = typed ? parseTypeCell(typed[1]!) : undefined;
    if (typed && typedCell?.ok && typedCell.schema) {
      attributes.push(typed[1]!);
      text = text.slice(typed[0].length);
    }
  }
  return { path: name.path, marked, attributes, separated, description: text.trim(), ...(name.required === undefined ? {} : { required: name.required }) };
}

/** One attribute word ("integer", "optional", "default 20", "max 100") folded into the fact; false when it is not understood. */
function applyAttribute(fact: FieldFact, word: string): boolean {
  const w = word.trim();
  const lower = w.toLowerCase();
  if (/^(?:required|mandatory)$/.test(lower)) fact.required = true;
  else if (/^optional$/.test(lower)) fact.required ??= false;
  else if (/^(?:nullable|deprecated|read[- ]only|write[- ]only)$/.test(lower)) {
    if (lower === "nullable") fact.nullable = true;
  } else if (/^default/i.test(w)) {
    const value = w.replace(/^default(?:s)?(?:\s+value)?(?:\s+(?:is|to))?\s*[:=]?\s*/i, "").replace(/\.$/, "");
    // "{{ default_timeout }}": a template variable, not a value. A quoted value is a string as written ("" included).
    const quoted = /^"([^"]*)"$|^'([^']*)'$/.exec(value);
    if (quoted) {
      fact.hasDefault = true;
      fact.default = quoted[1] ?? quoted[2] ?? "";
    } else if (value !== "" && !/\{\{.*\}\}/.test(value)) fact.defaultWord = value.replace(/^`([^`]*)`$/, "$1");
  } else if (/^(?:min|max|minimum|maximum|range)\b/i.test(w)) Object.assign(fact, rangeFromProse(w));
  else {
    const type = parseTypeCell(w);
    if (!type.ok || !type.schema) return false;
    fact.declared = type.schema;
    if (type.required !== undefined) fact.required ??= type.required;
  }
  return true;
}

/**
 * The fields of a bullet list, or undefined when it is not a list of fields. `loose`: the section
 * says it holds fields, so plain (unmarked) names are accepted too.
 */
export function readFieldList(list: List, place: TablePlace, ctx: ConversionContext, options: { loose: boolean; parent?: string[] }): FieldFact[] | undefined {
  const parsed = list.children.map((item) => ({ item, parts: firstParagraph(item) ? itemParts(firstParagraph(item)!, ctx.text) : undefined }));
  const fieldLike = parsed.filter(
    ({ parts }) => parts && (parts.marked ? parts.separated || parts.attributes.length > 0 || options.loose : options.loose && (parts.separated || parts.attributes.length > 0)),
  );
  // "- Note: …" among the fields is a remark, not a field that failed to read.
  const remarks = parsed.filter(({ item }) => isRemark(item));
  if (fieldLike.length === 0 || fieldLike.length / (list.children.length - remarks.length) < 0.6) return undefined;
  const facts: FieldFact[] = [];
  for (const { item, parts } of parsed) {
    if (remarks.some((r) => r.item === item)) continue;
    if (!parts || !fieldLike.some((f) => f.item === item)) {
      ctx.unread(lineOf(item), place.what, "the item does not start with a field name", place.pointer);
      continue;
    }
    const path = [...(options.parent ?? []), ...parts.path];
    const fact = fieldFromParts(parts, path, lineOf(item), ctx, place);
    facts.push(fact);
    for (const child of item.children) {
      if (child.type !== "list") continue;
      const parent = fact.declared && fact.declared.type === "array" ? [...path, "[]"] : path;
      facts.push(...(readFieldList(child, place, ctx, { loose: true, parent }) ?? []));
    }
  }
  return facts;
}

/**
 * A paragraph that is one field: "`fields` - Controls which fields …", "**limit** (integer): …".
 * Only a marked-up name followed by attributes or a separator counts.
 */
export function readFieldParagraph(paragraph: Paragraph, ctx: ConversionContext, place: TablePlace): FieldFact | undefined {
  const parts = itemParts(paragraph, ctx.text);
  if (!parts?.marked || (!parts.separated && parts.attributes.length === 0)) return undefined;
  return fieldFromParts(parts, parts.path, lineOf(paragraph), ctx, place);
}

/** The field a list item or paragraph states: its name at `path`, required, type words and description. */
function fieldFromParts(parts: ItemParts, path: string[], line: number, ctx: ConversionContext, place: TablePlace): FieldFact {
  const fact: FieldFact = { name: pathName(path), path, line, hasDefault: false };
  if (parts.required !== undefined) fact.required = parts.required;
  for (const word of parts.attributes) {
    if (applyAttribute(fact, word)) continue;
    const unknown = `${fact.name}: "${word}" is not a type this stage knows (add the word to TYPE_WORDS in generator/docs/vocabulary.ts); the field is kept untyped`;
    ctx.unread(fact.line, place.what, unknown, place.pointer);
  }
  if (parts.description) parseFieldDescription(fact, inlineOf(parts.description), parts.description);
  return fact;
}

/**
 * A list that spells out a field's allowed values: every item starts with a code span
 * ("* `all`: returns all fields"). The values, or undefined.
 */
export function readValueList(list: List): string[] | undefined {
  const values: string[] = [];
  for (const item of list.children) {
    const first = firstParagraph(item)?.children[0];
    if (first?.type !== "inlineCode" || /\s/.test(first.value)) return undefined;
    values.push(first.value);
  }
  return values.length >= 2 ? values : undefined;
}

function isRemark(item: ListItem): boolean {
  const first = firstParagraph(item)?.children[0];
  const text = first?.type === "text" ? first.value : first?.type === "strong" || first?.type === "emphasis" ? plainText(first.children) : "";
  const word = /^\s*([A-Za-z.]+)\s*:?/.exec(text)?.[1]?.toLowerCase();
  return word !== undefined && NOT_FIELD_NAMES.includes(word.replace(/:$/, ""));
}

function firstParagraph(item: ListItem): Paragraph | undefined {
  const first = item.children[0];
  return first?.type === "paragraph" ? first : undefined;
}

/** Inline nodes of a description string (for enums written as code spans). */
function inlineOf(markdown: string): PhrasingContent[] {
  const node = parseMarkdown(markdown).children[0];
  return node?.type === "paragraph" ? node.children : [];
}

/** Definition-list entries of a paragraph: each a term line and the ": …" lines that define it. */
export function definitionEntries(node: RootContent, ctx: ConversionContext): { term: string; definition: string; line: number }[] | undefined {
  if (node.type !== "paragraph") return undefined;
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const lines = ctx.text.slice(start, end).split("\n");
  const firstLine = node.position!.start.line;
  const entries: { term: string; definition: string; line: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const term = lines[i]!.trim();
    const next = lines[i + 1]?.trim();
    if (!next?.startsWith(":") || !/^:\s/.test(next)) {
      if (entries.length === 0) return undefined;
      continue;
    }
    let definition = next.replace(/^:\s+/, "");
    let j = i + 2;
    while (j < lines.length && lines[j]!.trim() !== "" && !/^:\s/.test(lines[j + 1]?.trim() ?? "") && !/^:\s/.test(lines[j]!.trim())) definition += ` ${lines[j++]!.trim()}`;
    entries.push({ term, definition, line: firstLine + i });
    i = j - 1;
  }
  return entries.length > 0 ? entries : undefined;
}

/**
 * A definition-list entry: a paragraph whose first line is a name and whose next lines start with
 * ": " (Markdown Extra, Hugo, Mastodon, MkDocs). Several entries may share a paragraph. A
 * definition that opens with "type, qualifiers" ("string, optional, default value: \"\"") gives
 * them as attributes.
 */
export function readDefinitions(node: RootContent, ctx: ConversionContext, place: TablePlace): FieldFact[] | undefined {
  const entries = definitionEntries(node, ctx);
  if (!entries) return undefined;
  const facts: FieldFact[] = [];
  for (const { term, definition, line } of entries) {
    // `tag=<value>`: the name is what stands before the "=".
    const name = parseFieldName(
      term
        .replace(/^`|`$/g, "")
        .replace(/^\*\*|\*\*$/g, "")
        .replace(/=.*$/, "")
        .replace(/&lt;.*$/, ""),
    );
    if (!name) return undefined;
    const fact: FieldFact = { name: pathName(name.path), path: name.path, line, hasDefault: false };
    if (name.required !== undefined) fact.required = name.required;
    const rest = applyAttributeClause(fact, definition, ctx, place);
    parseFieldDescription(fact, inlineOf(rest), rest);
    if (fact.described && !fact.declared) fact.declared = fact.described;
    facts.push(fact);
  }
  return facts;
}

/**
 * "string, optional, default value: \"\"." at the start of a definition: attributes, when its
 * first word is a type. Returns the rest of the text.
 */
function applyAttributeClause(fact: FieldFact, text: string, ctx: ConversionContext, place: TablePlace): string {
  const clause = /^([^.]*?)(?:\.\s|\.$|$)/.exec(text)?.[1] ?? "";
  const parts = clause.split(/\s*,\s*/).filter(Boolean);
  const first = parts[0] ? parseTypeCell(parts[0]) : undefined;
  if (parts.length < 2 || !first?.ok || !first.schema) return text;
  for (const part of parts) {
    if (!applyAttribute(fact, part)) ctx.unread(fact.line, place.what, `${fact.name}: "${part}" is not a type or qualifier this stage knows`, place.pointer);
  }
  return text.slice(clause.length).replace(/^\.\s*/, "");
}

/** Appends a continuation (an indented paragraph after a definition) to a field: its words and the facts they state. */
export function continueField(fact: FieldFact, markdown: string): void {
  const text = markdown
    .replace(/<pre>[\s\S]*?<\/pre>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (text === "") return;
  const probe: FieldFact = { name: fact.name, path: fact.path, line: fact.line, hasDefault: false };
  parseFieldDescription(probe, inlineOf(text), text);
  fact.description = fact.description ? `${fact.description}\n\n${probe.description ?? text}` : (probe.description ?? text);
  fact.enum ??= probe.enum;
  fact.minimum ??= probe.minimum;
  fact.maximum ??= probe.maximum;
  if (!fact.hasDefault) fact.defaultWord ??= probe.defaultWord;
  if (fact.required === undefined && probe.required !== undefined) fact.required = probe.required;
  if (!fact.declared && !fact.described && probe.described) fact.described = probe.described;
}
