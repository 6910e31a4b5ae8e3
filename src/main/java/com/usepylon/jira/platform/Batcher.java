package com.usepylon.jira.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Lets many request threads share one database round trip: each hands in an item and waits, while one
 * thread takes every item waiting at that moment and runs them together. Under load the batches grow
 * by themselves, because the items that arrive while one batch runs make up the next; an item that
 * arrives alone runs alone, at once, so there is no timer and no added wait when the service is idle.
 *
 * <p>If a batch fails in a way that one item could have caused, each of its items runs again on its
 * own, so one bad item cannot fail the others; a failure of that single run is what its caller gets.
 * A failure that would hit every item alike, such as a database that is down, goes to every caller at
 * once instead of being tried again item by item.
 *
 * @param <I> an item of work
 * @param <O> its result; {@code work} returns one per item, in the items' order
 */
public final class Batcher<I, O> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Batcher.class);

    private record Pending<I, O>(I item, CompletableFuture<O> result) {
    }

    private final BlockingQueue<Pending<I, O>> waiting = new LinkedBlockingQueue<>();
    private final int maxBatch;
    private final Function<List<I>, List<O>> work;
    private final Predicate<RuntimeException> worthRunningAlone;
    private final Thread runner;
    private volatile boolean open = true;

    /**
     * @param name the thread's name
     * @param maxBatch the most items run together
     * @param work runs a batch, returning one result per item in the same order
     * @param worthRunningAlone whether a batch's failure may have come from one of its items
     */
    public Batcher(String name, int maxBatch, Function<List<I>, List<O>> work,
            Predicate<RuntimeException> worthRunningAlone) {
        this.maxBatch = maxBatch;
        this.work = work;
        this.worthRunningAlone = worthRunningAlone;
        this.runner = new Thread(this::run, name);
        runner.setDaemon(true);
        runner.start();
    }

    /** Runs the item in the next batch and returns its result, or throws what running it threw. */
    public O submit(I item) {
        if (!open) {
            throw closed();
        }
        Pending<I, O> pending = new Pending<>(item, new CompletableFuture<>());
        waiting.add(pending);
        if (!open && waiting.remove(pending)) {
            throw closed(); // closed meanwhile, and the thread may have gone without seeing it
        }
        try {
            return pending.result().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a batch", e);
        }
    }

    /** Runs what is waiting, then stops the thread. */
    @Override
    public void close() {
        open = false;
        runner.interrupt();
    }

    /** Items handed in that no batch has taken yet; for tests. */
    int waiting() {
        return waiting.size();
    }

    private IllegalStateException closed() {
        return new IllegalStateException("The " + runner.getName() + " batcher is closed");
    }

    private void run() {
        List<Pending<I, O>> batch = new ArrayList<>(maxBatch);
        while (open || !waiting.isEmpty()) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                continue; // closing: the loop condition decides whether anything is left
            }
            waiting.drainTo(batch, maxBatch - 1);
            runAll(batch);
            batch.clear();
        }
    }

    private void runAll(List<Pending<I, O>> batch) {
        List<O> results;
        try {
            results = work.apply(batch.stream().map(Pending::item).toList());
            if (results.size() != batch.size()) {
                throw new IllegalStateException("A batch of " + batch.size() + " gave " + results.size()
                        + " results");
            }
        } catch (RuntimeException e) {
            failed(batch, e);
            return;
        } catch (Error e) {
            LOG.errorf(e, "A batch of %d failed", batch.size()); // the thread goes on serving the others
            batch.forEach(pending -> pending.result().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
    }

    private void failed(List<Pending<I, O>> batch, RuntimeException e) {
        if (batch.size() == 1 || !worthRunningAlone.test(e)) {
            batch.forEach(pending -> pending.result().completeExceptionally(e));
            return;
        }
        LOG.debugf("A batch of %d failed (%s); running each item alone", batch.size(), e);
        batch.forEach(pending -> runAll(List.of(pending)));
    }
}
