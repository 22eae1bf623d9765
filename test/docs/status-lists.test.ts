// Pins how bullet lists that open with a status ("- `500` or `503` — retry") become error facts, alone and on a page.
import type { List } from "mdast";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../../generator/docs/markdown.ts";
import { classifySection } from "../../generator/docs/sections.ts";
import { readStatusList } from "../../generator/docs/statuses.ts";
import { convert, md, problems } from "./helpers.ts";

/** The first list of the markdown, as the markdown stage parses it. */
function list(text: string): List {
  const node = parseMarkdown(text).children.find((n) => n.type === "list");
  if (!node) throw new Error(`no list in ${JSON.stringify(text)}`);
  return node;
}

describe("readStatusList", () => {
  const cases: { name: string; given: string; want: ReturnType<typeof readStatusList> }[] = [
    {
      name: "several statuses joined by 'or' share the meaning",
      given: md("- `500` or `503` — transient, retry with backoff"),
      want: [
        { status: "500", codes: [], line: 1, meaning: "transient, retry with backoff" },
        { status: "503", codes: [], line: 1, meaning: "transient, retry with backoff" },
      ],
    },
    {
      name: "statuses joined by commas and 'and'",
      given: md("- `500`, `502` and `503`: retry later"),
      want: ["500", "502", "503"].map((status) => ({ status, codes: [], line: 1, meaning: "retry later" })),
    },
    {
      name: "an error code after the status",
      given: md("- `429 rate_limited` — wait for Retry-After"),
      want: [{ status: "429", codes: ["rate_limited"], line: 1, meaning: "wait for Retry-After" }],
    },
    {
      name: "a plain status with a colon, and a range, each at its item's line",
      given: md("- 404: Not found", "- `4XX` — any other client error"),
      want: [
        { status: "404", codes: [], line: 1, meaning: "Not found" },
        { status: "4XX", codes: [], line: 2, meaning: "any other client error" },
      ],
    },
    {
      name: "an ordered list and an HTTP prefix",
      given: md("1. HTTP 409: already closed"),
      want: [{ status: "409", codes: [], line: 1, meaning: "already closed" }],
    },
    { name: "a status alone has no meaning", given: md("- `404`"), want: [{ status: "404", codes: [], line: 1 }] },
    { name: "a list of fields is not a status list", given: md("- `name`: the session name", "- `id`: its id"), want: undefined },
    { name: "one item without a status spoils the list", given: md("- `404`: not found", "- retry after a while"), want: undefined },
    { name: "a number that is not a status", given: md("- 1000 requests per hour"), want: undefined },
    { name: "a rate limit is a quantity, not a status", given: md("- 100 requests per minute", "- 500 requests per hour"), want: undefined },
    {
      name: "an error code before a colon",
      given: md("- `404 not_found`: gone"),
      want: [{ status: "404", codes: ["not_found"], line: 1, meaning: "gone" }],
    },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    expect(readStatusList(list(given))).toEqual(want);
  });
});

describe("status lists on a page", () => {
  it("classifies retry headings as error sections", () => {
    for (const heading of ["Retry guidance", "Retries", "Retry policy"]) expect(classifySection(heading), heading).toEqual({ kind: "errors" });
  });

  it("reads a list under '## Retry guidance' as errors for the whole API, each at its line", () => {
    const r = convert(
      md(
        "# Sessions API", //                                  1
        "", //                                                2
        "## Retry guidance", //                               3
        "", //                                                4
        "- `500` or `503` — transient, retry with backoff", // 5
        "- `429 rate_limited` — wait for Retry-After", //     6
        "- 404: Not found", //                                7
      ),
    );
    expect(problems(r)).toEqual([]);
    expect(r.rules.errors).toEqual([
      { status: "500", codes: [], line: 5, meaning: "transient, retry with backoff", auth: false },
      { status: "503", codes: [], line: 5, meaning: "transient, retry with backoff", auth: false },
      { status: "429", codes: ["rate_limited"], line: 6, meaning: "wait for Retry-After", auth: false },
      { status: "404", codes: [], line: 7, meaning: "Not found", auth: false },
    ]);
  });

  it("leaves a status list with no heading or endpoint unread, with a warning at its line", () => {
    const r = convert(md("- `500` or `503` — transient, retry with backoff"));
    expect(r.rules.errors).toEqual([]);
    expect(problems(r).map((f) => [f.rule, f.sources[0]?.line])).toContainEqual(["docs-unread", 1]);
  });
});
