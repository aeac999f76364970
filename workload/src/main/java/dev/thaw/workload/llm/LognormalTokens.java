package dev.thaw.workload.llm;

import java.util.SplittableRandom;

/** Fitted model: bivariate lognormal prompt and output lengths with log-correlation {@code rho}. */
public record LognormalTokens(double promptMu, double promptSigma, double outputMu, double outputSigma, double rho) implements TokenLengthModel {
    public LognormalTokens {
        if (!(promptSigma > 0) || !(outputSigma > 0)) throw new IllegalArgumentException("lognormal sigmas must be positive");
        if (!(rho >= -1 && rho <= 1)) throw new IllegalArgumentException("rho must be in [-1, 1], got " + rho);
    }

    @Override public void sample(SplittableRandom rng, int[] out) {
        double z1 = rng.nextGaussian(), z2 = rho * z1 + Math.sqrt(1 - rho * rho) * rng.nextGaussian();
        out[0] = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(Math.exp(promptMu + promptSigma * z1))));
        out[1] = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(Math.exp(outputMu + outputSigma * z2))));
    }
}
