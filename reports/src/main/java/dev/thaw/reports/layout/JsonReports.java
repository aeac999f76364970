package dev.thaw.reports.layout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thaw.reports.chart.CdfChart;
import dev.thaw.reports.chart.Charts;
import dev.thaw.reports.chart.LineChart;
import dev.thaw.reports.chart.Figure;
import dev.thaw.reports.chart.ParetoChart;
import dev.thaw.reports.html.HtmlReport;
import dev.thaw.reports.html.KeyFigure;
import dev.thaw.reports.table.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns the documented result files (cli.md keys, reports/README.md layout) into report pages: key figures and
 * charts drawn from the JSON, then any figure and table files the folder carries, then every value of the JSON.
 */
final class JsonReports {
    private JsonReports() {}

    static final String[] PERCENTILES = {"mean", "p50", "p90", "p99"};

    static HtmlReport analysis(ResultInput in, String id, String title) {
        JsonNode s = in.summary();
        HtmlReport.Builder r = start(in, id, title, "analysis");
        card(r, s, "rows", "rows", "analysed");
        card(r, s, "arrivals.rate_per_s", "arrival rate", "requests / s");
        card(r, s, "arrivals.iat_cv", "IAT CV", "1 = Poisson");
        card(r, s, "arrivals.hurst", "Hurst exponent", "0.5 = no memory");
        card(r, s, "coldstarts.count", "cold starts", "");
        card(r, s, "coldstarts.total_s.p50", "median cold start", "seconds");
        JsonNode idc = Json.at(s, "arrivals.idc");
        if (idc.isObject() && idc.size() > 0) {
            List<Double> w = new ArrayList<>(), v = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = idc.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getValue().isNumber()) { w.add(seconds(e.getKey())); v.add(e.getValue().asDouble()); }
            }
            r.section("Arrivals").figure(Charts.idc("idc", "Index of dispersion versus time scale")
                    .series(in.name(), unbox(w), unbox(v))
                    .caption("Var(N)/E(N) of counts in windows of each length; 1 for a Poisson process.").build());
        }
        JsonNode share = Json.at(s, "coldstarts.share");
        if (share.isObject() && share.size() > 0) {
            List<String> names = new ArrayList<>();
            List<Double> vals = new ArrayList<>();
            share.fields().forEachRemaining(e -> { names.add(e.getKey()); vals.add(e.getValue().asDouble()); });
            r.section("Cold starts").figure(Charts.groupedBars("coldstart-share", "Share of cold-start time by component")
                    .categories(names).series("share", unbox(vals)).valueLabels().axes("", "share of total time").build());
            if (Json.at(s, "coldstarts.total_s").isObject()) r.table("Cold-start time (s)", percentiles(s, "coldstarts.total_s"));
            JsonNode fit = Json.at(s, "coldstarts.fit");
            if (fit.isObject()) r.table("Fitted distribution", Json.leaves(fit));
        }
        return finish(in, r);
    }

    static HtmlReport simulation(ResultInput in, String id, String title) {
        JsonNode s = in.summary();
        HtmlReport.Builder r = start(in, id, title, "simulation");
        provenanceCards(r, s);
        card(r, s, "ttft_ms.p99", "TTFT p99", "ms");
        card(r, s, "tpot_ms.p50", "TPOT p50", "ms");
        card(r, s, "throughput.output_tok_per_s", "throughput", "output tokens / s");
        card(r, s, "goodput_req_per_s", "goodput", "requests / s within SLO");
        card(r, s, "completed", "completed", Json.has(s, "requests") ? "of " + (long) Json.num(s, "requests") + " requests" : "");
        r.section("Latency");
        Table.Builder t = Table.of("metric", "mean", "p50", "p90", "p99");
        boolean any = false;
        for (String m : new String[] {"ttft_ms", "tpot_ms", "itl_ms", "e2e_s"})
            if (s.path(m).isObject()) {
                any = true;
                t.row(m, Json.num(s, m + ".mean"), Json.num(s, m + ".p50"), Json.num(s, m + ".p90"), Json.num(s, m + ".p99"));
            }
        Path requests = in.file("requests.csv");
        if (requests != null && Files.isRegularFile(requests)) {
            CsvColumns c = CsvColumns.read(requests);
            double[] arrival = c.numbers("arrival_s"), first = c.numbers("first_token_s"), finish = c.numbers("finish_s");
            double[] ttft = new double[arrival.length], e2e = new double[arrival.length];
            for (int i = 0; i < ttft.length; i++) { ttft[i] = (first[i] - arrival[i]) * 1000; e2e[i] = finish[i] - arrival[i]; }
            r.figure(Charts.cdf("ttft-cdf", "Time to first token").logX().axes("TTFT (ms)", "fraction of requests")
                    .sample(in.name(), ttft).caption("Per request, from requests.csv.").build());
            r.figure(Charts.histogram("e2e-hist", "End-to-end latency").logX().axes("end-to-end latency (s)", "fraction of requests")
                    .sample(in.name(), e2e).build());
        }
        if (any) r.table("Latency percentiles", t.build());
        return finish(in, r);
    }

    static HtmlReport search(ResultInput in, String id, String title) {
        JsonNode s = in.summary();
        if (s.path("autoscale").asBoolean(false)) return autoscale(in, id, title);
        HtmlReport.Builder r = start(in, id, title, "search");
        provenanceCards(r, s);
        JsonNode best = s.path("best");
        if (best.has("plan")) r.keyFigure("best plan", best.get("plan").asText(), "");
        card(r, s, "plans_enumerated", "plans enumerated", "");
        card(r, s, "plans_simulated", "plans simulated", Json.has(s, "plans_pruned") ? (long) Json.num(s, "plans_pruned") + " pruned" : "");
        card(r, s, "search_wall_s", "search time", "seconds");
        JsonNode ranking = s.path("ranking");
        if (ranking.isArray() && ranking.size() > 0) {
            // When every plan uses the same GPUs (a fixed cluster), show the trade between the two latencies instead.
            boolean sameGpus = true;
            double firstGpus = Double.NaN;
            for (JsonNode plan : ranking) {
                double g = plan.has("gpus") ? plan.get("gpus").asDouble() : gpusOf(plan.path("plan").asText(""));
                if (Double.isNaN(firstGpus)) firstGpus = g; else if (g != firstGpus) sameGpus = false;
            }
            ParetoChart p = sameGpus
                    ? Charts.pareto("pareto", "Plans: p99 TPOT vs p99 TTFT").axes("p99 TPOT (ms)", "p99 TTFT (ms)")
                    : Charts.pareto("pareto", "Plans: GPUs vs p99 TTFT").axes("GPUs", "p99 TTFT (ms)");
            p.caption("Coloured: the Pareto front; diamond: the best plan.");
            Table.Builder t = Table.of("rank", "plan", "GPUs", "TTFT p99 (ms)", "TPOT p99 (ms)", "throughput (req/s)", "goodput (req/s)");
            int rank = 1;
            for (JsonNode plan : ranking) {
                // The label names quantization and engine knobs too, so plans with one layout stay apart.
                String name = plan.has("label") ? plan.get("label").asText() : plan.path("plan").asText("plan " + rank);
                double gpus = plan.has("gpus") ? plan.get("gpus").asDouble() : gpusOf(plan.path("plan").asText(name));
                double ttft = Json.num(plan, "ttft_ms.p99");
                double x = sameGpus ? Json.num(plan, "tpot_ms.p99") : gpus;
                if (Double.isFinite(x) && Double.isFinite(ttft)) p.point(name, x, ttft);
                t.row((long) rank++, name, gpus, ttft, Json.num(plan, "tpot_ms.p99"), Json.num(plan, "throughput.req_per_s"),
                        Json.num(plan, "goodput_req_per_s"));
            }
            if (best.has("label")) { p.best(best.get("label").asText()); }
            else if (best.has("plan")) p.best(best.get("plan").asText());
            r.section("Plans");
            if (!p.front().isEmpty()) r.figure(p.build());
            JsonNode baselines = s.path("baselines");
            if (baselines.isObject() && baselines.size() > 0 && best.isObject()) {
                List<String> names = new ArrayList<>(List.of("best"));
                List<Double> v = new ArrayList<>(List.of(Json.num(best, "ttft_ms.p99")));
                baselines.fields().forEachRemaining(e -> { names.add(e.getKey()); v.add(Json.num(e.getValue(), "ttft_ms.p99")); });
                r.figure(Charts.groupedBars("baselines", "Best plan vs baselines").categories(names)
                        .series("p99 TTFT (ms)", unbox(v)).valueLabels().axes("", "p99 TTFT (ms)").build());
            }
            r.table("Ranked plans", t.build(), "In the order the search ranked them.", 200);
        }
        return finish(in, r);
    }

    /**
     * Serverless scaling search ({@code thaw search --autoscale}): every configuration on goodput per dollar
     * against p99 TTFT with the Pareto front, and the chosen one over time (replicas, waiting requests, cold starts).
     */
    static HtmlReport autoscale(ResultInput in, String id, String title) {
        JsonNode s = in.summary();
        HtmlReport.Builder r = start(in, id, title, "autoscaling search");
        JsonNode best = s.path("best");
        if (best.has("plan")) r.keyFigure("best plan", best.get("plan").asText(), best.path("config").asText(""));
        card(r, best, "goodput_per_dollar", "goodput per dollar", "requests within SLO per $");
        card(r, best, "ttft_s.p99", "TTFT p99", "seconds, cold starts included");
        card(r, best, "replica_cold_starts", "replica cold starts", "");
        card(r, s, "plans_simulated", "configurations", "simulated");
        JsonNode configs = s.path("configurations");
        String bestLabel = best.path("plan").asText("") + " " + best.path("config").asText("");
        if (configs.isArray() && configs.size() > 0) {
            ParetoChart p = Charts.pareto("configurations", "Configurations: goodput per dollar vs p99 TTFT")
                    .axes("p99 TTFT (s)", "goodput per dollar (requests within SLO / $)").objectives(true, false).logX();
            boolean any = false;
            for (JsonNode c : configs) {
                double x = Json.num(c, "ttft_p99_s"), y = Json.num(c, "goodput_per_dollar");
                if (Double.isFinite(x) && x > 0 && Double.isFinite(y)) {
                    p.point(c.path("plan").asText("") + " " + c.path("config").asText(""), x, y);
                    any = true;
                }
            }
            p.best(bestLabel).caption("One point per configuration (replica plan, keep-alive, min and max replicas). Coloured: the "
                    + "Pareto front (no configuration is both faster and cheaper per good request); diamond: the chosen one.");
            r.section("Configurations");
            if (any) r.figure(p.build());
        }
        JsonNode tl = best.path("timeline");
        if (tl.path("t_s").isArray() && tl.path("t_s").size() > 1) {
            double[] t = numbers(tl.path("t_s"));
            double t0 = t[0];
            for (int i = 0; i < t.length; i++) t[i] = (t[i] - t0) / 60;
            double[] cold = numbers(tl.path("cold_starts_s"));
            for (int i = 0; i < cold.length; i++) cold[i] = (cold[i] - t0) / 60;
            r.section("The chosen configuration over time");
            r.wideFigure(Charts.lines("scaling", "Replicas and waiting requests: " + bestLabel.trim())
                    .axes("minutes since the first request", "count")
                    .series("replicas up", t, numbers(tl.path("replicas")))
                    .series("requests waiting for a first token", t, numbers(tl.path("waiting")))
                    .marks("replica cold start", cold)
                    .caption("Sampled at " + t.length + " instants. Triangles and thin lines: a replica started by scaling out "
                            + "(its weights load before it serves).").build());
        }
        JsonNode ranking = s.path("ranking");
        if (ranking.isArray() && ranking.size() > 0) {
            Table.Builder t = Table.of("rank", "plan", "keep-alive", "min", "max", "goodput per $", "TTFT p99 (s)", "SLO attainment", "cold starts", "cost ($)");
            int rank = 1;
            for (JsonNode c : ranking)
                t.row((long) rank++, c.path("plan").asText(""), c.path("keep_alive").asText(""), Json.num(c, "min_replicas"),
                        Json.num(c, "max_replicas"), Json.num(c, "goodput_per_dollar"), Json.num(c, "ttft_s.p99"),
                        Json.num(c, "slo_attainment"), Json.num(c, "replica_cold_starts"), Json.num(c, "cost_usd"));
            r.table("Ranked configurations", t.build(), "By goodput per dollar.", 200);
        }
        return finish(in, r);
    }

    private static double[] numbers(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) v[i] = array.get(i).isNumber() ? array.get(i).asDouble() : Double.NaN;
        return v;
    }

    /** One page for every keep-alive policy result given (one JSON per policy). */
    static HtmlReport policies(List<ResultInput> ins, String id) {
        ResultInput first = ins.get(0);
        HtmlReport.Builder r = start(first, id, "Serverless keep-alive policies", "serverless policies");
        if (ins.size() > 1) r.lead("Keep-alive policies replayed on the same invocations: " + ins.size() + " results.");
        List<String> names = new ArrayList<>();
        double[] rate = new double[ins.size()], waste = new double[ins.size()];
        for (int i = 0; i < ins.size(); i++) {
            names.add(ins.get(i).name());
            rate[i] = Json.num(ins.get(i).summary(), "cold_start_rate");
            waste[i] = Json.num(ins.get(i).summary(), "wasted_memory_gb_s");
        }
        int bestIdx = 0;
        for (int i = 1; i < rate.length; i++) if (rate[i] < rate[bestIdx]) bestIdx = i;
        if (Double.isFinite(rate[bestIdx])) r.keyFigure("lowest cold-start rate", names.get(bestIdx), "rate " + Table.display(rate[bestIdx]));
        card(r, first.summary(), "invocations", "invocations", "");
        r.section("Cold starts and memory");
        ParetoChart trade = Charts.pareto("trade-off", "Cold-start rate vs wasted memory-time")
                .axes("idle warm memory (GB-s)", "cold starts per invocation");
        boolean anyPoint = false;
        for (int i = 0; i < names.size(); i++)
            if (Double.isFinite(rate[i]) && Double.isFinite(waste[i])) { trade.point(names.get(i), waste[i], rate[i]); anyPoint = true; }
        if (anyPoint) r.wideFigure(trade.caption("One point per policy. Coloured and joined: the Pareto front, the policies no other "
                + "beats on both cold starts and wasted memory.").build());
        r.figure(Charts.groupedBars("cold-start-rate", "Cold-start rate by policy").categories(names).series("cold-start rate", rate)
                .valueLabels().axes("", "cold starts per invocation").build());
        r.figure(Charts.groupedBars("wasted-memory", "Wasted memory-time by policy").categories(names).series("wasted", waste)
                .valueLabels().axes("", "idle warm memory (GB-s)").build());
        Table.Builder t = Table.of("policy", "invocations", "cold starts", "cold-start rate", "wasted memory (GB-s)", "pod utility p50", "pod utility p90");
        for (ResultInput in : ins) {
            JsonNode s = in.summary();
            t.row(in.name(), Json.num(s, "invocations"), Json.num(s, "cold_starts"), Json.num(s, "cold_start_rate"),
                    Json.num(s, "wasted_memory_gb_s"), Json.num(s, "pod_utility.p50"), Json.num(s, "pod_utility.p90"));
        }
        r.table("Policies", t.build());
        for (ResultInput in : ins) extras(in, r, ins.size() > 1 ? in.name() + ": " : "");
        return r.build();
    }

    /**
     * The calibration loop ({@code thaw generate --calibrate}): the source and what the fitted model (and a Poisson
     * process of the same rate) generated, side by side: IDC over time scales, inter-arrival CDFs, per-minute rates,
     * and the figures compared.
     */
    static HtmlReport calibration(ResultInput in, String id, String title) {
        JsonNode s = in.summary();
        HtmlReport.Builder r = start(in, id, title, "calibration");
        JsonNode cal = s.path("calibration");
        JsonNode fitted = cal.path("fitted").path("metrics"), poisson = cal.path("poisson").path("metrics");
        card(r, fitted, "iat_cv.source", "IAT CV of the source", "1 = Poisson");
        card(r, fitted, "iat_cv.synthetic", "IAT CV generated", "by the fitted " + cal.path("fitted").path("model").asText("model"));
        card(r, fitted, "idc_60s.source", "IDC at 60 s, source", "");
        card(r, fitted, "idc_60s.synthetic", "IDC at 60 s, generated", "");
        JsonNode curves = cal.path("curves");
        List<String> names = new ArrayList<>();
        curves.path("idc").fieldNames().forEachRemaining(n -> { if (!n.equals("window_s")) names.add(n); });
        if (!names.isEmpty()) {
            r.section("Source and generated, side by side");
            LineChart idc = Charts.idc("idc", "Index of dispersion versus time scale");
            double[] w = numbers(curves.path("idc").path("window_s"));
            for (String n : names) idc.series(n, w, numbers(curves.path("idc").path(n)));
            r.figure(idc.caption("Var(N)/E(N) of counts in windows of each length. The fitted model should follow the source; "
                    + "a Poisson process stays at 1.").build());
            CdfChart iat = Charts.cdf("iat-cdf", "Inter-arrival times").logX().axes("inter-arrival time (s)", "fraction of gaps");
            for (String n : names) {
                double[] q = numbers(curves.path("iat_s").path(n));
                if (java.util.Arrays.stream(q).anyMatch(v -> v > 0)) iat.sample(n, q);
            }
            r.figure(iat.caption("Quantiles of the gaps between consecutive requests (zero gaps, requests in one batch, are off the log axis).").build());
            double[] minutes = numbers(curves.path("per_minute").path("minute_start_s"));
            for (int i = 0; i < minutes.length; i++) minutes[i] /= 60;
            LineChart rate = Charts.lines("rate", "Requests per minute").axes("minutes from the first request", "requests per minute");
            for (String n : names) rate.series(n, minutes, numbers(curves.path("per_minute").path(n)));
            r.wideFigure(rate.caption("Over the source's span; the generated traces from their start.").build());
        }
        if (fitted.isObject() && fitted.size() > 0) {
            Table.Builder t = Table.of("metric", "source", "fitted model", "fitted error", "Poisson", "Poisson error");
            fitted.fields().forEachRemaining(e -> {
                JsonNode p = poisson.path(e.getKey());
                t.row(e.getKey(), Json.num(e.getValue(), "source"), Json.num(e.getValue(), "synthetic"), Json.num(e.getValue(), "rel_error"),
                        Json.num(p, "synthetic"), Json.num(p, "rel_error"));
            });
            r.table("Source vs generated", t.build(), "Error: relative to the source.", 100);
        }
        return finish(in, r);
    }

    /** Calibration and anything unrecognised: key figures from report.json, then files and values. */
    static HtmlReport generic(ResultInput in, String id, String title, String kind) {
        return finish(in, start(in, id, title, kind));
    }

    private static HtmlReport.Builder start(ResultInput in, String id, String title, String kind) {
        HtmlReport.Builder r = HtmlReport.builder(id, in.meta().path("title").asText(title)).kind(kind)
                .lead(in.meta().path("lead").asText("From `" + in.path() + "`."));
        for (JsonNode k : in.meta().path("key_figures"))
            r.keyFigure(k.path("label").asText("?"), k.path("value").asText(""), k.path("note").asText(""));
        return r;
    }

    /** Which kernel database and engine profile produced the numbers (issue 11, acceptance 5). */
    private static void provenanceCards(HtmlReport.Builder r, JsonNode s) {
        if (s.path("perf_db").isTextual()) r.keyFigure("kernel times", s.get("perf_db").asText(), "perf database");
        if (s.path("engine_profile").isTextual()) r.keyFigure("engine profile", s.get("engine_profile").asText(), "overheads and scheduling");
    }

    private static HtmlReport finish(ResultInput in, HtmlReport.Builder r) {
        extras(in, r, "");
        return r.build();
    }

    /** Figure and table files of a result folder, and every value of its JSON. */
    private static void extras(ResultInput in, HtmlReport.Builder r, String prefix) {
        String lastSection = null;
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (Path csv : in.figureFiles()) {
            JsonNode spec = in.specOf(csv);
            String section = prefix + spec.path("section").asText("Figures");
            if (!section.equals(lastSection)) { r.section(section); lastSection = section; }
            String fid = slug(prefix + csv.getFileName().toString().replaceFirst("\\.csv$", ""), ids);
            Figure f = FigureSpec.build(fid, csv, spec);
            if (spec.path("wide").asBoolean(false)) r.wideFigure(f); else r.figure(f);
        }
        List<Path> tables = in.tableFiles();
        if (!tables.isEmpty()) {
            r.section(prefix + "Tables");
            for (Path csv : tables) r.table(csv.getFileName().toString().replaceFirst("\\.csv$", "").replace('_', ' '), tableOf(csv));
        }
        r.section(prefix + "All values").table("Every value in " + (in.dir() != null ? "summary.json" : in.path().getFileName()),
                Json.leaves(in.summary()), "", 500);
    }

    private static Table tableOf(Path csv) {
        CsvColumns c = CsvColumns.read(csv);
        List<String> cols = new ArrayList<>();
        for (String h : headerOf(csv)) cols.add(h);
        Table.Builder t = Table.of(cols);
        for (int i = 0; i < c.rows(); i++) {
            Object[] row = new Object[cols.size()];
            for (int k = 0; k < cols.size(); k++) {
                String v = c.strings(cols.get(k)).get(i);
                row[k] = numeric(v) ? (Object) Double.parseDouble(v) : v;
            }
            t.row(row);
        }
        return t.build();
    }

    private static List<String> headerOf(Path csv) {
        try (var lines = Files.lines(csv)) {
            return org.apache.commons.csv.CSVParser.parse(lines.findFirst().orElse(""), org.apache.commons.csv.CSVFormat.RFC4180)
                    .getRecords().get(0).toList().stream().map(String::trim).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean numeric(String v) {
        if (v.isEmpty()) return false;
        try { Double.parseDouble(v); return true; } catch (NumberFormatException e) { return false; }
    }

    static String slug(String s, java.util.Set<String> taken) {
        String base = s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (base.isEmpty()) base = "figure";
        if (base.length() > 56) base = base.substring(0, 56);
        String out = base;
        for (int i = 2; !taken.add(out); i++) out = base + "-" + i;
        return out;
    }

    private static void card(HtmlReport.Builder r, JsonNode s, String key, String label, String note) {
        JsonNode n = Json.at(s, key);
        if (n.isNumber()) r.keyFigure(KeyFigure.of(label, n.isIntegralNumber() ? (Number) n.asLong() : (Number) n.asDouble(), note));
    }

    private static Table percentiles(JsonNode s, String key) {
        Table.Builder t = Table.of("statistic", "value");
        JsonNode n = Json.at(s, key);
        n.fields().forEachRemaining(e -> { if (e.getValue().isNumber()) t.row(e.getKey(), e.getValue().asDouble()); });
        return t.build();
    }

    /** "1s", "10s", "60s", "600s", "3600s" (also "1m", "1h") to seconds. */
    static double seconds(String window) {
        String w = window.trim().toLowerCase(java.util.Locale.ROOT);
        double mult = 1;
        if (w.endsWith("ms")) { mult = 0.001; w = w.substring(0, w.length() - 2); }
        else if (w.endsWith("s")) w = w.substring(0, w.length() - 1);
        else if (w.endsWith("m")) { mult = 60; w = w.substring(0, w.length() - 1); }
        else if (w.endsWith("h")) { mult = 3600; w = w.substring(0, w.length() - 1); }
        try {
            return Double.parseDouble(w) * mult;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("IDC window '" + window + "' is not a duration like 10s, 1m or 1h");
        }
    }

    /** GPUs of a plan string "dp=2,tp=4,pp=1": the product of its parallel degrees (ep shares GPUs, so it is left out). */
    static double gpusOf(String plan) {
        double g = 1;
        boolean any = false;
        for (String part : plan.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length == 2 && List.of("dp", "tp", "pp").contains(kv[0].trim())) {
                try { g *= Double.parseDouble(kv[1].trim()); any = true; } catch (NumberFormatException e) { return Double.NaN; }
            }
        }
        return any ? g : Double.NaN;
    }

    private static double[] unbox(List<Double> v) { return v.stream().mapToDouble(Double::doubleValue).toArray(); }
}
