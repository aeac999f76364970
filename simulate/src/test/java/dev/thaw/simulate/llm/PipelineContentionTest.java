package dev.thaw.simulate.llm;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.workload.llm.LlmRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pipeline stages contend: a micro-batch of one virtual engine waits behind another's at every stage (bubbles). */
class PipelineContentionTest {
    @Test void aShortPromptWaitsBehindALongPrefillInTheOtherVirtualEngine() {
        // Llama-3.1-70B, tp=4, pp=2 on 8 x H100. Two requests at t = 0 land on the two virtual engines: a 8000-token
        // prompt, then a 100-token one. Stage 0 runs the long prefill first, so the short prompt cannot leave stage 0
        // before it, and its first token comes after half or more of the long prompt's.
        ServingConfig c = ServingConfig.of(ModelCatalog.resolve("Llama-3.1-70B"), Cluster.of(HardwareCatalog.bundled().get("H100-SXM-80GB"), 8, 1),
                ParallelPlan.parse("tp=4,pp=2"));
        ServingResult r = ServingSimulator.run(c, List.of(new LlmRequest(0, 0.0, 8000, 10), new LlmRequest(1, 0.0, 100, 10)));
        double longTtft = r.requestLog().ttftS(0), shortTtft = r.requestLog().ttftS(1);
        assertTrue(shortTtft > 0.5 * longTtft, shortTtft + " vs " + longTtft);
        // The same short prompt alone takes a small fraction of that.
        double alone = ServingSimulator.run(c, List.of(new LlmRequest(1, 0.0, 100, 10))).requestLog().ttftS(0);
        assertTrue(alone < 0.2 * shortTtft, alone + " vs " + shortTtft);
    }
}
