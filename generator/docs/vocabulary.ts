/**
 * The words vendors use, in one place. Teaching the markdown stage a new style of page is, most
 * of the time, adding a word to one of these tables: a section label ("JSON Params"), a column
 * name ("Data type"), a type word ("snowflake"). The readers (sections.ts, tables.ts, lists.ts,
 * types.ts) only look words up here.
 */
import type { JsonObject } from "../openapi/types.ts";

/** What a labelled part of a page holds. */
export type SectionKind =
  | "pathParameters"
  /** "URL parameters": path placeholders by name, the query string otherwise. */
  | "urlParameters"
  | "queryParameters"
  | "headerParameters"
  | "cookieParameters"
  /** Parameters whose location follows from the method (query for GET, body fields for POST) or a row's In column. */
  | "parameters"
  | "requestBody"
  | "request"
  | "requestExample"
  | "response"
  | "responseExample"
  | "responseFields"
  | "statusCodes"
  | "errors"
  | "errorFormat"
  | "rateLimits"
  | "authentication"
  /** Known not to carry facts (SDK snippets, changelog, see also): read as prose. */
  | "prose";

/**
 * Section labels, compared after `normalizeLabel` (lower case, no markup, no trailing colon, no
 * parenthesised remark). A label ending in " errors" is an error section ("Billing errors").
 */
export const SECTION_SYNONYMS: Record<SectionKind, readonly string[]> = {
  pathParameters: ["path parameters", "path params", "path parameter", "route parameters", "path variables", "path arguments"],
  urlParameters: ["url parameters", "url params", "uri parameters", "url query parameters", "request parameters in the url"],
  queryParameters: ["query parameters", "query params", "query parameter", "query string", "query string parameters", "querystring parameters", "query arguments", "query"],
  headerParameters: ["header parameters", "headers", "request headers", "header params", "http headers", "header"],
  cookieParameters: ["cookie parameters", "cookies"],
  parameters: ["parameters", "params", "arguments", "args", "request parameters", "options", "input", "inputs", "input parameters", "supported attributes", "attributes", "fields"],
  requestBody: [
    "request body",
    "body",
    "body parameters",
    "body params",
    "json params",
    "json parameters",
    "json body",
    "json body parameters",
    "form fields",
    "form parameters",
    "form params",
    "form data",
    "form data parameters",
    "payload",
    "request payload",
    "request fields",
    "request body parameters",
    "request body schema",
    "body schema",
    "post body",
    "request json",
    "data parameters",
  ],
  request: ["request", "http request", "definition", "endpoint", "usage", "request format", "method"],
  requestExample: [
    "example request",
    "sample request",
    "request example",
    "request sample",
    "example call",
    "sample call",
    "example usage",
    "curl example",
    "example curl",
    "try it",
    "example payload",
    "sample payload",
    "payload example",
    "example request body",
    "request body example",
    "example body",
    "sample body",
    "example input",
    "sample request body",
    "example request payload",
  ],
  response: [
    "response",
    "responses",
    "returns",
    "return value",
    "return values",
    "response body",
    "result",
    "results",
    "output",
    "response format",
    "http response",
    "result json",
    "json result",
    "returned json",
    "json response",
    "response json",
    "result object",
    "output format",
  ],
  responseExample: [
    "example response",
    "sample response",
    "response example",
    "response sample",
    "example",
    "examples",
    "sample",
    "example output",
    "example result",
    "sample output",
    "example json",
    "successful response",
    "success response",
  ],
  responseFields: [
    "response fields",
    "response attributes",
    "response properties",
    "response parameters",
    "response object",
    "response schema",
    "response structure",
    "returned fields",
    "return fields",
    "response body fields",
    "response body parameters",
    "structure",
  ],
  statusCodes: ["status codes", "http status codes", "response codes", "http codes", "return codes", "status", "http status", "response status codes"],
  errors: [
    "errors",
    "error codes",
    "error responses",
    "possible errors",
    "error reference",
    "error handling",
    "failure responses",
    "error list",
    "errors reference",
    "common errors",
    "error types",
    "retry guidance",
    "retries",
    "retrying",
    "retry policy",
  ],
  errorFormat: ["error format", "error object", "error response format", "error envelope", "error shape", "error body", "error structure", "error response", "error schema"],
  rateLimits: ["rate limits", "rate limiting", "rate limit", "throttling", "request limits", "api limits", "rate limits per endpoint"],
  authentication: [
    "authentication",
    "authorization",
    "auth",
    "api keys",
    "api key",
    "authenticating",
    "authenticating requests",
    "bearer token",
    "api authentication",
    "access tokens",
    "access token",
    "api tokens",
    "api token",
    "personal access tokens",
    "tokens",
    "credentials",
  ],
  prose: [
    "overview",
    "introduction",
    "description",
    "notes",
    "note",
    "see also",
    "related",
    "changelog",
    "version history",
    "sdk",
    "sdks",
    "code examples",
    "python",
    "javascript",
    "typescript",
    "node",
    "go",
    "ruby",
    "java",
    "php",
    "c#",
    "shell",
    "cli",
    "next steps",
  ],
};

/** Words that introduce an endpoint in a paragraph: "Endpoint: `POST /v1/x`", "**HTTP request** GET /x". */
export const ENDPOINT_LABELS: readonly string[] = ["endpoint", "url", "request", "http request", "route", "method", "resource url", "definition", "path", "api", "call", "http"];

/** Table columns: header words (normalized like section labels) that name each column. */
export const COLUMN_SYNONYMS = {
  name: [
    "field",
    "name",
    "parameter",
    "param",
    "property",
    "attribute",
    "key",
    "argument",
    "arg",
    "option",
    "field name",
    "parameter name",
    "param name",
    "property name",
    "attribute name",
    "query parameter",
    "path parameter",
    "header",
    "header name",
    "variable",
    "element",
  ],
  type: ["type", "data type", "datatype", "schema", "value type", "type/format", "kind", "format"],
  required: ["required", "required?", "optional?", "mandatory", "req", "req?", "required/optional", "optional", "presence"],
  default: ["default", "default value", "defaults"],
  description: [
    "description",
    "meaning",
    "notes",
    "details",
    "summary",
    "comment",
    "comments",
    "explanation",
    "remarks",
    "purpose",
    "info",
    "what it does",
    "usage",
    "definition",
    "message",
  ],
  in: ["in", "location", "where", "parameter type", "param type", "placement", "source"],
  values: ["values", "allowed values", "possible values", "enum", "options", "accepted values", "valid values", "choices"],
  method: ["method", "http method", "verb", "http verb"],
  path: [
    "path",
    "endpoint",
    "url",
    "route",
    "uri",
    "resource",
    "request",
    "endpoint path",
    "api endpoint",
    "endpoint address",
    "address",
    "url path",
    "path template",
    "http request",
  ],
  status: ["status", "status code", "http status", "http code", "http", "http status code", "code", "response code", "http response"],
  errorCode: ["code", "error code", "error", "error type", "type", "error_code", "error name", "reason code", "machine code"],
  limit: ["limit", "rate", "rate limit", "limits", "quota", "requests", "max requests", "allowed"],
  example: ["example", "examples", "sample", "example value", "sample value", "e.g"],
} as const;

export type ColumnKey = keyof typeof COLUMN_SYNONYMS;

/**
 * Vendor type words → JSON Schema. Compared lower case after markup is removed; plural forms
 * ("strings") and `X[]` / `array of X` / `list<X>` are handled by the type reader around this table.
 */
export const TYPE_WORDS: Record<string, JsonObject> = {
  string: { type: "string" },
  str: { type: "string" },
  text: { type: "string" },
  enum: { type: "string" },
  char: { type: "string" },
  varchar: { type: "string" },
  id: { type: "string" },
  snowflake: { type: "string" },
  token: { type: "string" },
  // Ruby and GitLab docs: a "Hash" is a JSON object.
  hash: { type: "object" },
  hex: { type: "string" },
  base64: { type: "string", contentEncoding: "base64" },
  password: { type: "string", format: "password" },
  binary: { type: "string", contentMediaType: "application/octet-stream" },
  file: { type: "string", contentMediaType: "application/octet-stream" },
  blob: { type: "string", contentMediaType: "application/octet-stream" },
  "image data": { type: "string" },
  integer: { type: "integer" },
  int: { type: "integer" },
  int8: { type: "integer" },
  int16: { type: "integer" },
  int32: { type: "integer", format: "int32" },
  int64: { type: "integer", format: "int64" },
  uint: { type: "integer", minimum: 0 },
  uint32: { type: "integer", format: "int32", minimum: 0 },
  uint64: { type: "integer", format: "int64", minimum: 0 },
  long: { type: "integer", format: "int64" },
  short: { type: "integer" },
  unix: { type: "integer" },
  "unix timestamp": { type: "integer" },
  "unix time": { type: "integer" },
  epoch: { type: "integer" },
  number: { type: "number" },
  num: { type: "number" },
  float: { type: "number", format: "float" },
  float32: { type: "number", format: "float" },
  float64: { type: "number", format: "double" },
  double: { type: "number", format: "double" },
  decimal: { type: "number" },
  numeric: { type: "number" },
  real: { type: "number" },
  boolean: { type: "boolean" },
  bool: { type: "boolean" },
  flag: { type: "boolean" },
  object: { type: "object" },
  map: { type: "object" },
  dict: { type: "object" },
  dictionary: { type: "object" },
  hashmap: { type: "object" },
  json: { type: "object" },
  "json object": { type: "object" },
  struct: { type: "object" },
  record: { type: "object" },
  array: { type: "array" },
  list: { type: "array" },
  null: { type: "null" },
  timestamp: { type: "string", format: "date-time" },
  datetime: { type: "string", format: "date-time" },
  "date-time": { type: "string", format: "date-time" },
  "date time": { type: "string", format: "date-time" },
  "iso 8601": { type: "string", format: "date-time" },
  "iso-8601": { type: "string", format: "date-time" },
  iso8601: { type: "string", format: "date-time" },
  "iso8601 timestamp": { type: "string", format: "date-time" },
  "iso 8601 timestamp": { type: "string", format: "date-time" },
  "iso 8601 datetime": { type: "string", format: "date-time" },
  "iso 8601 date": { type: "string", format: "date" },
  "rfc 3339": { type: "string", format: "date-time" },
  rfc3339: { type: "string", format: "date-time" },
  date: { type: "string", format: "date" },
  time: { type: "string", format: "time" },
  duration: { type: "string", format: "duration" },
  uuid: { type: "string", format: "uuid" },
  guid: { type: "string", format: "uuid" },
  url: { type: "string", format: "uri" },
  uri: { type: "string", format: "uri" },
  link: { type: "string", format: "uri" },
  email: { type: "string", format: "email" },
  "e-mail": { type: "string", format: "email" },
  ip: { type: "string" },
  ipv4: { type: "string", format: "ipv4" },
  ipv6: { type: "string", format: "ipv6" },
  hostname: { type: "string", format: "hostname" },
  any: {},
  mixed: {},
};

/** Words in a type cell that qualify rather than type ("optional", "nullable"), handled by the type reader. */
export const TYPE_QUALIFIERS = {
  required: ["required", "mandatory"],
  optional: ["optional"],
  nullable: ["nullable", "null", "nil", "or null"],
  deprecated: ["deprecated"],
} as const;

/** "Yes"/"No" words of a Required column. */
export const REQUIRED_WORDS = {
  yes: ["yes", "y", "true", "required", "✓", "✔", "✅", "x", "mandatory", "always", "req", "required*"],
  no: ["no", "n", "false", "optional", "opt", "❌", "✗", "✘"],
} as const;

/** Lower-case, no markup or trailing colon, no "(…)" remark, single spaces: how labels and headers are compared. */
export function normalizeLabel(text: string): string {
  return text
    .replace(/[*_`]/g, "")
    .replace(/\s*\([^)]*\)\s*/g, " ")
    .replace(/[\s:.]+$/g, "")
    .replace(/^[\s#:—–-]+/, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** Words that open a bullet or paragraph as a remark, not a field name ("- Note: …"). */
export const NOT_FIELD_NAMES: readonly string[] = [
  "note",
  "notes",
  "example",
  "examples",
  "warning",
  "tip",
  "important",
  "caution",
  "info",
  "see",
  "also",
  "nb",
  "todo",
  "e.g",
  "i.e",
];
