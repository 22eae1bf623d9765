import { describe, expect, it } from "vitest";
import { isJsonMediaType } from "../../generator/openapi/media-types.ts";

describe("isJsonMediaType", () => {
  const cases: [string, boolean][] = [
    ["application/json", true],
    ["APPLICATION/JSON", true],
    ["application/json; charset=utf-8", true],
    ["application/json;charset=UTF-8", true],
    [" application/json ", true],
    ["text/json", true],
    ["application/problem+json", true],
    ["application/vnd.api+json", true],
    ["application/vnd.github.v3+json; version=2", true],
    ["application/json-patch+json", true],
    ["application/merge-patch+json", true],
    ["image/svg+json", true],
    ["application/json-seq", false],
    ["application/jsonl", false],
    ["application/x-ndjson", false],
    ["application/x-jsonlines", false],
    ["application/json5", false],
    ["application/jsonp", false],
    ["application/javascript", false],
    ["application/+json", false],
    ["application/xml", false],
    ["application/vnd.api+json-seq", false],
    ["text/plain", false],
    ["json", false],
    ["/json", false],
    ["application/", false],
    ["", false],
    ["*/*", false],
    ["application/json/x", false],
  ];
  it.each(cases)("%j → %s", (type, expected) => {
    expect(isJsonMediaType(type)).toBe(expected);
  });
});
