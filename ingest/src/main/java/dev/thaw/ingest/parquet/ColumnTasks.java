package dev.thaw.ingest.parquet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs one job per column on the caller plus {@code threads - 1} helper threads, and returns when all are done.
 * Each column is touched by one thread at a time, so column encoders need no locks; columns are taken in order, so
 * put the costly ones first.
 */
final class ColumnTasks implements AutoCloseable {
    private final int threads;
    private ExecutorService helpers;

    ColumnTasks(int threads) { this.threads = threads; }

    void run(int columns, IntConsumer job) {
        if (threads <= 1 || columns <= 1) {
            for (int c = 0; c < columns; c++) job.accept(c);
            return;
        }
        if (helpers == null) helpers = Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "thaw-encode");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int c; (c = next.getAndIncrement()) < columns; ) job.accept(c);
        };
        List<Future<?>> futures = new ArrayList<>();
        for (int k = 1; k < threads; k++) futures.add(helpers.submit(worker));
        Throwable failure = null;
        try {
            worker.run();
        } catch (RuntimeException | Error e) {
            failure = e; // still wait for the helpers: none may run on after this returns
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) failure = e.getCause() instanceof RuntimeException || e.getCause() instanceof Error ? e.getCause() : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) failure = new IllegalStateException("interrupted while encoding", e);
            }
        }
        if (failure instanceof Error e) throw e;
        if (failure != null) throw (RuntimeException) failure;
    }

    @Override public void close() {
        if (helpers != null) helpers.shutdownNow();
    }
}
