package com.usepylon.jira.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;

/**
 * Every attempt of a call to a site's Jira API, as operations need to see it: a timer tagged with a
 * fixed operation word and the answer's status class, and a short memory of the latest results that
 * the Jira health check judges. Tags never name a site, an organization or a project.
 */
@ApplicationScoped
public class JiraCallMetrics {

    static final String CALLS = "pylon.jira.api.calls";
    static final String RECENT_FAILURE_RATIO = "pylon.jira.api.recent.failure.ratio";
    static final String IO_ERROR = "io_error";
    private static final Duration[] BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
        Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final RecentJiraCalls recent;

    public JiraCallMetrics(MeterRegistry registry, OpsConfig config, Clock clock) {
        this.registry = registry;
        this.recent = new RecentJiraCalls(config.jiraHealth().window(), config.jiraHealth().maxAge(), clock);
        Gauge.builder(RECENT_FAILURE_RATIO, recent, calls -> calls.summary().failureRatio())
                .description("Share of this replica's recent Jira calls that failed (no answer, 429 or 5xx)")
                .register(registry);
    }

    /**
     * Jira answered.
     *
     * @param operation a fixed word for what the call does, such as {@code project_search}
     */
    public void answered(String operation, int status, Duration took) {
        timer(operation, statusClass(status)).record(took);
        recent.record(status == 429 || status >= 500);
    }

    /** No answer: the connection failed or timed out. */
    public void unreachable(String operation, Duration took) {
        timer(operation, IO_ERROR).record(took);
        recent.record(true);
    }

    RecentJiraCalls.Summary recentCalls() {
        return recent.summary();
    }

    /**
     * The statuses that mean something distinct to an operator keep their number; the rest fall into
     * their class, so the set of tag values stays small whatever Jira answers.
     */
    static String statusClass(int status) {
        return switch (status) {
            case 401, 403, 404, 429 -> Integer.toString(status);
            default -> status >= 100 && status <= 599 ? (status / 100) + "xx" : "other";
        };
    }

    private Timer timer(String operation, String status) {
        return Timer.builder(CALLS)
                .description("Calls to Jira's REST API, one per attempt, by operation and status class")
                .tag("operation", operation)
                .tag("status", status)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
