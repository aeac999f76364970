package dev.thaw.analysis.arrivals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.analysis.agg.AggregationRunner;
import dev.thaw.analysis.agg.BatchSource;
import dev.thaw.analysis.agg.TraceInputs;
import dev.thaw.analysis.burst.Burstiness;
import dev.thaw.analysis.table.ResultTable;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArrivalAggregatorTest {
    static BufferAllocator allocator;

    @BeforeAll static void open() { allocator = new RootAllocator(); }

    @AfterAll static void close() { allocator.close(); }

    static Path dataset(String rel) { return Path.of(System.getProperty("thaw.repo", "../"), "datasets", rel); }

    static ArrivalAggregator run(Path file) throws Exception {
        return AggregationRunner.run(TraceInputs.resolve(List.of(file.toString()), null), TraceInputs::open, ArrivalAggregator::new, 2,
                AggregationRunner.Progress.NONE);
    }

    /** Independent computation: parse the TIMESTAMP text to exact decimal seconds, then IAT CV and rate. */
    static double[] independentCvAndRate(Path csv) throws Exception {
        List<BigDecimal> t = new ArrayList<>();
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            if (line.isBlank()) continue;
            String ts = line.substring(0, line.indexOf(','));
            String whole = ts.substring(0, 19), frac = ts.substring(20);
            long sec = LocalDateTime.parse(whole.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
            t.add(new BigDecimal(sec).add(new BigDecimal("0." + frac)));
        }
        int n = t.size() - 1;
        double sum = 0, sum2 = 0;
        for (int i = 1; i <= n; i++) {
            double g = t.get(i).subtract(t.get(i - 1)).doubleValue();
            sum += g;
            sum2 += g * g;
        }
        double mean = sum / n, sd = Math.sqrt(sum2 / n - mean * mean);
        return new double[] {sd / mean, n / t.get(n).subtract(t.get(0)).doubleValue(), t.size()};
    }

    @Test void azureLlm2023CodeIsVeryBurstyAndConversationNearlyPoisson() throws Exception {
        for (String name : List.of("code", "conv")) {
            Path csv = dataset("llm-traces/azure-llm-2023/AzureLLMInferenceTrace_" + name + ".csv");
            double[] ind = independentCvAndRate(csv);
            ArrivalReport.Whole w = new ArrivalReport(run(csv)).whole();
            assertEquals((long) ind[2], w.arrivals(), name);
            assertEquals(ind[0], w.iatCv(), 1e-6 * ind[0], name + " IAT CV");
            assertEquals(ind[1], w.ratePerS(), 1e-6 * ind[1], name + " rate");
            if (name.equals("code")) {
                assertEquals(13.15, w.iatCv(), 0.05);
                assertEquals(2.57, w.ratePerS(), 0.01);
            } else {
                assertEquals(1.094, w.iatCv(), 0.005);
                assertEquals(5.53, w.ratePerS(), 0.01);
            }
        }
    }

    @Test void llmTokensAreSummarisedAndFitted() throws Exception {
        ArrivalReport r = new ArrivalReport(run(dataset("llm-traces/azure-llm-2023/AzureLLMInferenceTrace_code.csv")));
        ResultTable d = r.distributions();
        int p = d.find("prompt_tokens");
        assertEquals(1469, d.number(p, "p50"), 1469 * 0.01 + 1, "published prompt median");
        assertEquals(13, d.number(d.find("output_tokens"), "p50"), 1);
        assertTrue(r.fits().stream().anyMatch(m -> m.target().equals("prompt_tokens")));
        assertTrue(r.fits().stream().anyMatch(m -> m.target().equals("iat_s")));
        assertEquals(null, r.diurnal(), "an hour-long trace has no diurnal profile");
    }

    @Test void wholeTraceStatisticsAgreeWithThePlainArrayComputation() throws Exception {
        ArrivalAggregator a = new ArrivalAggregator();
        List<Double> times = new ArrayList<>();
        try (BatchSource src = ArrivalFixtures.poisson(3, 200_000, 8192, 21, allocator)) {
            while (src.next()) {
                a.accept(src.root());
                for (int i = 0; i < src.root().getRowCount(); i++) times.add((Double) src.root().getVector("time_worker").getObject(i));
            }
        }
        Burstiness b = Burstiness.of(times.stream().mapToDouble(Double::doubleValue).toArray());
        ArrivalReport.Whole w = new ArrivalReport(a).whole();
        assertEquals(b.iatCv(), w.iatCv(), 1e-9);
        assertEquals(b.ratePerS(), w.ratePerS(), 1e-9);
        assertEquals(b.hurst(), w.hurst(), 1e-12);
        for (String k : b.idc().keySet()) assertEquals(b.idc().get(k), w.idc().get(k), 1e-12, k);
        // and a Poisson process looks like one
        assertEquals(1.0, w.iatCv(), 0.02);
        assertEquals(1.0, w.idc().get("10s"), 0.1);
        assertEquals(0.5, w.hurst(), 0.1);
    }

    @Test void perFunctionCountsConcentrationAndMeans() throws Exception {
        ArrivalAggregator a = new ArrivalAggregator();
        try (BatchSource src = ArrivalFixtures.poisson(3, 50_000, 4096, 5, allocator)) {
            while (src.next()) a.accept(src.root());
        }
        ArrivalReport r = new ArrivalReport(a);
        ResultTable f = r.byKey(KeyKind.FUNCTION);
        assertEquals(20, f.size());
        long sum = 0, top = 0;
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < f.size(); i++) {
            long c = (long) f.number(i, "count");
            sum += c;
            counts.add(c);
            String name = (String) f.cell(i, "function");
            int k = Integer.parseInt(name.substring(1));
            assertEquals(0.01 * (k + 1), f.number(i, "exec_mean_s"), 1e-12, "hand-made execution time of " + name);
            // each function's arrivals are a thinned Poisson process: CV about 1
            if (c > 2000) assertEquals(1.0, f.number(i, "iat_cv"), 0.08, name);
        }
        assertEquals(50_000, sum);
        counts.sort((x, y) -> Long.compare(y, x));
        top = counts.get(0) + counts.get(1); // top 10% of 20 functions = 2
        ResultTable c = r.concentration();
        assertEquals((double) top / sum, c.number(c.find("function", 10.0), "share"), 1e-12);
        assertEquals(2, r.byKey(KeyKind.REGION).size());
    }

    @Test void azure2019PerMinuteCountsAreConserved() throws Exception {
        Path csv = dataset("azure-functions/2019-format-extremes/invocations.csv");
        List<String> lines = Files.readAllLines(csv);
        long expected = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            for (int i = 4; i < f.length; i++) if (!f[i].isBlank()) expected += Math.round(Double.parseDouble(f[i]));
        }
        ArrivalReport r = new ArrivalReport(run(csv));
        ArrivalReport.Whole w = r.whole();
        assertEquals(expected, w.arrivals());
        assertTrue(Double.isNaN(w.iatCv()), "no IATs from per-minute counts");
        assertTrue(Double.isNaN(w.idc().get("1s")));
        assertEquals(3, r.byKey(KeyKind.FUNCTION).size());
        long perMinute = 0;
        ResultTable m = r.perMinute();
        for (int i = 0; i < m.size(); i++) perMinute += (long) m.number(i, "count");
        assertEquals(expected, perMinute);
    }

    @Test void peakToTroughOfHandMadeSeries() {
        assertEquals(1.0, ArrivalReport.peakToTrough(new long[] {5, 5, 5, 5}, 4), 0);
        assertEquals(8.0, ArrivalReport.peakToTrough(new long[] {2, 8, 0, 4}, 4), 0, "idle trough floored at 1");
        assertEquals(4.0, ArrivalReport.peakToTrough(new long[] {2, 8, 3, 4, 6, 4}, 3), 0);
    }
}
