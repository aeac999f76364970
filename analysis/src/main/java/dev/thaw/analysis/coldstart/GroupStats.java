package dev.thaw.analysis.coldstart;

import dev.thaw.analysis.agg.QuantileSketch;
import java.io.Serializable;
import java.util.Arrays;

/** Count, exact sums and quantile sketches of the cold-start time and its components for one group. */
public final class GroupStats implements Serializable {
    private static final long serialVersionUID = 1L;
    final QuantileSketch[] sketches = new QuantileSketch[Component.ALL.length];
    /** Sum of every component including the dependency zeros (shares need it). */
    final double[] sums = new double[Component.ALL.length];
    long count;

    GroupStats() {
        for (int i = 0; i < sketches.length; i++) sketches[i] = new QuantileSketch();
    }

    void add(double total, double alloc, double code, double dep, double sched) {
        count++;
        sketches[0].add(total);
        sketches[1].add(alloc);
        sketches[2].add(code);
        if (dep != 0) sketches[3].add(dep);
        sketches[4].add(sched);
        sums[0] += total;
        sums[1] += alloc;
        sums[2] += code;
        sums[3] += dep;
        sums[4] += sched;
    }

    GroupStats merge(GroupStats o) {
        count += o.count;
        for (int i = 0; i < sketches.length; i++) { sketches[i].merge(o.sketches[i]); sums[i] += o.sums[i]; }
        return this;
    }

    public long count() { return count; }

    public QuantileSketch sketch(Component c) { return sketches[c.ordinal()]; }

    /** Mean over the values in the distribution (dependency: nonzero values only). */
    public double mean(Component c) { return sketch(c).mean(); }

    /** Share of the total cold-start time spent in component c (sum of c over sum of totals). */
    public double share(Component c) { return sums[0] == 0 ? Double.NaN : sums[c.ordinal()] / sums[0]; }

    @Override public boolean equals(Object o) {
        if (!(o instanceof GroupStats g) || g.count != count || !Arrays.equals(g.sketches, sketches)) return false;
        for (int i = 0; i < sums.length; i++) if (Math.abs(g.sums[i] - sums[i]) > 1e-9 * Math.max(1, Math.abs(sums[i]))) return false;
        return true;
    }

    @Override public int hashCode() { return Long.hashCode(count); }
}
