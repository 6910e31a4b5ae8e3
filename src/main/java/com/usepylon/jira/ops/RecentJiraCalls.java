package com.usepylon.jira.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The latest Jira call results of this replica, oldest first, bounded in number and age. Each replica
 * judges Jira by its own calls; that is enough to show an outage, which every replica sees alike.
 */
final class RecentJiraCalls {

    private record Call(Instant at, boolean failed) {
    }

    /** What the remembered calls add up to. */
    record Summary(int calls, int failed) {

        double failureRatio() {
            return calls == 0 ? 0 : (double) failed / calls;
        }
    }

    private final Deque<Call> calls = new ArrayDeque<>();
    private final int capacity;
    private final Duration maxAge;
    private final Clock clock;

    RecentJiraCalls(int capacity, Duration maxAge, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException(
                    "pylon.ops.jira-health.window must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    synchronized void record(boolean failed) {
        calls.addLast(new Call(clock.instant(), failed));
        while (calls.size() > capacity) {
            calls.removeFirst();
        }
    }

    synchronized Summary summary() {
        Instant oldestKept = clock.instant().minus(maxAge);
        while (!calls.isEmpty() && calls.peekFirst().at().isBefore(oldestKept)) {
            calls.removeFirst();
        }
        int failed = (int) calls.stream().filter(Call::failed).count();
        return new Summary(calls.size(), failed);
    }
}
