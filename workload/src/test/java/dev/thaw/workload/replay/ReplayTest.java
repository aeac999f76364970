package dev.thaw.workload.replay;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.workload.llm.LlmRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay transforms on the real Azure 2023 code trace and the bundled synthetic Huawei request log. */
class ReplayTest {
    static final Path REPO = Path.of(System.getProperty("thaw.repo", ".."));
    static final Path CODE = REPO.resolve("datasets/llm-traces/azure-llm-2023/AzureLLMInferenceTrace_code.csv");
    static List<LlmRequest> code;
    static InvocationTrace huawei;

    @BeforeAll static void load() throws Exception {
        code = AzureLlmCsv.read(CODE);
        huawei = HuaweiRequestCsv.read(REPO.resolve("datasets/huawei-2025-synthetic/per_request/R1"));
    }

    static void assertSameEvents(InvocationTrace a, InvocationTrace b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) assertEquals(a.get(i), b.get(i), "event " + i);
        assertArrayEquals(a.functionNames(), b.functionNames());
    }

    @Test void unscaledReplayPreservesEveryEvent() {
        assertTrue(huawei.size() > 10_000 && huawei.functions() > 100, huawei.size() + " events, " + huawei.functions() + " functions");
        assertSameEvents(huawei, Replay.asIs(huawei));
        assertSameEvents(huawei, Replay.timeWarp(huawei, 1));
        assertSameEvents(huawei, Replay.rateScale(huawei, 1, 99));
        assertSameEvents(huawei, Replay.window(huawei, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
        List<LlmRequest> same = LlmReplay.rateScale(code, 1, 5);
        assertEquals(code.size(), same.size());
        for (int i = 0; i < code.size(); i++) {
            assertEquals(code.get(i).arrivalS(), same.get(i).arrivalS());
            assertEquals(code.get(i).promptTokens(), same.get(i).promptTokens());
            assertEquals(code.get(i).outputTokens(), same.get(i).outputTokens());
        }
    }

    @Test void writingTheCodeTraceBackReproducesTheOriginalFile(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("code.csv");
        TraceCsvWriter.writeAzureLlm(code, TraceCsvWriter.AZURE_LLM_BASE, out);
        List<String> original = Files.readAllLines(CODE).stream().map(String::strip).toList();
        assertEquals(original, Files.readAllLines(out), "byte-equal up to line endings");
        List<LlmRequest> back = AzureLlmCsv.read(out);
        for (int i = 0; i < code.size(); i++) assertEquals(code.get(i).arrivalS(), back.get(i).arrivalS(), 1e-9, "arrival " + i);
    }

    @Test void timeWarpDividesGapsAndKeepsEvents() {
        InvocationTrace w = Replay.timeWarp(huawei, 4);
        assertArrayEquals(huawei.countsPerFunction(), w.countsPerFunction());
        assertEquals((huawei.endS() - huawei.startS()) / 4, w.endS() - w.startS(), 1e-6);
        assertEquals((huawei.time(100) - huawei.time(99)) / 4, w.time(100) - w.time(99), 1e-9);
    }

    @Test void rateScaleThinsAndSuperposesPerFunction() {
        int n = huawei.size();
        InvocationTrace half = Replay.rateScale(huawei, 0.5, 3);
        assertEquals(n * 0.5, half.size(), 4 * Math.sqrt(n * 0.25), "thinning keeps half in expectation");
        long[] c = huawei.countsPerFunction(), c25 = Replay.rateScale(huawei, 2.5, 3).countsPerFunction();
        long total = Arrays.stream(c25).sum();
        assertEquals(n * 2.5, total, 4 * Math.sqrt(n * 0.25));
        for (int f = 0; f < c.length; f++) assertTrue(c25[f] >= 2 * c[f] && c25[f] <= 3 * c[f], "function " + f + " scaled between 2x and 3x");
        InvocationTrace triple = Replay.rateScale(huawei, 3, 3);
        assertEquals(3L * n, triple.size());
        assertTrue(triple.startS() >= huawei.startS() && triple.endS() <= huawei.endS(), "replicas wrap inside the span");
        assertEquals(3 * code.size(), LlmReplay.rateScale(code, 3, 1).size());
        assertFalse(Arrays.equals(Replay.rateScale(huawei, 2, 1).times(), Replay.rateScale(huawei, 2, 2).times()), "seeded");
        assertArrayEquals(Replay.rateScale(huawei, 2, 1).times(), Replay.rateScale(huawei, 2, 1).times(), "reproducible");
    }

    @Test void windowKeepsExactlyTheEventsInside() {
        double from = huawei.startS() + 3600, to = from + 7200;
        long expected = Arrays.stream(huawei.times()).filter(t -> t >= from && t < to).count();
        InvocationTrace w = Replay.window(huawei, from, to);
        assertEquals(expected, w.size());
        assertTrue(w.startS() >= from && w.endS() < to);
        assertEquals(Arrays.stream(code.stream().mapToDouble(LlmRequest::arrivalS).toArray()).filter(t -> t >= 600 && t < 1200).count(),
                LlmReplay.window(code, 600, 1200).size());
    }

    @Test void representativeDownsampleKeepsTheRateDistribution() {
        int k = 20;
        Replay.Downsample d = Replay.downsampleFunctions(huawei, k, 11);
        assertEquals(k, d.trace().functions());
        long[] full = huawei.countsPerFunction(), sub = d.trace().countsPerFunction();
        for (int s = 0; s < k; s++) assertEquals(full[d.keptFunctions()[s]], sub[s], "all events of a kept function");
        // a naive pick (the k functions with the smallest ids) is much further from the full distribution
        double span = huawei.endS() - huawei.startS();
        double[] all = Arrays.stream(full).mapToDouble(c -> Math.log10(Math.max(c, 0.5) / span)).toArray();
        double naive = dev.thaw.workload.calibrate.SimpleBurstinessStats.INSTANCE.wasserstein(all, Arrays.copyOf(all, k));
        assertTrue(d.log10RateWasserstein() < 0.15, "stratified W1 in decades: " + d.log10RateWasserstein());
        assertTrue(d.log10RateWasserstein() < naive, "stratified " + d.log10RateWasserstein() + " vs naive " + naive);
    }

    @Test void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Replay.timeWarp(huawei, 0));
        assertThrows(IllegalArgumentException.class, () -> Replay.rateScale(huawei, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> Replay.downsampleFunctions(huawei, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Replay.window(huawei, 10, 5));
    }
}
