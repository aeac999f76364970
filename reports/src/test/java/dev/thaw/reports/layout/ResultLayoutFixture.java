package dev.thaw.reports.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/** Result folders and JSON files in the documented layout, with the keys docs/cli.md promises. */
public final class ResultLayoutFixture {
    private ResultLayoutFixture() {}

    /** Writes analysis/, simulation/, search.json, faas-fixed.json, faas-hybrid.json under {@code root}. */
    public static List<Path> write(Path root) throws IOException {
        Path analysis = Files.createDirectories(root.resolve("analysis"));
        Files.writeString(analysis.resolve("summary.json"), """
                {"command": "analyze", "rows": 28185, "seed": 7,
                 "arrivals": {"iat_cv": 1.09, "hurst": 0.71, "rate_per_s": 5.53,
                              "idc": {"1s": 1.8, "10s": 4.2, "60s": 16.4, "600s": 40.1, "3600s": 55.0}},
                 "coldstarts": {"count": 120000, "total_s": {"mean": 3.2, "p50": 1.35, "p90": 7.1, "p99": 30.2, "max": 120.0},
                                "share": {"pod allocation": 0.18, "code deployment": 0.12, "dependency deployment": 0.31, "scheduling": 0.39},
                                "fit": {"family": "lognormal", "mu": 0.2965, "sigma": 1.326, "ks": 0.012}}}
                """);
        Files.writeString(analysis.resolve("report.json"), """
                {"title": "Huawei 2025, region 2", "lead": "Cold starts of one region.",
                 "key_figures": [{"label": "regions", "value": "1", "note": "R2"}]}
                """);
        Path figures = Files.createDirectories(analysis.resolve("figures"));
        StringBuilder cs = new StringBuilder("series,value\n");
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 2000; i++) cs.append("R2,").append(Math.exp(0.2965 + 1.326 * r.nextGaussian())).append('\n');
        Files.writeString(figures.resolve("coldstart-cdf.csv"), cs);
        Files.writeString(figures.resolve("coldstart-cdf.json"), """
                {"type": "cdf", "title": "Cold-start time", "log_x": true, "section": "Cold-start time",
                 "x_label": "seconds", "y_label": "fraction", "fits": [{"name": "LogNormal fit", "family": "lognormal", "mu": 0.2965, "sigma": 1.326}]}
                """);
        Files.writeString(figures.resolve("per-hour.csv"), "category,series,value\n00,alloc,1\n00,sched,2\n01,alloc,1.5\n01,sched,2.5\n");
        Files.writeString(figures.resolve("per-hour.json"), "{\"type\": \"stacked\", \"title\": \"Per hour\"}");
        Files.writeString(figures.resolve("rpm.csv"), "row,column,value\nfn-1,0,10\nfn-1,1,100\nfn-2,0,1\nfn-2,1,\n");
        Files.writeString(figures.resolve("rpm.json"), "{\"type\": \"heatmap\", \"title\": \"Requests per minute\", \"log_color\": true}");
        Files.writeString(figures.resolve("rate.csv"), "series,x,y\nall,0,5\nall,1,7\nall,2,6\n");
        Path tables = Files.createDirectories(analysis.resolve("tables"));
        Files.writeString(tables.resolve("fits.csv"), "family,aic,ks\nlognormal,20473,0.012\nweibull,20824,0.041\n");

        Path sim = Files.createDirectories(root.resolve("simulation"));
        Files.writeString(sim.resolve("summary.json"), """
                {"requests": 3, "completed": 3, "rejected": 0,
                 "ttft_ms": {"mean": 150, "p50": 120, "p90": 250, "p99": 400},
                 "tpot_ms": {"mean": 22, "p50": 21, "p90": 25, "p99": 31},
                 "itl_ms": {"mean": 22, "p50": 21, "p90": 25, "p99": 31},
                 "e2e_s": {"mean": 2.1, "p50": 2.0, "p90": 3.1, "p99": 4.0},
                 "makespan_s": 12.5, "throughput": {"req_per_s": 0.24, "output_tok_per_s": 2310}, "goodput_req_per_s": 0.2,
                 "energy_j": 1000, "kv_capacity_tokens": 100000, "weights_gib_per_gpu": 7.5, "sim_wall_s": 0.3}
                """);
        Files.writeString(sim.resolve("requests.csv"), """
                request_id,arrival_s,prompt_tokens,output_tokens,queued_s,scheduled_s,first_token_s,finish_s,replica,preemptions
                0,0.0,100,20,0.0,0.01,0.12,1.9,0,0
                1,0.5,200,40,0.5,0.52,0.75,2.6,0,0
                2,1.0,50,10,1.0,1.0,1.09,1.5,1,0
                """);

        Path search = root.resolve("search.json");
        Files.writeString(search, """
                {"plans_enumerated": 12, "plans_pruned": 8, "plans_simulated": 4, "search_wall_s": 3.2,
                 "best": {"plan": "dp=2,tp=2", "ttft_ms": {"p99": 610}, "tpot_ms": {"p99": 31}},
                 "ranking": [
                   {"plan": "dp=2,tp=2", "ttft_ms": {"p99": 610}, "tpot_ms": {"p99": 31}, "throughput": {"req_per_s": 9}, "goodput_req_per_s": 8},
                   {"plan": "dp=1,tp=4", "ttft_ms": {"p99": 450}, "tpot_ms": {"p99": 26}, "throughput": {"req_per_s": 7}, "goodput_req_per_s": 6},
                   {"plan": "dp=4,tp=1", "ttft_ms": {"p99": 1900}, "tpot_ms": {"p99": 39}, "throughput": {"req_per_s": 11}, "goodput_req_per_s": 5},
                   {"plan": "dp=1,tp=2", "ttft_ms": {"p99": 900}, "tpot_ms": {"p99": 33}, "throughput": {"req_per_s": 4}, "goodput_req_per_s": 4}],
                 "baselines": {"tp=max": {"ttft_ms": {"p99": 450}}, "dp=max": {"ttft_ms": {"p99": 1900}}}}
                """);
        Path fixed = root.resolve("faas-fixed.json"), hybrid = root.resolve("faas-hybrid.json");
        Files.writeString(fixed, """
                {"command": "faas", "policy": "fixed:60s", "invocations": 100000, "cold_starts": 4100, "cold_start_rate": 0.041,
                 "wasted_memory_gb_s": 1.8e6, "pod_utility": {"p50": 4.1, "p90": 30}}
                """);
        Files.writeString(hybrid, """
                {"command": "faas", "policy": "hybrid", "invocations": 100000, "cold_starts": 1200, "cold_start_rate": 0.012,
                 "wasted_memory_gb_s": 3.1e6, "pod_utility": {"p50": 6.3, "p90": 51}}
                """);
        return List.of(analysis, sim, search, fixed, hybrid);
    }
}
