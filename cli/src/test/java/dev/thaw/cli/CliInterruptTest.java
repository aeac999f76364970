package dev.thaw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The interrupt cases of the CLI corpus: the command runs in a child JVM, is stopped by SIGTERM (or SIGINT, as
 * Ctrl-C sends) as soon as a temporary file appears beside its output, and must leave nothing: no output, no
 * temporary file beside it, nothing in the (child's own) system temp folder.
 */
class CliInterruptTest {
    static final int CASES = 4;
    @TempDir static Path work;
    static Path invocations, llm;

    @BeforeAll
    static void bigInputs() throws IOException {
        // Big enough that writing takes a while on a loaded machine (tens of MB), made here: never committed.
        invocations = work.resolve("big_azure2021.csv");
        SplittableRandom r = new SplittableRandom(5);
        StringBuilder sb = new StringBuilder(1 << 16);
        try (BufferedWriter w = Files.newBufferedWriter(invocations)) {
            w.write("app,func,end_timestamp,duration\n");
            long tenthMs = 10_000;
            for (int i = 0; i < 500_000; i++) {
                tenthMs += r.nextInt(100);
                int f = r.nextInt(500);
                sb.append("app").append(f % 50).append(",func").append(f).append(',').append(tenthMs / 10_000).append('.')
                        .append(String.valueOf(10_000 + tenthMs % 10_000).substring(1)).append(",0.").append(1 + r.nextInt(900)).append('\n');
                if (sb.length() > 60_000) { w.append(sb); sb.setLength(0); }
            }
            w.append(sb);
        }
        sb.setLength(0);
        llm = work.resolve("big_azure_llm.csv");
        try (BufferedWriter w = Files.newBufferedWriter(llm)) {
            w.write("TIMESTAMP,ContextTokens,GeneratedTokens\n");
            long ms = 0;
            for (int i = 0; i < 300_000; i++) {
                ms += 1 + r.nextInt(20);
                long s = ms / 1000;
                sb.append("2023-11-16 ").append(10 + s / 3600).append(':').append(two((s / 60) % 60)).append(':').append(two(s % 60)).append('.')
                        .append(String.valueOf(1000 + ms % 1000).substring(1)).append(',').append(10 + r.nextInt(4000)).append(',').append(1 + r.nextInt(500)).append('\n');
                if (sb.length() > 60_000) { w.append(sb); sb.setLength(0); }
            }
            w.append(sb);
        }
    }

    private static String two(long v) { return v < 10 ? "0" + v : Long.toString(v); }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("ingest to a file, SIGTERM", "TERM", List.of("ingest", "IN", "-o", "OUT/x.parquet", "--no-partition")),
                Arguments.of("ingest to a file, SIGINT (Ctrl-C)", "INT", List.of("ingest", "IN", "-o", "OUT/x.parquet")),
                Arguments.of("ingest to a folder of partitions, SIGTERM", "TERM", List.of("ingest", "IN", "-o", "OUT/tables")),
                Arguments.of("generate a replay to Parquet, SIGTERM", "TERM", List.of("generate", "--replay", "LLM", "-o", "OUT/replay.parquet", "--rate-scale", "2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anInterruptedRunLeavesNothingBehind(String name, String signal, List<String> template) throws Exception {
        Path out = Files.createDirectories(work.resolve("out-" + Math.abs(name.hashCode())));
        Path childTmp = Files.createDirectories(work.resolve("tmp-" + Math.abs(name.hashCode())));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-Djava.io.tmpdir=" + childTmp, "-cp", System.getProperty("java.class.path"), ThawCommand.class.getName()));
        for (String a : template) cmd.add(a.replace("IN", invocations.toString()).replace("LLM", llm.toString()).replace("OUT", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve(Math.abs(name.hashCode()) + ".log").toFile()).start();
        boolean sawTemporary = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && System.nanoTime() < deadline) {
            if (hasEntries(out)) { sawTemporary = true; break; }
            Thread.sleep(5);
        }
        assertTrue(sawTemporary, "the run must have started writing before the signal: " + Files.readString(work.resolve(Math.abs(name.hashCode()) + ".log")));
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run stops on SIG" + signal);
        assertNotEquals(0, p.exitValue(), "an interrupted run does not report success");
        assertEquals(List.of(), entries(out), "nothing left beside the output");
        assertEquals(List.of(), entries(childTmp), "nothing left in the system temp folder");
    }

    static boolean hasEntries(Path dir) throws IOException { return !entries(dir).isEmpty(); }

    static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("hsperfdata")).sorted().toList();
        }
    }

    static String classpath() { return System.getProperty("java.class.path").replace(':', File.pathSeparatorChar); }
}
