package dev.thaw.ingest.work;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one pool of threads that ingest work runs on: CSV byte ranges parsed and Parquet columns encoded are tasks
 * of this pool, and the thread that drives a conversion only waits for them. So {@code -Dthaw.threads=N} means N
 * busy threads at most, as DuckDB's {@code SET threads=N} does (a comparison at equal threads is then fair).
 */
public final class Workers {
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static ThreadPoolExecutor pool;

    private Workers() {}

    /** {@code -Dthaw.threads} ({@code -Dthaw.write.threads} as before), else one per processor. */
    public static int threads() {
        Integer n = Integer.getInteger("thaw.threads");
        if (n == null) n = Integer.getInteger("thaw.write.threads");
        return Math.max(1, n != null ? n : Runtime.getRuntime().availableProcessors());
    }

    /** The shared pool, resized to {@link #threads()} (tasks queue first in, first out). */
    public static synchronized ThreadPoolExecutor pool() {
        int n = threads();
        if (pool == null) {
            pool = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
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
