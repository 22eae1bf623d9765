import type { IncomingHttpHeaders } from "node:http";
import { ApiError } from "./errors.ts";
import { isJsonObject, type JsonObject, type JsonValue } from "./json.ts";
import type { ApiName, Principal } from "./keys.ts";
import type { Reply } from "./reply.ts";
import type { ActiveScenarios } from "./scenarios.ts";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/**
 * What a route does, independent of the API: scenarios that target one kind of operation
 * (undocumented-status acts on "get" only) look at this rather than at paths.
 */
export type RouteRole = "create" | "list" | "get" | "delete" | "stop" | "screenshot" | "preview-token";

/** Everything a handler may look at. Built by the server once auth and scenarios are settled. */
export interface RequestContext {
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: Buffer;
  readonly principal: Principal;
  readonly scenarios: ActiveScenarios;
  /** The clock read once for this request, after any scenario delay. */
  readonly now: number;
}

export interface Route {
  readonly method: HttpMethod;
  /** Path with `{name}` parameters, e.g. `/v1/sessions/{id}/screenshot`. */
  readonly path: string;
  readonly role: RouteRole;
  /** Synchronous on purpose: a state change happens in one tick, so concurrent requests cannot corrupt it. */
  readonly handle: (ctx: RequestContext, params: Readonly<Record<string, string>>) => Reply;
}

/** One emulated API: its routes, how it reads credentials, and its error envelope. */
export interface ApiModule {
  readonly name: ApiName;
  /** Path prefix owned by this API (`/v1`, `/api`); the two never overlap. */
  readonly prefix: string;
  readonly routes: readonly Route[];
  /** The key presented on the request, if any. */
  credential(headers: IncomingHttpHeaders): string | undefined;
  unauthorized(): ApiError;
  /** The answer for paths no API key may reach (given after the key is checked), or undefined. */
  keyRefused?(pathname: string): ApiError | undefined;
  /** The API's error envelope; the server adds status and headers. */
  errorBody(error: ApiError): JsonValue;
}

/**
 * The body as JSON, `undefined` when empty. Malformed JSON and a body sent with a non-JSON
 * content type both answer 400 invalid_request (the Hyperbrowser module renders it as `{message}`).
 */
export function readJsonBody(ctx: RequestContext): JsonValue | undefined {
  if (ctx.rawBody.length === 0) return undefined;
  const type = String(ctx.headers["content-type"] ?? "").toLowerCase();
  if (type !== "" && !/^application\/([\w.+-]+\+)?json\b/.test(type)) {
    throw new ApiError(400, "invalid_request", "Request bodies must be JSON (Content-Type: application/json).");
  }
  try {
    return JSON.parse(ctx.rawBody.toString("utf8")) as JsonValue;
  } catch {
    throw new ApiError(400, "invalid_request", "Request body is not valid JSON.");
  }
}

/** The body as a JSON object; an empty body counts as `{}`. */
export function readJsonObject(ctx: RequestContext): JsonObject {
  const body = readJsonBody(ctx);
  if (body === undefined) return {};
  if (!isJsonObject(body)) throw new ApiError(400, "invalid_request", "Request body must be a JSON object.");
  return body;
}
