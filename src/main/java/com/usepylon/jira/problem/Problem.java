package com.usepylon.jira.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * An RFC 9457 problem document: the body of every error this service returns.
 *
 * @param type stable identifier of the kind of problem; clients switch on it
 * @param title short summary that does not change between occurrences
 * @param status the HTTP status code
 * @param detail what went wrong this time and what the caller should do next
 * @param instance the path of the request that failed
 * @param referenceId set on server errors only; the same id is in the server log
 * @param extensions further members, such as the offending fields
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String referenceId,
        @JsonAnyGetter Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:pylon:jira:problem:";
}
