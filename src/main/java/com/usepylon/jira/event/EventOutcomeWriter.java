package com.usepylon.jira.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.usepylon.jira.platform.RenderedJson;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Writes an {@link EventOutcome} from JSON rendered once per distinct outcome. There are only a handful
 * (processed, duplicate, and ignored for each reason), and every event gets one, so rendering each anew
 * through Jackson's streaming writer was a cost per event for the same few bytes.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class EventOutcomeWriter implements ServerMessageBodyWriter<EventOutcome> {

    private final ObjectMapper json;
    private final Map<EventOutcome, byte[]> rendered = new ConcurrentHashMap<>();

    public EventOutcomeWriter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target,
            MediaType mediaType) {
        return type == EventOutcome.class;
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations,
            MediaType mediaType) {
        return type == EventOutcome.class;
    }

    @Override
    public void writeResponse(EventOutcome outcome, Type genericType, ServerRequestContext context) {
        context.serverResponse().end(render(outcome));
    }

    @Override
    public void writeTo(EventOutcome outcome, Class<?> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream body)
            throws IOException {
        body.write(render(outcome));
    }

    /** The outcomes are a closed set (see {@link EventOutcome}), so this map stays small. */
    private byte[] render(EventOutcome outcome) {
        return rendered.computeIfAbsent(outcome, distinct -> RenderedJson.of(distinct, json).json());
    }
}
