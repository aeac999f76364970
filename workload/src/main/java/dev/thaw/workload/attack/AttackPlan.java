package dev.thaw.workload.attack;

import dev.thaw.analysis.detect.FunctionModel;
import dev.thaw.analysis.detect.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Chooses which functions are attacked, how and when, from a seed. Eligible targets are functions invoked, with
 * per-request metrics, in at least {@value #MIN_ACTIVE_MINUTES_PER_DAY} minutes per training day: an attack only
 * shows in minutes with invocations, so on a function invoked a few times a day it is seen once or not at all
 * (and a function without published metrics cannot show it). Half of them (in a seeded order) are attacked, the
 * scenarios taking turns; each scenario's attacks cycle through (documented intensity, documented duration),
 * (weaker or stronger intensity, documented duration), (documented, documented), (documented intensity, a shorter
 * duration), so half of them are at the documented intensity and duration; the turns continue from one group (region)
 * to the next, so that regions with a few eligible functions do not all start with the first scenario. Each attack is armed at a uniform minute
 * such that its whole duration lies in the scored window (when it is shorter than the window). The other functions
 * stay clean and measure false alarms.
 */
public final class AttackPlan {
    /** Invoked in at least this many minutes per training day on average (about one minute in 48). */
    public static final int MIN_ACTIVE_MINUTES_PER_DAY = 30;
    private final Map<String, Injection> byFunction = new HashMap<>();
    private final List<Injection> injections = new ArrayList<>();
    private int eligible;

    /**
     * @param models      trained models by function id (sorted map: the order is part of the seed's meaning)
     * @param firstMinute first scored minute; {@code minutes} the scored window's length
     * @param turn        targets already planned in earlier groups (where the scenarios' turns continue)
     */
    public AttackPlan(Map<String, FunctionModel> models, List<AttackScenario> scenarios, long firstMinute, long minutes, long seed, int turn) {
        if (scenarios.isEmpty()) return;
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> eligible = new ArrayList<>();
        models.forEach((id, m) -> {
            double need = MIN_ACTIVE_MINUTES_PER_DAY * Math.max(1, m.minutes() / 1440.0);
            if (m.activeMinutes() >= need && m.perRequestMinutes() >= need) eligible.add(id);
        });
        Collections.sort(eligible);
        this.eligible = eligible.size();
        Collections.shuffle(eligible, new java.util.Random(rng.nextLong()));
        int targets = eligible.size() / 2;
        for (int i = 0; i < targets; i++) {
            String id = eligible.get(i);
            AttackScenario s = scenarios.get((turn + i) % scenarios.size());
            int round = (turn + i) / scenarios.size();
            double[] in = s.intensities();
            int[] durations = s.durationsMin();
            double intensity = round % 4 == 1 ? in[(round / 4) % 2 == 0 ? 0 : 2] : s.documented;
            int duration = round % 4 == 3 ? durations[(round / 4) % (durations.length - 1)] : s.documentedDurationMin;
            long arm = firstMinute + (long) (rng.nextDouble() * Math.max(0.1 * minutes, minutes - duration));
            FunctionModel m = models.get(id);
            double[] typical = new double[Metric.ALL.size()];
            Arrays.fill(typical, Double.NaN);
            for (Metric pm : Metric.PER_REQUEST) typical[pm.ordinal()] = m.typical(pm);
            Injection inj = new Injection(id, s, intensity, duration, arm, new AttackScenario.Target(m.requestQuantile(0.99), typical, cpuLimit(id)));
            byFunction.put(id, inj);
            injections.add(inj);
        }
    }

    private static final java.util.regex.Pattern POOL = java.util.regex.Pattern.compile("pool\\d+-(\\d+)-\\d+");

    /** The pod's CPU limit in cores from a Huawei 2025 funcID ({@code ...---pool22-300-128}: 0.3), else NaN. */
    static double cpuLimit(String function) {
        java.util.regex.Matcher m = POOL.matcher(function);
        return m.find() ? Integer.parseInt(m.group(1)) / 1000.0 : Double.NaN;
    }

    /** Functions invoked often enough to be attacked. */
    public int eligible() { return eligible; }

    public List<Injection> injections() { return Collections.unmodifiableList(injections); }

    public boolean attacked(String function) { return byFunction.containsKey(function); }

    /** The function's injection, or null. */
    public Injection of(String function) { return byFunction.get(function); }
}
