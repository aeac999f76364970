package dev.thaw.workload.calibrate;

import dev.thaw.workload.arrival.ArrivalModel;
import dev.thaw.workload.arrival.Arrivals;
import dev.thaw.workload.arrival.PoissonArrivals;

/**
 * The calibration loop: fit a bursty model to a source trace, generate from it, analyse the result with the same
 * statistics, and report both side by side; a rate-matched Poisson model is reported as the baseline.
 */
public final class Calibrator {
    public static final double[] WINDOWS_S = {1, 10, 60};

    /** Fitted model, its report and the Poisson baseline's report, and the arrivals each generated. */
    public record Result(BurstyModelFitter.Fit fit, CalibrationReport fitted, CalibrationReport poisson, double[] fittedArrivals,
                         double[] poissonArrivals) {}

    private Calibrator() {}

    /**
     * @param durationS length of the synthetic traces; longer than the source gives the model's stationary figures
     *                  with less sampling noise
     */
    public static Result run(double[] source, long seed, double durationS, BurstinessStats stats) {
        BurstyModelFitter.Fit fit = BurstyModelFitter.fit(source, 1e-3, WINDOWS_S, stats);
        double[] report = {1, 10, 60, 600};
        double[] generated = Arrivals.until(fit.model(), seed, durationS);
        CalibrationReport fitted = CalibrationReport.compare("batch-mmpp2", source, generated, report, stats);
        ArrivalModel poisson = new PoissonArrivals(fit.targetRate());
        double[] plain = Arrivals.until(poisson, seed, durationS);
        CalibrationReport base = CalibrationReport.compare("poisson", source, plain, report, stats);
        return new Result(fit, fitted, base, generated, plain);
    }
}
