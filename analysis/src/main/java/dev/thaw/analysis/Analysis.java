package dev.thaw.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.thaw.analysis.agg.AggregationRunner;
import dev.thaw.analysis.agg.TraceInputs;
import dev.thaw.analysis.arrivals.ArrivalAggregator;
import dev.thaw.analysis.arrivals.ArrivalReport;
import dev.thaw.analysis.coldstart.ColdStartAggregator;
import dev.thaw.analysis.coldstart.ColdStartReport;
import dev.thaw.analysis.coldstart.Dimension;
import dev.thaw.analysis.coldstart.FunctionMeta;
import dev.thaw.analysis.fit.Fits;
import dev.thaw.analysis.table.ResultTable;
import dev.thaw.analysis.table.TableFiles;
import dev.thaw.analysis.utility.UtilityAggregator;
import dev.thaw.ingest.write.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code thaw analyze} as a library call: resolves the inputs, runs the cold-start, arrival and pod-utility
 * aggregators over the files of the formats each understands (in parallel, one aggregator per file), and
 * assembles summary.json, fits.json and the result tables.
 */
public final class Analysis {
    private Analysis() {}

    public enum What { COLDSTARTS, ARRIVALS, UTILITY, FITS }

    public record Options(List<String> inputs, String format, Set<What> what, List<List<Dimension>> groupBy, int threads,
                          double keepAliveS, UtilityAggregator.ColdStartPoint coldStartPoint,
                          UtilityAggregator.RequestPoint requestPoint) {
        public static Options defaults(List<String> inputs) {
            return new Options(inputs, null, EnumSet.allOf(What.class), List.of(), Runtime.getRuntime().availableProcessors(), 60,
                    UtilityAggregator.ColdStartPoint.START, UtilityAggregator.RequestPoint.END);
        }
    }

    /** Progress over all inputs of all passes: rows so far and inputs finished out of the total. */
    public interface Progress {
        void update(long rows, int inputsDone, int inputsTotal);

        Progress NONE = (r, d, t) -> {};
    }

    public record Result(Map<String, Object> summary, Fits fits, List<ResultTable> tables) {
        /**
         * Writes summary.json, fits.json, tables/NAME.csv + tables/NAME.parquet and the report figures
         * (figures/NAME.csv + NAME.json, see {@link AnalysisFigures}) under {@code dir}.
         */
        public void write(Path dir) throws IOException {
            Files.createDirectories(dir);
            // a re-run into the same folder must not leave the figures and tables of an earlier run behind
            clearFiles(dir.resolve("tables"));
            clearFiles(dir.resolve("figures"));
            for (ResultTable t : tables) {
                t.writeCsv(dir.resolve("tables").resolve(t.name() + ".csv"));
                TableFiles.writeParquet(t, dir.resolve("tables").resolve(t.name() + ".parquet"));
            }
            fits.write(dir.resolve("fits.json"));
            AnalysisFigures.write(this, dir);
            Path tmp = AtomicFiles.tempSibling(dir.resolve("summary.json"));
            Files.writeString(tmp, json(summary));
            AtomicFiles.moveIntoPlace(tmp, dir.resolve("summary.json"));
        }

        /** A readable multi-line summary for the console. */
        public String text() {
            StringBuilder sb = new StringBuilder();
            sb.append("rows: ").append(summary.get("rows")).append('\n');
            for (String section : List.of("arrivals", "coldstarts", "pod_utility")) {
                if (summary.get(section) instanceof Map<?, ?> m) sb.append(section).append(": ").append(round(m)).append('\n');
            }
            for (ResultTable t : tables) {
                if (t.name().startsWith("coldstarts_by_region") || t.name().equals("coldstarts_all") || t.name().equals("pod_utility")
                        || t.name().equals("arrivals_distributions") || t.name().equals("coldstarts_iat")) {
                    List<String> cols = t.columns();
                    ResultTable small = new ResultTable(t.name(), cols.subList(0, Math.min(cols.size(), 9)));
                    for (Object[] r : t.rows()) small.add(java.util.Arrays.copyOf(r, small.columns().size()));
                    sb.append(small.toText(12));
                }
            }
            fits.models().stream().filter(m -> m.group().isEmpty())
                    .collect(java.util.stream.Collectors.groupingBy(Fits.Model::target, java.util.TreeMap::new, java.util.stream.Collectors.toList()))
                    .forEach((target, ms) -> ms.stream().min((a, b) -> Double.compare(a.aic(), b.aic())).ifPresent(b ->
                            sb.append("best fit ").append(target).append(": ").append(b.family()).append(' ').append(round(b.params()))
                                    .append(String.format(" (KS %.3f)%n", b.ks()))));
            return sb.toString();
        }
    }

    /** Deletes the plain files directly under {@code dir} (the folder itself and any subfolder stay). */
    private static void clearFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) if (Files.isRegularFile(f)) Files.delete(f);
        }
    }

    private static String round(Map<?, ?> m) {
        StringBuilder sb = new StringBuilder("{");
        m.forEach((k, v) -> {
            if (sb.length() > 1) sb.append(", ");
            sb.append(k).append('=').append(v instanceof Double d ? String.format("%.4g", d) : v instanceof Map<?, ?> mm ? round(mm) : v);
        });
        return sb.append('}').toString();
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** JSON text of a summary map; NaN and infinities become null. */
    public static String json(Object summary) {
        try {
            return JSON.writeValueAsString(nanToNull(summary));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object nanToNull(Object o) {
        if (o instanceof Double d && (d.isNaN() || d.isInfinite())) return null;
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, nanToNull(v)));
            return out;
        }
        if (o instanceof List<?> l) return l.stream().map(Analysis::nanToNull).toList();
        return o;
    }

    /** Per-request (event) formats: exact arrival times. */
    private static final Set<String> EVENT_FORMATS = Set.of("huawei-2025-request", "azure-2021", "azure-llm", "mooncake", "burstgpt", "vidur", "apex");
    /** Per-minute count formats: used for arrivals only when no per-request input is given (never mixed with events). */
    private static final Set<String> COUNT_FORMATS = Set.of("huawei-2025-minute", "huawei-2023", "azure-2019-invocations");

    public static Result run(Options o, Progress progress) throws Exception {
        return run(o, progress, dev.thaw.analysis.agg.PassRunner.local(o.threads()));
    }

    /** The same analysis with each aggregation pass run by {@code runner} (this JVM's threads, or a cluster). */
    public static Result run(Options o, Progress progress, dev.thaw.analysis.agg.PassRunner runner) throws Exception {
        List<TraceInputs.Input> all = TraceInputs.resolve(o.inputs(), o.format());
        if (all.isEmpty()) throw new IllegalArgumentException("no trace files found in " + o.inputs());
        List<TraceInputs.Input> cold = new ArrayList<>(), meta = new ArrayList<>(), events = new ArrayList<>(), counts = new ArrayList<>(),
                requests = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (TraceInputs.Input in : all) {
            String f = in.formatId();
            if (f.equals("huawei-2025-coldstart")) cold.add(in);
            else if (f.equals("huawei-2025-meta")) meta.add(in);
            else if (EVENT_FORMATS.contains(f)) events.add(in);
            else if (COUNT_FORMATS.contains(f)) counts.add(in);
            else ignored.add(in.displayName() + " (" + f + ")");
            if (f.equals("huawei-2025-request")) requests.add(in);
        }
        // the same requests appear as events and as per-minute counts in the Huawei layout: never add both up
        List<TraceInputs.Input> arrivals = events.isEmpty() ? counts : events;
        if (!events.isEmpty()) for (TraceInputs.Input in : counts) ignored.add(in.displayName() + " (" + in.formatId() + ": per-request logs used instead)");
        boolean doCold = (o.what().contains(What.COLDSTARTS) || o.what().contains(What.FITS)) && !cold.isEmpty();
        boolean doArr = (o.what().contains(What.ARRIVALS) || o.what().contains(What.FITS)) && !arrivals.isEmpty();
        boolean doUtil = o.what().contains(What.UTILITY) && !cold.isEmpty() && !requests.isEmpty();
        int total = (doCold ? cold.size() : 0) + (doArr ? arrivals.size() : 0) + (doUtil ? cold.size() + requests.size() : 0) + meta.size();
        long[] rowsBefore = {0};
        int[] doneBefore = {0};

        FunctionMeta fm = FunctionMeta.NONE;
        for (TraceInputs.Input in : meta) {
            FunctionMeta m = FunctionMeta.read(TraceInputs.open(in));
            Map<String, String[]> merged = new java.util.TreeMap<>(fm.byFuncId());
            merged.putAll(m.byFuncId());
            fm = new FunctionMeta(merged);
            progress.update(rowsBefore[0], ++doneBefore[0], total);
        }
        final FunctionMeta funcMeta = fm;

        Map<String, Object> summary = new LinkedHashMap<>();
        List<ResultTable> tables = new ArrayList<>();
        List<Fits.Model> models = new ArrayList<>();
        Fits.Mmpp mmpp = null;
        Fits.Diurnal diurnal = null;
        long rows = 0;

        ArrivalAggregator arrivalAgg = null;
        if (doArr) {
            ArrivalAggregator a = pass(runner, arrivals, ArrivalAggregator::new, progress, rowsBefore, doneBefore, total);
            ArrivalReport r = new ArrivalReport(a);
            arrivalAgg = a;
            rows += a.rows();
            Map<String, Object> as = new LinkedHashMap<>(r.summary());
            as.put("source", events.isEmpty() ? "per-minute counts" : "per-request arrivals");
            summary.put("arrivals", as);
            if (o.what().contains(What.ARRIVALS)) tables.addAll(r.tables());
            models.addAll(r.fits());
            mmpp = Fits.Mmpp.of(r.mmpp());
            diurnal = Fits.Diurnal.of(r.diurnal());
        }
        if (doCold) {
            List<List<Dimension>> groupings = new ArrayList<>(List.of(List.of(Dimension.REGION, Dimension.POOL), List.of(Dimension.SIZE),
                    List.of(Dimension.REGION, Dimension.SIZE), List.of(Dimension.HOUR)));
            if (!funcMeta.isEmpty()) { groupings.add(List.of(Dimension.RUNTIME)); groupings.add(List.of(Dimension.TRIGGER)); }
            for (List<Dimension> g : o.groupBy()) if (!groupings.contains(g)) groupings.add(g);
            // per-function cold-start counts only when there are per-request logs to join them with
            boolean join = doArr && !requests.isEmpty();
            ColdStartAggregator c = pass(runner, cold, () -> join ? new ColdStartAggregator(groupings, funcMeta, true).withFunctionCounts()
                    : new ColdStartAggregator(groupings, funcMeta, true), progress, rowsBefore, doneBefore, total);
            ColdStartReport r = new ColdStartReport(c);
            rows += c.rows();
            summary.put("coldstarts", r.summary());
            if (o.what().contains(What.COLDSTARTS)) tables.addAll(r.tables());
            models.addAll(r.fits());
            if (join && arrivalAgg != null && !arrivalAgg.keys(dev.thaw.analysis.arrivals.KeyKind.FUNCTION).isEmpty())
                tables.add(requestsVsColdStarts(arrivalAgg, c));
        }
        if (doUtil) {
            List<TraceInputs.Input> both = new ArrayList<>(cold);
            both.addAll(requests);
            double keepAliveS = o.keepAliveS();
            var coldStartPoint = o.coldStartPoint();
            var requestPoint = o.requestPoint();
            UtilityAggregator u = pass(runner, both, () -> new UtilityAggregator(keepAliveS, coldStartPoint, requestPoint, funcMeta),
                    progress, rowsBefore, doneBefore, total);
            tables.add(u.table());
            summary.put("pod_utility", u.summary());
            if (!doArr && !doCold) rows += u.rows(); // rows counts each row once: otherwise the passes above read them
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", rows);
        out.put("inputs", all.size());
        if (!ignored.isEmpty()) out.put("ignored_inputs", ignored);
        out.putAll(summary);
        return new Result(out, new Fits(models, mmpp, diurnal), tables);
    }

    /** Per funcID: requests, cold starts and cold starts per request (functions seen in either input). */
    static ResultTable requestsVsColdStarts(ArrivalAggregator a, ColdStartAggregator c) {
        ResultTable t = new ResultTable("requests_vs_coldstarts", "funcID", "requests", "cold_starts", "cold_starts_per_request");
        java.util.TreeSet<String> ids = new java.util.TreeSet<>(a.keys(dev.thaw.analysis.arrivals.KeyKind.FUNCTION).keySet());
        ids.addAll(c.perFunction().keySet());
        for (String id : ids) {
            var k = a.keys(dev.thaw.analysis.arrivals.KeyKind.FUNCTION).get(id);
            long req = k == null ? 0 : k.count();
            long cs = c.perFunction().getOrDefault(id, new long[1])[0];
            t.add(id, req, cs, req == 0 ? Double.NaN : (double) cs / req);
        }
        return t;
    }

    private static <S extends dev.thaw.analysis.agg.Aggregator<S>> S pass(dev.thaw.analysis.agg.PassRunner runner, List<TraceInputs.Input> inputs,
                                                                          dev.thaw.analysis.agg.AggregatorFactory<S> factory, Progress progress,
                                                                          long[] rowsBefore, int[] doneBefore, int total) throws Exception {
        long base = rowsBefore[0];
        int doneBase = doneBefore[0];
        long[] rowsNow = {0};
        int[] doneNow = {0};
        S s = runner.run(inputs, factory, new AggregationRunner.Progress() {
            @Override public void rows(long r) { rowsNow[0] = r; progress.update(base + r, doneBase + doneNow[0], total); }
            @Override public void inputDone(int d, int t) { doneNow[0] = d; progress.update(base + rowsNow[0], doneBase + d, total); }
        });
        rowsBefore[0] = base + rowsNow[0];
        doneBefore[0] = doneBase + inputs.size();
        return s;
    }
}
