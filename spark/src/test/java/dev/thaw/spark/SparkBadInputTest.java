package dev.thaw.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.cli.ThawCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A malformed row read by a Spark task: the local error (file, line, column), exit 2, no output written. */
class SparkBadInputTest {
    static final Path REPO = Path.of(System.getProperty("thaw.repo", ".."));

    @TempDir Path tmp;

    @Test void badValueInOnePartFileFailsTheJobWithTheLocalMessage() throws IOException {
        Path src = REPO.resolve("datasets/huawei-2025-synthetic/per_request/R1");
        Path dir = Files.createDirectories(tmp.resolve("per_request/R1"));
        Path bad = null;
        try (var files = Files.list(src)) {
            for (Path f : files.sorted().toList()) Files.copy(f, dir.resolve(f.getFileName()));
        }
        try (var files = Files.list(dir)) {
            bad = files.sorted().toList().get(2);
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(bad));
        String[] cells = lines.get(2999).split(",", -1);  // line 3000 of the file
        cells[7] = "12O.5";  // totalCost_worker: a letter O for a zero
        lines.set(2999, String.join(",", cells));
        Files.write(bad, lines);

        Path localOut = tmp.resolve("out-local"), sparkOut = tmp.resolve("out-spark");
        String local = errorOf(2, "analyze", dir.toString(), "-o", localOut.toString(), "--quiet");
        String spark = errorOf(2, "analyze", dir.toString(), "-o", sparkOut.toString(), "--quiet", "--spark", "local[2]");
        assertTrue(local.contains(bad + ":3000") && local.contains("totalCost_worker") && local.contains("12O.5"),
                "the local error names file, line, column and value: " + local);
        assertEquals(local, spark, "the Spark run reports the same error");
        assertFalse(Files.exists(sparkOut.resolve("summary.json")), "no summary.json after a failed job");
        assertTrue(!Files.exists(sparkOut) || isEmpty(sparkOut), "nothing written to the output folder");
    }

    /** Runs thaw, expects {@code code}, returns the 'thaw analyze: ...' line it printed on stderr. */
    private static String errorOf(int code, String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = ThawCommand.execute(args);
        } finally {
            System.setErr(saved);
        }
        String err = buf.toString(StandardCharsets.UTF_8);
        assertEquals(code, rc, "exit code of thaw " + String.join(" ", args) + "; stderr:\n" + err);
        return err.lines().filter(l -> l.startsWith("thaw analyze: ")).findFirst().orElse("(no 'thaw analyze:' line) " + err);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
