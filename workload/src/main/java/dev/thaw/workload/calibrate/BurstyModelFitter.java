package dev.thaw.workload.calibrate;

import dev.thaw.workload.arrival.BatchedArrivals;
import dev.thaw.workload.arrival.Gaps;
import dev.thaw.workload.arrival.Mmpp2Arrivals;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Fits a batch-MMPP to a bursty arrival trace: batches (arrivals closer than {@code batchGapS}) keep their empirical
 * size distribution and within-batch gaps; batch epochs follow a two-state MMPP whose four rates are chosen by
 * moment matching (Nelder-Mead on log-parameters) so that the closed-form request-level mean rate, IAT CV and
 * IDC at the given windows equal the trace's. Deterministic: no randomness in the fit.
 */
public final class BurstyModelFitter {
    /** The fitted model and the targets it was fitted to. */
    public record Fit(BatchedArrivals model, Mmpp2Arrivals epochs, double targetRate, double targetCv, double[] windowsS, double[] targetIdc, double objective) {
        /** Closed-form request-level IDC of the model at {@code windowS}. */
        public double modelIdc(double windowS) { return idc(epochs, model, windowS); }

        public double modelCv() { return cv(epochs, model); }
    }

    private BurstyModelFitter() {}

    public static Fit fit(double[] times, double batchGapS, double[] windowsS, BurstinessStats stats) {
        if (times.length < 100) throw new IllegalArgumentException("need at least 100 arrivals to fit a bursty model, got " + times.length);
        double span = times[times.length - 1] - times[0];
        double rate = (times.length - 1) / span, cv = stats.iatCv(times);
        double[] idc = new double[windowsS.length];
        for (int i = 0; i < windowsS.length; i++) idc[i] = stats.idc(times, windowsS[i]);
        BatchStructure batches = BatchStructure.of(times, batchGapS);
        Gaps.Empirical within = new Gaps.Empirical(batches.withinBatchGaps().length == 0 ? new double[] {0} : batches.withinBatchGaps());
        double epochRate = rate / batches.meanSize();

        ObjectiveFunction objective = new ObjectiveFunction(x -> {
            Mmpp2Arrivals m = mmpp(x);
            if (m == null) return 1e9;
            BatchedArrivals b = new BatchedArrivals(m, batches.sizeProbabilities(), within);
            double err = sq(Math.log(b.meanRatePerS() / rate)) * 4 + sq(Math.log(cv(m, b) / cv));
            for (int i = 0; i < windowsS.length; i++) err += sq(Math.log(idc(m, b, windowsS[i]) / idc[i]));
            return Double.isFinite(err) ? err : 1e9;
        });
        PointValuePair best = null;
        for (double r : new double[] {0.003, 0.03, 0.3}) {
            for (double contrast : new double[] {10, 100}) {
                double[] start = {Math.log(epochRate / contrast), Math.log(epochRate * 3), Math.log(r / 3), Math.log(r)};
                PointValuePair p = new SimplexOptimizer(1e-12, 1e-14).optimize(new MaxEval(20_000), objective, GoalType.MINIMIZE,
                        new InitialGuess(start), new NelderMeadSimplex(4, 0.5));
                if (best == null || p.getValue() < best.getValue()) best = p;
            }
        }
        Mmpp2Arrivals m = mmpp(best.getPoint());
        return new Fit(new BatchedArrivals(m, batches.sizeProbabilities(), within), m, rate, cv, windowsS.clone(), idc, best.getValue());
    }

    private static Mmpp2Arrivals mmpp(double[] x) {
        for (double v : x) if (!(Math.abs(v) < 40)) return null;
        return new Mmpp2Arrivals(Math.exp(x[0]), Math.exp(x[1]), Math.exp(x[2]), Math.exp(x[3]));
    }

    /** Compound process: Var(S) = E[N] Var(B) + Var(N) E[B]^2, so IDC_S = Var(B)/E[B] + E[B] IDC_N. */
    static double idc(Mmpp2Arrivals m, BatchedArrivals b, double windowS) {
        double eb = b.meanBatchSize();
        return (b.secondMomentRatio() - eb) + eb * m.idc(windowS);
    }

    /** Gaps are within-batch with probability (E[B]-1)/E[B], else an MMPP inter-epoch gap (closed-form moments). */
    static double cv(Mmpp2Arrivals m, BatchedArrivals b) {
        double p = (b.meanBatchSize() - 1) / b.meanBatchSize();
        double[] y = m.iatMoments();
        double w1 = b.withinBatchGaps().mean(), wcv = b.withinBatchGaps().cv(), w2 = w1 * w1 * (1 + (Double.isFinite(wcv) ? wcv * wcv : 0));
        double m1 = p * w1 + (1 - p) * y[0], m2 = p * w2 + (1 - p) * y[1];
        return Math.sqrt(m2 / (m1 * m1) - 1);
    }

    private static double sq(double v) { return v * v; }
}
