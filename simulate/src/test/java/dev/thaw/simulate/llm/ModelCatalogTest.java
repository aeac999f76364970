package dev.thaw.simulate.llm;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.simulate.llm.model.ModelSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Parameter counts of the bundled models against their published sizes; the device catalog against docs/serving.md. */
class ModelCatalogTest {
    static void params(String id, double billions, double relTol) {
        ModelSpec m = ModelCatalog.resolve(id);
        assertEquals(billions, m.totalParams() / 1e9, billions * relTol, id + ": " + m);
    }

    @Test void totalParametersMatchPublishedSizes() {
        params("Llama-3.1-8B", 8.03, 0.005);
        params("Llama-3.1-70B", 70.55, 0.002);
        params("Llama-3.1-405B", 405.85, 0.005);
        params("Mistral-Large-2407", 122.6, 0.01);
        params("Mixtral-8x7B", 46.70, 0.005);
        params("Mixtral-8x22B", 140.6, 0.01);
        params("Qwen3-32B", 32.76, 0.01);
        params("Qwen3-30B-A3B", 30.53, 0.01);
        params("DeepSeek-V3", 671.0, 0.015);
    }

    @Test void activeParametersOfMoeCountOnlyTopK() {
        assertEquals(12.9, ModelCatalog.resolve("Mixtral-8x7B").activeParams() / 1e9, 0.2);
        assertEquals(3.3, ModelCatalog.resolve("Qwen3-30B-A3B").activeParams() / 1e9, 0.1);
        assertEquals(37.5, ModelCatalog.resolve("DeepSeek-V3").activeParams() / 1e9, 1.5);
    }

    @Test void mlaCachesTheCompressedLatent() {
        ModelSpec ds = ModelCatalog.resolve("DeepSeek-V3");
        assertTrue(ds.isMla());
        assertEquals(512 + 64, ds.kvElementsPerTokenPerLayer());
        assertEquals(3, ds.denseLayers());
        assertEquals(58, ds.moeLayers());
    }

    @Test void readsApexConfigFile() {
        Path p = Path.of(System.getProperty("thaw.repo", "../"), "datasets/apex-profiles/models/llama3.1_70b_config.json");
        ModelSpec m = ModelCatalog.resolve(p.toString());
        assertEquals(ModelCatalog.resolve("Llama-3.1-70B").totalParams(), m.totalParams());
    }

    @Test void unknownModelIsABadArgument() {
        assertThrows(IllegalArgumentException.class, () -> ModelCatalog.resolve("no-such-model"));
    }

    @Test void everyDeviceOfTheReferenceTableIsInTheCatalog() {
        HardwareCatalog c = HardwareCatalog.bundled();
        for (String id : new String[] {"V100-SXM2-32GB", "V100-PCIE-16GB", "A100-SXM-80GB", "A100-SXM-40GB", "H100-SXM-80GB",
                "H100-PCIE-80GB", "H200-SXM-141GB", "B200", "L40S", "RTX-4090", "RTX-PRO-6000", "MI300X"})
            assertEquals(id, c.get(id.toLowerCase()).id());
        assertEquals(989, c.get("h100-sxm-80gb").bf16Tflops());
        assertEquals(3350, c.get("H100").memBandwidthGBs());
        assertEquals(450, c.get("H100").intraNode().bandwidthGBs()); // 900 GB/s bidirectional
    }

    @Test void planParsesAndFormats() {
        assertEquals(new ParallelPlan(2, 4, 1, 1), ParallelPlan.parse("dp=2,tp=4,pp=1"));
        assertEquals("dp=1,tp=8,pp=2,ep=4", ParallelPlan.parse(" tp=8, pp=2 ,ep=4").toString());
        assertThrows(IllegalArgumentException.class, () -> ParallelPlan.parse("dp=2,tq=4"));
        assertThrows(IllegalArgumentException.class, () -> ParallelPlan.parse("tp=4,ep=3"));
    }
}
