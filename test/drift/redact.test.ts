import { describe, expect, it } from "vitest";
import { isSecretName, Redactor } from "../../generator/drift/redact.ts";

describe("redaction", () => {
  it.each([
    ["token", true],
    ["access_token", true],
    ["apiKey", true],
    ["x-api-key", true],
    ["X-Amz-Signature", true],
    ["client_secret", true],
    ["password", true],
    ["key", true],
    ["next_cursor", false],
    ["input_enabled", false],
    ["status", false],
    ["keys", false],
    ["design", false],
  ])("isSecretName(%s) = %s", (name, secret) => {
    expect(isSecretName(name)).toBe(secret);
  });

  const r = new Redactor();
  r.addSecret("sk-canary-0001");
  it.each([
    ["known key anywhere", "error: key sk-canary-0001 is invalid", "error: key [REDACTED] is invalid"],
    ["URL-encoded key", "?x=sk-canary-0001%20", "?x=[REDACTED]%20"],
    ["bearer credentials", "Authorization: Bearer abcdef123456", "Authorization: Bearer [REDACTED]"],
    ["JWT", "token eyJhbGciOi.eyJzdWIiOiJ4.c2lnbmF0dXJl end", "token [REDACTED] end"],
    ["secret query parameter", "wss://h/p?token=abc123&fps=5", "wss://h/p?token=REDACTED&fps=5"],
    ["userinfo", "https://user:pw@host/x", "https://host/x"],
    ["inside JSON text", '{"u":"https://x?api_key=zz\\"y"}', '{"u":"https://x?api_key=REDACTED\\"y"}'],
    ["innocent text", "GET /v1/sessions?limit=5 200", "GET /v1/sessions?limit=5 200"],
    ["a path ending in token is no credential", "POST /v1/sessions/{id}/preview-token answered 400", "POST /v1/sessions/{id}/preview-token answered 400"],
    ["a token credential", "Authorization: Token abcdef123456", "Authorization: Token [REDACTED]"],
  ])("scrub: %s", (_name, input, output) => {
    expect(r.scrub(input)).toBe(output);
  });

  it("keeps JSON types while replacing secret values", () => {
    expect(r.json({ id: "a", token: "t0k", nested: [{ password: "p" }], url: "https://x/?sig=1&a=2", count: 3, apiKey: null })).toEqual({
      id: "a",
      token: "REDACTED",
      nested: [{ password: "REDACTED" }],
      url: "https://x/?sig=REDACTED&a=2",
      count: 3,
      apiKey: null,
    });
  });

  it.each([
    [["abc", "name"], '"abc"'],
    [["abc", "token"], "[REDACTED]"],
    [["sk-canary-0001", "note"], "[REDACTED]"],
    [[{ a: 1 }, "x"], "object"],
    [[[1, 2], "x"], "array(2)"],
    [["x".repeat(100), "x"], `"${"x".repeat(76)}...`],
  ])("preview(%j)", ([value, name], shown) => {
    expect(r.preview(value, name as string)).toBe(shown);
  });

  it("keeps headers' names and drops secret values", () => {
    expect(r.header("authorization", "Bearer x")).toBe("REDACTED");
    expect(r.header("cookie", "a=b")).toBe("REDACTED");
    expect(r.header("x-request-id", "req_1")).toBe("req_1");
  });
});
