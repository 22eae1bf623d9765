import { dump } from "js-yaml";

/**
 * A fragment as YAML text, in the style of the vendors' own pages (js-yaml's block style: two-space
 * indent, indented sequences, single quotes, long text folded at 80 columns). Pure function of the
 * value: LF line endings, no timestamps, no anchors (a shared object is written out again in full,
 * so each fragment reads on its own).
 */
export function renderFragmentYaml(document: unknown): string {
  return dump(document, { noRefs: true });
}
