package dev.thaw.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thaw.cli.ThawCommand;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone Spark cluster on this machine, from the Maven artifacts only: a master and two workers, each in
 * its own JVM on 127.0.0.1 (512 MB, one core each), and a driver JVM started from thaw-spark-submit.jar as
 * spark-submit would. Executors load thaw from the shipped jar, tasks and aggregates cross JVMs serialised. The
 * cluster's summary.json must equal the local run's. Every process is stopped in the end, also on failure.
 */
class StandaloneClusterIT {
    static final Path REPO = Path.of(System.getProperty("thaw.repo", ".."));
    static final Path TARGET = REPO.resolve("spark/target").toAbsolutePath();

    @TempDir Path tmp;

    @Test @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void analysisOnAMasterAndTwoWorkersEqualsTheLocalRun() throws Exception {
        // the cold starts of the bundled dataset (five regions, several files): every task, shipped jar and merge exercised, in CI time
        String input = REPO.resolve("datasets/huawei-2025-synthetic/cold_start").toAbsolutePath().toString();
        Path home = sparkHome();
        int port = freePort();
        String master = "spark://127.0.0.1:" + port;
        List<Process> procs = new ArrayList<>();
        long started = System.nanoTime();
        try {
            procs.add(start("master", home, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(port),
                    "--webui-port", String.valueOf(freePort())));
            for (int w = 1; w <= 2; w++) {
                Path work = Files.createDirectories(tmp.resolve("work-" + w));
                procs.add(start("worker-" + w, home, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                        "--memory", "512m", "--work-dir", work.toString(), "--webui-port", String.valueOf(freePort()), master));
            }
            awaitWorkers(tmp.resolve("master.log"), 2, 90);
            long t0 = System.nanoTime();

            Path out = tmp.resolve("cluster-out");
            Process driver = start("driver", home, "dev.thaw.spark.SubmitMain", "analyze", input, "-o", out.toString(), "--quiet", "--spark", master);
            procs.add(driver);
            assertTrue(driver.waitFor(180, TimeUnit.SECONDS), "the driver finished in time; log:\n" + tail(tmp.resolve("driver.log")));
            assertEquals(0, driver.exitValue(), "driver exit code; log:\n" + tail(tmp.resolve("driver.log")));

            System.err.printf("standalone cluster: workers up %.1f s after start, the analysis on them took %.1f s%n",
                    (t0 - started) / 1e9, (System.nanoTime() - t0) / 1e9);
            Path local = tmp.resolve("local-out");
            assertEquals(0, ThawCommand.execute("analyze", input, "-o", local.toString(), "--quiet"));
            ObjectMapper json = new ObjectMapper();
            JsonNode a = json.readTree(local.resolve("summary.json").toFile()), b = json.readTree(out.resolve("summary.json").toFile());
            ((ObjectNode) a).remove("wall_s");
            ((ObjectNode) b).remove("wall_s");
            assertEquals(a, b, "summary.json from the standalone cluster differs from the local run");
            assertTrue(executorsRan(tmp), "tasks ran in executor JVMs of the workers (their work folders hold the shipped jar)");
        } finally {
            for (int i = procs.size() - 1; i >= 0; i--) stop(procs.get(i));
        }
    }

    /** A SPARK_HOME in target/: jars/ links to Spark's jars from Maven (no thaw in them), conf/ = quiet logging. */
    private Path sparkHome() throws IOException {
        Path home = TARGET.resolve("it-spark-home");
        Files.createDirectories(home);
        Path jars = home.resolve("jars");
        if (!Files.exists(jars, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.createSymbolicLink(jars, TARGET.resolve("spark-jars"));
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("log4j2.properties"), """
                rootLogger.level = warn
                rootLogger.appenderRef.stderr.ref = console
                appender.console.type = Console
                appender.console.name = console
                appender.console.target = SYSTEM_ERR
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
                logger.master.name = org.apache.spark.deploy.master.Master
                logger.master.level = info
                """);
        return home;
    }

    private Process start(String name, Path home, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        cmd.addAll(List.of(Files.readString(TARGET.resolve("spark-jvm-flags.txt")).trim().split("\\s+")));
        cmd.add("-Dlog4j.configurationFile=" + home.resolve("conf/log4j2.properties"));
        boolean driver = mainClass.startsWith("dev.thaw");
        if (driver) {
            cmd.add("-Dspark.executor.memory=512m");
            cmd.add("-Dspark.cores.max=2");
            cmd.add("-Dspark.master=" + args[args.length - 1]);
        }
        cmd.add("-cp");
        cmd.add((driver ? TARGET.resolve("thaw-spark-submit.jar") + java.io.File.pathSeparator : "") + home.resolve("jars") + "/*");
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_LOG_DIR", tmp.toString());
        return pb.start();
    }

    private static void awaitWorkers(Path masterLog, int workers, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            String log = Files.exists(masterLog) ? Files.readString(masterLog) : "";
            if (log.split("Registering worker", -1).length - 1 >= workers) return;
            Thread.sleep(250);
        }
        throw new AssertionError(workers + " workers did not register within " + seconds + " s; master log:\n" + tail(masterLog));
    }

    private static boolean executorsRan(Path tmp) throws IOException {
        for (int w = 1; w <= 2; w++) {
            try (Stream<Path> s = Files.walk(tmp.resolve("work-" + w))) {
                if (s.anyMatch(p -> p.getFileName().toString().equals("thaw-spark-submit.jar"))) return true;
            }
        }
        return false;
    }

    /** Stops a process and everything it started (a worker's executors), waiting a bounded time. */
    private static void stop(Process p) throws InterruptedException {
        List<ProcessHandle> kids = p.descendants().toList();
        p.destroy();
        kids.forEach(ProcessHandle::destroy);
        if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle k : kids) {
            try {
                k.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                k.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) return "(no log)";
        String s = Files.readString(log);
        return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
    }
}
