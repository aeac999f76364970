package dev.thaw.workload.synth;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.ingest.TraceReader;
import dev.thaw.ingest.Traces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bundled synthetic dataset flows through the ingest layer: every table is recognised and read without a bad row. */
class SyntheticDatasetIngestTest {
    static final Path DATA = HuaweiSyntheticDatasetTest.BUNDLED;

    static long csvRows(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".csv")).mapToLong(p -> {
                try (Stream<String> l = Files.lines(p)) { return l.count() - 1; } catch (IOException e) { throw new RuntimeException(e); }
            }).sum();
        }
    }

    static void readsAll(String sub, String format, long expectedRows) {
        try (TraceReader r = Traces.open(DATA.resolve(sub))) {
            assertEquals(format, r.format().id(), sub);
            while (r.next()) { /* drain */ }
            assertEquals(expectedRows, r.rowsRead(), sub + " rows");
            assertEquals(0, r.stats().rowsSkipped(), sub + " skipped rows");
        }
    }

    @Test void coldStartsRequestsAndMetadataAreReadByTheIngestLayer() throws IOException {
        readsAll("cold_start/R2", "huawei-2025-coldstart", csvRows(DATA.resolve("cold_start/R2")));
        readsAll("per_request/R5", "huawei-2025-request", csvRows(DATA.resolve("per_request/R5")));
        readsAll("runtime_triggerType/df_funcID_runtime_triggerType.csv", "huawei-2025-meta", csvRows(DATA.resolve("runtime_triggerType")));
    }

    @Test void perMinuteRequestsAreReadByTheIngestLayer() {
        try (TraceReader r = Traces.open(DATA.resolve("quantiles/R3/requests/day_30.csv"))) {
            assertEquals("huawei-2025-minute", r.format().id());
            long rows = 0;
            while (r.next()) rows += r.root().getRowCount();
            assertTrue(rows > 0, "long-form rows");
            assertEquals(0, r.stats().rowsSkipped());
        }
    }
}
