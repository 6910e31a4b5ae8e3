package com.usepylon.jira.platform;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Reads a small request body whole on the I/O thread before the endpoint runs, so that the worker thread
 * that runs a blocking endpoint parses it from memory.
 *
 * <p>Without this, Quarkus REST hands a blocking endpoint a stream that the worker thread fills from the
 * I/O thread chunk by chunk, waiting on it for each one and again for the end of the body. Measured with
 * the benchmark, two runs each way on two cores: reading ahead took ignored events from 0.27x and 0.33x of
 * the JWT-only no-op's throughput to 0.49x and 0.50x, and processed events from 0.23x and 0.29x to 0.31x and
 * 0.33x.
 *
 * <p>Only HTTP/1 requests are read ahead ({@link #isHttp1}). Memory stays bounded whatever callers send:
 * only bodies that declare a {@code Content-Length} of at most {@link #LARGEST} are read ahead, and all
 * bodies being read ahead at once share a budget of {@link #BUDGET} bytes. A body over either, one sent in
 * chunks, or one over HTTP/2 takes the streaming path, which is slower but equally correct. Bodies over
 * the service's size limit never get here ({@code BodyTooLarge}).
 */
@ApplicationScoped
public class BufferedBodies {

    /** After {@code BodyTooLarge} (-4), before Quarkus' own size check (-2) and its REST layer. */
    private static final int ORDER = -3;

    /** Most Jira events, every settings change; the largest bulk changes stream. */
    static final long LARGEST = 64 * 1024;

    /** All read-ahead bodies at once: 256 bodies of the largest size, a small share of the heap. */
    static final long BUDGET = 16 * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(BufferedBodies.class);

    private final AtomicLong reserved = new AtomicLong();

    void install(@Observes Router router) {
        router.route().order(ORDER).method(HttpMethod.POST).method(HttpMethod.PUT).method(HttpMethod.PATCH)
                .handler(this::readAhead);
    }

    private void readAhead(RoutingContext context) {
        long declared = declaredLength(context);
        if (!isHttp1(context) || declared <= 0 || declared > LARGEST || !reserve(declared)) {
            context.next();
            return;
        }

        context.addEndHandler(done -> reserved.addAndGet(-declared)); // also when the connection closes
        context.request().body()
                .onSuccess(body -> {
                    context.setBody(body);
                    context.next();
                })
                .onFailure(broken -> abandon(context, broken));
        context.request().resume(); // Quarkus pauses every request until something reads it
    }

    /**
     * The body never arrived whole, almost always because the caller went away mid-body. Nobody is left to
     * answer, and it is not the service's fault, so this is no error to log or to count as one.
     */
    private static void abandon(RoutingContext context, Throwable broken) {
        LOG.debugf("%s %s: the body did not arrive whole (%s)", context.request().method(),
                context.request().path(), broken.toString());
        context.request().connection().close();
    }

    /**
     * HTTP/2 requests stream: Quarkus REST pauses every request it takes over, and an HTTP/2 request whose
     * body has been read refuses to pause ("Request has already been read"), where HTTP/1.1 shrugs.
     */
    private static boolean isHttp1(RoutingContext context) {
        HttpVersion version = context.request().version();
        return version == HttpVersion.HTTP_1_1 || version == HttpVersion.HTTP_1_0;
    }

    /** Takes the body's bytes from the shared budget, unless that would overdraw it. */
    private boolean reserve(long bytes) {
        long now;
        do {
            now = reserved.get();
            if (now + bytes > BUDGET) {
                return false;
            }
        } while (!reserved.compareAndSet(now, now + bytes));
        return true;
    }

    /** Bytes reserved by bodies being read or handled right now; for tests. */
    long reserved() {
        return reserved.get();
    }

    /** The request's {@code Content-Length}, or -1 if it has none that makes sense. */
    public static long declaredLength(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
