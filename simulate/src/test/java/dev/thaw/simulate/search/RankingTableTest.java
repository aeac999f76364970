package dev.thaw.simulate.search;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.ingest.parquet.ParquetTableReader;
import dev.thaw.simulate.llm.Precision;
import dev.thaw.simulate.llm.Slo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ranking table round-trips through Parquet and CSV with the ranking's order and values. */
class RankingTableTest {
    private static final ToyEvaluator EV = new ToyEvaluator(10, 24);  // fits every layout of 4 GPUs
    private static final PlanSpace SPACE = new PlanSpace(List.of(new ClusterChoice("toy", 4, 1)), List.of(Precision.BF16),
            List.of(Precision.BF16), List.of("vllm-v1"), List.of(64), List.of(2048), List.of("least-outstanding"), true, true);

    @Test void parquetAndCsvHoldTheRankingInOrder(@TempDir Path dir) throws Exception {
        Objective o = Objectives.parse("ttft-mean", Slo.DEFAULT);
        SearchResult r = new PlanSearch(EV, SearchOptions.defaults().withPruning(false))
                .search(SPACE, Workloads.poisson(100, 5, 1000, 100, 3), List.of(o), List.of());
        int n = r.ranking().size();
        assertTrue(n >= 4);
        Path pq = dir.resolve("ranking.parquet");
        RankingTable.write(r.ranking(), o, Slo.DEFAULT, pq);
        try (ParquetTableReader in = new ParquetTableReader(pq, null, 1024); RootAllocator a = new RootAllocator(); VectorSchemaRoot root = in.newRoot(a)) {
            assertEquals(RankingTable.FORMAT_ID, in.formatId());
            assertEquals(RankingTable.SCHEMA.names(), in.schema().names());
            assertTrue(in.next(root));
            assertEquals(n, root.getRowCount());
            for (int i = 0; i < n; i++) {
                assertEquals(i + 1, ((BigIntVector) root.getVector("rank")).get(i));
                assertEquals(r.ranking().get(i).candidate().plan(), root.getVector("plan").getObject(i).toString());
                assertEquals(o.value(r.ranking().get(i).figures()), ((Float8Vector) root.getVector("value")).get(i), 0.0);
            }
        }
        Path csv = dir.resolve("ranking.csv");
        RankingTable.write(r.ranking(), o, Slo.DEFAULT, csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(n + 1, lines.size());
        assertTrue(lines.get(1).startsWith("1,\"" + r.best().candidate().plan() + "\","), lines.get(1));
    }
}
