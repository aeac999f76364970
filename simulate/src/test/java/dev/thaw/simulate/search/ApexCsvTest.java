package dev.thaw.simulate.search;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.ingest.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApexCsvTest {
    static Path repo() { return Path.of(System.getProperty("thaw.repo", "..")); }

    @Test void readsTheBundledLmsysTrace() {
        Workload w = ApexCsv.read(repo().resolve("datasets/llm-traces/apex/llama/lmsys_05.csv"));
        assertEquals(1024, w.size());
        assertEquals(0.197890289, w.firstArrivalS(), 1e-12);
        assertEquals(156, w.requests().get(0).promptTokens());
        assertEquals(67, w.requests().get(0).outputTokens());
        assertEquals(0.5, w.ratePerS(), 0.05);  // the trace is named for 0.5 req/s
    }

    @Test void badRowsNameLineAndColumn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "RequestID,StartTimeOffset_ns,ContextTokens,GeneratedTokens\na,1,2,3\nb,5,x,3\n");
        BadInputException e = assertThrows(BadInputException.class, () -> ApexCsv.read(f));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("ContextTokens"), e.getMessage());
        Files.writeString(f, "time,in,out\n1,2,3\n");
        assertThrows(BadInputException.class, () -> ApexCsv.read(f));
    }
}
