import type { JsonValue } from "./json.ts";

/**
 * Handlers return a Reply value instead of writing to the socket. That keeps them synchronous
 * (so no request can interleave with another's state change) and lets the scenario table
 * rewrite any answer in one place before the server writes it.
 */
export type Reply = JsonReply | BytesReply | EmptyReply;

interface ReplyBase {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface JsonReply extends ReplyBase {
  readonly kind: "json";
  readonly body: JsonValue;
  /** Defaults to application/json; only the wrong-content-type scenario changes it. */
  readonly contentType?: string;
  /** The one session object inside `body` that drift scenarios alter, if the answer has one. */
  readonly subject?: DriftSubject;
}

export interface BytesReply extends ReplyBase {
  readonly kind: "bytes";
  readonly body: Buffer;
  readonly contentType: string;
}

export interface EmptyReply extends ReplyBase {
  readonly kind: "empty";
}

/**
 * Where a body-drift scenario acts: `path` leads from the body to the session object (`[]` for a
 * single session, `["data", 0]` for the first list item) and `targets` names the property each
 * scenario touches in that API's vocabulary. One subject per answer means one finding per answer.
 */
export interface DriftSubject {
  readonly path: readonly (string | number)[];
  readonly targets: DriftTargets;
}

export interface DriftTargets {
  /** extra-field adds this property. */
  readonly extraField: { readonly name: string; readonly value: JsonValue };
  /** missing-field deletes this property. */
  readonly missingField: string;
  /** wrong-type turns this property's value into its string form. */
  readonly wrongType: string;
  /** bad-enum sets this property to a value outside its documented enum. */
  readonly badEnum: { readonly name: string; readonly value: string };
  /** bad-format replaces this date-time property with a date that is not RFC 3339. */
  readonly badFormat: string;
}

export function json(status: number, body: JsonValue, subject?: DriftSubject): JsonReply {
  return subject === undefined ? { kind: "json", status, body } : { kind: "json", status, body, subject };
}

export function bytes(status: number, body: Buffer, contentType: string): BytesReply {
  return { kind: "bytes", status, body, contentType };
}

export function empty(status: number): EmptyReply {
  return { kind: "empty", status };
}
