package com.usepylon.jira.paging;

import com.usepylon.jira.problem.ProblemException;
import com.usepylon.jira.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * An opaque position in a list. Clients pass back the {@code nextCursor} they were given and must
 * not build or parse cursors themselves; the encoding may change.
 */
public final class Cursor {

    private static final String VERSION = "v1:";
    private static final String SEPARATOR = "\u0000";
    private static final Cursor START = new Cursor(null);

    private final String position;

    private Cursor(String position) {
        this.position = position;
    }

    public static Cursor start() {
        return START;
    }

    public static Cursor of(long position) {
        return new Cursor(Long.toString(position));
    }

    /** A position made of several values, such as a project key and id. */
    public static Cursor of(String... parts) {
        return new Cursor(String.join(SEPARATOR, parts));
    }

    /** Reads a cursor sent by a client; a missing one means the first page. */
    public static Cursor parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return START;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            if (decoded.startsWith(VERSION)) {
                return new Cursor(decoded.substring(VERSION.length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the same answer as any other unreadable cursor
        }
        throw invalid();
    }

    /** The position as a number, or {@code whenStart} on the first page. */
    public long longValue(long whenStart) {
        if (position == null) {
            return whenStart;
        }
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    /** The values of a several-part position, or {@code whenStart} on the first page. */
    public List<String> parts(List<String> whenStart, int expected) {
        if (position == null) {
            return whenStart;
        }
        List<String> parts = List.of(position.split(SEPARATOR, -1));
        if (parts.size() != expected) {
            throw invalid();
        }
        return parts;
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + position).getBytes(StandardCharsets.UTF_8));
    }

    private static ProblemException invalid() {
        return new ProblemException(ProblemType.VALIDATION_FAILED,
                "The cursor is not one this service gave out. Pass back the nextCursor of the previous page"
                        + " unchanged, or leave it out to start from the first page.");
    }
}
