package dev.thaw.workload.attack;

import dev.thaw.analysis.detect.Metric;
import java.util.SplittableRandom;

/**
 * Applies an {@link AttackPlan} to minutes as they stream past (in time order per function), recording each
 * attack's actual start as ground truth. Each attack draws from its own stream, split from the seed in plan order,
 * so results do not depend on how functions are interleaved.
 */
public final class AttackInjector {
    private final AttackPlan plan;
    private final java.util.Map<Injection, SplittableRandom> rngs = new java.util.IdentityHashMap<>();

    public AttackInjector(AttackPlan plan, long seed) {
        this.plan = plan;
        SplittableRandom root = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (Injection i : plan.injections()) rngs.put(i, root.split());
    }

    /** Changes {@code values} in place when the function is under attack in this minute. */
    public void apply(String function, long minute, double[] values) {
        Injection inj = plan.of(function);
        if (inj == null || minute < inj.armMinute) return;
        if (!inj.started()) {
            // the attack begins with the first request it changes (a leak, a failure, a mining slowdown, the flood)
            if (inj.scenario.apply(inj.intensity, values, inj.target, inj.state, rngs.get(inj))) inj.startMinute = minute;
            return;
        }
        if (minute > inj.endMinute()) return;
        inj.scenario.apply(inj.intensity, values, inj.target, inj.state, rngs.get(inj));
    }
}
