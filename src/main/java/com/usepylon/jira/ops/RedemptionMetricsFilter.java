package com.usepylon.jira.ops;

import com.usepylon.jira.problem.Problem;
import com.usepylon.jira.problem.ProblemType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Counts token redemptions by outcome from the answer the caller got. Reading the final response,
 * rather than hooking every place in the token and link services that can refuse, keeps those
 * services free of metrics code and counts exactly what the Jira admin saw, failures of our own
 * included.
 */
@Provider
@CountsRedemptions
public class RedemptionMetricsFilter implements ContainerResponseFilter {

    private static final Map<String, RedemptionOutcome> BY_PROBLEM = Map.of(
            ProblemType.CONFIGURATION_TOKEN_INVALID.uri(), RedemptionOutcome.INVALID,
            ProblemType.CONFIGURATION_TOKEN_EXPIRED.uri(), RedemptionOutcome.EXPIRED,
            ProblemType.CONFIGURATION_TOKEN_USED.uri(), RedemptionOutcome.USED,
            ProblemType.CONFIGURATION_TOKEN_REPLACED.uri(), RedemptionOutcome.REPLACED,
            ProblemType.TOO_MANY_ATTEMPTS.uri(), RedemptionOutcome.THROTTLED,
            ProblemType.SITE_ALREADY_LINKED.uri(), RedemptionOutcome.CONFLICT,
            ProblemType.ORGANIZATION_ALREADY_LINKED.uri(), RedemptionOutcome.CONFLICT);

    private final OpsMetrics metrics;

    public RedemptionMetricsFilter(OpsMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        metrics.redemption(outcome(response.getStatus(), response.getEntity()));
    }

    static RedemptionOutcome outcome(int status, Object entity) {
        if (status >= 200 && status < 300) {
            return RedemptionOutcome.LINKED;
        }
        if (entity instanceof Problem problem && BY_PROBLEM.containsKey(problem.type())) {
            return BY_PROBLEM.get(problem.type());
        }
        return status >= 500 ? RedemptionOutcome.FAILED : RedemptionOutcome.REJECTED;
    }
}
