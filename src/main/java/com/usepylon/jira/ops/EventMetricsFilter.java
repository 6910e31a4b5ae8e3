package com.usepylon.jira.ops;

import com.usepylon.jira.event.EventOutcome;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Counts Jira events by the gate's answer. Only the events endpoint answers with an
 * {@link EventOutcome}, so the entity's type is what selects the responses to count. Events refused
 * before the gate (unauthenticated, malformed, database down) show in the HTTP server metrics of
 * {@code /atlassian/v1/events} instead.
 */
@Provider
public class EventMetricsFilter implements ContainerResponseFilter {

    private final OpsMetrics metrics;

    public EventMetricsFilter(OpsMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof EventOutcome outcome) {
            metrics.event(outcome.outcome(), outcome.reason());
        }
    }
}
