package com.usepylon.jira.jiraclient;

import com.usepylon.jira.jiraclient.JiraCallException.Kind;
import com.usepylon.jira.ops.JiraCallMetrics;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Sends GET requests to a site's Jira REST API with the site's current system token, retrying what is
 * worth retrying (429, 5xx, no answer). It calls only base URLs that match
 * {@code pylon.jira.api-base-url-pattern}, and logs method, path, status and duration, never a token, a
 * query or a body. Every attempt is also timed for the metrics and the Jira health check.
 */
@Singleton
class JiraTransport {

    private static final Logger LOG = Logger.getLogger(JiraTransport.class);

    private final SystemTokens tokens;
    private final JiraApiConfig.Client config;
    private final Pattern allowedBaseUrls;
    private final Backoff backoff;
    private final Pause pause;
    private final JiraCallMetrics metrics;
    private final HttpClient http;

    JiraTransport(SystemTokens tokens, JiraApiConfig config, Backoff backoff, Pause pause,
            JiraCallMetrics metrics) {
        this.tokens = tokens;
        this.config = config.client();
        this.allowedBaseUrls = Pattern.compile(config.apiBaseUrlPattern());
        this.backoff = backoff;
        this.pause = pause;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder()
                .connectTimeout(this.config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** One attempt's result: Jira's answer, or why there was none. */
    private record Attempt(HttpResponse<byte[]> response, IOException failure) {

        boolean worthRetrying() {
            return failure != null || response.statusCode() == 429 || response.statusCode() >= 500;
        }

        String describe() {
            return failure != null ? "no answer (" + failure.getClass().getSimpleName() + ")"
                    : "HTTP " + response.statusCode();
        }
    }

    /**
     * GETs {@code pathAndQuery} below the site's API base URL.
     *
     * @param operation what the call does
     * @return Jira's answer, 2xx or a 4xx other than 401 and 429, for the caller to interpret
     * @throws JiraCallException NO_CREDENTIALS, URL_NOT_ALLOWED, UNAUTHORIZED (401) or UNAVAILABLE
     */
    HttpResponse<byte[]> get(String cloudId, String pathAndQuery, JiraOperation operation) {
        SiteCredentials site = tokens.current(cloudId).orElseThrow(JiraTransport::noCredentials);
        HttpRequest request = HttpRequest.newBuilder(allowedUri(site.apiBaseUrl(), pathAndQuery))
                .timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + site.systemToken())
                .header("Accept", "application/json")
                .GET()
                .build();

        HttpResponse<byte[]> response = withRetries(request, operation);
        if (response.statusCode() == 401) {
            throw unauthorized();
        }
        return response;
    }

    private HttpResponse<byte[]> withRetries(HttpRequest request, JiraOperation operation) {
        for (int attempt = 1; ; attempt++) {
            Attempt outcome = send(request, operation, attempt);
            if (!outcome.worthRetrying()) {
                return outcome.response();
            }
            if (attempt >= config.maxAttempts()) {
                throw new JiraCallException(Kind.UNAVAILABLE, "Jira did not answer Pylon's request to "
                        + operation.action() + " after " + attempt + " attempts (last: " + outcome.describe()
                        + "); Pylon will try again at the next refresh.", outcome.failure());
            }
            sleep(waitBefore(attempt, outcome, operation.action()));
        }
    }

    private Attempt send(HttpRequest request, JiraOperation operation, int attempt) {
        long started = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Duration took = log(request, String.valueOf(response.statusCode()), started, attempt);
            metrics.answered(operation.tag(), response.statusCode(), took);
            return new Attempt(response, null);
        } catch (IOException e) {
            Duration took = log(request, e.getClass().getSimpleName(), started, attempt);
            metrics.unreachable(operation.tag(), took);
            return new Attempt(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        }
    }

    private Duration waitBefore(int failedAttempts, Attempt outcome, String action) {
        Optional<String> header = Optional.ofNullable(outcome.response())
                .flatMap(response -> response.headers().firstValue("Retry-After"));
        Optional<Duration> asked = backoff.retryAfter(header);
        if (asked.isPresent() && asked.get().compareTo(config.maxRetryAfter()) > 0) {
            throw new JiraCallException(Kind.UNAVAILABLE, "Jira asked Pylon to wait "
                    + asked.get().toSeconds() + " seconds before it may " + action + " again; Pylon will try"
                    + " again at the next refresh.");
        }
        return asked.orElseGet(() -> backoff.jittered(failedAttempts));
    }

    private void sleep(Duration wait) {
        try {
            pause.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        }
    }

    /** The full URL, if the base URL is one the service may call; otherwise no request is made. */
    private URI allowedUri(String apiBaseUrl, String pathAndQuery) {
        if (!allowedBaseUrls.matcher(apiBaseUrl).matches()) {
            throw notAllowed(apiBaseUrl);
        }
        String base = apiBaseUrl.replaceFirst("/$", "");
        try {
            return URI.create(base + pathAndQuery);
        } catch (IllegalArgumentException e) {
            throw notAllowed(apiBaseUrl);
        }
    }

    /** Logs the attempt and says how long it took. */
    private Duration log(HttpRequest request, String status, long startedNanos, int attempt) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        LOG.debugf("%s %s -> %s in %d ms (attempt %d of %d)", request.method(), request.uri().getPath(),
                status, took.toMillis(), attempt, config.maxAttempts());
        return took;
    }

    private static JiraCallException noCredentials() {
        return new JiraCallException(Kind.NO_CREDENTIALS, "Pylon has no current Jira credentials for this"
                + " site. Open Pylon's app in Jira (any Pylon page there) so it can send fresh credentials,"
                + " then try again.");
    }

    private static JiraCallException unauthorized() {
        return new JiraCallException(Kind.UNAUTHORIZED, "Jira no longer accepts Pylon's credentials for"
                + " this site. Open Pylon's app in Jira (any Pylon page there) so it can send fresh"
                + " credentials, or reinstall the app.");
    }

    private static JiraCallException notAllowed(String apiBaseUrl) {
        return new JiraCallException(Kind.URL_NOT_ALLOWED, "Pylon did not call this site's Jira API at "
                + apiBaseUrl + " because that address is not an allowed Atlassian API address"
                + " (pylon.jira.api-base-url-pattern). Contact Pylon support.");
    }

    private static JiraCallException interrupted(InterruptedException e) {
        return new JiraCallException(Kind.UNAVAILABLE, "Pylon stopped waiting for Jira because the service is"
                + " shutting down; it will try again at the next refresh.", e);
    }
}
