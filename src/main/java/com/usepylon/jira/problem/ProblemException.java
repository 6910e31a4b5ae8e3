package com.usepylon.jira.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Thrown anywhere in the service to answer the caller with a problem document. Services throw it
 * for every expected failure; {@link ProblemMappers} turns it into the response.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final String detail;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(ProblemType type, String detail) {
        super(type.uri() + ": " + detail, null, false, false);
        this.type = type;
        this.detail = detail;
    }

    /** Adds a member to the problem document, such as the list of offending ids. */
    public ProblemException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    /** Adds a response header, such as {@code Retry-After}. */
    public ProblemException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return detail;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** One field of a request that is wrong, and what it must be. */
    public record InvalidField(String field, String message) {
    }

    /** A 400 {@code validation-failed} that names every wrong field; all field checks answer this way. */
    public static ProblemException invalidFields(List<InvalidField> fields) {
        String names = fields.stream().map(InvalidField::field).distinct().collect(Collectors.joining(", "));
        return new ProblemException(ProblemType.VALIDATION_FAILED,
                "Correct these fields and try again: " + names + ".").with("errors", List.copyOf(fields));
    }

    public static ProblemException invalidField(String field, String message) {
        return invalidFields(List.of(new InvalidField(field, message)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(ProblemType.NOT_FOUND, detail);
    }
}
