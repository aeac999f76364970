package dev.thaw.analysis.detect;

import java.io.Serializable;

/**
 * What one function normally looks like, learned in one mergeable pass over its training minutes:
 * <ul>
 * <li>per load stratum (requests in the minute: 1, 2-3, 4-7, ..., 128+) and per-request feature, the median and MAD of
 *     the feature's logarithm: per-request cost conditioned on load, so more requests at the same cost per request
 *     moves a minute to another stratum with its own baseline instead of alarming;</li>
 * <li>per stratum, the co-moments of the features (CPU and execution time per request move together), for the
 *     correlation matrix of the Mahalanobis score;</li>
 * <li>the seasonal load: per hour of day the distribution of log requests in active minutes, per day of week the
 *     request rate, and the share of active minutes.</li>
 * </ul>
 * Histograms merge exactly; co-moments are sums (equal up to summation order).
 */
public final class FunctionModel implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int F = Features.F, S = Features.STRATA;

    final BinnedDistribution[][] feature = new BinnedDistribution[S][F];
    /** Per stratum: n, sum x_i, sum x_i x_j (upper triangle incl. diagonal) over minutes with both features present. */
    final double[][] pairN = new double[S][F * F], pairSx = new double[S][F * F], pairSy = new double[S][F * F], pairSxy = new double[S][F * F];
    final BinnedDistribution[] loadByHour = new BinnedDistribution[24];
    final BinnedDistribution load = new BinnedDistribution(), pods = new BinnedDistribution(), coldStarts = new BinnedDistribution();
    final long[] minutesByHour = new long[24], activeByHour = new long[24], minutesByDow = new long[7];
    final double[] requestsByDow = new double[7];
    long minutes, activeMinutes;
    double requests;
    long firstMinute = Long.MAX_VALUE, lastMinute = Long.MIN_VALUE;

    private transient double[] x;

    /** Folds in one minute ({@code values} indexed by {@link Metric#ordinal()}, NaN = missing; requests missing = 0). */
    public void add(long minute, double[] values) {
        minutes++;
        firstMinute = Math.min(firstMinute, minute);
        lastMinute = Math.max(lastMinute, minute);
        int h = Features.hourOfDay(minute), d = Features.dayOfWeek(minute);
        minutesByHour[h]++;
        minutesByDow[d]++;
        if (!Features.active(values)) return;
        double n = values[Metric.REQUESTS.ordinal()];
        activeMinutes++;
        activeByHour[h]++;
        requests += n;
        requestsByDow[d] += n;
        double ln = Math.log(n);
        load.add(ln);
        (loadByHour[h] == null ? loadByHour[h] = new BinnedDistribution() : loadByHour[h]).add(ln);
        double p = values[Metric.PODS.ordinal()], c = values[Metric.COLD_STARTS.ordinal()];
        if (Double.isFinite(p)) pods.add(Math.log(p + 1));
        if (Double.isFinite(c)) coldStarts.add(Math.log(c + 1));
        if (x == null) x = new double[F];
        Features.perRequest(values, x);
        int s = Features.stratum(n);
        for (int i = 0; i < F; i++) {
            if (Double.isNaN(x[i])) continue;
            (feature[s][i] == null ? feature[s][i] = new BinnedDistribution() : feature[s][i]).add(x[i]);
            for (int j = i; j < F; j++) {
                if (Double.isNaN(x[j])) continue;
                int k = i * F + j;
                pairN[s][k]++;
                pairSx[s][k] += x[i];
                pairSy[s][k] += x[j];
                pairSxy[s][k] += x[i] * x[j];
            }
        }
    }

    public FunctionModel merge(FunctionModel o) {
        for (int s = 0; s < S; s++) {
            for (int i = 0; i < F; i++) feature[s][i] = merge(feature[s][i], o.feature[s][i]);
            for (int k = 0; k < F * F; k++) {
                pairN[s][k] += o.pairN[s][k];
                pairSx[s][k] += o.pairSx[s][k];
                pairSy[s][k] += o.pairSy[s][k];
                pairSxy[s][k] += o.pairSxy[s][k];
            }
        }
        for (int h = 0; h < 24; h++) {
            loadByHour[h] = merge(loadByHour[h], o.loadByHour[h]);
            minutesByHour[h] += o.minutesByHour[h];
            activeByHour[h] += o.activeByHour[h];
        }
        for (int d = 0; d < 7; d++) { minutesByDow[d] += o.minutesByDow[d]; requestsByDow[d] += o.requestsByDow[d]; }
        load.merge(o.load);
        pods.merge(o.pods);
        coldStarts.merge(o.coldStarts);
        minutes += o.minutes;
        activeMinutes += o.activeMinutes;
        requests += o.requests;
        firstMinute = Math.min(firstMinute, o.firstMinute);
        lastMinute = Math.max(lastMinute, o.lastMinute);
        return this;
    }

    private static BinnedDistribution merge(BinnedDistribution a, BinnedDistribution b) {
        if (b == null) return a;
        return a == null ? new BinnedDistribution().merge(b) : a.merge(b);
    }

    public long minutes() { return minutes; }

    public long activeMinutes() { return activeMinutes; }

    public double requests() { return requests; }

    /** Training minutes with at least one per-request metric (zero where the trace publishes only counts). */
    public long perRequestMinutes() {
        long most = 0;
        for (int f = 0; f < F; f++) {
            long n = 0;
            for (int s = 0; s < S; s++) if (feature[s][f] != null) n += feature[s][f].count();
            most = Math.max(most, n);
        }
        return most;
    }

    /** The q-quantile of requests per active minute; NaN when never active. */
    public double requestQuantile(double q) { return Math.exp(load.quantile(q)); }

    /** Median of a per-request metric over all training minutes (natural units), NaN when never seen. */
    public double typical(Metric m) {
        int f = Metric.PER_REQUEST.indexOf(m);
        BinnedDistribution all = new BinnedDistribution();
        for (int s = 0; s < S; s++) if (feature[s][f] != null) all.merge(feature[s][f]);
        return all.count() == 0 ? Double.NaN : Math.max(0, Math.exp(all.median()) - Features.FLOOR[f]);
    }

    /** A text that changes when any learned number changes (numbers at 9 significant digits), for tests. */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder();
        sb.append(minutes).append(' ').append(activeMinutes).append(' ').append(String.format("%.9g", requests)).append(' ')
                .append(firstMinute).append(' ').append(lastMinute).append('\n');
        for (int s = 0; s < S; s++) {
            for (int i = 0; i < F; i++) {
                BinnedDistribution b = feature[s][i];
                if (b != null) sb.append(s).append('/').append(i).append(' ').append(b.count()).append(' ').append(b.median()).append(' ').append(b.mad()).append(';');
            }
            for (int k = 0; k < F * F; k++)
                if (pairN[s][k] > 0) sb.append(String.format("%d:%.0f:%.9g:%.9g:%.9g;", k, pairN[s][k], pairSx[s][k], pairSy[s][k], pairSxy[s][k]));
            sb.append('\n');
        }
        for (int h = 0; h < 24; h++)
            sb.append(minutesByHour[h]).append(',').append(activeByHour[h]).append(',').append(loadByHour[h] == null ? "-" : loadByHour[h].median() + "/" + loadByHour[h].mad()).append(' ');
        for (int d = 0; d < 7; d++) sb.append(minutesByDow[d]).append(':').append(String.format("%.9g", requestsByDow[d])).append(' ');
        sb.append(load.quantile(0.99)).append(' ').append(pods.median()).append(' ').append(coldStarts.quantile(0.99));
        return sb.toString();
    }
}
