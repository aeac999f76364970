package dev.thaw.spark;

import dev.thaw.analysis.agg.AggregationRunner;
import dev.thaw.analysis.agg.Aggregator;
import dev.thaw.analysis.agg.AggregatorFactory;
import dev.thaw.analysis.agg.MergeTree;
import dev.thaw.analysis.agg.PassRunner;
import dev.thaw.analysis.agg.TraceInputs;
import dev.thaw.ingest.BadInputException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * An analysis pass as one Spark job. The inputs are cut into aligned blocks of 2^k consecutive inputs, one task per
 * block; a task reads its inputs with thaw's readers into fresh aggregators and merges them ({@link AggregationRunner},
 * one thread); the driver merges the block results with {@link MergeTree}. Since each full block is exactly a subtree
 * of the tree the local run builds, the merged aggregate equals the local one bit for bit.
 *
 * <p>The driver merges each block result as soon as it and every earlier one have arrived, while later tasks still
 * run (as the local runner merges while its threads read): collecting them all first left the executors idle during
 * the merge and held every block's aggregate in the driver's memory at once.
 */
final class SparkPassRunner implements PassRunner {
    private final JavaSparkContext sc;
    private final LongAccumulator rows;

    SparkPassRunner(JavaSparkContext sc, LongAccumulator rows) {
        this.sc = sc;
        this.rows = rows;
    }

    @Override public <S extends Aggregator<S>> S run(List<TraceInputs.Input> inputs, AggregatorFactory<S> factory,
                                                    AggregationRunner.Progress progress) throws Exception {
        if (inputs.isEmpty()) return factory.get();
        List<InputSplit> splits = inputs.stream().map(InputSplit::of).toList();
        int block = blockSize(splits.size(), sc.defaultParallelism());
        List<List<InputSplit>> blocks = new ArrayList<>();
        for (int i = 0; i < splits.size(); i += block) blocks.add(new ArrayList<>(splits.subList(i, Math.min(splits.size(), i + block))));
        LongAccumulator rowsAcc = rows;
        String driverDir = System.getProperty("user.dir");
        JavaRDD<S> parts = sc.parallelize(blocks, blocks.size()).map(b -> aggregate(b, factory, rowsAcc, driverDir));
        BlockingQueue<Map.Entry<Integer, S>> arrived = new LinkedBlockingQueue<>();
        List<Object> all = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) all.add(i);
        SimpleFutureAction<Object> job = sc.sc().submitJob(parts.rdd(), new OnlyElement<S>(),
                CollectionConverters.asScala(all).toList(), new AbstractFunction2<Object, S, BoxedUnit>() {
                    @Override public BoxedUnit apply(Object index, S part) {
                        arrived.add(Map.entry((Integer) index, part));
                        return BoxedUnit.UNIT;
                    }
                }, new AbstractFunction0<Object>() {
                    @Override public Object apply() { return null; }
                });
        MergeTree<S> tree = new MergeTree<>();
        int height = MergeTree.heightOf(block);
        S tail = null;
        Map<Integer, S> early = new HashMap<>();  // arrived before an earlier block: waits for it
        int next = 0;
        try {
            while (next < blocks.size()) {
                Map.Entry<Integer, S> e = arrived.poll(100, TimeUnit.MILLISECONDS);
                if (e == null) {
                    if (job.isCompleted() && arrived.isEmpty()) {
                        job.get();  // throws the job's failure; on success every part has arrived before it completed
                        if (arrived.isEmpty()) throw new IllegalStateException("Spark job finished with " + (blocks.size() - next) + " block results missing");
                    }
                    continue;
                }
                early.put(e.getKey(), e.getValue());
                for (S part; (part = early.remove(next)) != null; next++) {
                    if (blocks.get(next).size() == block) tree.pushSubtree(part, height);
                    else tail = part;  // only the last block can be short: it is the fold of its own leaves
                }
            }
        } catch (Exception e) {  // SparkException is checked, though Java does not see it declared
            job.cancel();
            throw unwrap(e);
        }
        return tree.fold(tail);
    }

    /** A task's result: its partition's one element (the block's aggregate). */
    private static final class OnlyElement<S> extends AbstractFunction1<scala.collection.Iterator<S>, S> implements Serializable {
        @Override public S apply(scala.collection.Iterator<S> it) { return it.next(); }
    }

    /** Runs in a task: the block's inputs, aggregated and merged in the shared tree shape. */
    private static <S extends Aggregator<S>> S aggregate(List<InputSplit> block, AggregatorFactory<S> factory, LongAccumulator rows,
                                                        String driverDir) throws Exception {
        List<TraceInputs.Input> inputs = block.stream().map(s -> s.toInput(driverDir)).toList();
        long[] reported = {0};
        return AggregationRunner.run(inputs, TraceInputs::open, factory, 1, soFar -> {
            rows.add(soFar - reported[0]);
            reported[0] = soFar;
        });
    }

    /**
     * Inputs per task: a power of two (so blocks are subtrees of the merge tree), about eight tasks per core so the
     * last tasks of a pass leave few cores idle, one input per task when there are few.
     */
    static int blockSize(int inputs, int parallelism) {
        return Integer.highestOneBit(Math.max(1, inputs / (8 * Math.max(1, parallelism))));
    }

    /** Bad input found in a task is reported as it is locally (file, line, column), not as Spark's job failure. */
    static Exception unwrap(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause())
            if (t instanceof BadInputException b) return b;
        return e;
    }
}
