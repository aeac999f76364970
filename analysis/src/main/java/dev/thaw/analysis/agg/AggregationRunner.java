package dev.thaw.analysis.agg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Aggregates many inputs in parallel with a bounded thread pool: one fresh aggregator per input, merged in input
 * order into a {@link MergeTree} as soon as every earlier input is done. The result is therefore the same for any
 * thread count (bit for bit), and the same as a distributed run whose tasks each aggregate an aligned block of
 * inputs with this runner; memory holds at most the finished-but-unmerged aggregators (about the thread count when
 * inputs have similar sizes) plus log2(inputs) partial results.
 */
public final class AggregationRunner {
    private AggregationRunner() {}

    /** Opens one input. */
    @FunctionalInterface
    public interface Opener<I> {
        BatchSource open(I input) throws Exception;
    }

    /** Called from worker threads after every batch with the total rows so far, and once per finished input. */
    public interface Progress {
        void rows(long rowsSoFar);

        default void inputDone(int inputsDone, int inputsTotal) {}

        Progress NONE = rows -> {};
    }

    public static <I, S extends Aggregator<S>> S run(List<I> inputs, Opener<I> opener, Supplier<S> factory, int threads,
                                                    Progress progress) throws Exception {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (inputs.isEmpty()) return factory.get();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, inputs.size()), r -> {
            Thread t = new Thread(r, "thaw-analysis");
            t.setDaemon(true);
            return t;
        });
        AtomicLong rows = new AtomicLong();
        AtomicLong done = new AtomicLong();
        try {
            List<Future<S>> futures = new ArrayList<>(inputs.size());
            for (I input : inputs) {
                futures.add(pool.submit(() -> {
                    S agg = factory.get();
                    try (BatchSource src = opener.open(input)) {
                        while (src.next()) {
                            agg.accept(src.root());
                            progress.rows(rows.addAndGet(src.root().getRowCount()));
                        }
                    }
                    progress.inputDone((int) done.incrementAndGet(), inputs.size());
                    return agg;
                }));
            }
            MergeTree<S> tree = new MergeTree<>();
            for (int i = 0; i < futures.size(); i++) {
                S part;
                try {
                    part = futures.get(i).get();
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof Exception ex) throw ex;
                    throw e;
                }
                futures.set(i, null);
                tree.push(part);
            }
            return tree.fold(null);
        } finally {
            pool.shutdownNow();
        }
    }
}
