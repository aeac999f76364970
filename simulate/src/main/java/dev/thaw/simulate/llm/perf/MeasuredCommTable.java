package dev.thaw.simulate.llm.perf;

import dev.thaw.ingest.BadInputException;
import dev.thaw.simulate.llm.hardware.Cluster;
import dev.thaw.simulate.llm.hardware.Link;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Collective times measured with NCCL, in the APEX profile layout (one CSV per collective: {@code all_reduce.csv,
 * all_gather.csv, reduce_scatter.csv, alltoall.csv, sendrecv.csv}; columns {@code gpu,num_nodes,num_gpus_per_node,
 * dtype,size(kb),time(us)}, size in KiB). Where a table covers the group shape (nodes x GPUs per node) it replaces
 * the analytic model: log-log interpolation between measured sizes, the smallest measured time below them, and the
 * last segment's bandwidth above them; uncovered shapes fall back to the alpha-beta model. Only {@code half} rows
 * are used (activations are 16-bit). Measurement noise that makes time fall with size is removed by a running
 * maximum. Known defect repaired on load: rows whose size is 1 and whose GPUs-per-node value is not a real node
 * size (or repeats a size-1 row) have the two columns swapped (APEX V100 reduce_scatter, 4 nodes x 1 GPU).
 * Bundled: H100-SXM-80GB, H200-SXM-141GB (one node, 2/4/8 GPUs) and V100-PCIE-16GB (up to 4 nodes x 4).
 */
public final class MeasuredCommTable extends CommModel {
    private static final String[] FILES = {"all_reduce", "all_gather", "reduce_scatter", "alltoall", "sendrecv"};
    private static final Op[] OPS = {Op.ALL_REDUCE, Op.ALL_GATHER, Op.REDUCE_SCATTER, Op.ALL_TO_ALL, Op.SEND_RECV};

    /** op/nodes/gpusPerNode -> {bytes ascending, seconds}. */
    private final Map<String, double[][]> curves;
    private final Cluster cluster;
    private final String source;

    private MeasuredCommTable(Map<String, double[][]> curves, Cluster cluster, String source) {
        this.curves = curves;
        this.cluster = cluster;
        this.source = source;
    }

    /** Measured tables bundled for this cluster's GPU, else the analytic model. */
    public static CommModel forCluster(Cluster cluster) {
        String base = "/dev/thaw/simulate/llm/comm/" + cluster.gpu().id() + "/";
        if (MeasuredCommTable.class.getResource(base + "all_reduce.csv") == null) return new CommModel();
        Map<String, double[][]> curves = new HashMap<>();
        for (int i = 0; i < FILES.length; i++) {
            try (InputStream in = MeasuredCommTable.class.getResourceAsStream(base + FILES[i] + ".csv")) {
                if (in != null) load(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), base + FILES[i] + ".csv", OPS[i], curves);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new MeasuredCommTable(curves, cluster, "bundled " + cluster.gpu().id());
    }

    /** Tables from a folder in the APEX layout (missing files are simply not covered). */
    public static MeasuredCommTable fromDirectory(Path dir, Cluster cluster) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("communication table folder " + dir + " does not exist");
        Map<String, double[][]> curves = new HashMap<>();
        for (int i = 0; i < FILES.length; i++) {
            Path f = dir.resolve(FILES[i] + ".csv");
            if (!Files.isRegularFile(f)) continue;
            try (BufferedReader r = Files.newBufferedReader(f)) {
                load(r, f.toString(), OPS[i], curves);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
        }
        if (curves.isEmpty()) throw new IllegalArgumentException("no communication tables (all_reduce.csv, ...) in " + dir);
        return new MeasuredCommTable(curves, cluster, dir.toString());
    }

    private static void load(BufferedReader r, String file, Op op, Map<String, double[][]> curves) throws IOException {
        String header = r.readLine();
        if (header == null || !header.startsWith("gpu,num_nodes,num_gpus_per_node,dtype,size(kb),time(us)"))
            throw new BadInputException(file, 1, null, header, "header gpu,num_nodes,num_gpus_per_node,dtype,size(kb),time(us)");
        List<long[]> rows = new ArrayList<>(); // nodes, gpn, sizeKiB, line
        List<Double> times = new ArrayList<>();
        String line;
        long no = 1;
        while ((line = r.readLine()) != null) {
            no++;
            if (line.isBlank()) continue;
            String[] c = line.split(",");
            if (c.length != 6) throw new BadInputException(file, no, null, line, "6 columns");
            if (!c[3].trim().equals("half")) continue;
            try {
                rows.add(new long[] {Long.parseLong(c[1].trim()), Long.parseLong(c[2].trim()), Long.parseLong(c[4].trim()), no});
                times.add(Double.parseDouble(c[5].trim()));
            } catch (NumberFormatException e) {
                throw new BadInputException(file, no, null, line, "integer nodes, GPUs per node and size, numeric time");
            }
        }
        // Repair the swapped-columns defect (see class comment).
        Set<Long> realGpn = new HashSet<>();
        for (long[] row : rows) if (row[2] != 1) realGpn.add(row[1]);
        Set<String> sizeOneSeen = new HashSet<>();
        for (long[] row : rows) {
            if (row[2] != 1) continue;
            String k = row[0] + "/" + row[1];
            if (!realGpn.contains(row[1]) || !sizeOneSeen.add(k)) { row[2] = row[1]; row[1] = 1; }
        }
        Map<String, TreeMap<Double, Double>> byKey = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            long[] row = rows.get(i);
            if (row[2] <= 0) continue; // size 0: no bandwidth information
            byKey.computeIfAbsent(op + "/" + row[0] + "/" + row[1], k -> new TreeMap<>()).merge(row[2] * 1024.0, times.get(i) * 1e-6, Math::min);
        }
        for (Map.Entry<String, TreeMap<Double, Double>> e : byKey.entrySet()) {
            int n = e.getValue().size();
            double[] b = new double[n], t = new double[n];
            int i = 0;
            for (Map.Entry<Double, Double> p : e.getValue().entrySet()) {
                b[i] = p.getKey();
                t[i] = i > 0 ? Math.max(p.getValue(), t[i - 1]) : p.getValue();
                i++;
            }
            curves.put(e.getKey(), new double[][] {b, t});
        }
    }

    /** Whether a measured curve covers this collective shape. */
    public boolean covers(Op op, int n, Link link) { return curves.containsKey(key(op, n, link)); }

    @Override public double time(Op op, double bytes, int n, Link link) {
        if (n <= 1 && op != Op.SEND_RECV) return 0;
        double[][] c = curves.get(key(op, n, link));
        if (c == null) return super.time(op, bytes, n, link);
        return interpolate(c[0], c[1], bytes);
    }

    /** A measured multi-node curve for exactly this group is used as is; otherwise the hierarchical composition. */
    @Override public double collective(Op op, double bytes, int n, Cluster cluster) {
        if (n > cluster.gpusPerNode() && cluster.nodes() > 1) {
            double[][] c = curves.get(key(op, n, cluster.interNode()));
            if (c != null) return interpolate(c[0], c[1], bytes);
        }
        return super.collective(op, bytes, n, cluster);
    }

    private String key(Op op, int n, Link link) {
        boolean inter = link == cluster.interNode() && cluster.nodes() > 1;
        int gpn = cluster.gpusPerNode();
        int nodes, perNode;
        if (op == Op.SEND_RECV) { nodes = inter ? 2 : 1; perNode = inter ? 1 : 2; }
        else if (!inter || n <= gpn) { nodes = 1; perNode = n; }
        else { nodes = (n + gpn - 1) / gpn; perNode = n / nodes; }
        return op + "/" + nodes + "/" + perNode;
    }

    static double interpolate(double[] b, double[] t, double x) {
        int n = b.length;
        if (x <= b[0]) return t[0];
        if (x >= b[n - 1]) {
            if (n == 1) return t[0];
            double slope = (t[n - 1] - t[n - 2]) / (b[n - 1] - b[n - 2]); // seconds per byte of the last segment
            return t[n - 1] + Math.max(0, slope) * (x - b[n - 1]);
        }
        int lo = 0, hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (b[mid] <= x) lo = mid; else hi = mid;
        }
        double f = Math.log(x / b[lo]) / Math.log(b[hi] / b[lo]);
        return Math.exp(Math.log(t[lo]) + f * (Math.log(t[hi]) - Math.log(t[lo])));
    }

    @Override public String toString() { return "measured NCCL tables (" + source + ")"; }
}
