package dev.thaw.spark;

import dev.thaw.analysis.agg.AggregationRunner;
import dev.thaw.analysis.agg.Aggregator;
import dev.thaw.analysis.agg.AggregatorFactory;
import dev.thaw.analysis.agg.MergeTree;
import dev.thaw.analysis.agg.PassRunner;
import dev.thaw.analysis.agg.TraceInputs;
import dev.thaw.ingest.BadInputException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * An analysis pass as one Spark job. The inputs are cut into aligned blocks of 2^k consecutive inputs, one task per
 * block; a task reads its inputs with thaw's readers into fresh aggregators and merges them ({@link AggregationRunner},
 * one thread); the driver merges the block results with {@link MergeTree}. Since each full block is exactly a subtree
 * of the tree the local run builds, the merged aggregate equals the local one bit for bit.
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
        List<S> parts;
        try {
            parts = sc.parallelize(blocks, blocks.size()).map(b -> aggregate(b, factory, rowsAcc, driverDir)).collect();
        } catch (Exception e) {  // SparkException is checked, though Java does not see it declared
            throw unwrap(e);
        }
        MergeTree<S> tree = new MergeTree<>();
        int height = MergeTree.heightOf(block);
        S tail = null;
        for (int i = 0; i < parts.size(); i++) {
            if (blocks.get(i).size() == block) tree.pushSubtree(parts.get(i), height);
            else tail = parts.get(i);  // only the last block can be short: it is the fold of its own leaves
        }
        return tree.fold(tail);
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
     * Inputs per task: a power of two (so blocks are subtrees of the merge tree), about four tasks per core for
     * balance, one input per task when there are few.
     */
    static int blockSize(int inputs, int parallelism) {
        return Integer.highestOneBit(Math.max(1, inputs / (4 * Math.max(1, parallelism))));
    }

    /** Bad input found in a task is reported as it is locally (file, line, column), not as Spark's job failure. */
    static Exception unwrap(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause())
            if (t instanceof BadInputException b) return b;
        return e;
    }
}
