package dev.thaw.simulate.llm;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.simulate.llm.model.ModelCatalog;
import dev.thaw.simulate.llm.model.ModelSpec;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Multimodal Hugging Face configs that nest the language model under {@code text_config} (fixtures in
 * test resources hf-configs/, written from the published configs' fields) are read, and their sizes match the
 * published parameter counts of the language models.
 */
class HfTextConfigTest {
    static ModelSpec load(String file) throws URISyntaxException {
        return ModelCatalog.fromFile(Path.of(HfTextConfigTest.class.getResource("/hf-configs/" + file).toURI()));
    }

    @Test void llama4ScoutIsAnInterleavedMoeWithASharedExpert() throws Exception {
        ModelSpec m = load("Llama-4-Scout-17B-16E.json");
        assertEquals(5120, m.hidden());
        assertEquals(16, m.numExperts());
        assertEquals(1, m.topK());
        assertEquals(48, m.moeLayers());
        // "17B active, 109B total" (the total includes the ~1B vision encoder, not modelled).
        assertEquals(17e9, m.activeParams(), 0.03 * 17e9);
        assertEquals(108e9, m.totalParams(), 0.02 * 108e9);
    }

    @Test void gemma3TakesTransformersDefaultsForFieldsTheConfigLeavesOut() throws Exception {
        ModelSpec m = load("gemma-3-27b-it.json");
        assertEquals(5376, m.hidden());
        assertEquals(62, m.layers());
        assertEquals(16, m.kvHeads());
        assertEquals(262208, m.vocab()); // Gemma3TextConfig default, absent from the published text_config
        assertTrue(m.tiedEmbeddings());
        assertEquals(27e9, m.totalParams(), 0.02 * 27e9);
    }

    @Test void mistralSmall31ReadsItsTextConfig() throws Exception {
        ModelSpec m = load("Mistral-Small-3.1-24B.json");
        assertEquals(40, m.layers());
        assertEquals(8, m.kvHeads());
        assertEquals(131072, m.maxPositions());
        assertEquals(24e9, m.totalParams(), 0.03 * 24e9); // 24B including a 0.4B vision encoder
    }
}
