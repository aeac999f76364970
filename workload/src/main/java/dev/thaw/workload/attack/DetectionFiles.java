package dev.thaw.workload.attack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.thaw.analysis.detect.Alert;
import dev.thaw.analysis.detect.FunctionModel;
import dev.thaw.analysis.detect.Metric;
import dev.thaw.analysis.table.ResultTable;
import dev.thaw.analysis.table.TableFiles;
import dev.thaw.ingest.write.AtomicFiles;
import dev.thaw.ingest.write.TempFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a detection run as a result folder: {@code alerts.csv}, {@code alerts.parquet}, {@code alerts.json},
 * {@code ground_truth.csv} (with injection), {@code summary.json} (the {@code --json} object), and for
 * {@code thaw report}: {@code report.json}, {@code figures/} (one function's timeline with its alerts and injected
 * attack, detection rate per scenario and intensity) and {@code tables/}. Every file goes to a temporary name first.
 */
public final class DetectionFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DetectionFiles() {}

    /** The {@code --json} object (docs/cli.md: functions, alerts, detection.*). */
    public static Map<String, Object> summary(DetectionRun.Result r, DetectionRun.Options o, boolean injected) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("command", "detect");
        s.put("functions", r.scoredFunctions());
        s.put("alerts", r.alerts().size());
        s.put("train_days", r.trainDays());
        s.put("scored_days", r.scoredDays());
        s.put("trained_function_minutes", r.trainedMinutes());
        s.put("scored_function_minutes", r.scoredMinutes());
        s.put("seed", o.seed());
        if (injected) {
            DetectionEvaluation e = r.evaluation();
            Map<String, Object> d = new LinkedHashMap<>(), by = new LinkedHashMap<>();
            e.byScenario.forEach((name, f) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                AttackScenario sc = AttackScenario.of(name);
                m.put("documented_intensity", sc.documented);
                m.put("documented_duration_min", sc.documentedDurationMin);
                m.put("detection_rate", num(f.detectionRate()));
                m.put("time_to_detect_min", num(f.timeToDetectMin()));
                m.put("attacks", f.planned());
                m.put("started", f.started());
                m.put("detected", f.detected());
                Map<String, Object> bi = new LinkedHashMap<>();
                f.byIntensity().forEach((in, v) -> bi.put(trim(in), tally(v)));
                m.put("by_intensity", bi);
                Map<String, Object> bd = new LinkedHashMap<>();
                f.byDuration().forEach((dur, v) -> bd.put(Integer.toString(dur), tally(v)));
                m.put("by_duration_min", bd);
                by.put(name, m);
            });
            d.put("by_scenario", by);
            d.put("eligible_functions", r.eligibleFunctions());
            d.put("eligible_share", num(r.scoredFunctions() == 0 ? Double.NaN : Math.rint(1000.0 * r.eligibleFunctions() / r.scoredFunctions()) / 1000));
            d.put("precision", num(e.precision));
            d.put("false_alarms", e.falseAlarms);
            d.put("clean_function_days", e.cleanFunctionDays);
            d.put("false_alarms_per_1000_function_days", num(e.falseAlarmsPer1000FunctionDays));
            s.put("detection", d);
        }
        return s;
    }

    private static Object num(double v) { return Double.isFinite(v) ? v : null; }

    /** One group of attacks as summary.json writes it: {attacks, detected, detection rate, minutes to detect}. */
    private static Map<String, Object> tally(double[] v) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("attacks", (long) v[0]);
        one.put("detected", (long) v[1]);
        one.put("detection_rate", num(v[2]));
        one.put("time_to_detect_min", num(v[3]));
        return one;
    }

    private static String trim(double v) { return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v); }

    public static void write(Path dir, DetectionRun.Result r, Map<String, Object> summary, boolean injected) throws IOException {
        Files.createDirectories(dir);
        ResultTable alerts = new ResultTable("alerts", "function", "start_s", "end_s", "start_minute", "end_minute", "score", "kind", "metrics", "explanation");
        for (Alert a : r.alerts())
            alerts.add(a.function(), a.startMinute() * 60, a.endMinute() * 60 + 60, a.startMinute(), a.endMinute(), round(a.score()), a.kind(), a.metrics(), a.explanation());
        alerts.writeCsv(dir.resolve("alerts.csv"));
        TableFiles.writeParquet(alerts, dir.resolve("alerts.parquet"));
        List<Map<String, Object>> list = new ArrayList<>();
        for (Alert a : r.alerts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("function", a.function());
            m.put("start_s", a.startMinute() * 60);
            m.put("end_s", a.endMinute() * 60 + 60);
            m.put("score", round(a.score()));
            m.put("kind", a.kind());
            m.put("metrics", a.metrics());
            m.put("explanation", a.explanation());
            list.add(m);
        }
        writeText(dir.resolve("alerts.json"), JSON.writeValueAsString(list));
        Files.createDirectories(dir.resolve("tables"));
        alerts.writeCsv(dir.resolve("tables").resolve("alerts.csv"));
        if (injected) {
            ResultTable truth = new ResultTable("ground_truth", "function", "scenario", "intensity", "documented", "duration_min", "start_s", "end_s", "detected", "time_to_detect_min");
            DetectionEvaluation e = r.evaluation();
            for (Injection i : r.injections()) {
                Alert a = e.detection(i);
                truth.add(i.function, i.scenario.id, i.intensity, Boolean.toString(i.documented()), (long) i.durationMin,
                        i.started() ? i.startMinute() * 60 : null, i.started() ? i.endMinute() * 60 + 60 : null,
                        i.started() ? Boolean.toString(a != null) : "not started", a == null ? null : (long) Math.max(0, a.startMinute() - i.startMinute()));
            }
            truth.writeCsv(dir.resolve("ground_truth.csv"));
            truth.writeCsv(dir.resolve("tables").resolve("ground-truth.csv"));
        }
        writeFigures(dir.resolve("figures"), r, injected);
        writeText(dir.resolve("report.json"), JSON.writeValueAsString(report(r, summary, injected)));
        writeText(dir.resolve("summary.json"), JSON.writeValueAsString(summary));
    }

    private static double round(double v) { return Math.rint(v * 1000) / 1000; }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> report(DetectionRun.Result r, Map<String, Object> summary, boolean injected) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("kind", "detection");
        rep.put("title", "Compromised-function detection");
        rep.put("lead", "Per-function behaviour models learned on " + r.trainDays() + " day(s) of per-minute metrics score the next "
                + r.scoredDays() + " day(s). Per-request cost (CPU, execution time, response size per request) is compared with minutes of the same "
                + "load, so more requests at the same cost do not alarm; evidence of a lasting change adds up over the function's active minutes, "
                + "however far apart (a CUSUM of log-likelihood ratios); invocation floods are judged against the hour's usual peak."
                + (injected ? " Attacks were injected into half of the " + r.eligibleFunctions() + " functions invoked often enough to be attacked "
                        + "(ground truth in tables/ground-truth.csv); all other functions measure false alarms. One run holds a handful of attacks "
                        + "per scenario: rates pooled over many seeds are in the README." : ""));
        List<Map<String, Object>> kf = new ArrayList<>();
        kf.add(Map.of("label", "functions scored", "value", r.scoredFunctions()));
        kf.add(Map.of("label", "alerts", "value", r.alerts().size()));
        if (injected) {
            Map<String, Object> d = (Map<String, Object>) summary.get("detection");
            ((Map<String, Object>) d.get("by_scenario")).forEach((name, v) -> {
                Map<String, Object> m = (Map<String, Object>) v;
                Object rate = m.get("detection_rate");
                kf.add(Map.of("label", name + " detected", "value", rate == null ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * (Double) rate),
                        "note", m.get("detected") + " of " + m.get("started") + " at intensity " + m.get("documented_intensity") + " for " + m.get("documented_duration_min") + " min"));
            });
            Object p = d.get("precision");
            kf.add(Map.of("label", "precision", "value", p == null ? "n/a" : String.format(Locale.ROOT, "%.2f", (Double) p)));
            kf.add(Map.of("label", "false alarms per 1,000 function-days", "value", String.format(Locale.ROOT, "%.2f", (Double) d.get("false_alarms_per_1000_function_days")),
                    "note", d.get("false_alarms") + " in " + d.get("clean_function_days") + " clean function-days"));
        }
        rep.put("key_figures", kf);
        return rep;
    }

    private static void writeFigures(Path figs, DetectionRun.Result r, boolean injected) throws IOException {
        Files.createDirectories(figs);
        DetectionRun.Timeline t = pickTimeline(r);
        if (t != null) {
            FunctionModel m = r.model().functions().get(t.function);
            double peak = m.requestQuantile(0.99);
            double[] typical = {m.typical(Metric.CPU), m.typical(Metric.EXEC), m.typical(Metric.RESPONSE)};
            String[] names = {"CPU per request", "execution time per request", "response size per request"};
            StringBuilder metrics = new StringBuilder("series,x,y\n"), score = new StringBuilder("series,x,y\n");
            long from = t.injection.started() ? t.injection.startMinute() - 240 : Long.MIN_VALUE, to = t.injection.started() ? t.injection.endMinute() + 240 : Long.MAX_VALUE;
            List<Alert> alerts = r.alerts().stream().filter(a -> a.function().equals(t.function)).toList();
            for (double[] row : t.rows) {
                long minute = (long) row[0];
                if (minute < from || minute > to) continue;
                String x = String.format(Locale.ROOT, "%.4f", minute / 60.0);
                if (row[1] >= 1) {
                    for (int k = 0; k < 3; k++) if (Double.isFinite(row[2 + k]) && typical[k] > 0) metrics.append(names[k]).append(',').append(x).append(',').append(fmt(row[2 + k] / typical[k])).append('\n');
                    metrics.append("requests (x usual peak)").append(',').append(x).append(',').append(fmt(row[1] / Math.max(1, peak))).append('\n');
                    score.append("score (x threshold)").append(',').append(x).append(',').append(fmt(Math.max(row[6], row[7] / 4))).append('\n');
                }
                boolean inAttack = t.injection.started() && minute >= t.injection.startMinute() && minute <= t.injection.endMinute();
                boolean inAlert = alerts.stream().anyMatch(a -> minute >= a.startMinute() && minute <= a.endMinute());
                score.append("injected attack").append(',').append(x).append(',').append(inAttack ? "0.5" : "0").append('\n');
                score.append("alert").append(',').append(x).append(',').append(inAlert ? "0.75" : "0").append('\n');
            }
            String what = t.function + ", " + t.injection.scenario.id + " at intensity " + trim(t.injection.intensity);
            writeText(figs.resolve("timeline-1-metrics.csv"), metrics.toString());
            writeText(figs.resolve("timeline-1-metrics.json"), JSON.writeValueAsString(Map.of("type", "timeseries", "section", "Timeline of one attacked function",
                    "title", "Per-request metrics of " + what + " (x their training median)", "x_label", "hours since the trace's start", "y_label", "x training median",
                    "log_y", true, "wide", true, "points", true,
                    "caption", "Active minutes only. Per-request metrics move under cost attacks; requests (x the training 99th percentile per active minute) move under a flood.")));
            writeText(figs.resolve("timeline-2-score.csv"), score.toString());
            writeText(figs.resolve("timeline-2-score.json"), JSON.writeValueAsString(Map.of("type", "timeseries", "section", "Timeline of one attacked function",
                    "title", "Score, injected attack and alerts: " + what, "x_label", "hours since the trace's start", "y_label", "score (x alarm threshold)",
                    "wide", true, "points", true, "reference", 1, "reference_label", "alarm threshold",
                    "caption", "Score: the largest of the minute's Mahalanobis distance over the chi-square threshold, the evidence accumulated over "
                            + "active minutes (CUSUM log-likelihood ratio) over its threshold, and the load ratio over the flood ratio. "
                            + "'injected attack' is 0.5 during the ground-truth interval, 'alert' 0.75 during an alert.")));
        }
        if (injected) {
            StringBuilder bars = new StringBuilder("category,series,value\n");
            String[] level = {"weaker", "documented", "stronger"};
            r.evaluation().byScenario.forEach((name, f) -> {
                double[] in = AttackScenario.of(name).intensities();
                for (int k = 0; k < 3; k++) {
                    double[] v = f.byIntensity().get(in[k]);
                    bars.append(name).append(',').append(level[k]).append(" intensity,").append(v == null ? "0" : fmt(v[2])).append('\n');
                }
            });
            writeText(figs.resolve("detection-rate.csv"), bars.toString());
            writeText(figs.resolve("detection-rate.json"), JSON.writeValueAsString(Map.of("type", "bars", "section", "Detection", "title", "Detection rate by scenario and intensity",
                    "y_label", "share of started attacks detected", "caption", "Each scenario at three intensities (see AttackScenario: cryptojacking 0.5/1/2, exfiltration 0.1/0.2/0.5, "
                            + "denial-of-wallet 5/10/30, crash 0.5/0.9/1), all at the documented duration (12 h; the flood 1 h); the documented "
                            + "intensity is what the acceptance figures use. Shorter attacks: by_duration_min in summary.json. "
                            + "An intensity with no started attack shows as 0 (counts in tables/ground-truth.csv).")));
            StringBuilder durations = new StringBuilder("category,series,value\n");
            String[] length = {"shortest", "shorter", "documented"};
            r.evaluation().byScenario.forEach((name, f) -> {
                int[] d = AttackScenario.of(name).durationsMin();
                for (int k = 0; k < d.length && k < length.length; k++) {
                    double[] v = f.byDuration().get(d[k]);
                    durations.append(name).append(',').append(length[k]).append(" duration,").append(v == null ? "0" : fmt(v[2])).append('\n');
                }
            });
            writeText(figs.resolve("detection-rate-duration.csv"), durations.toString());
            writeText(figs.resolve("detection-rate-duration.json"), JSON.writeValueAsString(Map.of("type", "bars", "section", "Detection",
                    "title", "Detection rate by scenario and attack duration (documented intensity)", "y_label", "share of started attacks detected",
                    "caption", "Durations from the first request the attack changes: 1 h, 4 h and the documented 12 h for cryptojacking, exfiltration "
                            + "and crash; 10 min, 30 min and the documented 1 h for denial-of-wallet. A function invoked a few minutes an hour "
                            + "shows a short attack in one or two minutes: too little evidence to tell from noise at this false-alarm rate. A duration "
                            + "with no started attack in this run shows as 0 (counts: by_duration_min in summary.json).")));
        }
    }

    /** A detected attack at its documented intensity, cost scenarios first; else any kept timeline. */
    private static DetectionRun.Timeline pickTimeline(DetectionRun.Result r) {
        DetectionEvaluation e = r.evaluation();
        DetectionRun.Timeline any = null;
        for (AttackScenario s : List.of(AttackScenario.CRYPTOJACKING, AttackScenario.EXFILTRATION, AttackScenario.CRASH, AttackScenario.DENIAL_OF_WALLET))
            for (DetectionRun.Timeline t : r.timelines()) {
                if (any == null) any = t;
                if (t.injection.scenario == s && t.injection.started() && e.detection(t.injection) != null) return t;
            }
        return any;
    }

    private static String fmt(double v) { return Double.isFinite(v) ? String.format(Locale.ROOT, "%.5g", v) : ""; }

    static void writeText(Path file, String text) throws IOException {
        Path tmp = TempFiles.beside(file);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            AtomicFiles.moveIntoPlace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
            TempFiles.release(tmp);
        }
    }
}
