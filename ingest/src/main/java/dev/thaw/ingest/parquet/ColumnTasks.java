package dev.thaw.ingest.parquet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import dev.thaw.ingest.work.Workers;

/**
 * Runs one job per column on up to {@code threads} tasks of the shared {@link Workers} pool, and returns when all
 * are done; the calling thread only waits, so busy threads never exceed the pool's size. Each column is touched by
 * one thread at a time, so column encoders need no locks; columns are taken in order, so put the costly ones first.
 */
final class ColumnTasks implements AutoCloseable {
    private final int threads;

    ColumnTasks(int threads) { this.threads = threads; }

    void run(int columns, IntConsumer job) {
        if (Workers.onWorker()) {
            for (int c = 0; c < columns; c++) job.accept(c);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int c; (c = next.getAndIncrement()) < columns; ) job.accept(c);
        };
        List<Future<?>> futures = new ArrayList<>();
        for (int k = 0; k < Math.min(threads, columns); k++) futures.add(Workers.submit(worker, true));
        Throwable failure = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) failure = e.getCause() instanceof RuntimeException || e.getCause() instanceof Error ? e.getCause() : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                // still wait for the others: none may run on after this returns
                if (failure == null) failure = new IllegalStateException("interrupted while encoding", e);
                next.set(columns);
                try { f.get(); } catch (InterruptedException | ExecutionException ignored) { }
                Thread.currentThread().interrupt();
            }
        }
        if (failure instanceof Error e) throw e;
        if (failure != null) throw (RuntimeException) failure;
    }

    @Override public void close() { }
}
