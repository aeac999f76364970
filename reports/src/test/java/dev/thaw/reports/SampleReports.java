package dev.thaw.reports;

import dev.thaw.reports.chart.Charts;
import dev.thaw.reports.chart.Figure;
import dev.thaw.reports.html.HtmlReport;
import dev.thaw.reports.html.KeyFigure;
import dev.thaw.reports.html.Provenance;
import dev.thaw.reports.html.ReportSite;
import dev.thaw.reports.table.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.WeibullDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * A full report set (analysis, calibration, simulation, search, serverless policies) from the bundled Azure LLM
 * 2023 trace and seeded synthetic stand-ins for results other modules will produce. Used by the site tests, the
 * browser test and the README screenshot.
 */
final class SampleReports {
    static final long SEED = 42;
    static final String[] REGIONS = {"R1", "R2", "R3"};

    private SampleReports() {}

    static ReportSite site() {
        AzureLlmTrace code = AzureLlmTrace.read("AzureLLMInferenceTrace_code.csv");
        AzureLlmTrace conv = AzureLlmTrace.read("AzureLLMInferenceTrace_conv.csv");
        Provenance prov = Provenance.builder()
                .input(AzureLlmTrace.dir().resolve("AzureLLMInferenceTrace_code.csv").normalize())
                .input(AzureLlmTrace.dir().resolve("AzureLLMInferenceTrace_conv.csv").normalize())
                .input("synthetic cold starts: LogNormal per region, seed " + SEED)
                .seed(SEED).command("thaw report (test sample)").setting("model", "llama-3-8b (illustrative)")
                .build();
        return ReportSite.builder("Sample run: Azure LLM 2023 and synthetic cold starts")
                .lead("Every figure type thaw draws, on the bundled Azure LLM 2023 trace and seeded synthetic data.")
                .provenance(prov)
                .pngScale(1) // tests only check the PNGs exist; scale 2 costs four times the pixels
                .add(analysis(code, conv))
                .add(calibration(conv))
                .add(simulation())
                .add(search())
                .add(policies())
                .build();
    }

    static double[] logNormal(double mu, double sigma, int n, long seed) {
        LogNormalDistribution d = new LogNormalDistribution(new Well19937c((int) seed), mu, sigma);
        return d.sample(n);
    }

    static HtmlReport analysis(AzureLlmTrace code, AzureLlmTrace conv) {
        double[][] cold = new double[REGIONS.length][];
        double[] mus = {0.79, -0.1, -2.3}, sigmas = {1.3, 1.2, 1.0};
        var cdf = Charts.cdf("coldstart-cdf", "Cold-start time by region").logX()
                .axes("cold-start time (s)", "fraction of cold starts")
                .caption("Empirical CDFs per region; dashed: the pooled LogNormal(μ = 0.2965, σ = 1.326) published fit.");
        for (int r = 0; r < REGIONS.length; r++) {
            cold[r] = logNormal(mus[r], sigmas[r], 5000, SEED + r);
            cdf.sample(REGIONS[r], cold[r]);
        }
        LogNormalDistribution pooled = new LogNormalDistribution(0.2965, 1.326);
        cdf.curve("LogNormal fit (pooled)", pooled::cumulativeProbability);

        List<String> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) hours.add(String.format("%02d", h));
        SplittableRandom rnd = new SplittableRandom(SEED);
        String[] comps = {"pod allocation", "code deployment", "dependency deployment", "scheduling"};
        var stacked = Charts.stackedBars("components-per-hour", "Mean cold-start time by component, per hour (R1)")
                .categories(hours).axes("hour of day (UTC)", "mean cold-start time (s)")
                .caption("Dependency deployment and scheduling dominate in R1, as in the published figures.");
        double[] base = {0.5, 0.4, 1.6, 2.1};
        for (int c = 0; c < comps.length; c++) {
            double[] v = new double[24];
            for (int h = 0; h < 24; h++) v[h] = base[c] * (1 + 0.5 * Math.sin((h - 6) * Math.PI / 12)) * (0.85 + 0.3 * rnd.nextDouble());
            stacked.series(comps[c], v);
        }

        Figure box = Charts.box("pod-size-box", "Cold-start time, small vs large pods").logY()
                .group("small pods", logNormal(0.0, 1.1, 4000, SEED + 10))
                .group("large pods", logNormal(0.9, 1.2, 1500, SEED + 11))
                .axes("", "cold-start time (s)")
                .caption("Box: 25th-75th percentile; line: median; diamond: mean; whiskers: 5th and 95th percentile.").build();

        double[] smallPods = logNormal(-1.2, 0.5, 4000, SEED + 12);
        double[] warmPool = logNormal(0.6, 0.4, 2000, SEED + 13);
        double[] small = Arrays.copyOf(smallPods, smallPods.length + warmPool.length);
        System.arraycopy(warmPool, 0, small, smallPods.length, warmPool.length);
        Figure violin = Charts.violin("pod-size-violin", "Cold-start time density, small vs large pods").logY()
                .group("small pods", small).group("large pods", logNormal(0.9, 0.7, 1500, SEED + 14))
                .axes("", "cold-start time (s)")
                .caption("Density on a log scale; bar: 25th-75th percentile; white mark: median. Small pods start in two ways.")
                .build();

        int functions = 24, minutes = 1440;
        List<String> fnames = new ArrayList<>();
        double[][] rpm = new double[functions][minutes];
        double[] minuteAxis = new double[minutes];
        for (int m = 0; m < minutes; m++) minuteAxis[m] = m / 60.0;
        for (int f = 0; f < functions; f++) {
            fnames.add(String.format("fn-%02d", f));
            double scale = Math.pow(10, 3.5 - f * 0.13);
            for (int m = 0; m < minutes; m++)
                rpm[f][m] = Math.max(0, scale * (1 + 0.8 * Math.sin((m / 60.0 - 8 - f % 5) * Math.PI / 12)) * (0.6 + 0.8 * rnd.nextDouble())
                        - (f > 18 ? scale * 1.2 : 0));
        }
        Figure heat = Charts.heatMap("rpm-heatmap", "Requests per minute, top 24 functions").rows(fnames).columns(minuteAxis)
                .values(rpm).logColor().colorLabel("requests / min").axes("hour of day (UTC)", "")
                .caption("Colour is log-scaled; grey cells had no request. Columns are averaged into 10-minute cells.")
                .size(1100, 420).build();

        String[] corrNames = {"cold starts/min", "total", "pod alloc", "code deploy", "dep deploy", "scheduling"};
        double[][] series = new double[corrNames.length][minutes];
        for (int m = 0; m < minutes; m++) {
            double load = 50 + 40 * Math.sin(m * Math.PI / 720) + 10 * rnd.nextGaussian();
            double[] parts = {0.3 + 0.002 * load + 0.1 * rnd.nextDouble(), 0.4 + 0.1 * rnd.nextDouble(),
                0.8 + 0.01 * load + 0.3 * rnd.nextDouble(), 1.2 + 0.015 * load + 0.4 * rnd.nextDouble()};
            series[0][m] = load;
            series[1][m] = parts[0] + parts[1] + parts[2] + parts[3];
            for (int k = 0; k < 4; k++) series[2 + k][m] = parts[k];
        }
        double[][] rho = new double[corrNames.length][corrNames.length];
        SpearmansCorrelation sp = new SpearmansCorrelation();
        for (int i = 0; i < corrNames.length; i++)
            for (int j = 0; j < corrNames.length; j++) rho[i][j] = i == j ? 1 : sp.correlation(series[i], series[j]);
        Figure corr = Charts.correlation("coldstart-correlation", "Spearman correlation per minute (R1)",
                List.of(corrNames), rho).caption("Per-minute means; blue negative, red positive.").build();

        double[] perMin = conv.counts(60), minutesT = new double[perMin.length];
        double[] perMinCode = code.counts(60);
        for (int i = 0; i < minutesT.length; i++) minutesT[i] = i;
        double[] codeT = Arrays.copyOf(minutesT, perMinCode.length);
        Figure ts = Charts.timeSeries("llm-rate", "Requests per minute, Azure LLM 2023").axes("minutes since start", "requests / min")
                .series("conversation", minutesT, perMin).series("code", codeT, perMinCode)
                .caption("Real bundled trace (one hour). Minute counts from the first request.").size(1100, 360).build();

        double[] week = new double[7 * 24 * 60], weekT = new double[week.length];
        for (int i = 0; i < week.length; i++) {
            weekT[i] = i * 60.0;
            double h = (i / 60.0) % 24;
            week[i] = 120 + 80 * Math.sin((h - 9) * Math.PI / 12) + 25 * rnd.nextGaussian();
        }
        Figure diurnal = Charts.diurnal("diurnal-profile", "Daily profile of requests per minute").series("all functions", weekT, week)
                .axes("hour of day (UTC)", "requests / min")
                .caption("Mean over 7 synthetic days; band: 10th to 90th percentile across days.").build();

        double[] windows = {1, 5, 10, 30, 60, 300};
        double[] idcCode = new double[windows.length], idcConv = new double[windows.length];
        for (int i = 0; i < windows.length; i++) { idcCode[i] = code.idc(windows[i]); idcConv[i] = conv.idc(windows[i]); }
        Figure idc = Charts.idc("idc", "Index of dispersion versus time scale").series("conversation", windows, idcConv)
                .series("code", windows, idcCode)
                .caption("IDC above 1 and growing with the window: arrivals burstier than Poisson at longer scales.").build();

        WeibullDistribution w = new WeibullDistribution(0.418, 0.422);
        Figure iat = Charts.cdf("iat-cdf", "Inter-arrival time of LLM requests").logX()
                .axes("inter-arrival time (s)", "fraction of gaps")
                .sample("conversation", conv.interArrivals()).sample("code", code.interArrivals())
                .curve("Weibull(k = 0.418, λ = 0.422)", w::cumulativeProbability)
                .caption("Real gaps; dashed: the published Weibull fit of Huawei cold-start inter-arrivals, for comparison.").build();

        Table fits = Table.of("family", "parameters", "log-likelihood", "AIC", "KS", "KS p-value")
                .row("LogNormal", "μ = 0.297, σ = 1.326", -10234.5, 20473.0, 0.012, 0.41)
                .row("Weibull", "k = 0.71, λ = 2.41", -10410.2, 20824.4, 0.041, 1.2e-6)
                .row("Gamma", "k = 0.62, θ = 5.2", -10502.8, 21009.6, 0.056, 3.3e-11)
                .row("Exponential", "λ = 0.309", -11020.1, 22042.2, 0.151, 0.0).build();

        return HtmlReport.builder("analysis", "Trace analysis").kind("analysis")
                .lead("Cold starts (synthetic, shaped like Huawei 2025) and arrivals of the real Azure LLM 2023 trace: "
                        + "distributions, components, burstiness and daily rhythm.")
                .keyFigure(KeyFigure.of("requests", code.arrivalS().length + conv.arrivalS().length, "Azure LLM 2023, code + conv"))
                .keyFigure(KeyFigure.of("IAT CV", cv(conv.interArrivals()), "conversation trace"))
                .keyFigure(KeyFigure.of("IDC at 60 s", conv.idc(60), "Poisson = 1"))
                .keyFigure(KeyFigure.of("median cold start", median(cold[0]), "seconds, R1"))
                .section("Cold-start time").paragraph("Cold-start time is `totalCost_cold_start`: allocation, code, dependencies and scheduling.")
                .figure(cdf.build()).figure(box).figure(violin).figure(corr)
                .table("Fitted distributions (R1)", fits, "Ranked by AIC; the best fit is first.", 100)
                .section("Components").wideFigure(stacked.size(1100, 380).build())
                .section("Arrivals and burstiness")
                .cards(KeyFigure.of("conversation requests", conv.arrivalS().length, "1 hour"),
                        KeyFigure.of("code requests", code.arrivalS().length, "1 hour"))
                .figure(iat).figure(idc).wideFigure(ts)
                .section("Daily rhythm").wideFigure(heat).figure(diurnal)
                .note("The heat map and the daily profile use synthetic data until the analysis module lands.")
                .build();
    }

    static HtmlReport calibration(AzureLlmTrace conv) {
        SplittableRandom rnd = new SplittableRandom(SEED + 100);
        double rate = conv.arrivalS().length / (conv.arrivalS()[conv.arrivalS().length - 1] - conv.arrivalS()[0]);
        double[] gen = new double[conv.arrivalS().length - 1];
        for (int i = 0; i < gen.length; i++) gen[i] = -Math.log(1 - rnd.nextDouble()) / rate;
        double[] genPrompt = new double[conv.promptTokens().length];
        for (int i = 0; i < genPrompt.length; i++) genPrompt[i] = conv.promptTokens()[rnd.nextInt(genPrompt.length)];
        Figure iat = Charts.cdf("iat-original-vs-generated", "Inter-arrival times: trace vs generated").logX()
                .axes("inter-arrival time (s)", "fraction of gaps")
                .sample("trace (conversation)", conv.interArrivals()).sample("generated (Poisson)", gen)
                .caption("A Poisson process at the trace's mean rate misses the short gaps of the real trace.").build();
        Figure prompts = Charts.histogram("prompt-tokens", "Prompt tokens: trace vs generated").logX().bins(36)
                .axes("prompt tokens", "fraction of requests")
                .sample("trace", conv.promptTokens()).sample("generated (bootstrap)", genPrompt).build();
        Table metrics = Table.of("metric", "trace", "generated", "relative error")
                .row("mean rate (req/s)", rate, rate, 0.0)
                .row("IAT CV", cv(conv.interArrivals()), cv(gen), cv(gen) / cv(conv.interArrivals()) - 1)
                .row("prompt tokens p50", median(conv.promptTokens()), median(genPrompt), median(genPrompt) / median(conv.promptTokens()) - 1)
                .build();
        return HtmlReport.builder("calibration", "Workload calibration").kind("calibration")
                .lead("How closely the generated workload reproduces the trace it was fitted to.")
                .keyFigure(KeyFigure.of("mean rate", rate, "requests / s"))
                .keyFigure(KeyFigure.of("IAT CV, trace", cv(conv.interArrivals()), "generated: " + String.format("%.2f", cv(gen))))
                .section("Arrivals").figure(iat).figure(prompts).table("Calibration metrics", metrics)
                .warning("The Poisson stand-in under-disperses arrivals: use the MMPP fit for burst-sensitive studies.")
                .build();
    }

    static HtmlReport simulation() {
        double[] ttftA = logNormal(Math.log(180), 0.6, 4000, SEED + 200);
        double[] ttftB = logNormal(Math.log(120), 0.45, 4000, SEED + 201);
        double[] tpot = logNormal(Math.log(22), 0.25, 4000, SEED + 202);
        Figure cdf = Charts.cdf("ttft-cdf", "Time to first token").logX().axes("TTFT (ms)", "fraction of requests")
                .sample("vllm-v1, tp=2", ttftA).sample("sarathi, tp=2", ttftB)
                .caption("Chunked prefill (Sarathi) cuts the TTFT tail.").build();
        Figure hist = Charts.histogram("tpot-hist", "Time per output token").axes("TPOT (ms)", "fraction of requests")
                .sample("vllm-v1, tp=2", tpot).bins(40).build();
        Table t = Table.of("metric", "mean", "p50", "p90", "p99")
                .row("TTFT (ms)", mean(ttftA), median(ttftA), q(ttftA, .9), q(ttftA, .99))
                .row("TPOT (ms)", mean(tpot), median(tpot), q(tpot, .9), q(tpot, .99)).build();
        return HtmlReport.builder("simulation", "Serving simulation").kind("simulation")
                .lead("Replaying the conversation trace on 2 x H100 with tensor parallelism 2.")
                .keyFigure(KeyFigure.of("TTFT p99", q(ttftA, .99), "ms"))
                .keyFigure(KeyFigure.of("TPOT p50", median(tpot), "ms"))
                .keyFigure(KeyFigure.of("throughput", 2310.0, "output tokens / s"))
                .keyFigure(KeyFigure.of("completed", 19365L, "of 19,365 requests"))
                .section("Latency").figure(cdf).figure(hist).table("Latency summary", t).build();
    }

    static HtmlReport search() {
        var pareto = Charts.pareto("pareto", "Plans: GPUs vs p99 TTFT").axes("GPUs", "p99 TTFT (ms)").logY()
                .caption("Coloured: the Pareto front (no plan is better on both); diamond: the chosen plan.");
        Table.Builder ranking = Table.of("rank", "plan", "GPUs", "p99 TTFT (ms)", "goodput (req/s)", "pareto");
        SplittableRandom rnd = new SplittableRandom(SEED + 300);
        List<double[]> plans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int gpus : new int[] {1, 2, 4, 8})
            for (int tp = 1; tp <= gpus; tp *= 2) {
                int dp = gpus / tp;
                double p99 = 2400.0 / Math.pow(tp, 0.8) / Math.pow(dp, 0.5) * (0.8 + 0.4 * rnd.nextDouble());
                names.add("dp=" + dp + ",tp=" + tp);
                plans.add(new double[] {gpus, p99, 3.0 * gpus * (0.7 + 0.3 * rnd.nextDouble())});
                pareto.point("dp=" + dp + ",tp=" + tp, gpus, p99);
            }
        pareto.best("dp=2,tp=2");
        var front = pareto.front();
        Integer[] order = new Integer[plans.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(plans.get(a)[1], plans.get(b)[1]));
        int rank = 1;
        for (int i : order) {
            boolean onFront = front.stream().anyMatch(p -> p.label().equals(names.get(i)));
            ranking.row((long) rank++, names.get(i), (long) plans.get(i)[0], plans.get(i)[1], plans.get(i)[2], onFront);
        }
        Figure bars = Charts.groupedBars("baselines", "Chosen plan vs baselines").categories(List.of("p99 TTFT (s)", "TPOT p99 (ms/10)", "cost ($/h)"))
                .series("chosen dp=2,tp=2", 0.61, 3.1, 8.8).series("tp=max", 0.45, 2.6, 17.6).series("dp=max", 1.9, 3.9, 17.6)
                .valueLabels().caption("Lower is better on every metric.").build();
        return HtmlReport.builder("search", "Plan search").kind("search")
                .lead("Parallelism plans for 1 to 8 GPUs, ranked by p99 TTFT under a 1 s SLO.")
                .keyFigure("best plan", "dp=2, tp=2", "4 GPUs")
                .keyFigure(KeyFigure.of("plans simulated", (long) plans.size(), "of " + plans.size() + " enumerated"))
                .section("Pareto front").figure(pareto.build()).figure(bars)
                .table("Ranked plans", ranking.build(), "Sorted by p99 TTFT; click a header to sort.", 100)
                .build();
    }

    static HtmlReport policies() {
        List<String> policies = List.of("fixed 60 s", "fixed 10 min", "hybrid histogram", "greedy-dual");
        Figure rate = Charts.groupedBars("policy-cold-start-rate", "Cold-start rate by keep-alive policy")
                .categories(policies).axes("", "cold starts per invocation (%)")
                .series("overall", 4.1, 1.9, 1.2, 1.4).series("p75 app", 9.5, 4.0, 2.2, 3.1).series("p99 app", 61, 38, 22, 27)
                .valueLabels().build();
        Figure waste = Charts.groupedBars("policy-wasted-memory", "Wasted memory-time").categories(policies)
                .axes("", "idle warm memory (GB-s, millions)").series("wasted", 1.8, 9.6, 3.1, 2.4).valueLabels().build();
        SplittableRandom rnd = new SplittableRandom(SEED + 400);
        var appRates = Charts.cdf("per-app-cold-start-rate", "Per-app cold-start rate").logX()
                .axes("cold-start rate", "fraction of apps");
        double[] shift = {1.0, 0.45, 0.28, 0.33};
        for (int p = 0; p < policies.size(); p++) {
            double[] v = new double[800];
            for (int i = 0; i < v.length; i++) v[i] = Math.min(1, shift[p] * Math.exp(-4 + 2.2 * rnd.nextGaussian()));
            appRates.sample(policies.get(p), v);
        }
        return HtmlReport.builder("policies", "Serverless keep-alive policies").kind("serverless policies")
                .lead("Fixed, hybrid-histogram and Greedy-Dual keep-alive replayed on the same invocations.")
                .keyFigure("best policy", "hybrid histogram", "lowest cold-start rate")
                .keyFigure(KeyFigure.of("cold starts avoided", 0.71, "vs fixed 60 s"))
                .section("Cold starts and memory").figure(rate).figure(waste).wideFigure(appRates.build())
                .build();
    }

    static double mean(double[] v) { return Arrays.stream(v).average().orElse(Double.NaN); }

    static double cv(double[] v) {
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1)) / m;
    }

    static double median(double[] v) { return q(v, 0.5); }

    static double q(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * p;
        int lo = (int) Math.floor(h), hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }
}
