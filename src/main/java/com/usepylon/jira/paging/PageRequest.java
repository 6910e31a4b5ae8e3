package com.usepylon.jira.paging;

import com.usepylon.jira.problem.ProblemException;

/**
 * The {@code limit} and {@code cursor} query parameters of a list endpoint, checked. They arrive as
 * text because JAX-RS answers 404 to a query parameter it cannot convert, and a bad limit is a 400.
 */
public record PageRequest(int limit, Cursor cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(String limit, String cursor) {
        return new PageRequest(parseLimit(limit), Cursor.parse(cursor));
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below like any other out-of-range value
        }
        throw ProblemException.invalidField("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
}
