import { ClientError, PaginationError } from "./errors.ts";

/**
 * How an operation pages, as api.yaml declares it (or the generator detected it). Field and
 * parameter names are the API's own; every response field is a top-level property of the page.
 */
export type PaginationSpec =
  | {
      readonly style: "cursor";
      /** Array of items on each page. */
      readonly items: string;
      /** Query parameter that takes the cursor. */
      readonly cursorParam: string;
      /** Page field holding the next page's cursor (null or absent on the last page). */
      readonly nextCursor: string;
      /** Page field that is false on the last page, if the API has one. */
      readonly hasMore?: string;
    }
  | {
      readonly style: "offset";
      readonly items: string;
      readonly offsetParam: string;
      /** Query parameter with the page size: a shorter page is the last. */
      readonly limitParam?: string;
      /** Page field with the total number of items. */
      readonly total?: string;
    }
  | {
      readonly style: "page";
      readonly items: string;
      readonly pageParam: string;
      /** Number of the first page (1 unless the API counts from 0). */
      readonly firstPage: number;
      readonly limitParam?: string;
      readonly total?: string;
      /** Page field with the page size the server used: a shorter page is the last. */
      readonly pageSize?: string;
    };

type Fields = Record<string, unknown>;

function fieldsOf(page: unknown): Fields {
  if (typeof page !== "object" || page === null) throw new ClientError("invalid_response", "A list page is not a JSON object.");
  return page as Fields;
}

function itemsOf(page: Fields, field: string): unknown[] {
  const items = page[field];
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items)) throw new ClientError("invalid_response", `The list page's "${field}" is not an array.`);
  return items;
}

const numberAt = (page: Fields, field: string | undefined): number | undefined => {
  const value = field === undefined ? undefined : page[field];
  return typeof value === "number" ? value : undefined;
};

/**
 * Every item of every page, fetching a page only when the previous one is used up (so `break`
 * stops fetching). Ends on the last page as the style defines it, and throws a PaginationError
 * instead of looping when the server repeats a cursor or serves the same page again.
 */
export async function* paginate<Query extends object, Item>(
  spec: PaginationSpec,
  query: Query | undefined,
  fetchPage: (query: Query) => Promise<unknown>,
): AsyncGenerator<Item, void, undefined> {
  const base = { ...query } as Fields;
  const limit = "limitParam" in spec && spec.limitParam !== undefined ? base[spec.limitParam] : undefined;
  const seenCursors = new Set<string>();
  let cursor: string | undefined;
  let offset = 0;
  let pageNumber = spec.style === "page" ? spec.firstPage : 0;
  let count = 0;
  let previousFirst: string | undefined;
  for (;;) {
    const request: Fields = { ...base };
    if (spec.style === "cursor" && cursor !== undefined) request[spec.cursorParam] = cursor;
    if (spec.style === "offset") request[spec.offsetParam] = offset;
    if (spec.style === "page") request[spec.pageParam] = pageNumber;
    const page = fieldsOf(await fetchPage(request as Query));
    const items = itemsOf(page, spec.items);
    if (spec.style !== "cursor" && items.length > 0) {
      // Offsets and page numbers cannot repeat, but a server that ignores them serves one page forever.
      const first = JSON.stringify(items[0]);
      if (first === previousFirst) throw new PaginationError(`The server served the same page twice (${spec.style} pagination); stopping.`);
      previousFirst = first;
    }
    for (const item of items) yield item as Item;
    count += items.length;

    if (spec.style === "cursor") {
      if (spec.hasMore !== undefined && page[spec.hasMore] === false) return;
      const next = page[spec.nextCursor];
      if (typeof next !== "string" || next === "") return;
      if (seenCursors.has(next)) throw new PaginationError(`The server repeated the cursor "${next}"; stopping instead of looping.`);
      seenCursors.add(next);
      cursor = next;
      continue;
    }
    if (items.length === 0) return;
    const total = numberAt(page, spec.total);
    if (total !== undefined && count >= total) return;
    if (typeof limit === "number" && items.length < limit) return;
    if (spec.style === "offset") offset += items.length;
    else {
      const size = numberAt(page, spec.pageSize);
      if (size !== undefined && items.length < size) return;
      pageNumber++;
    }
  }
}
