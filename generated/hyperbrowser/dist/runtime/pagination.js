// Copied by driftless from generator/client/runtime/pagination.ts — do not edit here; change the original and run `npm run generate`.
import { ClientError, PaginationError } from "./errors.js";
const number = (value) => (typeof value === "number" ? value : Number.NaN);
/**
 * Every item of every page, fetching a page only when the previous one is used up (so `break`
 * stops fetching). Ends on the last page as the style defines it, and throws a PaginationError
 * instead of looping when the server repeats a cursor or serves the same page again.
 */
export async function* paginate(spec, query, fetchPage) {
    const request = { ...query };
    // One spec of the union, read through the fields of all three.
    const { style, limitParam, total, pageSize } = spec;
    const limit = limitParam === undefined ? undefined : request[limitParam];
    const param = spec.style === "cursor" ? spec.cursorParam : spec.style === "offset" ? spec.offsetParam : spec.pageParam;
    if (spec.style !== "cursor")
        request[param] = spec.style === "page" ? spec.firstPage : 0;
    // Cursors already sent; for offsets and page numbers, which cannot repeat, the previous page's first item.
    const seen = new Set();
    let count = 0;
    let previousFirst;
    for (;;) {
        const page = (await fetchPage({ ...request }));
        if (typeof page !== "object" || page === null)
            throw new ClientError("invalid_response", "A list page is not a JSON object.");
        const items = page[spec.items] ?? [];
        if (!Array.isArray(items))
            throw new ClientError("invalid_response", `The list page's "${spec.items}" is not an array.`);
        const loop = (what) => new PaginationError("pagination_loop", `The server ${what}; stopping instead of looping.`);
        if (style !== "cursor" && items.length > 0) {
            // A server that ignores the offset or page number serves one page forever.
            const first = JSON.stringify(items[0]);
            if (first === previousFirst)
                throw loop(`served the same page twice (${style} pagination)`);
            previousFirst = first;
        }
        yield* items;
        count += items.length;
        if (spec.style === "cursor") {
            const next = page[spec.nextCursor];
            if ((spec.hasMore !== undefined && page[spec.hasMore] === false) || typeof next !== "string" || next === "")
                return;
            if (seen.has(next))
                throw loop(`repeated the cursor "${next}"`);
            seen.add(next);
            request[param] = next;
            continue;
        }
        // NaN (an absent field, or one that is not a number) compares false: only a number ends the listing.
        const numberAt = (field) => number(field === undefined ? undefined : page[field]);
        if (items.length === 0 || count >= numberAt(total) || items.length < number(limit) || items.length < numberAt(pageSize))
            return;
        request[param] += style === "offset" ? items.length : 1;
    }
}
