package com.usepylon.jira.platform;

/**
 * Text that PostgreSQL can store and compare. A {@code text} or {@code jsonb} value cannot hold the
 * character U+0000 (NUL): a statement given one fails, and the caller would get a server error. Request
 * fields that reach the database are therefore checked at the boundary, with {@link #PATTERN} or
 * {@link #isStorable}, and such text is refused as a validation error.
 */
public final class StorableText {

    /** Any text without U+0000, for {@code @Pattern(regexp = StorableText.PATTERN)}. */
    public static final String PATTERN = "[^\\x00]*";
    public static final String MESSAGE = "must not contain the character U+0000";

    private StorableText() {
    }

    public static boolean isStorable(String text) {
        return text.indexOf('\u0000') < 0;
    }
}
