// Copied by driftless from generator/client/runtime/pagination.ts — do not edit here; change the original and run `npm run generate`.
import { ClientError, PaginationError } from "./errors.js";
function fieldsOf(page) {
    if (typeof page !== "object" || page === null)
        throw new ClientError("invalid_response", "A list page is not a JSON object.");
    return page;
}
function itemsOf(page, field) {
    const items = page[field];
    if (items === undefined || items === null)
        return [];
    if (!Array.isArray(items))
        throw new ClientError("invalid_response", `The list page's "${field}" is not an array.`);
    return items;
}
const numberAt = (page, field) => {
    const value = field === undefined ? undefined : page[field];
    return typeof value === "number" ? value : undefined;
};
/**
 * Every item of every page, fetching a page only when the previous one is used up (so `break`
 * stops fetching). Ends on the last page as the style defines it, and throws a PaginationError
 * instead of looping when the server repeats a cursor or serves the same page again.
 */
export async function* paginate(spec, query, fetchPage) {
    const base = { ...query };
    const limit = "limitParam" in spec && spec.limitParam !== undefined ? base[spec.limitParam] : undefined;
    const seenCursors = new Set();
    let cursor;
    let offset = 0;
    let pageNumber = spec.style === "page" ? spec.firstPage : 0;
    let count = 0;
    let previousFirst;
    for (;;) {
        const request = { ...base };
        if (spec.style === "cursor" && cursor !== undefined)
            request[spec.cursorParam] = cursor;
        if (spec.style === "offset")
            request[spec.offsetParam] = offset;
        if (spec.style === "page")
            request[spec.pageParam] = pageNumber;
        const page = fieldsOf(await fetchPage(request));
        const items = itemsOf(page, spec.items);
        if (spec.style !== "cursor" && items.length > 0) {
            // Offsets and page numbers cannot repeat, but a server that ignores them serves one page forever.
            const first = JSON.stringify(items[0]);
            if (first === previousFirst)
                throw new PaginationError(`The server served the same page twice (${spec.style} pagination); stopping.`);
            previousFirst = first;
        }
        for (const item of items)
            yield item;
        count += items.length;
        if (spec.style === "cursor") {
            if (spec.hasMore !== undefined && page[spec.hasMore] === false)
                return;
            const next = page[spec.nextCursor];
            if (typeof next !== "string" || next === "")
                return;
            if (seenCursors.has(next))
                throw new PaginationError(`The server repeated the cursor "${next}"; stopping instead of looping.`);
            seenCursors.add(next);
            cursor = next;
            continue;
        }
        if (items.length === 0)
            return;
        const total = numberAt(page, spec.total);
        if (total !== undefined && count >= total)
            return;
        if (typeof limit === "number" && items.length < limit)
            return;
        if (spec.style === "offset")
            offset += items.length;
        else {
            const size = numberAt(page, spec.pageSize);
            if (size !== undefined && items.length < size)
                return;
            pageNumber++;
        }
    }
}
