package dev.thaw.simulate.search;

import java.util.ArrayList;
import java.util.List;

/** Plans no other plan beats on both of two objectives (exact ties on both keep the plan that ranks first). */
public final class ParetoFront {
    private ParetoFront() {}

    /** The front among plans that rejected nothing, sorted by the first objective. */
    public static List<PlanOutcome> of(List<PlanOutcome> plans, Objective a, Objective b) {
        List<PlanOutcome> ok = plans.stream().filter(p -> p.figures().rejected() == 0).toList();
        List<PlanOutcome> front = new ArrayList<>();
        for (PlanOutcome p : ok) {
            double pa = a.score(p.figures()), pb = b.score(p.figures());
            boolean dominated = false;
            for (PlanOutcome q : ok) {
                if (q == p) continue;
                double qa = a.score(q.figures()), qb = b.score(q.figures());
                boolean weaklyBetter = qa <= pa && qb <= pb;
                boolean strictly = qa < pa || qb < pb;
                boolean sameEarlier = qa == pa && qb == pb && PlanSearch.order(a).compare(q, p) < 0;
                if (weaklyBetter && (strictly || sameEarlier)) { dominated = true; break; }
            }
            if (!dominated) front.add(p);
        }
        front.sort(PlanSearch.order(a));
        return List.copyOf(front);
    }
}
