package com.usepylon.jira.security;

import java.security.SecureRandom;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Checks a property against many generated values, all drawn from one seed. The seed is random unless
 * {@code -Dfuzz.seed} fixes it, and every failure names it, so a failing run can be repeated exactly;
 * {@code -Dfuzz.tries} overrides the number of tries, for a longer run by hand.
 *
 * <p>This and {@link Gen} stand in for a property-testing library. jqwik, the usual one for Java, asks
 * from version 1.10 on not to be used by AI coding agents, which write part of this code base, and is
 * built for JUnit Platform 1 while this build runs JUnit 6. Unlike jqwik this does not shrink a failing
 * value; the failure shows the whole request instead, which is small enough to read.
 */
final class FuzzRun {

    static final long SEED = Long.getLong("fuzz.seed", new SecureRandom().nextLong());
    private static final int MAX_MESSAGE = 4_000;

    private FuzzRun() {
    }

    /**
     * Generates {@code tries} values and applies the check to each; the check answers a label for the
     * statistics that are printed at the end, such as the operation and the status it got.
     */
    static <T> void check(String property, int tries, Gen<T> values, Function<T, String> check) {
        int runTries = Integer.getInteger("fuzz.tries", tries);
        SplittableRandom random = new SplittableRandom(SEED ^ property.hashCode());
        Map<String, Integer> labels = new TreeMap<>();
        for (int run = 1; run <= runTries; run++) {
            T value = values.next(random);
            try {
                labels.merge(check.apply(value), 1, Integer::sum);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(property + " failed at try " + run + " of " + runTries
                        + ". Repeat the run with -Dfuzz.seed=" + SEED + ".\n" + value + "\nBecause: "
                        + shortened(String.valueOf(e.getMessage())), e);
            }
        }
        report(property, runTries, labels);
    }

    /** The contract filter's messages quote whole request values; the request is shown above anyway. */
    private static String shortened(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
    }

    private static void report(String property, int tries, Map<String, Integer> labels) {
        StringBuilder report = new StringBuilder(property + ": " + tries + " tries, -Dfuzz.seed=" + SEED);
        labels.forEach((label, count) -> report.append(String.format("%n  %5d  %s", count, label)));
        System.out.println(report);
    }
}
