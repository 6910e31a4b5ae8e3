package com.usepylon.jira.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A cached value together with its JSON, rendered once when the value is loaded instead of on every request
 * that returns it. On the cached read paths, writing the JSON was the largest cost after authentication: a
 * profile of ticket defaults put 15% of the service's samples in Jackson writing to the response stream.
 *
 * @param value what in-process callers get
 * @param json what the endpoint sends; never modified
 */
public record RenderedJson<T>(T value, byte[] json) {

    /** Renders with the application's own mapper, so the bytes are what Quarkus REST would have written. */
    public static <T> RenderedJson<T> of(T value, ObjectMapper mapper) {
        try {
            return new RenderedJson<>(value, mapper.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not render a " + value.getClass().getSimpleName(), e);
        }
    }
}
