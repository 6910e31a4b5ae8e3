package com.usepylon.jira.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RecentJiraCallsTest {

    private final MovableClock clock = new MovableClock();

    @Test
    void summary_countsOnlyTheLatestCalls() {
        RecentJiraCalls calls = new RecentJiraCalls(3, Duration.ofMinutes(10), clock);

        calls.record(true);
        calls.record(true);
        calls.record(false);
        calls.record(false);

        assertThat(calls.summary()).isEqualTo(new RecentJiraCalls.Summary(3, 1));
    }

    @Test
    void summary_forgetsCallsOlderThanTheMaximumAge() {
        RecentJiraCalls calls = new RecentJiraCalls(10, Duration.ofMinutes(10), clock);
        calls.record(true);
        clock.advance(Duration.ofMinutes(11));
        calls.record(false);

        RecentJiraCalls.Summary summary = calls.summary();

        assertThat(summary).isEqualTo(new RecentJiraCalls.Summary(1, 0));
        assertThat(summary.failureRatio()).isZero();
    }

    @Test
    void failureRatio_withoutCalls_isZero() {
        assertThat(new RecentJiraCalls(5, Duration.ofMinutes(1), clock).summary().failureRatio()).isZero();
    }

    /** A clock that moves only when told. */
    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
