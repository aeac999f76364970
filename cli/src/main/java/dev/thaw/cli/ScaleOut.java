package dev.thaw.cli;

import dev.thaw.analysis.agg.PassRunner;
import java.util.ServiceLoader;

/**
 * Where {@code --spark MASTER} plugs in. The core modules never see Spark: the thaw-spark module implements this
 * interface and registers it for {@link ServiceLoader}; the {@code thaw} launcher puts that module's classpath
 * (thaw-spark.jar and Spark's jars) on the JVM only when {@code --spark} is given, and spark-submit runs the
 * thaw-spark-submit.jar, which holds it.
 */
public interface ScaleOut extends AutoCloseable {

    /** Progress of the cluster job as the driver sees it: rows aggregated so far and a short stage/task line. */
    interface Progress {
        void update(long rows, String message);
    }

    /** Connects to {@code master} ({@code local[N]}, {@code spark://host:port}, {@code yarn}, {@code k8s://...}). */
    interface Provider {
        ScaleOut connect(String master, Progress progress);
    }

    /** Runs analysis passes as cluster jobs: every task reads its inputs with thaw's readers, the parts merge in tasks and on the driver. */
    PassRunner passRunner();

    /** A function a cluster runs on its executors: serializable, with no state but what it carries. */
    interface Remote<T, R> extends java.util.function.Function<T, R>, java.io.Serializable {}

    /** Applies {@code fn} to every item on the cluster's executors; the results come back in input order. */
    <T extends java.io.Serializable, R> java.util.List<R> map(java.util.List<T> items, Remote<T, R> fn);

    /** A function of an executor-held state and a value the driver computed, run on the executors. */
    interface RemoteWith<S, B, R> extends java.io.Serializable {
        R apply(S state, B value);
    }

    /**
     * Two rounds over the same items, each item's state staying on the executors between them: {@code open} builds
     * the state and {@code first} summarises it; the driver combines the summaries into one value, which
     * {@code second} applies to every state. Results come back in input order. A state lost between the rounds is
     * rebuilt by {@code open}, so {@code open} must be deterministic and {@code second} must tolerate a retry.
     */
    <T extends java.io.Serializable, S, A, B extends java.io.Serializable, R> java.util.List<R> twoRounds(java.util.List<T> items,
            Remote<T, S> open, Remote<S, A> first, java.util.function.Function<java.util.List<A>, B> combine, RemoteWith<S, B, R> second);

    /** How many tasks can run at once (the cluster's default parallelism). */
    int parallelism();

    @Override void close();

    /** The registered provider, or a usage error that says how to get one. */
    static Provider provider() {
        return ServiceLoader.load(Provider.class).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "--spark needs the thaw-spark module, which is not on this classpath: run through the ./thaw launcher "
                        + "(it adds spark/target/lib when --spark is given), or spark-submit spark/target/thaw-spark-submit.jar"));
    }
}
