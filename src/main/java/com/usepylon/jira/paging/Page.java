package com.usepylon.jira.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, with the cursor of the next page, or null on the last page.
 *
 * @param items at most the requested limit
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from a query that fetched one row more than {@code limit}: that extra row, if
     * present, proves there is a next page without a second count query.
     */
    public static <T> Page<T> of(List<T> rowsPlusOne, int limit, Function<T, Cursor> cursorAfter) {
        if (rowsPlusOne.size() <= limit) {
            return new Page<>(rowsPlusOne, null);
        }
        List<T> items = rowsPlusOne.subList(0, limit);
        return new Page<>(List.copyOf(items), cursorAfter.apply(items.get(limit - 1)).encode());
    }
}
