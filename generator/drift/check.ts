import { isObject, type JsonObject } from "../openapi/types.ts";
import { BodyChecker, bodyPointer, bodyShape } from "./body-check.ts";
import { isJsonMediaType, matchMediaType, mediaTypeOf, type Exchange } from "./exchange.ts";
import type { RawFinding } from "./finding.ts";
import type { MatchedOperation } from "./match.ts";
import type { Redactor } from "./redact.ts";
import { DRIFT_RULES, type DriftRuleId } from "./rules.ts";
import type { DocumentIndex } from "./schema-index.ts";
import { Validators } from "./validators.ts";

/** Everything needed to check answers of one API against its canonical document; built once. */
export class ApiChecker {
  readonly api: string;
  readonly index: DocumentIndex;
  readonly validators: Validators;
  readonly #body: BodyChecker;
  readonly #redactor: Redactor;

  constructor(api: string, index: DocumentIndex, redactor: Redactor, validators = new Validators(index)) {
    this.api = api;
    this.index = index;
    this.validators = validators;
    this.#redactor = redactor;
    this.#body = new BodyChecker(index, validators, redactor);
  }

  /**
   * The findings of one answer, in this order of questions: a 5xx is a server error and nothing
   * else (a failing server says nothing about the contract); is the status documented; is the media
   * type documented (if not, the body is not checked: no schema is known for it); does the body
   * parse and match its schema.
   */
  check(exchange: Exchange, op: MatchedOperation): RawFinding[] {
    const out: RawFinding[] = [];
    const opPointer = this.index.pointerOf(op.operation);
    const responsesPointer = `${opPointer}/responses`;
    const responses = isObject(op.operation.responses) ? op.operation.responses : {};
    const documented = Object.keys(responses).filter((k) => !k.startsWith("x-"));
    const status = exchange.status;
    const push = (rule: DriftRuleId, specPointer: string, expected: string, observed: string, extra: { pointer?: string; shape?: string; category?: string; mediaType?: string; observedType?: string; sample?: unknown } = {}) => {
      out.push({
        rule,
        severity: DRIFT_RULES[rule].severity,
        api: this.api,
        operation: op.key,
        status,
        ...(extra.mediaType ? { mediaType: extra.mediaType } : {}),
        pointer: extra.pointer ?? "",
        shape: extra.shape ?? "",
        category: extra.category ?? "",
        spec: { pointer: specPointer, sources: this.index.sourcesAt(specPointer) },
        expected,
        observed,
        ...(extra.observedType ? { observedType: extra.observedType } : {}),
        ...(extra.sample !== undefined ? { sample: extra.sample } : {}),
      });
    };

    if (status >= 500) {
      push("server-error", responsesPointer, documented.join(", ") || "no responses", String(status));
      return out;
    }
    const key = responseKey(responses, status);
    if (key === undefined) {
      push("undocumented-status", responsesPointer, documented.join(", ") || "no responses", String(status), { category: String(status), sample: this.#sample(exchange) });
      return out;
    }
    const responsePointer = `${responsesPointer}/${key}`;
    const response = this.index.deref(responses[key]) as JsonObject | undefined;
    const content = isObject(response?.content) ? (response.content as JsonObject) : undefined;
    const types = content ? Object.keys(content) : [];
    const observedType = mediaTypeOf(exchange.headers["content-type"]);
    const hasBody = exchange.body !== undefined && exchange.body.length > 0 && exchange.method !== "HEAD" && status !== 204 && status !== 304;
    const mediaType = observedType ? { mediaType: observedType } : {};

    if (!hasBody) {
      const needsBody = types.some((t) => isObject(content![t]) && isObject((content![t] as JsonObject).schema));
      if (needsBody && exchange.method !== "HEAD" && status !== 204 && status !== 304) {
        push("malformed-body", `${responsePointer}/content`, `a body (${types.join(", ")})`, "an empty body", mediaType);
      }
      return out;
    }
    if (types.length === 0) {
      push("undocumented-content-type", responsePointer, "no body", observedType ?? "a body without Content-Type", { ...mediaType, category: observedType ?? "", sample: this.#sample(exchange) });
      return out;
    }
    const mediaKey = observedType ? matchMediaType(types, observedType) : undefined;
    if (mediaKey === undefined) {
      push("undocumented-content-type", `${responsePointer}/content`, types.join(", "), observedType ?? "a body without Content-Type", { ...mediaType, category: observedType ?? "", sample: this.#sample(exchange) });
      return out;
    }
    const media = content![mediaKey];
    if (!isObject(media) || !isObject(media.schema)) return out;
    if (!isJsonMediaType(observedType) && !isJsonMediaType(mediaKey.toLowerCase())) return out; // binary or text: nothing to validate
    const schemaPointer = `${responsePointer}/content/${mediaKey.replace(/~/g, "~0").replace(/\//g, "~1")}/schema`;

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
