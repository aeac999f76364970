package dev.thaw.reports.layout;

import dev.thaw.reports.html.HtmlReport;
import dev.thaw.reports.html.Provenance;
import dev.thaw.reports.html.ReportSite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code thaw report INPUT... -o DIR} does: reads result folders and JSON files in the layout of
 * reports/README.md and writes one report per input (all keep-alive policy results share one page) plus the index.
 */
public final class ResultReports {
    private ResultReports() {}

    /** Builds the site for {@code inputs}; bad or unrecognised files raise BadInputException naming the file. */
    public static ReportSite site(List<Path> inputs, String title, Provenance.Builder provenance) {
        return site(inputs, title, provenance, true);
    }

    /** As {@link #site(List, String, Provenance.Builder)}; {@code pngs = false} skips the PNG copies of figures. */
    public static ReportSite site(List<Path> inputs, String title, Provenance.Builder provenance, boolean pngs) {
        if (inputs.isEmpty()) throw new IllegalArgumentException("thaw report needs at least one input");
        List<ResultInput> loaded = new ArrayList<>();
        for (Path p : inputs) {
            loaded.add(ResultInput.load(p));
            provenance.input(p);
        }
        Long seed = null;
        for (ResultInput in : loaded) if (in.summary().path("seed").isIntegralNumber()) seed = in.summary().get("seed").asLong();
        if (seed != null) provenance.seed(seed);
        Map<String, Integer> used = new LinkedHashMap<>(), perKind = new LinkedHashMap<>();
        for (ResultInput in : loaded) perKind.merge(in.kind(), 1, Integer::sum);
        List<HtmlReport> reports = new ArrayList<>();
        List<ResultInput> policies = new ArrayList<>();
        for (ResultInput in : loaded) {
            if (in.kind().equals("policies")) { policies.add(in); continue; }
            String id = uniqueId(in.kind(), used);
            // several results of one kind (thaw run analyses cold starts, requests and an LLM trace): name each
            String of = perKind.get(in.kind()) > 1 ? ": " + in.name() : "";
            reports.add(switch (in.kind()) {
                case "analysis" -> JsonReports.analysis(in, id, "Trace analysis" + of);
                case "simulation" -> JsonReports.simulation(in, id, "Serving simulation" + of);
                case "search" -> JsonReports.search(in, id, (in.summary().path("autoscale").asBoolean(false)
                        ? "Serverless scaling search" : "Plan search") + of);
                case "calibration" -> JsonReports.calibration(in, id, "Workload calibration" + of);
                default -> JsonReports.generic(in, id, "Results: " + in.name(), "results");
            });
        }
        if (!policies.isEmpty()) reports.add(JsonReports.policies(policies, uniqueId("policies", used)));
        ReportSite.Builder site = ReportSite.builder(title).provenance(provenance.build());
        if (!pngs) site.withoutPngs();
        reports.forEach(site::add);
        return site.build();
    }

    private static String uniqueId(String kind, Map<String, Integer> used) {
        int n = used.merge(kind, 1, Integer::sum);
        return n == 1 ? kind : kind + "-" + n;
    }
}
