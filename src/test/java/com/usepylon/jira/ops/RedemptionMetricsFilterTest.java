package com.usepylon.jira.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.usepylon.jira.problem.Problem;
import com.usepylon.jira.problem.ProblemType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedemptionMetricsFilterTest {

    @Test
    void outcome_ofASuccess_isLinked() {
        assertThat(RedemptionMetricsFilter.outcome(200, null)).isEqualTo(RedemptionOutcome.LINKED);
    }

    @Test
    void outcome_ofTokenAndConflictProblems_isNamedByTheProblemType() {
        assertThat(RedemptionMetricsFilter.outcome(410, problem(ProblemType.CONFIGURATION_TOKEN_EXPIRED)))
                .isEqualTo(RedemptionOutcome.EXPIRED);
        assertThat(RedemptionMetricsFilter.outcome(429, problem(ProblemType.TOO_MANY_ATTEMPTS)))
                .isEqualTo(RedemptionOutcome.THROTTLED);
        assertThat(RedemptionMetricsFilter.outcome(409, problem(ProblemType.ORGANIZATION_ALREADY_LINKED)))
                .isEqualTo(RedemptionOutcome.CONFLICT);
    }

    @Test
    void outcome_ofOtherProblems_isRejectedOrFailedByStatus() {
        assertThat(RedemptionMetricsFilter.outcome(401, problem(ProblemType.UNAUTHENTICATED)))
                .isEqualTo(RedemptionOutcome.REJECTED);
        assertThat(RedemptionMetricsFilter.outcome(503, problem(ProblemType.SERVICE_UNAVAILABLE)))
                .isEqualTo(RedemptionOutcome.FAILED);
        assertThat(RedemptionMetricsFilter.outcome(500, "not a problem document"))
                .isEqualTo(RedemptionOutcome.FAILED);
    }

    private static Problem problem(ProblemType type) {
        return new Problem(type.uri(), type.title(), type.status(), "detail", "/atlassian/v1/registration",
                null, Map.of());
    }
}
