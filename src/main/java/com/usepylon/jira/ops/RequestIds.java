package com.usepylon.jira.ops;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Gives every API request an id that appears in each of its log lines ({@code requestId} in the
 * MDC) and in the {@code X-Request-Id} response header, so that a caller's report and the logs can
 * be matched. A caller's own id is kept when it is short and plain enough to be safe in a log;
 * anything else is replaced by a fresh one rather than logged.
 *
 * <p>Quarkus keeps the MDC in the request's Vert.x context, so the id follows the request from the
 * I/O thread to the worker thread. It is removed when the response leaves, so that no later line
 * on a reused thread carries it.
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** First of the request filters, last of the response filters. */
    private static final int OUTERMOST = 1;
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @ServerRequestFilter(preMatching = true, priority = OUTERMOST)
    public void assign(ContainerRequestContext request) {
        String id = Optional.ofNullable(request.getHeaderString(HEADER))
                .filter(candidate -> SANE.matcher(candidate).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        request.setProperty(MDC_KEY, id);
        MDC.put(MDC_KEY, id);
    }

    @ServerResponseFilter(priority = OUTERMOST)
    public void returnAndForget(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(MDC_KEY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
        MDC.remove(MDC_KEY);
    }
}
