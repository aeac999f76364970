package dev.thaw.workload.arrival;

import java.util.List;
import java.util.SplittableRandom;

/** The union of independent processes (e.g. a function with both a timer and an API-gateway trigger). */
public record SuperposedArrivals(List<ArrivalModel> parts) implements ArrivalModel {
    public SuperposedArrivals {
        if (parts.isEmpty()) throw new IllegalArgumentException("superposition needs at least one process");
        parts = List.copyOf(parts);
    }

    @Override public ArrivalProcess start(double startS, SplittableRandom rng) {
        ArrivalProcess[] ps = new ArrivalProcess[parts.size()];
        double[] head = new double[ps.length];
        for (int i = 0; i < ps.length; i++) { ps[i] = parts.get(i).start(startS, rng.split()); head[i] = ps[i].next(); }
        return () -> {
            int best = 0;
            for (int i = 1; i < head.length; i++) if (head[i] < head[best]) best = i;
            double t = head[best];
            head[best] = ps[best].next();
            return t;
        };
    }

    @Override public double meanRatePerS() { return parts.stream().mapToDouble(ArrivalModel::meanRatePerS).sum(); }
}
