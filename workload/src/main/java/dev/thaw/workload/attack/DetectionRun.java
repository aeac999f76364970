package dev.thaw.workload.attack;

import dev.thaw.analysis.detect.Alert;
import dev.thaw.analysis.detect.AlertBuilder;
import dev.thaw.analysis.detect.DetectorModel;
import dev.thaw.analysis.detect.Features;
import dev.thaw.analysis.detect.FunctionBaseline;
import dev.thaw.analysis.detect.FunctionModel;
import dev.thaw.analysis.detect.Metric;
import dev.thaw.analysis.detect.MinuteDataset;
import dev.thaw.analysis.detect.MinuteRows;
import dev.thaw.analysis.detect.MinuteScore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code thaw detect} end to end, streaming: per group (region), learn every function's model on the first
 * {@code trainDays} days, then score the remaining days minute by minute (injecting the planned attacks first, when
 * asked) and collect alerts. Each day is read once, row by row; memory holds the per-function models, baselines
 * and alert state, plus the timelines of a few attacked functions for the report.
 */
public final class DetectionRun {
    /** Attacked functions whose scored minutes are kept for the report's timeline. */
    static final int TIMELINES = 8;

    public record Options(int trainDays, List<AttackScenario> scenarios, long seed) {}

    /** A kept timeline: per scored minute the requests, per-request metrics and the minute's score. */
    public static final class Timeline {
        public final String function;
        public final Injection injection;
        public final List<double[]> rows = new ArrayList<>(); // minute, requests, cpu, exec, response, pods, d2/threshold, loadRatio

        Timeline(String function, Injection injection) { this.function = function; this.injection = injection; }
    }

    /** {@code eligibleFunctions}: functions invoked often enough to be attacked ({@link AttackPlan}), of {@code scoredFunctions}. */
    public record Result(DetectorModel model, List<Alert> alerts, List<Injection> injections, Map<String, Long> cleanFunctionDays,
                         long scoredFunctions, long eligibleFunctions, long scoredMinutes, long trainedMinutes, int trainDays, int scoredDays, List<Timeline> timelines) {
        public DetectionEvaluation evaluation() { return new DetectionEvaluation(this); }
    }

    private DetectionRun() {}

    public static Result run(List<Path> inputs, Options o, Consumer<String> progress) throws IOException {
        List<MinuteDataset.Group> groups = MinuteDataset.discover(inputs);
        DetectorModel all = new DetectorModel();
        List<Alert> alerts = new ArrayList<>();
        List<Injection> injections = new ArrayList<>();
        List<Timeline> timelines = new ArrayList<>();
        Map<String, Long> cleanDays = new TreeMap<>();
        long scoredFunctions = 0, eligibleFunctions = 0, scoredMinutes = 0, trainedMinutes = 0;
        int trainDaysUsed = 0, scoredDaysUsed = 0;
        SplittableRandom seeds = new SplittableRandom(o.seed());
        for (MinuteDataset.Group g : groups) {
            long groupSeed = seeds.nextLong();
            List<Integer> days = g.dayList();
            int train = Math.min(o.trainDays(), days.size() - 1);
            if (train < 1) { progress.accept(g.name() + ": only one day of data, nothing to score: skipped"); continue; }
            if (train < o.trainDays()) progress.accept(g.name() + ": " + days.size() + " days; training on the first " + train);
            trainDaysUsed = Math.max(trainDaysUsed, train);
            scoredDaysUsed = Math.max(scoredDaysUsed, days.size() - train);
            DetectorModel model = new DetectorModel();
            for (int d = 0; d < train; d++) {
                int day = days.get(d);
                List<String> ids = MinuteRows.functions(g, day);
                FunctionModel[] fm = new FunctionModel[ids.size()];
                for (int i = 0; i < fm.length; i++) fm[i] = model.function(ids.get(i));
                long[] count = {0};
                new MinuteRows(g, day).read((fn, minute, v) -> { fm[fn].add(minute, v); count[0]++; });
                trainedMinutes += count[0];
                progress.accept(String.format("%s day %d: trained on %,d function-minutes", g.name(), day, count[0]));
            }
            long firstScored = days.get(train) * 1440L, lastScored = (days.get(days.size() - 1) + 1) * 1440L;
            AttackPlan plan = new AttackPlan(model.functions(), o.scenarios(), firstScored, lastScored - firstScored, groupSeed, injections.size());
            AttackInjector injector = new AttackInjector(plan, groupSeed);
            injections.addAll(plan.injections());
            eligibleFunctions += plan.eligible();
            Map<String, FunctionBaseline> baselines = new HashMap<>();
            Map<String, AlertBuilder> builders = new TreeMap<>();
            Map<String, Timeline> kept = new HashMap<>();
            for (Injection inj : plan.injections()) {
                if (kept.size() >= TIMELINES) break;
                long sameScenario = kept.values().stream().filter(t -> t.injection.scenario == inj.scenario).count();
                if (sameScenario < 2 && inj.documented()) kept.put(inj.function, new Timeline(inj.function, inj));
            }
            for (int d = train; d < days.size(); d++) {
                int day = days.get(d);
                List<String> ids = MinuteRows.functions(g, day);
                int n = ids.size();
                FunctionBaseline[] bl = new FunctionBaseline[n];
                AlertBuilder[] ab = new AlertBuilder[n];
                Timeline[] tl = new Timeline[n];
                boolean[] active = new boolean[n];
                for (int i = 0; i < n; i++) {
                    String id = ids.get(i);
                    FunctionModel m = model.functions().get(id);
                    if (m == null) continue; // appeared after training: no baseline yet
                    bl[i] = baselines.computeIfAbsent(id, k -> new FunctionBaseline(m));
                    ab[i] = builders.computeIfAbsent(id, k -> new AlertBuilder(k, alerts::add));
                    tl[i] = kept.get(id);
                }
                MinuteScore score = new MinuteScore();
                double[] scratch = new double[Features.F];
                long[] count = {0};
                new MinuteRows(g, day).read((fn, minute, v) -> {
                    if (bl[fn] == null) return;
                    String id = ids.get(fn);
                    injector.apply(id, minute, v);
                    bl[fn].score(minute, v, score, scratch);
                    ab[fn].accept(score);
                    if (score.active) active[fn] = true;
                    if (tl[fn] != null) tl[fn].rows.add(new double[] {minute, v[Metric.REQUESTS.ordinal()], v[Metric.CPU.ordinal()], v[Metric.EXEC.ordinal()],
                            v[Metric.RESPONSE.ordinal()], v[Metric.PODS.ordinal()],
                            Math.max(score.dims == 0 ? 0 : score.d2 / AlertBuilder.threshold(score.dims), score.cusum / AlertBuilder.CUSUM_H),
                            score.loadRatio});
                    count[0]++;
                });
                scoredMinutes += count[0];
                for (int i = 0; i < n; i++) if (active[i] && !plan.attacked(ids.get(i))) cleanDays.merge(ids.get(i), 1L, Long::sum);
                progress.accept(String.format("%s day %d: scored %,d function-minutes, %d alerts so far", g.name(), day, count[0], alerts.size()));
            }
            for (AlertBuilder b : builders.values()) b.finish();
            scoredFunctions += baselines.size();
            all.merge(model);
            kept.values().stream().sorted((a, b) -> a.function.compareTo(b.function)).forEach(timelines::add);
        }
        alerts.sort((a, b) -> a.function().compareTo(b.function()) != 0 ? a.function().compareTo(b.function()) : Long.compare(a.startMinute(), b.startMinute()));
        return new Result(all, alerts, injections, cleanDays, scoredFunctions, eligibleFunctions, scoredMinutes, trainedMinutes, trainDaysUsed, scoredDaysUsed, timelines);
    }
}
