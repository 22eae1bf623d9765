/**
 * Every `$ref` string anywhere in a value, with the JSON pointer of the object holding it.
 * Deliberately naive (it also looks inside example data): the tests hold fragments to the strictest
 * reading of "every reference resolves", independent of how the splitter walks documents.
 */
export function everyRef(value: unknown, at = ""): Array<{ at: string; ref: string }> {
  const out: Array<{ at: string; ref: string }> = [];
  const visit = (node: unknown, pointer: string): void => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, `${pointer}/${i}`);
      return;
    }
    const record = node as Record<string, unknown>;
    if (typeof record.$ref === "string") out.push({ at: pointer, ref: record.$ref });
    for (const [key, child] of Object.entries(record)) visit(child, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  };
  visit(value, at);
  return out;
}
