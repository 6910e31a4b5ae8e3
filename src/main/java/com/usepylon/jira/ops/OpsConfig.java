package com.usepylon.jira.ops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of the operations side: when the Jira health check calls Jira degraded. Its own prefix,
 * because {@code pylon.jira} is claimed whole by the Jira client's mapping.
 */
@ConfigMapping(prefix = "pylon.ops")
public interface OpsConfig {

    /** How the recent Jira calls are judged. */
    JiraHealth jiraHealth();

    /** How the recent Jira calls are judged. */
    interface JiraHealth {

        /** How many of the latest Jira calls (attempts, retries included) are remembered. */
        @WithDefault("20")
        int window();

        /** Fewer remembered calls than this say nothing either way; the check stays UP. */
        @WithDefault("5")
        int minCalls();

        /** Jira counts as degraded when at least this share of the remembered calls failed. */
        @WithDefault("0.5")
        double failureRatio();

        /**
         * Calls older than this are forgotten, so that one bad hour does not mark Jira degraded
         * long after it recovered on a quiet service that made no calls since.
         */
        @WithDefault("10M")
        Duration maxAge();
    }
}
