import { readJsonObject, type ApiModule, type RequestContext } from "../api.ts";
import { ApiError } from "../errors.ts";
import { json, type Reply } from "../reply.ts";
import type { HyperbrowserSession, HyperbrowserStore } from "./sessions.ts";
import { parseCreateParams, parseListQuery } from "./validate.ts";
import { HYPERBROWSER_DRIFT, sessionBody, sessionDetailBody } from "./views.ts";

function findOrThrow(store: HyperbrowserStore, ctx: RequestContext, id: string): HyperbrowserSession {
  const session = store.find(ctx.principal.index, id, ctx.now);
  if (session === undefined) throw new ApiError(404, "session_not_found", "Session not found");
  return session;
}

/**
 * The four session operations the official SDK uses: create (200, body optional), get, stop
 * (idempotent `{ success: true }`) and list (`page`, `status`). Errors are `{ message }`.
 */
export function createHyperbrowserApi(store: HyperbrowserStore): ApiModule {
  const create = (ctx: RequestContext): Reply => {
    // The SDK sends no body at all for create() without params, with Content-Type: application/json.
    const session = store.create(ctx.principal.index, parseCreateParams(readJsonObject(ctx)), ctx.now);
    return json(200, sessionDetailBody(session, ctx.now), { path: [], targets: HYPERBROWSER_DRIFT });
  };

  const get = (ctx: RequestContext, id: string): Reply => {
    // `liveViewTtlSeconds`, sent by the SDK's get(), is accepted and has no effect here.
    const session = findOrThrow(store, ctx, id);
    return json(200, sessionDetailBody(session, ctx.now), { path: [], targets: HYPERBROWSER_DRIFT });
  };

  const stop = (ctx: RequestContext, id: string): Reply => {
    store.stop(findOrThrow(store, ctx, id), ctx.now);
    return json(200, { success: true });
  };

  const list = (ctx: RequestContext): Reply => {
    const query = parseListQuery(ctx.query);
    const all = store.list(ctx.principal.index, ctx.now, query.status);
    const start = (query.page - 1) * query.pageSize;
    const page = all.slice(start, start + query.pageSize);
    return json(
      200,
      {
        sessions: page.map((s) => sessionBody(s, ctx.now)),
        totalCount: all.length,
        page: query.page,
        pageSize: query.pageSize,
      },
      page.length > 0 ? { path: ["sessions", 0], targets: HYPERBROWSER_DRIFT } : undefined,
    );
  };

  return {
    name: "hyperbrowser",
    prefix: "/api",
    routes: [
      { method: "POST", path: "/api/session", role: "create", handle: create },
      { method: "GET", path: "/api/session/{id}", role: "get", handle: (ctx, p) => get(ctx, p.id!) },
      { method: "PUT", path: "/api/session/{id}/stop", role: "stop", handle: (ctx, p) => stop(ctx, p.id!) },
      { method: "GET", path: "/api/sessions", role: "list", handle: list },
    ],
    credential: (headers) => {
      const key = headers["x-api-key"];
      return typeof key === "string" ? key.trim() : undefined;
    },
    unauthorized: () => new ApiError(401, "unauthorized", "Missing or invalid API key (x-api-key header)."),
    errorBody: (error) => ({ message: error.message }),
  };
}
