package com.usepylon.jira.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private final MovableClock clock = new MovableClock();
    private final VerifiedTokens<String> tokens = new VerifiedTokens<>(3, Duration.ofMinutes(5), clock);

    /** Stands still at {@link #NOW} until moved. */
    private static final class MovableClock extends Clock {
        private Instant now = NOW;

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void lookup_ofARememberedToken_returnsItsIdentity() {
        tokens.remember("header.payload.signature", "alice", NOW.plusSeconds(60));

        assertThat(tokens.lookup("header.payload.signature")).contains("alice");
    }

    @Test
    void lookup_ofATokenThatDiffersInOneByte_misses() {
        tokens.remember("header.payload.signature", "alice", NOW.plusSeconds(60));

        assertThat(tokens.lookup("header.payload.signaturf")).isEmpty();
        assertThat(tokens.lookup("header.paylOad.signature")).isEmpty();
    }

    @Test
    void lookup_atTheTokensExpiry_misses() {
        tokens.remember("t", "alice", NOW.plusSeconds(60));

        clock.set(NOW.plusSeconds(60));

        assertThat(tokens.lookup("t")).isEmpty();
    }

    @Test
    void lookup_afterMaxAge_missesEvenIfTheTokenIsStillValid() {
        tokens.remember("t", "alice", NOW.plus(Duration.ofHours(1)));

        clock.set(NOW.plus(Duration.ofMinutes(5)));

        assertThat(tokens.lookup("t")).isEmpty();
    }

    @Test
    void remember_anAlreadyExpiredToken_keepsNothing() {
        tokens.remember("t", "alice", NOW.minusSeconds(1));

        assertThat(tokens.size()).isZero();
    }

    @Test
    void remember_pastMaxEntries_staysWithinTheBound() {
        for (int i = 0; i < 10; i++) {
            tokens.remember("t" + i, "user" + i, NOW.plusSeconds(60));
        }

        assertThat(tokens.size()).isLessThanOrEqualTo(3);
        assertThat(tokens.lookup("t9")).contains("user9");
    }
}
