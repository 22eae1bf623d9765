// Copied by driftless from generator/client/runtime/pagination.ts — do not edit here; change the original and run `npm run generate`.

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

const number = (value: unknown): number => (typeof value === "number" ? value : Number.NaN);

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
  const request: Fields = { ...query };
  // One spec of the union, read through the fields of all three.
  const { style, limitParam, total, pageSize } = spec as Partial<Extract<PaginationSpec, { style: "page" }> & Extract<PaginationSpec, { style: "offset" }>>;
  const limit = limitParam === undefined ? undefined : request[limitParam];
  const param = spec.style === "cursor" ? spec.cursorParam : spec.style === "offset" ? spec.offsetParam : spec.pageParam;
  if (spec.style !== "cursor") request[param] = spec.style === "page" ? spec.firstPage : 0;
  // Cursors already sent; for offsets and page numbers, which cannot repeat, the previous page's first item.
  const seen = new Set<string>();
  let count = 0;
  let previousFirst: string | undefined;
  for (;;) {
    const page = (await fetchPage({ ...request } as Query)) as Fields | null;
    if (typeof page !== "object" || page === null) throw new ClientError("invalid_response", "A list page is not a JSON object.");
    const items = page[spec.items] ?? [];
    if (!Array.isArray(items)) throw new ClientError("invalid_response", `The list page's "${spec.items}" is not an array.`);
    const loop = (what: string): PaginationError => new PaginationError("pagination_loop", `The server ${what}; stopping instead of looping.`);
    if (style !== "cursor" && items.length > 0) {
      // A server that ignores the offset or page number serves one page forever.
      const first = JSON.stringify(items[0]);
      if (first === previousFirst) throw loop(`served the same page twice (${style} pagination)`);
      previousFirst = first;
    }
    yield* items as Item[];
    count += items.length;

    if (spec.style === "cursor") {
      const next = page[spec.nextCursor];
      if ((spec.hasMore !== undefined && page[spec.hasMore] === false) || typeof next !== "string" || next === "") return;
      if (seen.has(next)) throw loop(`repeated the cursor "${next}"`);
      seen.add(next);
      request[param] = next;
      continue;
    }
    // NaN (an absent field, or one that is not a number) compares false: only a number ends the listing.
    const numberAt = (field: string | undefined): number => number(field === undefined ? undefined : page[field]);
    if (items.length === 0 || count >= numberAt(total) || items.length < number(limit) || items.length < numberAt(pageSize)) return;
    (request[param] as number) += style === "offset" ? items.length : 1;
  }
}
