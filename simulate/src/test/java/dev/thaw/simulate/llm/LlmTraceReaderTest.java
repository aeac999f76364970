package dev.thaw.simulate.llm;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.ingest.BadInputException;
import dev.thaw.simulate.llm.trace.LlmTraceReader;
import dev.thaw.workload.llm.LlmRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden values from the bundled traces. */
class LlmTraceReaderTest {
    static Path data(String rel) { return Path.of(System.getProperty("thaw.repo", "../"), "datasets/llm-traces", rel); }

    @Test void azureConversationTrace() {
        List<LlmRequest> r = LlmTraceReader.read(data("azure-llm-2023/AzureLLMInferenceTrace_conv.csv"));
        assertEquals(19_366, r.size());
        assertEquals(0.0, r.get(0).arrivalS());
        assertEquals(374, r.get(0).promptTokens());
        assertEquals(44, r.get(0).outputTokens());
        assertEquals(4.314579, r.get(1).arrivalS(), 1e-6); // 18:15:50.9951690 - 18:15:46.6805900
    }

    @Test void apexAndVidurAndMooncake() {
        List<LlmRequest> apex = LlmTraceReader.read(data("apex/llama/lmsys_05.csv"));
        assertEquals(1024, apex.size());
        assertEquals(156, apex.get(0).promptTokens());
        assertEquals(67, apex.get(0).outputTokens());
        assertEquals(1.500203480 - 0.197890289, apex.get(1).arrivalS(), 1e-9);
        List<LlmRequest> vidur = LlmTraceReader.read(data("vidur/splitwise_conv.csv"));
        assertEquals(19_366, vidur.size());
        assertEquals(396, vidur.get(1).promptTokens());
        List<LlmRequest> moon = LlmTraceReader.read(data("mooncake-fast25/conversation_trace.jsonl"));
        assertEquals(12_031, moon.size());
        assertEquals(6758, moon.get(0).promptTokens());
        assertEquals(14, moon.get(0).prefixBlocks().length);
    }

    @Test void badRowNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44\n2023-11-16 18:15:47,abc,3\n");
        BadInputException e = assertThrows(BadInputException.class, () -> LlmTraceReader.read(f));
        assertEquals(3, e.line());
        assertEquals("abc", e.value());
    }

    @Test void ingestPathGivesTheSameRequests(@TempDir Path dir) throws Exception {
        Path src = data("apex/llama/lmsys_05.csv");
        List<LlmRequest> own = LlmTraceReader.read(src), viaIngest = LlmTraceReader.readWithIngest(src, null);
        assertEquals(own.size(), viaIngest.size());
        for (int i = 0; i < own.size(); i += 97) {
            assertEquals(own.get(i).arrivalS(), viaIngest.get(i).arrivalS(), 1e-9);
            assertEquals(own.get(i).promptTokens(), viaIngest.get(i).promptTokens());
            assertEquals(own.get(i).outputTokens(), viaIngest.get(i).outputTokens());
        }
        // A gzip copy is not parsed here: it goes through ingest and reads the same.
        Path gz = dir.resolve("lmsys.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) { Files.copy(src, out); }
        assertEquals(own.size(), LlmTraceReader.read(gz).size());
    }
}
