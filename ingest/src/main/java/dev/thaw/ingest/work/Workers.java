package dev.thaw.ingest.work;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one pool of threads that ingest work runs on: CSV byte ranges parsed and Parquet columns encoded are tasks
 * of this pool, and the thread that drives a conversion only waits for them. So {@code -Dthaw.threads=N} means N
 * busy threads at most, as DuckDB's {@code SET threads=N} does (a comparison at equal threads is then fair).
 * Urgent tasks (encoding the batch the driver waits for) run before queued ones (parsing ahead), so a thread that
 * runs out of columns to encode parses the next range instead of idling.
 */
public final class Workers {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static ThreadPoolExecutor pool;

    private Workers() {}

    /** {@code -Dthaw.threads} ({@code -Dthaw.write.threads} as before), else one per processor. */
    public static int threads() {
        Integer n = Integer.getInteger("thaw.threads");
        if (n == null) n = Integer.getInteger("thaw.write.threads");
        return Math.max(1, n != null ? n : Runtime.getRuntime().availableProcessors());
    }

    /** Runs {@code job} on the pool; urgent jobs first, then in submission order. */
    public static <T> Future<T> submit(Callable<T> job, boolean urgent) {
        Task<T> t = new Task<>(job, urgent, SEQUENCE.incrementAndGet());
        pool().execute(t);
        return t;
    }

    public static Future<?> submit(Runnable job, boolean urgent) {
        return submit(() -> { job.run(); return null; }, urgent);
    }

    private static final class Task<T> extends FutureTask<T> implements Comparable<Task<?>> {
        final boolean urgent;
        final long order;

        Task(Callable<T> job, boolean urgent, long order) {
            super(job);
            this.urgent = urgent;
            this.order = order;
        }

        @Override public int compareTo(Task<?> o) {
            if (urgent != o.urgent) return urgent ? -1 : 1;
            return Long.compare(order, o.order);
        }
    }

    /** The shared pool, resized to {@link #threads()}; submit through {@link #submit} (its queue orders tasks). */
    private static synchronized ThreadPoolExecutor pool() {
        int n = threads();
        if (pool == null) {
            pool = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new PriorityBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "thaw-worker-" + COUNT.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            pool.allowCoreThreadTimeOut(true);
        } else if (pool.getMaximumPoolSize() != n) {
            if (n > pool.getMaximumPoolSize()) { pool.setMaximumPoolSize(n); pool.setCorePoolSize(n); }
            else { pool.setCorePoolSize(n); pool.setMaximumPoolSize(n); }
        }
        return pool;
    }

    /** True on a pool thread: work submitted from there runs inline, since waiting for the pool could deadlock. */
    public static boolean onWorker() { return Thread.currentThread().getName().startsWith("thaw-worker-"); }
}
