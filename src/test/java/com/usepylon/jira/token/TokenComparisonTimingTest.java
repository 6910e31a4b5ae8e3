package com.usepylon.jira.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/**
 * The final comparison of a presented token's hash with the stored one takes as long whether they differ
 * in the first byte or only in the last, so its timing tells a guesser nothing about how close a guess
 * came. The same measurement is run on a comparison that stops at the first difference, to show that it
 * can tell the two apart; otherwise passing would prove nothing.
 *
 * <p>Timings are the median of many interleaved batches, and the bounds are wide (a constant-time
 * comparison measures 1.0; the early-exit one about 0.1 to 0.3), so a busy machine does not make it flaky.
 */
class TokenComparisonTimingTest {

    private static final int BATCHES = 301;
    private static final int COMPARISONS_PER_BATCH = 20_000;

    private static long sink;

    @Test
    void matches_takesAsLongForAnEarlyDifferenceAsForALateOne() {
        double ratio = earlyToLateTimeRatio(TokenSecret::matches);

        assertThat(ratio).isBetween(0.6, 1.6);
    }

    @Test
    void theMeasurement_detectsAComparisonThatStopsAtTheFirstDifference() {
        double ratio = earlyToLateTimeRatio(TokenComparisonTimingTest::stopsAtFirstDifference);

        assertThat(ratio).isLessThan(0.6);
    }

    /** How long a mismatch in the first byte takes, relative to one in the last byte. */
    private static double earlyToLateTimeRatio(BiPredicate<byte[], byte[]> comparison) {
        byte[] stored = TokenSecret.hash(TokenSecret.generate(new SecureRandom()));
        byte[] earlyDifference = stored.clone();
        earlyDifference[0] ^= 1;
        byte[] lateDifference = stored.clone();
        lateDifference[stored.length - 1] ^= 1;

        long[] early = new long[BATCHES];
        long[] late = new long[BATCHES];
        for (int batch = 0; batch < BATCHES; batch++) {
            early[batch] = time(comparison, stored, earlyDifference);
            late[batch] = time(comparison, stored, lateDifference);
        }
        return (double) median(early) / median(late);
    }

    private static long time(BiPredicate<byte[], byte[]> comparison, byte[] stored, byte[] presented) {
        long started = System.nanoTime();
        int matched = 0;
        for (int i = 0; i < COMPARISONS_PER_BATCH; i++) {
            matched += comparison.test(stored, presented) ? 1 : 0;
        }
        long elapsed = System.nanoTime() - started;
        sink += matched; // keeps the JIT from dropping the loop
        return elapsed;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static boolean stopsAtFirstDifference(byte[] expected, byte[] presented) {
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != presented[i]) {
                return false;
            }
        }
        return true;
    }
}
