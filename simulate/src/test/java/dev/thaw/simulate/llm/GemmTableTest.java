package dev.thaw.simulate.llm;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.simulate.llm.perf.BatchShape;
import dev.thaw.simulate.llm.perf.MeasuredGemmTable;
import dev.thaw.simulate.llm.perf.OpType;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The V100 GEMM table of APEX: lookups, interpolation, and its use by the step model. */
class GemmTableTest {
    static MeasuredGemmTable table;

    @BeforeAll static void load() {
        table = MeasuredGemmTable.read(Path.of(System.getProperty("thaw.repo", "../"), "datasets/apex-profiles/comp/V100-PCIE-16GB/gemm_0.csv"));
    }

    @Test void exactAtGridPointsAndInterpolatedBetween() {
        assertEquals(47e-6, table.seconds(4096, 4096, 1), 1e-12);   // row V100-PCIE-16GB,half,4096,4096,1,47
        assertEquals(86e-6, table.seconds(4096, 4096, 8), 1e-12);
        double mid = table.seconds(Math.sqrt(4096.0 * 8192), 4096, 8);
        assertEquals(Math.sqrt(table.seconds(4096, 4096, 8) * table.seconds(8192, 4096, 8)), mid, 1e-12);
        assertTrue(Double.isNaN(table.seconds(4096, 4096, 1e6)), "beyond the measured tokens");
        assertTrue(Double.isNaN(table.seconds(100_000, 4096, 8)), "beyond the grid");
    }

    @Test void analyticRooflineIsWithinAFactorOfTwoOfTheMeasuredLargeGemm() {
        // 8192 x 8192 weight over 8192 tokens: 1.1 TFLOP, compute-bound on V100 (112 TFLOP/s x 0.70 in the model).
        double measured = table.seconds(8192, 8192, 8192);
        double analytic = 2.0 * 8192 * 8192 * 8192 / (112e12 * 0.70 * 8192 / (8192 + 16));
        assertEquals(1.0, analytic / measured, 0.5, "analytic " + analytic + " measured " + measured);
    }

    @Test void stepModelUsesTheTableForDenseGemms() {
        ServingConfig cfg = ServingConfig.of(ModelCatalog.resolve("Llama-3.1-8B"), Cluster.of(HardwareCatalog.bundled().get("V100-PCIE-16GB"), 2, 1),
                ParallelPlan.parse("tp=2"));
        BatchShape b = new BatchShape();
        b.addPrefill(0, 1024, true);
        double[] analytic = ServingSimulator.stepTimeModel(cfg).breakdown(b);
        double[] measured = ServingSimulator.stepTimeModel(cfg.withGemmTable(table)).breakdown(b);
        double ffn = 32 * (table.seconds(2 * 14336 / 2.0, 4096, 1024) + table.seconds(4096, 14336 / 2.0, 1024));
        assertEquals(ffn, measured[OpType.FFN.ordinal()], 1e-12);
        assertNotEquals(analytic[OpType.FFN.ordinal()], measured[OpType.FFN.ordinal()]);
        assertEquals(analytic[OpType.ATTN_PREFILL.ordinal()], measured[OpType.ATTN_PREFILL.ordinal()], 0);
    }
}
