package dev.thaw.simulate.llm;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.ingest.parquet.ParquetTableReader;
import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.metrics.RequestLog;
import dev.thaw.simulate.llm.metrics.RequestLogParquet;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.workload.llm.LlmRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-request records round-trip through Parquet, rejected requests with null times. */
class RequestLogParquetTest {
    @Test void parquetRoundTrip(@TempDir Path dir) {
        ServingConfig cfg = ServingConfig.of(ModelCatalog.resolve("Llama-3.1-8B"), Cluster.of(HardwareCatalog.bundled().get("H100"), 1, 1), ParallelPlan.parse("tp=1"));
        List<LlmRequest> reqs = List.of(new LlmRequest(7, 0.0, 500, 20), new LlmRequest(8, 0.1, 300_000, 5), new LlmRequest(9, 0.2, 100, 1));
        RequestLog log = ServingSimulator.run(cfg, reqs).requestLog();
        Path out = dir.resolve("req.parquet");
        log.write(out);
        assertTrue(Files.isRegularFile(out));
        try (ParquetTableReader r = new ParquetTableReader(out, null, 1024); RootAllocator a = new RootAllocator(); VectorSchemaRoot root = r.newRoot(a)) {
            assertEquals(RequestLogParquet.FORMAT_ID, r.formatId());
            assertEquals(RequestLogParquet.SCHEMA.names(), r.schema().names());
            assertTrue(r.next(root));
            assertEquals(3, root.getRowCount());
            assertEquals(7, ((BigIntVector) root.getVector("request_id")).get(0));
            assertEquals(log.finishS()[0], ((Float8Vector) root.getVector("finish_s")).get(0));
            assertTrue(root.getVector("first_token_s").isNull(1), "rejected request has no first token");
            assertEquals("rejected", root.getVector("status").getObject(1).toString());
            assertTrue(root.getVector("reject_reason").getObject(1).toString().contains("max_model_len"));
        }
    }
}
