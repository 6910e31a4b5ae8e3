package com.usepylon.jira.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A closed-loop HTTP load generator: a fixed number of workers, each on its own kept-alive connection,
 * send one request, wait for the answer and send the next. It measures throughput and latency
 * percentiles of one endpoint over a warm-up and several timed rounds. Requests are prepared bytes
 * ({@link Http11Connection}), so the generator takes as little CPU from the service as it can.
 */
final class LoadGenerator {

    private final InetSocketAddress server;
    private final int concurrency;

    LoadGenerator(InetSocketAddress server, int concurrency) {
        this.server = server;
        this.concurrency = concurrency;
    }

    /** What one endpoint achieved over all measured rounds. */
    record Result(String name, double requestsPerSecond, double p50Millis, double p99Millis, long requests,
            long failures) {
    }

    /**
     * Warms up, then measures {@code rounds} rounds and reports the median round's throughput and the
     * latency percentiles of every measured request.
     *
     * @param expectedStatus answers with another status count as failures
     */
    Result measure(String name, Supplier<byte[]> requests, int expectedStatus, Duration warmUp,
            int rounds, Duration round) {
        run(requests, expectedStatus, warmUp);
        List<Round> measured = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            measured.add(run(requests, expectedStatus, round));
        }
        long[] latencies = measured.stream().flatMapToLong(r -> Arrays.stream(r.latenciesNanos()))
                .sorted().toArray();
        double[] throughputs = measured.stream().mapToDouble(Round::requestsPerSecond).sorted().toArray();
        return new Result(name, throughputs[throughputs.length / 2], percentile(latencies, 0.50),
                percentile(latencies, 0.99), latencies.length,
                measured.stream().mapToLong(Round::failures).sum());
    }

    private record Round(long[] latenciesNanos, double requestsPerSecond, long failures) {
    }

    private Round run(Supplier<byte[]> requests, int expectedStatus, Duration length) {
        long endsAt = System.nanoTime() + length.toNanos();
        AtomicLong failures = new AtomicLong();
        long[][] perWorker = new long[concurrency][];
        CountDownLatch done = new CountDownLatch(concurrency);
        long started = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            Worker worker = new Worker(requests, expectedStatus, endsAt, failures);
            int index = i;
            Thread thread = new Thread(() -> {
                try {
                    perWorker[index] = worker.call();
                } finally {
                    done.countDown(); // after the write above, so the await below sees it
                }
            }, "load-" + i);
            thread.setDaemon(true);
            thread.start();
        }
        await(done);
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] all = Arrays.stream(perWorker).flatMapToLong(Arrays::stream).toArray();
        return new Round(all, all.length / seconds, failures.get());
    }

    private final class Worker {
        private final Supplier<byte[]> requests;
        private final int expectedStatus;
        private final long endsAt;
        private final AtomicLong failures;

        Worker(Supplier<byte[]> requests, int expectedStatus, long endsAt, AtomicLong failures) {
            this.requests = requests;
            this.expectedStatus = expectedStatus;
            this.endsAt = endsAt;
            this.failures = failures;
        }

        long[] call() {
            long[] latencies = new long[1024];
            int count = 0;
            try (Http11Connection connection = new Http11Connection(server)) {
                while (System.nanoTime() < endsAt) {
                    byte[] request = requests.get();
                    long start = System.nanoTime();
                    if (connection.exchange(request) != expectedStatus) {
                        failures.incrementAndGet();
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = System.nanoTime() - start;
                }
            }
            return Arrays.copyOf(latencies, count);
        }
    }

    private static void await(CountDownLatch done) {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while measuring", e);
        }
    }

    private static double percentile(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }
}
