package com.usepylon.jira.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatcherTest {

    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    private Batcher<Integer, String> batcher;

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (batcher != null) {
            batcher.close();
        }
    }

    @Test
    void anItemAlone_runsAtOnce_inABatchOfItsOwn() {
        batcher = batcher(100, items -> items.stream().map(item -> "done " + item).toList());

        assertThat(batcher.submit(7)).isEqualTo("done 7");
        assertThat(batches).containsExactly(List.of(7));
    }

    @Test
    void itemsThatArriveWhileABatchRuns_runTogetherInTheNext() throws Exception {
        CountDownLatch firstBatchRunning = new CountDownLatch(1);
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        batcher = batcher(100, items -> {
            if (items.contains(0)) {
                firstBatchRunning.countDown();
                await(releaseFirstBatch);
            }
            return items.stream().map(item -> "done " + item).toList();
        });
        Future<String> first = callers.submit(() -> batcher.submit(0));
        firstBatchRunning.await(5, TimeUnit.SECONDS);

        List<Future<String>> later = new ArrayList<>();
        for (int item = 1; item <= 5; item++) {
            int submitted = item;
            later.add(callers.submit(() -> batcher.submit(submitted)));
        }
        awaitWaiting(5);
        releaseFirstBatch.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("done 0");
        for (int item = 1; item <= 5; item++) {
            assertThat(later.get(item - 1).get(5, TimeUnit.SECONDS)).isEqualTo("done " + item);
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    @Test
    void aBatchNeverHoldsMoreThanItsMaximum() throws Exception {
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        batcher = batcher(2, items -> {
            await(releaseFirstBatch);
            return items.stream().map(String::valueOf).toList();
        });
        List<Future<String>> results = new ArrayList<>();
        results.add(callers.submit(() -> batcher.submit(0)));
        awaitWaiting(0);
        for (int item = 1; item < 5; item++) {
            int submitted = item;
            results.add(callers.submit(() -> batcher.submit(submitted)));
        }
        awaitWaiting(4);
        releaseFirstBatch.countDown();

        for (Future<String> result : results) {
            result.get(5, TimeUnit.SECONDS);
        }
        assertThat(batches).extracting(List::size).containsExactly(1, 2, 2);
    }

    @Test
    void aBatchThatOneBadItemFails_isRunItemByItem_soOnlyThatItemsCallerFails() throws Exception {
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        batcher = batcher(100, items -> {
            await(releaseFirstBatch);
            if (items.contains(13)) {
                throw new IllegalArgumentException("13 is unlucky");
            }
            return items.stream().map(item -> "done " + item).toList();
        });
        Future<String> first = callers.submit(() -> batcher.submit(0));
        Future<String> bad = callers.submit(() -> batcher.submit(13));
        Future<String> good = callers.submit(() -> batcher.submit(14));
        awaitWaiting(2);
        releaseFirstBatch.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("done 0");
        assertThat(good.get(5, TimeUnit.SECONDS)).isEqualTo("done 14");
        assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("13 is unlucky");
    }

    @Test
    void aFailureThatHitsEveryItemAlike_reachesEveryCaller_withoutRunningThemOneByOne() throws Exception {
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        batcher = new Batcher<>("test", 100, record(items -> {
            await(releaseFirstBatch);
            throw new IllegalStateException("database down");
        }), failure -> !failure.getMessage().equals("database down"));
        List<Future<String>> results = new ArrayList<>();
        results.add(callers.submit(() -> batcher.submit(0)));
        awaitWaiting(0);
        results.add(callers.submit(() -> batcher.submit(1)));
        results.add(callers.submit(() -> batcher.submit(2)));
        awaitWaiting(2);
        releaseFirstBatch.countDown();

        for (Future<String> result : results) {
            assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS)).hasMessageContaining("database down");
        }
        assertThat(batches).containsExactly(List.of(0), List.of(1, 2));
    }

    @Test
    void workThatReturnsTheWrongNumberOfResults_failsItsCallers() {
        batcher = batcher(100, items -> List.of());

        assertThatThrownBy(() -> batcher.submit(1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("gave 0 results");
    }

    @Test
    void afterClosing_submittingFails_insteadOfWaitingForever() {
        batcher = batcher(100, items -> items.stream().map(String::valueOf).toList());
        batcher.close();

        assertThatThrownBy(() -> batcher.submit(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    private Batcher<Integer, String> batcher(int maxBatch, Function<List<Integer>, List<String>> work) {
        return new Batcher<>("test", maxBatch, record(work), failure -> true);
    }

    /** Wraps the work so that each batch it is given is recorded. */
    private Function<List<Integer>, List<String>> record(Function<List<Integer>, List<String>> work) {
        return items -> {
            batches.add(List.copyOf(items));
            return work.apply(items);
        };
    }

    /** Waits until the batcher's queue holds this many items that no batch has taken yet. */
    private void awaitWaiting(int items) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (batcher.waiting() != items || (items == 0 && batches.isEmpty())) {
            assertThat(System.nanoTime()).as("%d items waiting in time", items).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
