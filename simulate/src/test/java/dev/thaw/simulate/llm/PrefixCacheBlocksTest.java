package dev.thaw.simulate.llm;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.HardwareCatalog;
import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.workload.llm.LlmRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Prefix caching at the engine's 16-token block size on a trace hashed in 512-token blocks (Mooncake: one hash per
 * 512 tokens, the last covering the remainder): whole trace blocks match, the cached tokens are whole engine blocks.
 */
class PrefixCacheBlocksTest {
    static int[] cached(LlmRequest... reqs) {
        ServingConfig c = ServingConfig.of(ModelCatalog.resolve("Llama-3.1-8B"), Cluster.of(HardwareCatalog.bundled().get("H100-SXM-80GB"), 1, 1),
                new ParallelPlan(1, 1, 1));
        return ServingSimulator.run(c, List.of(reqs)).requestLog().cachedPromptTokens();
    }

    @Test void aRepeated590TokenPromptPrefillsLessThanOneBlock() {
        // vLLM caches the 36 full 16-token blocks (576 tokens) and computes the last 14; matching only whole
        // 512-token trace blocks would have left 78 tokens.
        int[] c = cached(new LlmRequest(0, 0, 590, 5, new long[] {1, 2}), new LlmRequest(1, 10, 590, 5, new long[] {1, 2}));
        assertEquals(0, c[0]);
        assertEquals(576, c[1]);
        assertTrue(590 - c[1] <= 16);
    }

    @Test void atLeastOneTokenIsComputedAndOnlyTheSharedTraceBlocksCount() {
        // Exactly two trace blocks: vLLM leaves the last token to compute, i.e. the last 16-token block: 1008 cached.
        int[] whole = cached(new LlmRequest(0, 0, 1024, 5, new long[] {1, 2}), new LlmRequest(1, 10, 1024, 5, new long[] {1, 2}));
        assertEquals(1008, whole[1]);
        // Same first block, different second: only the first 512 tokens repeat.
        int[] first = cached(new LlmRequest(0, 0, 590, 5, new long[] {1, 2}), new LlmRequest(1, 10, 700, 5, new long[] {1, 3}));
        assertEquals(512, first[1]);
        // A remainder shorter than a block adds nothing: 520 tokens repeated cache 512.
        int[] tiny = cached(new LlmRequest(0, 0, 520, 5, new long[] {4, 5}), new LlmRequest(1, 10, 520, 5, new long[] {4, 5}));
        assertEquals(512, tiny[1]);
    }
}
