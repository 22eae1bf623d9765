import { describe, expect, it } from "vitest";
import { parseCurlCommands, type CurlCommand } from "../../generator/docs/curl.ts";

describe("parseCurlCommands", () => {
  const cases: { name: string; given: string; want: Partial<CurlCommand> }[] = [
    {
      name: "POST with a multi-line JSON body piped to jq",
      given: [
        "curl -s https://api.chaser.sh/v1/sessions \\",
        "  -X POST \\",
        '  -H "Authorization: Bearer $CHASER_KEY" \\',
        '  -H "Content-Type: application/json" \\',
        "  -d '{",
        '    "ttl_seconds": 1800',
        "  }' | jq",
      ].join("\n"),
      want: {
        line: 1,
        method: "POST",
        methodLine: 2,
        path: "/v1/sessions",
        urlLine: 1,
        query: [],
        contentType: "application/json",
        contentTypeLine: 4,
        body: { text: '{\n    "ttl_seconds": 1800\n  }', line: 5 },
      },
    },
    {
      name: "GET with a quoted URL and query",
      given: 'curl -s "https://api.chaser.sh/v1/sessions?limit=10&status=ready%20now" \\\n  -H "Authorization: Bearer $K" | jq',
      want: {
        method: "GET",
        path: "/v1/sessions",
        query: [
          { name: "limit", value: "10" },
          { name: "status", value: "ready now" },
        ],
      },
    },
    {
      name: "-X before the URL, -w and output options are not the URL",
      given: 'curl -s -X DELETE "https://api.x.sh/v1/sessions/sess_1" \\\n  -o out.png \\\n  -w "\\nHTTP %{http_code}\\n"',
      want: { method: "DELETE", path: "/v1/sessions/sess_1", url: "https://api.x.sh/v1/sessions/sess_1" },
    },
    { name: "-d implies POST", given: "curl https://x.io/a -d 'x=1'", want: { method: "POST", body: { text: "x=1", line: 1 } } },
    { name: "-G turns data into query", given: "curl -G https://x.io/a -d limit=5", want: { method: "GET", query: [{ name: "limit", value: "5" }], body: undefined } },
    { name: "-I is HEAD", given: "curl -I https://x.io/a", want: { method: "HEAD" } },
    { name: "-XPUT joined form", given: "curl -XPUT https://x.io/a", want: { method: "PUT" } },
    { name: "--json sets JSON", given: "curl --json '{\"a\":1}' https://x.io/a", want: { method: "POST", jsonOption: true, body: { text: '{"a":1}', line: 1 } } },
    { name: "--request=PATCH long form with =", given: "curl --request=PATCH https://x.io/a", want: { method: "PATCH" } },
    { name: "$BASE variable as host", given: 'curl "$BASE_URL/v1/things/abc?x=1"', want: { path: "/v1/things/abc", query: [{ name: "x", value: "1" }] } },
    { name: "shell prompt", given: "$ curl https://x.io/v2/z", want: { path: "/v2/z" } },
    { name: "@file body is not a fact", given: "curl https://x.io/a -d @body.json", want: { method: "POST", body: undefined } },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    const [command] = parseCurlCommands(given);
    const { body, ...rest } = want;
    expect(command).toMatchObject(rest as Record<string, unknown>);
    if ("body" in want) expect(command!.body).toEqual(body);
  });

  it("reads every curl of a block and skips other commands", () => {
    const commands = parseCurlCommands("export K=1\ncurl https://x.io/a\necho done; curl -X POST https://x.io/b && jq .");
    expect(commands.map((c) => [c.method, c.path, c.line])).toEqual([
      ["GET", "/a", 2],
      ["POST", "/b", 3],
    ]);
  });
});
