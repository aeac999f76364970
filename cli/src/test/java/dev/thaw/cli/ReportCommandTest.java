package dev.thaw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir Path tmp;

    @Test void rendersResultFilesIntoAnIndexAndReports() throws Exception {
        Path in = tmp.resolve("search.json");
        Files.writeString(in, "{\"plans_enumerated\": 2, \"plans_simulated\": 2, \"best\": {\"plan\": \"dp=1,tp=2\"},"
                + " \"ranking\": [{\"plan\": \"dp=1,tp=2\", \"ttft_ms\": {\"p99\": 300}}, {\"plan\": \"dp=2,tp=1\", \"ttft_ms\": {\"p99\": 500}}]}");
        Path faas = tmp.resolve("faas.json");
        Files.writeString(faas, "{\"command\": \"faas\", \"policy\": \"fixed:60s\", \"invocations\": 10, \"cold_start_rate\": 0.2, \"wasted_memory_gb_s\": 5}");
        Path out = tmp.resolve("out");
        assertEquals(ThawCommand.OK, ThawCommand.execute("report", in.toString(), faas.toString(), "-o", out.toString(), "--no-png"));
        String index = Files.readString(out.resolve("index.html"));
        assertTrue(index.contains("href=\"search.html\"") && index.contains("href=\"policies.html\""));
        assertTrue(Files.readString(out.resolve("search.html")).contains("thaw report " + in));
    }

    @Test void badInputExitsWithTwo() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{not json");
        assertEquals(ThawCommand.BAD_INPUT, ThawCommand.execute("report", bad.toString(), "-o", tmp.resolve("o").toString()));
        assertEquals(ThawCommand.BAD_INPUT, ThawCommand.execute("report", tmp.resolve("missing").toString(), "-o", tmp.resolve("o").toString()));
        assertTrue(!Files.exists(tmp.resolve("o").resolve("index.html")), "no index after a failure");
    }
}
