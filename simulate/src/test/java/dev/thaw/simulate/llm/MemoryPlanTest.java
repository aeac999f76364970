package dev.thaw.simulate.llm;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.Gpu;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.simulate.llm.model.ModelSpec;
import dev.thaw.simulate.llm.perf.MemoryPlan;
import org.junit.jupiter.api.Test;

/** Memory accounting against hand-computed bytes (acceptance 1). */
class MemoryPlanTest {
    static final ModelSpec LLAMA70 = ModelCatalog.resolve("Llama-3.1-70B");
    static final Gpu H100 = HardwareCatalog.bundled().get("H100-SXM-80GB");
    static final double GIB = 1024d * 1024 * 1024;

    static MemoryPlan plan(ModelSpec m, int tp) {
        return MemoryPlan.of(m, Cluster.of(H100, 8, 1), new ParallelPlan(1, tp, 1), Quantization.BF16, EngineProfile.vllmV0());
    }

    @Test void llama70bTp8WeightsAndKvMatchHandComputation() {
        MemoryPlan p = plan(LLAMA70, 8);
        // Per layer on one of 8 GPUs: Q and O 2*8192*8192/8, K and V 2*8192*(8/8 heads)*128, FFN 3*8192*28672/8; 2 bytes each; norms 2*8192*2 B.
        long perLayer = (2L * 8192 * 8192 / 8 + 2L * 8192 * 1 * 128 + 3L * 8192 * 28672 / 8) * 2 + 2L * 8192 * 2;
        long ends = 2L * 128256 * 8192 / 8 * 2 + 8192 * 2; // embedding + LM head, vocabulary-sharded, + final norm
        assertEquals(80 * perLayer + ends, p.weightsBytesPerGpu(), 1.0);
        assertEquals(17_640_734_720.0, p.weightsBytesPerGpu(), 1.0);
        assertEquals(80 * 2 * 1 * 128 * 2, p.kvBytesPerTokenPerGpu(), 1e-9); // 40,960 B
        assertTrue(p.feasible());
        double free = 0.90 * H100.memoryBytes() - p.weightsBytesPerGpu() - p.activationBytesPerGpu() - 1.5 * GIB;
        assertEquals((long) Math.floor(free / (40960.0 * 16)) * 16, p.kvCapacityTokens());
    }

    @Test void llama70bTp2WeightsAndKvMatchHandComputation() {
        MemoryPlan p = plan(LLAMA70, 2);
        long perLayer = (2L * 8192 * 8192 / 2 + 2L * 8192 * 4 * 128 + 3L * 8192 * 28672 / 2) * 2 + 2L * 8192 * 2;
        long ends = 2L * 128256 * 8192 / 2 * 2 + 8192 * 2;
        assertEquals(80 * perLayer + ends, p.weightsBytesPerGpu(), 1.0);
        assertEquals(65.71, p.weightsGibPerGpu(), 0.01);
        assertEquals(80 * 2 * 4 * 128 * 2, p.kvBytesPerTokenPerGpu(), 1e-9); // 163,840 B
        double free = 0.90 * H100.memoryBytes() - p.weightsBytesPerGpu() - p.activationBytesPerGpu() - 1.5 * GIB;
        assertTrue(free > 0);
        assertEquals((long) Math.floor(free / (163840.0 * 16)) * 16, p.kvCapacityTokens());
    }

    @Test void tp1DoesNotFitAndSaysWhy() {
        MemoryPlan p = plan(LLAMA70, 1);
        assertFalse(p.feasible());
        assertTrue(p.reason().contains("exceed"), p.reason());
        assertThrows(IllegalArgumentException.class, () -> ServingSimulator.run(
                ServingConfig.of(LLAMA70, Cluster.of(H100, 8, 1), new ParallelPlan(1, 1, 1)), java.util.List.of()));
    }

    @Test void tensorParallelAboveKvHeadsReplicatesKv() {
        ModelSpec m = ModelCatalog.resolve("Llama-3.1-405B"); // 8 KV heads
        assertEquals(1, MemoryPlan.kvHeadsPerGpu(m, 16));
        assertEquals(MemoryPlan.kvElementsPerTokenPerLayerPerGpu(m, 8), MemoryPlan.kvElementsPerTokenPerLayerPerGpu(m, 16));
        assertEquals(2 * 2 * 128, MemoryPlan.kvElementsPerTokenPerLayerPerGpu(m, 4), 1e-9);
    }

    @Test void fp8KvHalvesKvBytesAndFp8WeightsHalveLayerWeights() {
        Cluster c = Cluster.of(H100, 8, 1);
        MemoryPlan bf = MemoryPlan.of(LLAMA70, c, new ParallelPlan(1, 8, 1), Quantization.BF16, EngineProfile.vllmV1());
        MemoryPlan f8 = MemoryPlan.of(LLAMA70, c, new ParallelPlan(1, 8, 1), Quantization.of("fp8", "fp8"), EngineProfile.vllmV1());
        assertEquals(bf.kvBytesPerTokenPerGpu() / 2, f8.kvBytesPerTokenPerGpu(), 1e-9);
        double embHead = 2.0 * 128256 * 8192 / 8 * 2 + 8192 * 2, norms = 80 * 2 * 8192 * 2.0;
        assertEquals((bf.weightsBytesPerGpu() - embHead - norms) / 2, f8.weightsBytesPerGpu() - embHead - norms, 1.0);
    }

    @Test void pipelineStagesSplitLayersAndKv() {
        MemoryPlan pp2 = MemoryPlan.of(LLAMA70, Cluster.of(H100, 8, 1), new ParallelPlan(1, 4, 2), Quantization.BF16, EngineProfile.vllmV1());
        assertEquals(40, pp2.layersPerStage());
        assertEquals(40 * 2 * 2 * 128 * 2, pp2.kvBytesPerTokenPerGpu(), 1e-9);
    }
}
