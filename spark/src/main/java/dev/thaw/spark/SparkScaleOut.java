package dev.thaw.spark;

import dev.thaw.analysis.agg.PassRunner;
import dev.thaw.cli.ScaleOut;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * thaw's Spark session: one SparkContext for one command. Found by the CLI through {@link ScaleOut.Provider}
 * (META-INF/services), so the core modules never link against Spark.
 */
public final class SparkScaleOut implements ScaleOut {
    /** System property naming the jar shipped to executors (default: thaw-spark-submit.jar beside this module's jar). */
    public static final String SHIPPED_JAR = "thaw.spark.jar";

    private final JavaSparkContext sc;
    private final LongAccumulator rows;
    private final DriverProgress listener;

    public static final class Provider implements ScaleOut.Provider {
        @Override public ScaleOut connect(String master, Progress progress) { return new SparkScaleOut(master, progress); }
    }

    SparkScaleOut(String master, Progress progress) {
        SparkConf conf = new SparkConf().setMaster(master).setAppName("thaw");
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");  // progress goes through thaw's own display
        if (master.startsWith("local") || master.contains("127.0.0.1") || master.contains("localhost")) {
            // this machine's name may resolve to an interface other than loopback: stay on loopback for local runs
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        if (!master.startsWith("local")) {
            if (!conf.contains("spark.jars")) conf.setJars(new String[] {shippedJar()});
            // the same Arrow settings as the thaw launcher (thaw's readers stay in bounds)
            String opts = conf.get("spark.executor.extraJavaOptions", "");
            conf.set("spark.executor.extraJavaOptions", (opts + " -Darrow.enable_unsafe_memory_access=true -Darrow.enable_null_check_for_get=false").trim());
        }
        sc = new JavaSparkContext(conf);
        sc.setLogLevel("WARN");
        rows = sc.sc().longAccumulator("thaw rows");
        listener = new DriverProgress(rows.id(), progress);
        sc.sc().addSparkListener(listener);
    }

    @Override public PassRunner passRunner() { return new SparkPassRunner(sc, rows); }

    @Override public <T extends java.io.Serializable, R> java.util.List<R> map(java.util.List<T> items, Remote<T, R> fn) {
        if (items.isEmpty()) return java.util.List.of();
        int slices = Math.min(items.size(), 2 * sc.defaultParallelism());
        listener.countingItems();
        try {
            LongAccumulator done = rows;  // items done, for the progress display
            return sc.parallelize(new java.util.ArrayList<>(items), slices).map(x -> {
                R r = fn.apply(x);
                done.add(1);
                return r;
            }).collect();
        } catch (Exception e) {  // SparkException is checked, though Java does not see it declared
            Exception u = SparkPassRunner.unwrap(e);
            if (u instanceof RuntimeException r) throw r;
            throw new IllegalStateException(u.getMessage(), u);
        }
    }

    @Override public <T extends java.io.Serializable, S, A, B extends java.io.Serializable, R> java.util.List<R> twoRounds(java.util.List<T> items,
            Remote<T, S> open, Remote<S, A> first, java.util.function.Function<java.util.List<A>, B> combine, RemoteWith<S, B, R> second) {
        if (items.isEmpty()) return java.util.List.of();
        listener.countingItems();
        // the states are kept as objects in the executors' memory (never serialised); where one is evicted, the
        // second round rebuilds it from its item
        LongAccumulator done = rows;  // items opened, for the progress display
        org.apache.spark.api.java.JavaRDD<S> states = sc.parallelize(new java.util.ArrayList<>(items), items.size()).map(x -> {
                    S s = open.apply(x);
                    done.add(1);
                    return s;
                }).persist(org.apache.spark.storage.StorageLevel.MEMORY_ONLY());
        try {
            B value = combine.apply(states.map(first::apply).collect());
            return states.map(s -> second.apply(s, value)).collect();
        } catch (Exception e) {  // SparkException is checked, though Java does not see it declared
            Exception u = SparkPassRunner.unwrap(e);
            if (u instanceof RuntimeException r) throw r;
            throw new IllegalStateException(u.getMessage(), u);
        } finally {
            states.unpersist(false);
        }
    }

    @Override public int parallelism() { return sc.defaultParallelism(); }

    @Override public void close() {
        sc.sc().removeSparkListener(listener);
        System.err.println(listener.totals());
        sc.close();
    }

    /**
     * The jar executors load thaw from: the {@value #SHIPPED_JAR} property, this class's own jar when it is the
     * spark-submit jar, else thaw-spark-submit.jar next to the module's jar or classes (spark/target).
     */
    static String shippedJar() {
        String named = System.getProperty(SHIPPED_JAR);
        if (named != null) return named;
        try {
            Path self = Path.of(SparkScaleOut.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (self.getFileName().toString().equals("thaw-spark-submit.jar")) return self.toString();
            Path beside = self.getParent().resolve("thaw-spark-submit.jar");
            if (Files.isRegularFile(beside)) return beside.toString();
            throw new IllegalArgumentException("no jar to ship to the executors: build it with 'mvn -B -DskipTests package -pl spark -am' (it makes "
                    + beside + ") or name one with -D" + SHIPPED_JAR + "=PATH");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
