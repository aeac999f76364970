package dev.thaw.workload.attack;

import dev.thaw.analysis.detect.Alert;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores a {@link DetectionRun} against its injected ground truth. An attack is detected when an alert on its
 * function overlaps [start, end + {@value #GRACE_MIN} min]; time to detect is the alert's start minus the attack's
 * start (0 when the alert began earlier). Detection rates count attacks that started (an attack armed after the
 * function's last invocation never runs). Precision is the share of alerts that overlap an attack on their
 * function; false alarms are alerts on functions without an attack, per 1,000 function-days on which those clean
 * functions were invoked.
 */
public final class DetectionEvaluation {
    public static final int GRACE_MIN = 10;

    /**
     * Figures of one scenario at its documented intensity and duration; per intensity (at the documented duration)
     * and per duration in minutes (at the documented intensity): {attacks started, detected, rate, median time to detect}.
     */
    public record ScenarioFigures(int planned, int started, int detected, double detectionRate, double timeToDetectMin,
                                  Map<Double, double[]> byIntensity, Map<Integer, double[]> byDuration) {}

    public final Map<String, ScenarioFigures> byScenario = new LinkedHashMap<>();
    public final double precision, falseAlarmsPer1000FunctionDays;
    public final long falseAlarms, cleanFunctionDays, truePositiveAlerts;
    private final Map<Injection, Alert> detectedBy = new HashMap<>();

    DetectionEvaluation(DetectionRun.Result r) {
        Map<String, List<Alert>> alertsOf = new HashMap<>();
        for (Alert a : r.alerts()) alertsOf.computeIfAbsent(a.function(), k -> new ArrayList<>()).add(a);
        Map<String, Injection> injOf = new HashMap<>();
        for (Injection i : r.injections()) injOf.put(i.function, i);
        long tp = 0, fa = 0;
        for (Alert a : r.alerts()) {
            Injection i = injOf.get(a.function());
            if (i == null) { fa++; continue; }
            if (i.started() && overlaps(a, i)) tp++;
        }
        for (Injection i : r.injections()) {
            if (!i.started()) continue;
            for (Alert a : alertsOf.getOrDefault(i.function, List.of())) if (overlaps(a, i)) { detectedBy.put(i, a); break; }
        }
        for (AttackScenario s : AttackScenario.values()) {
            List<Injection> of = r.injections().stream().filter(i -> i.scenario == s).toList();
            if (of.isEmpty()) continue;
            Map<Double, double[]> by = new TreeMap<>();
            for (double in : s.intensities()) {
                List<Injection> at = of.stream().filter(i -> i.intensity == in && i.durationMin == s.documentedDurationMin && i.started()).toList();
                if (!at.isEmpty()) by.put(in, figures(at));
            }
            Map<Integer, double[]> byDuration = new TreeMap<>();
            for (int d : s.durationsMin()) {
                List<Injection> at = of.stream().filter(i -> i.durationMin == d && i.documentedIntensity() && i.started()).toList();
                if (!at.isEmpty()) byDuration.put(d, figures(at));
            }
            List<Injection> doc = of.stream().filter(Injection::documented).toList();
            List<Injection> started = doc.stream().filter(Injection::started).toList();
            int det = (int) started.stream().filter(detectedBy::containsKey).count();
            byScenario.put(s.id, new ScenarioFigures(doc.size(), started.size(), det, started.isEmpty() ? Double.NaN : (double) det / started.size(),
                    medianDelay(started), by, byDuration));
        }
        long days = r.cleanFunctionDays().values().stream().mapToLong(Long::longValue).sum();
        truePositiveAlerts = tp;
        falseAlarms = fa;
        cleanFunctionDays = days;
        precision = r.alerts().isEmpty() ? Double.NaN : (double) tp / r.alerts().size();
        falseAlarmsPer1000FunctionDays = days == 0 ? Double.NaN : 1000.0 * fa / days;
    }

    private double[] figures(List<Injection> at) {
        long det = at.stream().filter(detectedBy::containsKey).count();
        return new double[] {at.size(), det, (double) det / at.size(), medianDelay(at)};
    }

    private double medianDelay(List<Injection> injections) {
        double[] d = injections.stream().filter(detectedBy::containsKey)
                .mapToDouble(i -> Math.max(0, detectedBy.get(i).startMinute() - i.startMinute())).sorted().toArray();
        if (d.length == 0) return Double.NaN;
        return d.length % 2 == 1 ? d[d.length / 2] : (d[d.length / 2 - 1] + d[d.length / 2]) / 2;
    }

    static boolean overlaps(Alert a, Injection i) {
        return a.endMinute() >= i.startMinute() && a.startMinute() <= i.endMinute() + GRACE_MIN;
    }

    /** The alert that detected the injection, or null. */
    public Alert detection(Injection i) { return detectedBy.get(i); }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        byScenario.forEach((k, v) -> sb.append(k).append(": ").append(v.detected).append('/').append(v.started).append(" ttd ").append(v.timeToDetectMin)
                .append(" by intensity ").append(v.byIntensity.entrySet().stream().map(e -> e.getKey() + "=" + Arrays.toString(e.getValue())).toList())
                .append(" by duration ").append(v.byDuration.entrySet().stream().map(e -> e.getKey() + "min=" + Arrays.toString(e.getValue())).toList()).append('\n'));
        sb.append("precision ").append(precision).append(", false alarms ").append(falseAlarms).append(" in ").append(cleanFunctionDays)
                .append(" clean function-days (").append(falseAlarmsPer1000FunctionDays).append(" per 1000)");
        return sb.toString();
    }
}
