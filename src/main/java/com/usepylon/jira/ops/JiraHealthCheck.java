package com.usepylon.jira.ops;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Says whether Jira has been answering this replica's calls, at {@code /q/health/group/jira}. It is
 * deliberately in a group of its own and not a readiness check: Jira being down must show as
 * degraded on a dashboard, but must never take the service out of the load balancer, because most
 * of what the service does (tokens, links, events) needs no call to Jira at all.
 */
@HealthGroup(JiraHealthCheck.GROUP)
@ApplicationScoped
public class JiraHealthCheck implements HealthCheck {

    static final String GROUP = "jira";
    static final String NAME = "Jira API";

    private final JiraCallMetrics calls;
    private final OpsConfig.JiraHealth config;

    public JiraHealthCheck(JiraCallMetrics calls, OpsConfig config) {
        this.calls = calls;
        this.config = config.jiraHealth();
    }

    @Override
    public HealthCheckResponse call() {
        RecentJiraCalls.Summary recent = calls.recentCalls();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .withData("recentCalls", recent.calls())
                .withData("failedCalls", recent.failed());
        if (recent.calls() < config.minCalls()) {
            return response.up().withData("state", "too_few_recent_calls").build();
        }
        if (recent.failureRatio() >= config.failureRatio()) {
            return response.down().withData("state", "degraded").build();
        }
        return response.up().withData("state", "ok").build();
    }
}
