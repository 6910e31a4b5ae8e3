package com.usepylon.jira.jiraclient;

import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long to wait before the next attempt of a Jira call: what Jira asked for in {@code Retry-After}, or
 * else exponential backoff with full jitter, so that replicas retrying after the same outage spread out
 * instead of arriving together.
 */
@Singleton
class Backoff {

    /** Doubling stops here; the bound has long reached max-backoff by then. */
    private static final int MAX_DOUBLINGS = 20;

    private final JiraApiConfig.Client config;
    private final SecureRandom random;
    private final Clock clock;

    Backoff(JiraApiConfig config, SecureRandom random, Clock clock) {
        this.config = config.client();
        this.random = random;
        this.clock = clock;
    }

    /**
     * A random wait between zero and {@code min(max-backoff, initial-backoff * 2^(failedAttempts - 1))}.
     *
     * @param failedAttempts attempts made so far, at least 1
     */
    Duration jittered(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), MAX_DOUBLINGS);
        Duration bound = config.initialBackoff().multipliedBy(1L << doublings);
        if (bound.compareTo(config.maxBackoff()) > 0) {
            bound = config.maxBackoff();
        }
        return Duration.ofMillis(random.nextLong(bound.toMillis() + 1));
    }

    /**
     * The wait a {@code Retry-After} header asks for: seconds, or an HTTP date. Empty when the header is
     * absent or unreadable, so that the caller falls back to {@link #jittered}.
     */
    Optional<Duration> retryAfter(Optional<String> header) {
        return header.map(String::trim).flatMap(value -> seconds(value).or(() -> untilDate(value)));
    }

    private static Optional<Duration> seconds(String value) {
        if (!value.matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }

    private Optional<Duration> untilDate(String value) {
        try {
            Instant date = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), date);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
