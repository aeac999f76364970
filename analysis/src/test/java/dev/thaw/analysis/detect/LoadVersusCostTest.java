package dev.thaw.analysis.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The detector's central promise: a per-request cost shift is found, and a load increase of the same size (the
 * same factor on the request rate, per-request costs unchanged) is not. Functions are trained on two synthetic
 * days and scored on a third with the change planted for an hour.
 */
class LoadVersusCostTest {
    static final int FUNCTIONS = 30, TRAIN_DAYS = 2;
    static final double FACTOR = 1.5;

    /** Alerts per function after training on clean days and scoring a day with {@code change} planted on every function in turn. */
    static List<List<Alert>> run(double loadFactor, double costFactor, long seed) {
        SyntheticMinutes data = new SyntheticMinutes(FUNCTIONS, seed);
        SplittableRandom rng = new SplittableRandom(seed + 1);
        FunctionModel[] models = new FunctionModel[FUNCTIONS];
        double[] v = new double[Metric.ALL.size()];
        for (int f = 0; f < FUNCTIONS; f++) {
            models[f] = new FunctionModel();
            for (long m = 0; m < TRAIN_DAYS * 1440L; m++) { data.minute(f, m, rng, v, null); models[f].add(m, v); }
        }
        List<List<Alert>> out = new ArrayList<>();
        MinuteScore score = new MinuteScore();
        double[] scratch = new double[Features.F];
        for (int f = 0; f < FUNCTIONS; f++) {
            List<Alert> alerts = new ArrayList<>();
            FunctionBaseline b = new FunctionBaseline(models[f]);
            AlertBuilder ab = new AlertBuilder(SyntheticMinutes.id(f), alerts::add);
            long day = TRAIN_DAYS * 1440L;
            SyntheticMinutes.Change c = new SyntheticMinutes.Change(f, day + 600, 60, loadFactor, costFactor);
            for (long m = day; m < day + 1440; m++) {
                data.minute(f, m, rng, v, c);
                b.score(m, v, score, scratch);
                ab.accept(score);
            }
            ab.finish();
            out.add(alerts);
        }
        return out;
    }

    @Test void aPerRequestCostShiftIsFoundInEveryFunctionWithinTheHour() {
        List<List<Alert>> alerts = run(1, FACTOR, 7);
        for (int f = 0; f < FUNCTIONS; f++) {
            boolean found = alerts.get(f).stream().anyMatch(a -> a.endMinute() >= 2 * 1440 + 600 && a.startMinute() < 2 * 1440 + 660 && a.kind().contains("cost"));
            assertTrue(found, "function " + f + ": cost x" + FACTOR + " not found; alerts " + alerts.get(f));
        }
    }

    @Test void aLoadIncreaseOfTheSameSizeRaisesNoAlertAnywhere() {
        List<List<Alert>> alerts = run(FACTOR, 1, 7);
        assertEquals(List.of(), alerts.stream().flatMap(List::stream).toList(), "load x" + FACTOR + " at the same per-request cost");
    }

    @Test void aTenfoldFloodIsFoundAsAFloodNotAsACostChange() {
        List<List<Alert>> alerts = run(10, 1, 11);
        for (int f = 0; f < FUNCTIONS; f++) {
            List<Alert> a = alerts.get(f);
            assertTrue(a.stream().anyMatch(x -> x.kind().equals("flood")), "function " + f + ": " + a);
            assertTrue(a.stream().noneMatch(x -> x.kind().contains("cost")), "function " + f + " flagged a cost change under pure load: " + a);
        }
    }
}
