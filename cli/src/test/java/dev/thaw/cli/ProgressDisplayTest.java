package dev.thaw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Off a terminal, progress is a plain line every few seconds with rows and rate; with --quiet, nothing. */
class ProgressDisplayTest {
    private final long[] now = {0};

    private List<String> run(boolean quiet) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ProgressDisplay p = new ProgressDisplay("analyze", -1, "rows", quiet, false,
                new PrintStream(buf, true, StandardCharsets.UTF_8), () -> now[0])) {
            long[][] steps = {{1, 1_000}, {3, 300_000}, {6, 600_000}, {8, 800_000}, {12, 1_200_000}};
            for (long[] s : steps) {
                now[0] = s[0] * 1_000_000_000L;
                p.stepTo(s[1], "files 1/2");
            }
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    @Test void plainLinesEveryFiveSecondsWithRowsAndRate() {
        assertEquals(List.of(
                "analyze: 600,000 rows in 6 s, 100,000 rows/s (files 1/2)",
                "analyze: 1,200,000 rows in 12 s, 100,000 rows/s (files 1/2)",
                "analyze: done 1,200,000 rows in 12 s, 100,000 rows/s (files 1/2)"), run(false));
    }

    @Test void quietPrintsNothing() {
        assertEquals(List.of(), run(true));
    }
}
