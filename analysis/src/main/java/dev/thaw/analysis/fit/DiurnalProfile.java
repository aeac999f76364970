package dev.thaw.analysis.fit;

/**
 * Rate by hour of day relative to the daily mean (24 numbers, mean 1): the rate profile of a non-homogeneous
 * Poisson process. Hour of day is taken from the trace's own clock (Huawei: seconds since the start of the
 * dataset, which starts at midnight of day 0). Field names are those of fits.json.
 */
public record DiurnalProfile(int binS, double[] relativeRate) {

    /**
     * @param counts arrivals per bin of {@code binS} seconds, bin i starting at {@code t0 + i * binS}
     * @return the profile, or null unless every hour of the day is observed (traces shorter than a day)
     */
    public static DiurnalProfile fromCounts(long[] counts, double binS, double t0) {
        double[] sum = new double[24], exposure = new double[24];
        for (int i = 0; i < counts.length; i++) {
            double t = t0 + i * binS;
            int h = (int) Math.floor(Math.floorMod((long) Math.floor(t), 86_400L) / 3600.0);
            sum[h] += counts[i];
            exposure[h] += binS;
        }
        double[] rate = new double[24];
        double mean = 0;
        for (int h = 0; h < 24; h++) {
            if (exposure[h] == 0) return null;
            rate[h] = sum[h] / exposure[h];
            mean += rate[h] / 24;
        }
        if (mean == 0) return null;
        for (int h = 0; h < 24; h++) rate[h] /= mean;
        return new DiurnalProfile(3600, rate);
    }
}
