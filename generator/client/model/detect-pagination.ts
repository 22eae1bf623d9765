import { isObject, type JsonObject } from "../../openapi/types.ts";
import type { PaginationSpec } from "../runtime/pagination.ts";
import type { ParameterFacts } from "./read-operation.ts";

/**
 * The default when api.yaml says nothing: a GET whose answer has an array of items and whose
 * query parameters name a pagination style. Cursor needs both a cursor parameter and a
 * next-cursor field; page and offset need only their parameter. Names are the common spellings.
 */
const CURSOR_PARAMS = ["cursor", "after", "starting_after", "page_token", "pageToken", "next_token", "nextToken"];
const NEXT_CURSOR_FIELDS = ["next_cursor", "nextCursor", "next_page_token", "nextPageToken", "next_token", "nextToken"];
const HAS_MORE_FIELDS = ["has_more", "hasMore", "has_next", "hasNext"];
const PAGE_PARAMS = ["page", "page_number", "pageNumber"];
const OFFSET_PARAMS = ["offset", "skip"];
const LIMIT_PARAMS = ["limit", "per_page", "perPage", "page_size", "pageSize"];
const TOTAL_FIELDS = ["total", "totalCount", "total_count", "total_items", "totalItems"];
const PAGE_SIZE_FIELDS = ["pageSize", "page_size", "per_page", "perPage"];
const ITEMS_FIELDS = ["data", "items", "results", "records"];

const pick = (names: string[], have: Set<string>): string | undefined => names.find((n) => have.has(n));

/** The response field holding the items: the only array property, else a conventional name among several. */
export function itemsField(properties: Record<string, JsonObject>, resource: string): string | undefined {
  const arrays = Object.keys(properties).filter(
    (k) => properties[k]!.type === "array" || (Array.isArray(properties[k]!.type) && (properties[k]!.type as unknown[]).includes("array")),
  );
  if (arrays.length === 1) return arrays[0];
  return arrays.find((a) => ITEMS_FIELDS.includes(a) || a === resource);
}

export function detectPagination(query: ParameterFacts[], properties: Record<string, JsonObject> | undefined, resource: string): PaginationSpec | undefined {
  if (!properties) return undefined;
  const items = itemsField(properties, resource);
  if (items === undefined) return undefined;
  const params = new Set(query.map((p) => p.name));
  const fields = new Set(Object.keys(properties));
  const limitParam = pick(LIMIT_PARAMS, params);
  const total = pick(TOTAL_FIELDS, fields);
  const cursorParam = pick(CURSOR_PARAMS, params);
  const nextCursor = pick(NEXT_CURSOR_FIELDS, fields);
  if (cursorParam !== undefined && nextCursor !== undefined) {
    const hasMore = pick(HAS_MORE_FIELDS, fields);
    return { style: "cursor", items, cursorParam, nextCursor, ...(hasMore ? { hasMore } : {}) };
  }
  const pageParam = pick(PAGE_PARAMS, params);
  if (pageParam !== undefined) {
    const pageSize = pick(PAGE_SIZE_FIELDS, fields);
    return { style: "page", items, pageParam, firstPage: 1, ...(limitParam ? { limitParam } : {}), ...(total ? { total } : {}), ...(pageSize ? { pageSize } : {}) };
  }
  const offsetParam = pick(OFFSET_PARAMS, params);
  if (offsetParam !== undefined) return { style: "offset", items, offsetParam, ...(limitParam ? { limitParam } : {}), ...(total ? { total } : {}) };
  return undefined;
}

/** Properties of an object schema (after $ref), or undefined when the schema does not list them. */
export function propertiesOf(schema: JsonObject | undefined, deref: (node: unknown) => JsonObject | undefined): Record<string, JsonObject> | undefined {
  if (!schema || !isObject(schema.properties)) return undefined;
  const out: Record<string, JsonObject> = {};
  for (const [name, value] of Object.entries(schema.properties)) {
    const resolved = deref(value);
    if (resolved) out[name] = resolved;
  }
  return out;
}
