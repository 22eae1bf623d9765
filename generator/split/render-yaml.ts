import { dump } from "js-yaml";
import { isObject } from "../openapi/types.ts";

const OPTIONS = { noRefs: true } as const;

/**
 * Texts of components already written, by the component's value: a split's fragments share the
 * vendor's component objects, and Stripe's 452 fragments each carry most of its ~1,000 schemas,
 * so each is turned into YAML once instead of once per fragment (100 ms per fragment before).
 */
export type YamlCache = WeakMap<object, { name: string; by: number; text: string }>;

/**
 * A fragment as YAML text, in the style of the vendors' own pages (js-yaml's block style: two-space
 * indent, indented sequences, single quotes, long text folded at 80 columns). Pure function of the
 * value: LF line endings, no timestamps, no anchors (a shared object is written out again in full,
 * so each fragment reads on its own).
 *
 * Written entry by entry: each top-level entry and each component is dumped on its own and
 * indented to where it stands, with the fold width narrowed by that indent, which is how js-yaml
 * folds a nested scalar (`lineWidth - indent`): the bytes are those of dumping the whole document.
 */
export function renderFragmentYaml(document: unknown, cache: YamlCache = new WeakMap()): string {
  if (!isObject(document)) return dump(document, OPTIONS);
  let out = "";
  // js-yaml ends a document whose last scalar keeps its trailing newlines (`|+`) with `...`: only
  // the end of the whole text may have it.
  let ended = false;
  const add = (text: string) => {
    ended = text.endsWith(END);
    out += ended ? text.slice(0, -END.length + 1) : text;
  };
  for (const [key, value] of Object.entries(document)) {
    if (key !== "components" || !isObject(value) || Object.keys(value).length === 0) {
      // `info` and the other document-level fields are the same object in every fragment (Rubrik's
      // `info` is 0.5 MB of text): written once too.
      add(entry(key, value, cache, 0));
      continue;
    }
    add(`${dump(key, OPTIONS).trimEnd()}:\n`);
    for (const [kind, members] of Object.entries(value)) {
      if (!isObject(members) || Object.keys(members).length === 0) {
        add(indent(dump({ [kind]: members }, { ...OPTIONS, lineWidth: 78 }), 2));
        continue;
      }
      add(indent(`${dump(kind, OPTIONS).trimEnd()}:\n`, 2));
      for (const [name, member] of Object.entries(members)) add(entry(name, member, cache, 4));
    }
  }
  return ended ? `${out}...\n` : out;
}

const END = "\n...\n";

/**
 * One entry, `Name:\n  …` indented by `by`, from the cache when its value was written before under
 * the same name at the same depth.
 */
function entry(name: string, value: unknown, cache: YamlCache, by: number): string {
  const cached = isObject(value) ? cache.get(value) : undefined;
  if (cached && cached.name === name && cached.by === by) return cached.text;
  const dumped = dump({ [name]: value }, { ...OPTIONS, lineWidth: 80 - by });
  // The end marker stays unindented, as js-yaml writes it.
  const text = dumped.endsWith(END) ? `${indent(dumped.slice(0, -END.length + 1), by)}...\n` : indent(dumped, by);
  if (isObject(value)) cache.set(value, { name, by, text });
  return text;
}

function indent(text: string, by: number): string {
  if (by === 0) return text;
  const pad = " ".repeat(by);
  // Every line but the empty one after the last newline.
  return text.replace(/^(?=.)/gm, pad);
}
