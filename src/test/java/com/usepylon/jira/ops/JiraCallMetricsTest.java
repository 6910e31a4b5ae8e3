package com.usepylon.jira.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JiraCallMetricsTest {

    @Test
    void statusClass_keepsDistinctStatusesAndGroupsTheRest() {
        assertThat(JiraCallMetrics.statusClass(200)).isEqualTo("2xx");
        assertThat(JiraCallMetrics.statusClass(401)).isEqualTo("401");
        assertThat(JiraCallMetrics.statusClass(429)).isEqualTo("429");
        assertThat(JiraCallMetrics.statusClass(418)).isEqualTo("4xx");
        assertThat(JiraCallMetrics.statusClass(503)).isEqualTo("5xx");
        assertThat(JiraCallMetrics.statusClass(999)).isEqualTo("other");
    }
}
