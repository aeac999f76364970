package dev.thaw.simulate.faas.policy;

import dev.thaw.simulate.faas.ColdStartModel;
import dev.thaw.simulate.faas.FunctionCatalog;

/**
 * The hybrid histogram policy of Shahrad et al. (Serverless in the Wild, ATC 2020), per function. Idle times (from
 * the end of one invocation to the start of the next) go into a histogram of 1-minute bins over 4 hours.
 * <ul>
 * <li>Too many idle times beyond the range (more than {@code oobShare} of them, and at least two): forecast the next
 * idle time with an ARIMA(1,0,0) fitted by least squares on the last 16 out-of-range idle times, pre-warm at 85% of
 * the forecast and keep alive until 115%.</li>
 * <li>Representative histogram: pre-warm at the 5th percentile minus 10% and keep alive until the 99th percentile
 * plus 10% (measured from the idle start, so the keep-alive window is that minus the pre-warm time). The 5th
 * percentile is the lower edge of the bin where the cumulative count first reaches 5% of the in-range idle times;
 * the 99th is the upper edge of the bin where it first reaches 99%. A pre-warm of 0 keeps the pod loaded.</li>
 * <li>Otherwise: a fixed keep-alive of the whole range (4 hours), no pre-warm.</li>
 * </ul>
 * Representativeness is where public re-implementations disagree, so it is a parameter ({@link Test}): the paper's
 * test is the coefficient of variation of the 240 bin counts (population sd / mean, empty bins included) being at
 * least 2. Percentiles are kept exact and O(log bins) per query with a Fenwick tree (the first bin, where most idle
 * times of busy functions fall, is a flat counter in front of it); the CV is O(1) from running sums, so a decision
 * after every invocation costs no scan.
 */
public final class HybridHistogramPolicy implements KeepAlivePolicy {

    /** How to decide that a histogram is representative. */
    public record Test(String name, double minCv, int minSamples) {
        /** The paper: CV of the bin counts >= 2, no minimum number of samples. */
        public static final Test PAPER = new Test("paper", 2.0, 0);
        /** Trust the histogram once it holds at least 10 in-range idle times, whatever its shape. */
        public static final Test MIN_COUNT = new Test("min-count", 0.0, 10);
        /** Both: CV >= 2 and at least 10 in-range idle times. */
        public static final Test CV_AND_COUNT = new Test("cv-and-count", 2.0, 10);
    }

    private static final int OOB_HISTORY = 16;

    private final Test test;
    private final double binS;
    private final int bins;
    private final double oobShare;
    private final double headPct = 5, tailPct = 99, margin = 0.10, forecastMargin = 0.15;

    private int[][] fenwick, counts;
    // per function, side by side in one array (stride S) so one decision reads one cache line: end of the latest
    // invocation, in-range idle times, out-of-range ones, those in the first bin, sum over bins of count^2 (for the CV)
    private static final int LAST_END = 0, IN_RANGE = 1, OOB = 2, FIRST_BIN = 3, SUM_SQ = 4, S = 8;
    private double[] st;
    private double[][] oobHistory;
    private int[] oobNext;

    public HybridHistogramPolicy() { this(Test.PAPER); }

    public HybridHistogramPolicy(Test test) { this(test, 60, 240, 0.5); }

    /**
     * @param binS bin width in seconds (paper: 60)
     * @param bins number of bins (paper: 240, i.e. 4 hours)
     * @param oobShare share of out-of-range idle times above which the forecast is used
     */
    public HybridHistogramPolicy(Test test, double binS, int bins, double oobShare) {
        if (!(binS > 0) || bins < 1) throw new IllegalArgumentException("bin width and count must be positive");
        if (!(oobShare >= 0 && oobShare <= 1)) throw new IllegalArgumentException("oobShare must be in [0,1]");
        this.test = test;
        this.binS = binS;
        this.bins = bins;
        this.oobShare = oobShare;
    }

    public double rangeS() { return binS * bins; }

    @Override public void start(FunctionCatalog catalog, ColdStartModel coldStarts) {
        int n = catalog.size();
        fenwick = new int[n][];
        counts = new int[n][];
        st = new double[n * S];
        for (int f = 0; f < n; f++) st[f * S + LAST_END] = Double.NaN;
        oobHistory = new double[n][];
        oobNext = new int[n];
    }

    @Override public void onInvocation(int f, double timeS, double durationS) {
        double prev = st[f * S + LAST_END];
        if (!Double.isNaN(prev)) recordIdle(f, Math.max(0, timeS - prev));
        double end = timeS + durationS;
        if (Double.isNaN(prev) || end > prev) st[f * S + LAST_END] = end;
    }

    /** Adds one idle time of {@code f} (seconds) to its histogram; public so tests can craft histograms. */
    public void recordIdle(int f, double idleS) {
        int b = (int) Math.floor(idleS / binS);
        if (b >= bins) {
            st[f * S + OOB]++;
            double[] h = oobHistory[f];
            if (h == null) h = oobHistory[f] = new double[OOB_HISTORY];
            h[(int) (((long) st[f * S + OOB] - 1) % OOB_HISTORY)] = idleS;
            return;
        }
        st[f * S + IN_RANGE]++;
        if (b == 0) {  // most idle times of busy functions: a flat counter, no tree to update
            double c = st[f * S + FIRST_BIN]++;
            st[f * S + SUM_SQ] += 2.0 * c + 1;
            return;
        }
        if (counts[f] == null) {
            counts[f] = new int[bins];
            fenwick[f] = new int[bins + 1];
        }
        int c = counts[f][b]++;
        st[f * S + SUM_SQ] += 2.0 * c + 1;
        int[] t = fenwick[f];
        for (int i = b + 1; i <= bins; i += i & -i) t[i]++;
    }

    @Override public void window(int f, double idleFromS, KeepAliveWindow out) {
        double total = st[f * S + IN_RANGE] + st[f * S + OOB];
        if (st[f * S + OOB] >= 2 && st[f * S + OOB] > oobShare * total) {
            double pred = forecast(f);
            out.set((1 - forecastMargin) * pred, 2 * forecastMargin * pred);
            return;
        }
        if (st[f * S + IN_RANGE] > 0 && representative(f)) {
            double head = percentileBin(f, headPct) * binS;
            double tail = (percentileBin(f, tailPct) + 1) * binS;
            double prewarm = head * (1 - margin);
            out.set(prewarm, tail * (1 + margin) - prewarm);
            return;
        }
        out.set(0, rangeS());
    }

    /** Coefficient of variation of the bin counts of {@code f} (population sd over mean, empty bins included). */
    public double binCountCv(int f) {
        if (st[f * S + IN_RANGE] == 0) return 0;
        double mean = (double) st[f * S + IN_RANGE] / bins;
        double var = st[f * S + SUM_SQ] / bins - mean * mean;
        return Math.sqrt(Math.max(0, var)) / mean;
    }

    boolean representative(int f) {
        return st[f * S + IN_RANGE] >= test.minSamples() && binCountCv(f) >= test.minCv();
    }

    /** Smallest bin whose cumulative count reaches {@code pct}% of the in-range idle times (Fenwick descent). */
    int percentileBin(int f, double pct) {
        long target = Math.max(1, (long) Math.ceil(pct / 100.0 * st[f * S + IN_RANGE] - 1e-9));
        if (target <= st[f * S + FIRST_BIN]) return 0;
        target -= st[f * S + FIRST_BIN];  // the tree holds bins 1.. only (bin 0 is counted flat)
        int[] t = fenwick[f];
        int pos = 0;
        long acc = 0;
        for (int step = Integer.highestOneBit(bins); step > 0; step >>= 1) {
            int next = pos + step;
            if (next <= bins && acc + t[next] < target) {
                pos = next;
                acc += t[next];
            }
        }
        return pos;  // 0-based bin index: bins before pos hold fewer than target
    }

    /** ARIMA(1,0,0) one-step forecast from the last out-of-range idle times (least-squares AR coefficient). */
    double forecast(int f) {
        long seen = (long) st[f * S + OOB];
        int k = (int) Math.min(seen, OOB_HISTORY);
        double[] h = oobHistory[f];
        double[] x = new double[k];
        long first = seen - k;
        for (int i = 0; i < k; i++) x[i] = h[(int) ((first + i) % OOB_HISTORY)];
        double mean = 0;
        for (double v : x) mean += v;
        mean /= k;
        double num = 0, den = 0;
        for (int i = 0; i < k; i++) {
            double d = x[i] - mean;
            den += d * d;
            if (i + 1 < k) num += d * (x[i + 1] - mean);
        }
        double phi = den == 0 ? 0 : Math.max(-0.99, Math.min(0.99, num / den));
        return Math.max(0, mean + phi * (x[k - 1] - mean));
    }

    @Override public String name() { return test == Test.PAPER ? "hybrid" : "hybrid:" + test.name(); }
}
