package dev.thaw.analysis.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Functions invoked a few minutes an hour (the bundled dataset's typical function): a cost change shows in a
 * handful of scattered minutes, each an average over one or two requests, and only evidence accumulated across
 * those minutes finds it. Per-request draws: lognormal CPU (sd 0.3) and execution time (sd 0.6) around each
 * function's medians, arrivals Poisson at {@value #PER_HOUR} requests an hour; trained on a week.
 */
class SparseCostShiftTest {
    static final int FUNCTIONS = 40, TRAIN_DAYS = 7;
    static final double PER_HOUR = 3;

    /** The first alert of each function on a scored stretch of {@code days} days, or null; {@code change} multiplies CPU and execution time per request from {@code from} on. */
    static List<Alert> firstAlerts(int days, long from, double cpuFactor, double execFactor, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Alert> out = new ArrayList<>();
        double[] v = new double[Metric.ALL.size()], scratch = new double[Features.F];
        MinuteScore score = new MinuteScore();
        for (int f = 0; f < FUNCTIONS; f++) {
            double cpu = 0.05 + 0.2 * rng.nextDouble(), exec = 0.05 * Math.exp(2 * rng.nextDouble());
            FunctionModel model = new FunctionModel();
            long start = TRAIN_DAYS * 1440L;
            for (long m = 0; m < start; m++) { minute(rng, v, cpu, exec, 1, 1); model.add(m, v); }
            FunctionBaseline baseline = new FunctionBaseline(model);
            List<Alert> alerts = new ArrayList<>();
            AlertBuilder builder = new AlertBuilder("fn" + f, alerts::add);
            for (long m = start; m < start + days * 1440L; m++) {
                boolean changed = m >= start + from;
                minute(rng, v, cpu, exec, changed ? cpuFactor : 1, changed ? execFactor : 1);
                baseline.score(m, v, score, scratch);
                builder.accept(score);
            }
            builder.finish();
            out.add(alerts.isEmpty() ? null : alerts.get(0));
        }
        return out;
    }

    static void minute(SplittableRandom rng, double[] v, double cpu, double exec, double cpuFactor, double execFactor) {
        java.util.Arrays.fill(v, Double.NaN);
        int n = SyntheticMinutes.poisson(PER_HOUR / 60, rng);
        v[Metric.REQUESTS.ordinal()] = n;
        if (n == 0) return;
        double c = 0, e = 0, p = 0;
        for (int i = 0; i < n; i++) {
            c += cpu * Math.exp(0.3 * rng.nextGaussian()) * cpuFactor;
            e += exec * Math.exp(0.6 * rng.nextGaussian()) * execFactor;
            p += 1e-5 * Math.exp(0.3 * rng.nextGaussian());
        }
        v[Metric.CPU.ordinal()] = c / n;
        v[Metric.EXEC.ordinal()] = e / n;
        v[Metric.RESPONSE.ordinal()] = p / n;
        v[Metric.MEMORY.ordinal()] = 200;
    }

    @Test void aMinerOnAFunctionInvokedThreeTimesAnHourIsFoundWithinTwelveHours() {
        // CPU x2 and execution time x2 per request, from 06:00 of the first scored day
        List<Alert> first = firstAlerts(1, 360, 2, 2, 3);
        for (int f = 0; f < FUNCTIONS; f++) {
            Alert a = first.get(f);
            assertTrue(a != null && a.startMinute() >= (TRAIN_DAYS * 1440L + 360) && a.startMinute() < TRAIN_DAYS * 1440L + 360 + 720,
                    "function " + f + ": " + a);
            assertTrue(a.kind().contains("cost"), a.toString());
        }
    }

    @Test void aDoubledExecutionTimeAloneIsFoundByAccumulationInAtLeast95PercentOfFunctionsWithinADay() {
        // the CPU already at the pod's limit: only the execution time shows the attack, about 1.15 standard deviations
        // per request, a log-likelihood ratio of about 0.6 per active minute: ~35 minutes (12 hours) to reach 20 on
        // average, so 24 hours to find nearly all; no single minute stands out
        List<Alert> first = firstAlerts(2, 360, 1, 2, 5);
        long start = TRAIN_DAYS * 1440L + 360;
        long found = first.stream().filter(a -> a != null && a.startMinute() >= start && a.startMinute() < start + 1440).count();
        assertTrue(found >= 0.95 * FUNCTIONS, found + " of " + FUNCTIONS);
        long accumulated = first.stream().filter(a -> a != null && a.explanation().contains("execution time per request up consistently over")).count();
        assertTrue(accumulated >= 0.9 * FUNCTIONS, accumulated + " of " + FUNCTIONS + " found by accumulated evidence: " + first);
    }

    @Test void unchangedFunctionsRaiseNoAlertInAMonth() {
        List<Alert> first = firstAlerts(30, Long.MAX_VALUE / 2, 1, 1, 7);
        assertEquals(List.of(), first.stream().filter(a -> a != null).toList(), FUNCTIONS + " functions x 30 days");
    }
}
