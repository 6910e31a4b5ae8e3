package com.usepylon.jira.problem;

import com.usepylon.jira.platform.BufferedBodies;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Answers a request whose declared body is larger than {@code quarkus.http.limits.max-body-size} with a
 * {@code 413 payload-too-large} problem, before anything reads the body.
 *
 * <p>Quarkus enforces the same limit itself, but with an empty 413 that is not problem+json. This route
 * runs just before Quarkus' own check and answers first whenever {@code Content-Length} is over the
 * limit, which is how every ordinary client (browsers, Forge's fetch, curl) sends a body.
 *
 * <p>Known shortcoming: a body sent with chunked transfer encoding has no {@code Content-Length}, so it is
 * cut off by Quarkus itself while it is read; the caller then gets Quarkus' empty 413, not a problem,
 * because Quarkus has already sent that answer when the read fails.
 */
@ApplicationScoped
public class BodyTooLarge {

    /**
     * Quarkus checks the body size in a route of order -2; this one must come first, and before
     * {@code platform/BufferedBodies} (-3) starts reading the body.
     */
    private static final int ORDER = -4;
    private static final Logger LOG = Logger.getLogger(BodyTooLarge.class);

    private final long limit;

    BodyTooLarge(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::rejectIfDeclaredTooLarge);
    }

    private void rejectIfDeclaredTooLarge(RoutingContext context) {
        long declared = BufferedBodies.declaredLength(context);
        if (declared <= limit) {
            context.next();
            return;
        }

        LOG.debugf("413 %s: body of %d bytes", context.normalizedPath(), declared);
        JsonObject problem = new JsonObject()
                .put("type", ProblemType.PAYLOAD_TOO_LARGE.uri())
                .put("title", ProblemType.PAYLOAD_TOO_LARGE.title())
                .put("status", ProblemType.PAYLOAD_TOO_LARGE.status())
                .put("detail", "The request body has " + declared + " bytes; this service accepts at most "
                        + limit + ". Send less at once, for example a bulk change in several parts.")
                .put("instance", context.normalizedPath());
        // The unread body is still on the connection, so it cannot be reused for another request.
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problem.encode());
    }

    /**
     * Quarkus cuts off a chunked body over the limit while it is read: it answers 413 itself and then fails
     * the read with this exception. The caller's mistake is no server error, so it is logged at DEBUG;
     * any other I/O failure is one.
     */
    @ServerExceptionMapper
    public Response cutOff(IOException e, UriInfo uri) {
        if (!"Request too large".equals(e.getMessage())) {
            return new ProblemMappers().unexpected(e, uri);
        }
        LOG.debugf("413 %s: chunked body over %d bytes", uri.getPath(), limit);
        return Response.status(413).build();
    }
}
