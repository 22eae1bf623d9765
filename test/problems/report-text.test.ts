import { describe, expect, it } from "vitest";
import { pointerInWords, quoteLines, quotesSideBySide, sourceLink } from "../../generator/emit/report-text.ts";

const doc = {
  servers: [{ url: "https://api.chaser.sh" }],
  paths: {
    "/v1/sessions": {
      get: {
        parameters: [
          { name: "limit", in: "query" },
          { name: "offset", in: "query" },
        ],
      },
    },
  },
};

describe("pointerInWords: where a finding is, in words", () => {
  it.each([
    ["", undefined, "the document"],
    ["/paths/~1v1~1sessions/post/responses/201/content/application~1json/schema", undefined, "POST /v1/sessions → response 201 → body"],
    ["/paths/~1v1~1sessions/post/responses/201/content/text~1plain", undefined, "POST /v1/sessions → response 201 → body (text/plain)"],
    ["/paths/~1v1~1sessions/post/responses/201/content/application~1json/schema/properties/id", undefined, "POST /v1/sessions → response 201 → body → id"],
    ["/paths/~1v1~1sessions/post/requestBody/content/application~1json/schema/properties/ttl_seconds", undefined, "POST /v1/sessions → request body → ttl_seconds"],
    ["/paths/~1v1~1sessions/post/requestBody/content/multipart~1form-data/schema", undefined, "POST /v1/sessions → request body (multipart/form-data)"],
    ["/paths/~1v1~1sessions/get/parameters/1", doc, "GET /v1/sessions → query parameter offset"],
    ["/paths/~1v1~1sessions/get/parameters/1/schema/type", undefined, "GET /v1/sessions → parameter at index 1 → schema → type"],
    ["/paths/~1v1~1sessions/get/responses/200/headers/Retry-After", undefined, "GET /v1/sessions → response 200 → header Retry-After"],
    ["/paths/~1v1~1sessions/get/responses/400/x-error-codes", undefined, "GET /v1/sessions → response 400 → error codes"],
    ["/paths/~1v1~1sessions~1{id}", undefined, "/v1/sessions/{id}"],
    ["/paths/~1v1~1sessions~1{id}/delete/operationId", undefined, "DELETE /v1/sessions/{id} → operationId"],
    ["/components/schemas/SessionInfo/properties/ready_at/type", undefined, "schema SessionInfo → ready_at → type"],
    ["/components/schemas/Create/oneOf/0/properties/workspace", undefined, "schema Create → oneOf branch 1 → workspace"],
    ["/components/schemas/List/properties/data/items", undefined, "schema List → data → items"],
    ["/components/securitySchemes/BearerAuth", undefined, "security scheme BearerAuth"],
    ["/servers/0", doc, "server https://api.chaser.sh"],
    ["/servers/1", undefined, "server 2"],
    ["/info/title", undefined, "info → title"],
    ["/webhooks/session.closed/post", undefined, "webhook session.closed POST"],
  ])("%s → %s", (pointer, document, words) => {
    expect(pointerInWords(pointer, document)).toBe(words);
  });
});

const YAML = ["paths:", "  /v1/sessions:", "    post:", "      responses:", "        '200':", "          description: Created", "", "", "components: {}", ""].join("\n");

describe("quoteLines: a few lines of a source from a line on", () => {
  it.each([
    { name: "five lines from the line, indentation removed", line: 4, count: 5, want: ["4:responses:", "5:  '200':", "6:    description: Created"] },
    { name: "fewer when asked", line: 1, count: 2, want: ["1:paths:", "2:  /v1/sessions:"] },
    { name: "the last line of the file", line: 9, count: 5, want: ["9:components: {}"] },
    { name: "a blank line alone stays", line: 8, count: 1, want: ["8:"] },
    { name: "nothing past the end", line: 40, count: 5, want: [] },
    { name: "nothing without a line", line: undefined, count: 5, want: [] },
  ])("$name", ({ line, count, want }) => {
    expect(quoteLines(YAML, line, count).map((l) => `${l.line}:${l.text}`)).toEqual(want);
  });

  it("quotes nothing of a file it has no text of", () => {
    expect(quoteLines(undefined, 3)).toEqual([]);
  });
});

describe("sources as relative links with line anchors", () => {
  it.each([
    [{ file: "fragments/create-session.yaml", line: 12 }, "../../specs/chaser/", "[fragments/create-session.yaml:12](../../specs/chaser/fragments/create-session.yaml#L12)"],
    [{ file: "api.yaml" }, "../../specs/chaser/", "[api.yaml](../../specs/chaser/api.yaml)"],
    [{ file: "docs/my page.md", line: 3 }, "../specs/x/", "[docs/my page.md:3](../specs/x/docs/my%20page.md#L3)"],
  ])("%o", (source, base, want) => {
    expect(sourceLink(source, base)).toBe(want);
  });
});

describe("quotesSideBySide", () => {
  it("puts each source in its own column, headed by its link, lines numbered and HTML escaped, no blank line", () => {
    const html = quotesSideBySide(
      [
        {
          source: { file: "fragments/a.yaml", line: 9 },
          lines: [
            { line: 9, text: "'200':" },
            { line: 10, text: "  description: <ok> & fine" },
          ],
        },
        {
          source: { file: "docs/a.md", line: 30 },
          lines: [
            { line: 30, text: "**Response `201`:**" },
            { line: 31, text: "" },
          ],
        },
      ],
      "../../specs/x/",
    );
    expect(html).toBe(
      [
        "<table>",
        '<tr><th><a href="../../specs/x/fragments/a.yaml#L9">fragments/a.yaml:9</a></th><th><a href="../../specs/x/docs/a.md#L30">docs/a.md:30</a></th></tr>',
        "<tr valign=\"top\"><td><pre> 9 | '200':\n10 |   description: &lt;ok&gt; &amp; fine</pre></td><td><pre>30 | **Response `201`:**\n31 | </pre></td></tr>",
        "</table>",
      ].join("\n"),
    );
    expect(html.split("\n").some((l) => l.trim() === "")).toBe(false);
  });
});
