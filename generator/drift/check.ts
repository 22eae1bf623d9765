import { isJsonMediaType } from "../openapi/media-types.ts";
import { joinPointer } from "../openapi/pointer.ts";
import { isObject, type JsonObject } from "../openapi/types.ts";
import { RULES, type DriftRuleId } from "../problems/rules.ts";
import { BodyChecker, bodyPointer, bodyShape } from "./body-check.ts";
import { matchMediaType, mediaTypeOf, type Exchange } from "./exchange.ts";
import type { RawFinding } from "./finding.ts";
import type { MatchedOperation } from "./match.ts";
import type { Redactor } from "./redact.ts";
import type { DocumentIndex } from "./schema-index.ts";
import { Validators } from "./validators.ts";

/** What the canonical document expects of answers with one operation, status and media type. */
interface Expectation {
  responsesPointer: string;
  /** The documented statuses, for messages: "200, 400, 401" (or "no responses"). */
  documented: string;
  /** The documented response the status falls under; undefined when the status is not documented (or is a 5xx). */
  responsePointer?: string;
  /** Its media types. */
  types: string[];
  /** True when one of them has a schema: an empty answer is then malformed. */
  needsBody: boolean;
  /** The media type that covers the observed one; undefined when none does. */
  mediaKey?: string;
  /** Where the schema to validate the body against is, when the body is JSON and has one. */
  schemaPointer?: string;
}

/** Everything needed to check answers of one API against its canonical document; built once. */
export class ApiChecker {
  readonly api: string;
  readonly index: DocumentIndex;
  readonly validators: Validators;
  readonly #body: BodyChecker;
  readonly #redactor: Redactor;
  readonly #expectations = new Map<string, Expectation>();

  constructor(api: string, index: DocumentIndex, redactor: Redactor, validators = new Validators(index)) {
    this.api = api;
    this.index = index;
    this.validators = validators;
    this.#redactor = redactor;
    this.#body = new BodyChecker(index, validators, redactor);
  }

  /**
   * The findings of one answer, in this order of questions: a 5xx is a server error and nothing
   * else (a failing server says nothing about the contract); an answer to an unhappy-path probe
   * (`exchange.probe.negative`) must not be a 2xx (`accepted-invalid-request`); is the status
   * documented; is the media type documented (if not, the body is not checked: no schema is known
   * for it); does the body parse and match its schema. Every finding carries the probe's intent.
   */
  check(exchange: Exchange, op: MatchedOperation): RawFinding[] {
    const out: RawFinding[] = [];
    const status = exchange.status;
    const observedType = mediaTypeOf(exchange.headers["content-type"]);
    const e = this.#expectation(op, status, observedType);
    const intent = exchange.probe?.intent;
    const push = (
      rule: DriftRuleId,
      specPointer: string,
      expected: string,
      observed: string,
      extra: { pointer?: string; shape?: string; category?: string; mediaType?: string; observedType?: string; sample?: unknown } = {},
    ) => {
      out.push({
        rule,
        severity: RULES[rule].severity,
        pointer: specPointer,
        sources: this.index.sourcesAt(specPointer),
        args: {
          operation: op.key,
          status,
          ...(extra.mediaType ? { mediaType: extra.mediaType } : {}),
          bodyPointer: extra.pointer ?? "",
          expected,
          observed,
          ...(intent ? { intent } : {}),
        },
        api: this.api,
        shape: extra.shape ?? "",
        category: extra.category ?? "",
        ...(extra.observedType ? { observedType: extra.observedType } : {}),
        ...(extra.sample !== undefined ? { sample: extra.sample } : {}),
      });
    };

    if (status >= 500) {
      push("server-error", e.responsesPointer, e.documented, String(status));
      return out;
    }
    const hasBody = exchange.body !== undefined && exchange.body.length > 0 && exchange.method !== "HEAD" && status !== 204 && status !== 304;
    // The answer's media type goes with every finding about it (the overlay writer documents it).
    const mediaType = observedType ? { mediaType: observedType } : {};
    const probe = exchange.probe;
    if (probe?.negative && status >= 200 && status < 300) {
      // Placed at the documented refusal when there is one, else at the operation's responses.
      const responses = isObject(op.operation.responses) ? op.operation.responses : {};
      const refusal = probe.expect?.find((k) => Object.hasOwn(responses, k));
      const expected = probe.expect?.length ? probe.expect.join(", ") : `a refusal (${probe.undocumented ?? "none documented"})`;
      push("accepted-invalid-request", refusal ? joinPointer(e.responsesPointer, refusal) : e.responsesPointer, expected, String(status), { ...mediaType, category: intent ?? "" });
    }
    if (e.responsePointer === undefined) {
      push("undocumented-status", e.responsesPointer, e.documented, String(status), { ...mediaType, category: String(status), sample: this.#sample(exchange) });
      return out;
    }
    if (!hasBody) {
      if (e.needsBody && exchange.method !== "HEAD" && status !== 204 && status !== 304) {
        push("malformed-body", joinPointer(e.responsePointer, "content"), `a body (${e.types.join(", ")})`, "an empty body", mediaType);
      }
      return out;
    }
    if (e.types.length === 0) {
      push("undocumented-content-type", e.responsePointer, "no body", observedType ?? "a body without Content-Type", {
        ...mediaType,
        category: observedType ?? "",
        sample: this.#sample(exchange),
      });
      return out;
    }
    if (e.mediaKey === undefined) {
      push("undocumented-content-type", joinPointer(e.responsePointer, "content"), e.types.join(", "), observedType ?? "a body without Content-Type", {
        ...mediaType,
        category: observedType ?? "",
        sample: this.#sample(exchange),
      });
      return out;
    }
    const { mediaKey, schemaPointer } = e;
    if (schemaPointer === undefined) return out; // no schema, or binary or text: nothing to validate

    let value: unknown;
    try {
      const text = exchange.bodyEncoding === "base64" ? Buffer.from(exchange.body!, "base64").toString("utf8") : exchange.body!;
      value = JSON.parse(text);
    } catch (error) {
      // The parser's message names a position, never the content: safe to show.
      const reason = error instanceof Error ? error.message.replace(/,? "[^"]*"/g, "").slice(0, 120) : "unparseable";
      push("malformed-body", schemaPointer, `JSON (${mediaKey})`, `a body that is not JSON (${reason})`, mediaType);
      return out;
    }
    for (const issue of this.#body.check(schemaPointer, value)) {
      push(issue.rule, issue.specPointer, issue.expected, issue.observed, {
        ...mediaType,
        pointer: bodyPointer(issue.path),
        shape: bodyShape(issue.path),
        category: issue.category,
        ...(issue.observedType ? { observedType: issue.observedType } : {}),
      });
    }
    return out;
  }

  /**
   * What the document says about answers of this operation with this status and media type. The
   * same for every such answer, so it is worked out once per checker (lookups, pointers, media-type
   * matching) and reused across the thousands of answers of a recording.
   */
  #expectation(op: MatchedOperation, status: number, observedType: string | undefined): Expectation {
    const cacheKey = `${op.key}\n${status}\n${observedType ?? ""}`;
    const cached = this.#expectations.get(cacheKey);
    if (cached) return cached;
    const responsesPointer = joinPointer(this.index.pointerOf(op.operation), "responses");
    const responses = isObject(op.operation.responses) ? op.operation.responses : {};
    const e: Expectation = {
      responsesPointer,
      documented:
        Object.keys(responses)
          .filter((k) => !k.startsWith("x-"))
          .join(", ") || "no responses",
      types: [],
      needsBody: false,
    };
    this.#expectations.set(cacheKey, e);
    const key = status >= 500 ? undefined : responseKey(responses, status);
    if (key === undefined) return e;
    e.responsePointer = joinPointer(responsesPointer, key);
    const response = this.index.deref(responses[key]) as JsonObject | undefined;
    const content = isObject(response?.content) ? (response.content as JsonObject) : undefined;
    if (!content) return e;
    e.types = Object.keys(content);
    e.needsBody = e.types.some((t) => isObject(content[t]) && isObject((content[t] as JsonObject).schema));
    e.mediaKey = observedType ? matchMediaType(e.types, observedType) : undefined;
    if (e.mediaKey === undefined) return e;
    const media = content[e.mediaKey];
    const json = (observedType !== undefined && isJsonMediaType(observedType)) || isJsonMediaType(e.mediaKey);
    if (isObject(media) && isObject(media.schema) && json) e.schemaPointer = joinPointer(e.responsePointer, "content", e.mediaKey, "schema");
    return e;
  }

  /** The body as redacted JSON when it is JSON, else undefined: evidence for the overlay writer. */
  #sample(exchange: Exchange): unknown {
    if (!exchange.body || exchange.bodyEncoding === "base64") return undefined;
    try {
      return this.#redactor.json(JSON.parse(exchange.body));
    } catch {
      return undefined;
    }
  }
}

/** The documented response key for a status: exact, then its range (2XX), then default. */
export function responseKey(responses: JsonObject, status: number): string | undefined {
  const exact = String(status);
  if (Object.hasOwn(responses, exact)) return exact;
  const range = `${Math.floor(status / 100)}XX`;
  for (const k of [range, range.toLowerCase()]) if (Object.hasOwn(responses, k)) return k;
  return Object.hasOwn(responses, "default") ? "default" : undefined;
}
