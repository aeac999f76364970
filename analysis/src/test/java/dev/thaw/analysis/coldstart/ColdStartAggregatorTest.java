package dev.thaw.analysis.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.analysis.agg.AggregationRunner;
import dev.thaw.analysis.agg.QuantileSketch;
import dev.thaw.analysis.agg.TraceInputs;
import dev.thaw.analysis.table.ResultTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ColdStartAggregatorTest {
    static BufferAllocator allocator;
    static ColdStartAggregator agg;
    /** Exact values kept by the test: (region, pool) -> component -> values. */
    static Map<String, List<double[]>> exact = new TreeMap<>();

    @BeforeAll static void aggregate() throws Exception {
        allocator = new RootAllocator();
        agg = new ColdStartAggregator(List.of(List.of(Dimension.REGION, Dimension.POOL), List.of(Dimension.SIZE)), FunctionMeta.NONE, true, 2000);
        try (SyntheticColdStarts src = new SyntheticColdStarts(40_000, 4096, 3, allocator)) {
            while (src.next()) {
                VectorSchemaRoot b = src.root();
                agg.accept(b);
                for (int i = 0; i < b.getRowCount(); i++) {
                    String key = b.getVector("region").getObject(i) + "|" + b.getVector("poolName").getObject(i);
                    double[] row = new double[6];
                    for (Component c : Component.ALL) row[c.ordinal()] = ((Number) b.getVector(c.column()).getObject(i)).doubleValue();
                    row[5] = ((Number) b.getVector("time").getObject(i)).doubleValue();
                    exact.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
                }
            }
        }
    }

    @AfterAll static void close() { allocator.close(); }

    /** Nearest-rank quantile of sorted values. */
    static double rank(double[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    @Test void groupCountsMeansAndSharesAreExactAndQuantilesWithinTheSketchBound() {
        ResultTable t = new ColdStartReport(agg).groupTable(List.of(Dimension.REGION, Dimension.POOL));
        assertEquals(25, t.size());
        for (var e : exact.entrySet()) {
            String[] k = e.getKey().split("\\|");
            int r = t.find(k[0], k[1]);
            assertTrue(r >= 0, e.getKey());
            List<double[]> rows = e.getValue();
            assertEquals(rows.size(), (long) t.number(r, "count"));
            double totalSum = rows.stream().mapToDouble(x -> x[0]).sum();
            for (Component c : Component.ALL) {
                double[] v = rows.stream().mapToDouble(x -> x[c.ordinal()]).filter(x -> !c.skipsZeros() || x != 0).sorted().toArray();
                String p = c.column() + "_";
                assertEquals(Arrays.stream(v).average().orElseThrow(), t.number(r, p + "mean"), 1e-12 * v[v.length - 1], p + "mean");
                assertEquals(v[v.length - 1], t.number(r, p + "max"), 0, p + "max");
                assertEquals(Arrays.stream(v).sum() / totalSum, t.number(r, p + "share"), 1e-12, p + "share");
                for (double q : new double[] {0.5, 0.9, 0.99}) {
                    double truth = rank(v, q), got = t.number(r, p + "p" + Math.round(q * 100));
                    assertEquals(truth, got, QuantileSketch.RELATIVE_ERROR * truth + 1e-6, e.getKey() + " " + p + q);
                }
            }
            long nonzero = rows.stream().filter(x -> x[3] != 0).count();
            assertEquals(nonzero, (long) t.number(r, "deployDependency_nonzero"));
            assertTrue(nonzero < rows.size() * 0.4, "dependency zeros are left out of its distribution");
        }
    }

    @Test void componentSharesSumToOne() {
        ResultTable t = new ColdStartReport(agg).groupTable(List.of());
        double s = 0;
        for (Component c : Component.ALL) if (c != Component.TOTAL) s += t.number(0, c.column() + "_share");
        assertEquals(1.0, s, 1e-9);
        assertEquals(40_000, (long) t.number(0, "count"));
    }

    @Test void smallPodsAreAtMost400MillicoresAnd256Mb() {
        ResultTable t = new ColdStartReport(agg).groupTable(List.of(Dimension.SIZE));
        long small = exact.entrySet().stream().filter(e -> e.getKey().contains("300-128") || e.getKey().contains("400-256"))
                .mapToLong(e -> e.getValue().size()).sum();
        assertEquals(small, (long) t.number(t.find("small"), "count"));
        assertEquals(40_000 - small, (long) t.number(t.find("large"), "count"));
    }

    @Test void interArrivalTimesMatchAnExactComputation() {
        ResultTable t = new ColdStartReport(agg).interArrivals();
        for (String region : List.of("R1", "R3")) {
            double[] times = exact.entrySet().stream().filter(e -> e.getKey().startsWith(region + "|"))
                    .flatMap(e -> e.getValue().stream()).mapToDouble(x -> x[5]).sorted().toArray();
            double[] gaps = new double[times.length - 1];
            for (int i = 1; i < times.length; i++) gaps[i - 1] = times[i] - times[i - 1];
            double mean = Arrays.stream(gaps).average().orElseThrow();
            double sd = Math.sqrt(Arrays.stream(gaps).map(g -> (g - mean) * (g - mean)).sum() / gaps.length);
            int r = t.find(region);
            assertEquals(gaps.length, (long) t.number(r, "iats"));
            assertEquals(mean, t.number(r, "mean_s"), 1e-9 * mean);
            assertEquals(sd / mean, t.number(r, "cv"), 1e-6);
            assertEquals(0, (long) t.number(r, "out_of_order"));
        }
    }

    @Test void hourlySeriesConserveCountsAndSpearmanSeesTheTotalFollowItsComponents() {
        ColdStartReport rep = new ColdStartReport(agg);
        ResultTable h = rep.hourly();
        long sum = 0;
        for (int r = 0; r < h.size(); r++) sum += (long) h.number(r, "count");
        assertEquals(40_000, sum);
        ResultTable s = rep.spearman();
        assertEquals(5 * 15, s.size());
        int r = s.find("R1", "totalCost_cold_start_mean", "schedulingCost_mean");
        assertTrue(s.number(r, "rho") > 0.3, "total follows scheduling: " + s.number(r, "rho"));
    }

    @Test void fitsRecoverTheGeneratorsLognormalComponents() {
        ColdStartReport rep = new ColdStartReport(agg);
        // scheduling in R1 is LogNormal(-1.5, 1.3) in SyntheticColdStarts
        var best = rep.fits().stream().filter(m -> m.target().equals("schedulingCost_s") && m.group().equals(Map.of("region", "R1")))
                .min((a, b) -> Double.compare(a.aic(), b.aic())).orElseThrow();
        assertEquals("lognormal", best.family());
        assertEquals(-1.5, best.params().get("mu"), 0.1);
        assertEquals(1.3, best.params().get("sigma"), 0.08);
        Map<String, Object> summary = rep.summary();
        assertEquals(40_000L, summary.get("count"));
        assertTrue(((Map<?, ?>) summary.get("fit")).containsKey("family"));
    }

    @Test void bundledExcerptThroughTheIngestReaderMatchesAHandComputation() throws Exception {
        Path file = Path.of(System.getProperty("thaw.repo", "../"), "datasets/huawei-2025/excerpts/cold_start_all_regions_head_tail.csv");
        var inputs = TraceInputs.resolve(List.of(file.toString()), null);
        ColdStartAggregator a = AggregationRunner.run(inputs, TraceInputs::open,
                () -> new ColdStartAggregator(List.of(List.of(Dimension.REGION))), 2, AggregationRunner.Progress.NONE);
        // hand computation from the CSV text: 10 rows, totalCost_cold_start column
        List<String> lines = java.nio.file.Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).split(","));
        int col = header.indexOf("totalCost_cold_start");
        double[] totals = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[col])).toArray();
        ResultTable t = new ColdStartReport(a).groupTable(List.of());
        assertEquals(totals.length, (long) t.number(0, "count"));
        assertEquals(Arrays.stream(totals).average().orElseThrow(), t.number(0, "totalCost_cold_start_mean"), 1e-12);
        assertEquals(Arrays.stream(totals).max().orElseThrow(), t.number(0, "totalCost_cold_start_max"), 0);
    }
}
