package dev.thaw.workload.llm;

import static org.junit.jupiter.api.Assertions.*;

import dev.thaw.workload.replay.AzureLlmCsv;
import dev.thaw.workload.replay.InvocationTrace;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Token lengths keep the bundled Azure 2023 traces' marginals and prompt/output correlation. */
class TokenModelsTest {
    static final Path DIR = Path.of(System.getProperty("thaw.repo", "..")).resolve("datasets/llm-traces/azure-llm-2023");

    /** APEX copies: RequestID,StartTimeOffset_ns,ContextTokens,GeneratedTokens. */
    static List<LlmRequest> apex(Path f) throws java.io.IOException {
        List<String> lines = java.nio.file.Files.readAllLines(f);
        assertEquals("RequestID,StartTimeOffset_ns,ContextTokens,GeneratedTokens", lines.get(0).strip());
        return lines.subList(1, lines.size()).stream().map(l -> l.strip().split(","))
                .map(c -> new LlmRequest(0, Long.parseLong(c[1]) / 1e9, Integer.parseInt(c[2]), Integer.parseInt(c[3]))).toList();
    }

    static int median(int[] v) { int[] c = v.clone(); Arrays.sort(c); return c[c.length / 2]; }

    static int[][] draw(TokenLengthModel m, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] out = new int[2][n];
        int[] pair = new int[2];
        for (int i = 0; i < n; i++) { m.sample(rng, pair); out[0][i] = pair[0]; out[1][i] = pair[1]; }
        return out;
    }

    @Test void copulaAndJointResamplingKeepMediansAndRankCorrelation() throws Exception {
        for (String trace : new String[] {"code", "conv", "apex-creation"}) {
            List<LlmRequest> reqs = trace.startsWith("apex") ? apex(DIR.resolve("../apex/llama/creation_05.csv")) : AzureLlmCsv.read(DIR.resolve("AzureLLMInferenceTrace_" + trace + ".csv"));
            int[] p = reqs.stream().mapToInt(LlmRequest::promptTokens).toArray(), o = reqs.stream().mapToInt(LlmRequest::outputTokens).toArray();
            if (trace.equals("code")) { assertEquals(1469, median(p), 15, "published prompt median"); assertEquals(13, median(o), 1, "published output median"); }
            double rho = GaussianCopulaTokens.spearman(p, o);
            for (TokenLengthModel m : new TokenLengthModel[] {GaussianCopulaTokens.fit(reqs), EmpiricalJointTokens.of(reqs)}) {
                int[][] s = draw(m, 40_000, 3);
                assertEquals(median(p), median(s[0]), 0.05 * median(p), trace + " " + m.getClass().getSimpleName() + " prompt median");
                assertEquals(median(o), median(s[1]), Math.max(1, 0.05 * median(o)), trace + " output median");
                assertEquals(rho, GaussianCopulaTokens.spearman(s[0], s[1]), 0.05, trace + " Spearman prompt/output (source " + rho + ")");
            }
            // independence would destroy it: shuffle outputs
            int[] shuffled = o.clone();
            SplittableRandom r = new SplittableRandom(1);
            for (int i = shuffled.length - 1; i > 0; i--) { int j = r.nextInt(i + 1); int t = shuffled[i]; shuffled[i] = shuffled[j]; shuffled[j] = t; }
            assertEquals(0, GaussianCopulaTokens.spearman(p, shuffled), 0.03);
            // the Azure traces are nearly uncorrelated (code -0.02, conv 0.07); APEX "creation" is strongly correlated
            if (trace.startsWith("apex")) assertTrue(rho > 0.6, "creation prompt/output Spearman " + rho);
        }
    }

    @Test void lognormalModelHasItsMediansAndLogCorrelation() {
        int[][] s = draw(new LognormalTokens(Math.log(1000), 1, Math.log(100), 0.8, 0.6), 50_000, 5);
        assertEquals(1000, median(s[0]), 30);
        assertEquals(100, median(s[1]), 3);
        double rhoS = GaussianCopulaTokens.spearman(s[0], s[1]);
        assertEquals(6 / Math.PI * Math.asin(0.6 / 2), rhoS, 0.02, "Spearman of a Gaussian copula");
    }

    @Test void prefixBlocksCoverThePromptAndShareGroupPrefixes() {
        SplittableRandom rng = new SplittableRandom(7);
        PrefixBlocks pb = new PrefixBlocks(50, 1.2, 4, new SplittableRandom(1));
        java.util.Set<Long> seen = new java.util.HashSet<>();
        long blocks = 0, reused = 0;
        for (int i = 0; i < 5000; i++) {
            int prompt = 1 + rng.nextInt(8000);
            long[] ids = pb.assign(prompt, rng);
            assertEquals((prompt + 511) / 512, ids.length);
            for (long id : ids) { blocks++; if (!seen.add(id)) reused++; }
        }
        double share = reused / (double) blocks;
        assertTrue(share > 0.1 && share < 0.6, "share of blocks whose KV could be reused: " + share);
        long[] none = new PrefixBlocks(50, 1.2, 0, new SplittableRandom(1)).assign(2000, rng);
        assertEquals(4, none.length);
        assertTrue(none[0] >= 50L << 20, "no shared prefix when groups have none");
    }

    @Test void endpointsTurnTheirInvocationsIntoRequests() {
        int functions = 1000;
        double[] t = new double[20_000];
        int[] f = new int[t.length];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < t.length; i++) { t[i] = i * 0.1; f[i] = rng.nextInt(functions); }
        String[] names = new String[functions];
        Arrays.setAll(names, i -> "f" + i);
        InvocationTrace trace = new InvocationTrace(t, f, new double[t.length], names);
        LlmEndpoints ep = new LlmEndpoints(functions, 0.2, List.of(new LognormalTokens(7, 1, 4, 1, 0.3), new LognormalTokens(5, 0.5, 6, 0.5, 0)), new double[] {3, 1}, 11);
        long endpoints = java.util.stream.IntStream.range(0, functions).filter(ep::isEndpoint).count();
        assertEquals(200, endpoints, 40);
        List<LlmRequest> reqs = ep.requests(trace, null, 5);
        long expected = Arrays.stream(f).filter(ep::isEndpoint).count();
        assertEquals(expected, reqs.size(), "one request per endpoint invocation");
        for (int i = 1; i < reqs.size(); i++) assertTrue(reqs.get(i).arrivalS() >= reqs.get(i - 1).arrivalS());
        assertEquals(reqs.stream().map(LlmRequest::promptTokens).toList(), ep.requests(trace, null, 5).stream().map(LlmRequest::promptTokens).toList(), "seeded");
    }
}
