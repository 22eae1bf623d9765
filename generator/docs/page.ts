/**
 * The model of one page, between reading (read.ts) and building OpenAPI (build.ts): what each
 * endpoint section documents, and what the page states for the API as a whole (an error envelope,
 * error codes, rate limits, an authentication scheme) for the merge to place on operations.
 */
import type { JsonObject, HttpMethod } from "../openapi/types.ts";
import type { CurlCommand } from "./curl.ts";
import type { EndpointMention } from "./endpoints.ts";
import type { JsonLocation } from "./examples.ts";
import type { FieldFact, FieldLocation } from "./fields.ts";
import type { ErrorFact } from "./tables.ts";

export interface JsonExample {
  value: unknown;
  at: JsonLocation;
  /** Line of the code block's opening fence. */
  line: number;
  /** Elided or reshaped (jq): the keys it lacks are not evidence of anything. */
  partial?: boolean;
}

export interface DocCurl {
  command: CurlCommand;
  /** Markdown line of the block's first content line; command lines are relative to it. */
  firstLine: number;
}

export interface DocRequestBody {
  line: number;
  description?: string;
  /** "Empty JSON object `{}`": an object schema with no properties. */
  emptyObject: boolean;
  /** "None." / "No body.": the label says there is no body. */
  none: boolean;
  mediaTypes: string[];
  examples: JsonExample[];
  fields: FieldFact[];
}

export interface DocHeader {
  name: string;
  line: number;
  description?: string;
  example?: string;
}

export interface DocResponse {
  status: string;
  lines: number[];
  description?: string;
  noBody: boolean;
  mediaTypes: string[];
  examples: JsonExample[];
  fields: FieldFact[];
  headers: DocHeader[];
  /** The page shows this answer without saying its status: 200 (or the section's success status) is assumed. */
  assumed?: boolean;
}

export type ParameterLocation = Exclude<FieldLocation, "body">;

export interface DocOperation {
  method: HttpMethod;
  path: string;
  line: number;
  /** "POST /v1/sessions", for messages. */
  name: string;
  /** Pointer of the operation in the converted document. */
  pointer: string;
  /** The title beside the endpoint or of the heading above it ("Create Message"). */
  title?: string;
  prose: string[];
  curls: DocCurl[];
  requestBody?: DocRequestBody;
  parameters: { in: ParameterLocation; facts: FieldFact[] }[];
  responses: DocResponse[];
  errors: ErrorFact[];
  /** "HEAD|GET|POST /x": the same section documents these operations too; they get its facts. */
  twins?: DocOperation[];
  /** "It also accepts all the options of `/completion` except `stream`": facts to take from another endpoint of the page. */
  references?: DocReference[];
}

export interface DocReference {
  /** The endpoint named: a path written in the sentence, or a word of its title ("the regular list endpoint"). */
  path?: string;
  title?: string;
  parameters: boolean;
  body: boolean;
  response: boolean;
  except: string[];
  line: number;
}

/** An error code the page states for the API, not for one endpoint section. */
export interface PageError extends ErrorFact {
  /** Stated on an authentication page or section: it applies to every authenticated operation. */
  auth: boolean;
}

/** A rate-limited endpoint named by a page. */
export interface PageRateLimit {
  mention: EndpointMention;
  line: number;
  limit?: string;
}

export interface PageAuth {
  scheme: JsonObject;
  line: number;
}

/** What a page states for operations it does not document itself; the merge places these. */
export interface PageRules {
  /** The error body every error answer has, from an "Error format" example. */
  envelope?: JsonExample;
  /** The body every answer is wrapped in ("The JSON response envelope format is as follows:"). */
  responseEnvelope?: JsonExample;
  errors: PageError[];
  rateLimits: PageRateLimit[];
  /** "Rate limit responses include a `Retry-After` header": the line that says so. */
  retryAfter?: number;
  /** Headers every answer carries ("the response headers will include: `x-ratelimit-limit` …"). */
  headers: DocHeader[];
  auth: PageAuth[];
}

export interface DocPage {
  title?: string;
  titleLine?: number;
  intro: string[];
  operations: DocOperation[];
  rules: PageRules;
  /** Origins of full URLs no declared server covers, in order of appearance. */
  origins: string[];
}

export function emptyRules(): PageRules {
  return { errors: [], rateLimits: [], auth: [], headers: [] };
}

export function isEmptyRules(rules: PageRules): boolean {
  return (
    !rules.envelope &&
    !rules.responseEnvelope &&
    rules.errors.length === 0 &&
    rules.rateLimits.length === 0 &&
    rules.retryAfter === undefined &&
    rules.auth.length === 0 &&
    rules.headers.length === 0
  );
}
