import { readFileSync } from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { formatLocation, type SourceLocation } from "../problems/finding.ts";
import { packagePath } from "../package-root.ts";

const templatesDir = packagePath("templates");
const hbs = Handlebars.create();
// Markdown table cells: pipes and newlines would break the row.
hbs.registerHelper(
  "cell",
  (text: unknown) =>
    new Handlebars.SafeString(
      String(text ?? "")
        .replace(/\|/g, "\\|")
        .replace(/\r?\n/g, " "),
    ),
);
hbs.registerHelper("location", (s: SourceLocation) => formatLocation(s));

const cache = new Map<string, HandlebarsTemplateDelegate>();

/** Renders templates/<name>.hbs; text only (code is emitted as an AST elsewhere). */
export function renderTemplate(name: string, data: unknown): string {
  let template = cache.get(name);
  if (!template) {
    template = hbs.compile(readFileSync(path.join(templatesDir, `${name}.hbs`), "utf8"), { noEscape: true, strict: true });
    cache.set(name, template);
  }
  return template(data)
    .replace(/\n{3,}/g, "\n\n")
    .replace(/\s*$/, "\n");
}
