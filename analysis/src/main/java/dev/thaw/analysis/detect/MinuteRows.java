package dev.thaw.analysis.detect;

import dev.thaw.ingest.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one day of one {@link MinuteDataset.Group}: every metric file of the day at once, row by row in lockstep
 * (a row is one minute of every function), so memory holds one row per metric, never a whole column or file.
 * Functions are the columns of the {@code requests} file; other files' columns are matched by name (absent = not
 * published). Empty cells are "no data": requests 0, other metrics missing (NaN). Huawei 2023 CPU (a fraction of
 * the limit, per pod) becomes CPU per request: usage x instances / requests.
 */
public final class MinuteRows {
    /** Receives each function-minute; {@code values} (by {@link Metric#ordinal()}) is reused after the call. */
    public interface Sink { void accept(int function, long minute, double[] values); }

    private final MinuteDataset.Group group;
    private final int day;

    public MinuteRows(MinuteDataset.Group group, int day) { this.group = group; this.day = day; }

    /** The function ids of the day (group name / column name), in column order of the requests file. */
    public static List<String> functions(MinuteDataset.Group group, int day) throws IOException {
        Path f = group.days().get(day).get(Metric.REQUESTS);
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String h = r.readLine();
            if (h == null) throw BadInputException.ofFile(f, "empty file, expected a header day,time,<function>...");
            String[] cols = split(h);
            checkHeader(f, cols);
            List<String> ids = new ArrayList<>();
            for (int i = 2; i < cols.length; i++) ids.add(group.name() + "/" + unquote(cols[i]));
            return ids;
        }
    }

    private static void checkHeader(Path f, String[] cols) {
        if (cols.length < 3 || !unquote(cols[0]).equals("day") || !unquote(cols[1]).equals("time"))
            throw new BadInputException(f.toString(), 1, "1", cols.length > 0 ? cols[0] : "", "a header day,time,<function>...");
    }

    public void read(Sink sink) throws IOException {
        Map<Metric, Path> files = group.days().get(day);
        Path reqFile = files.get(Metric.REQUESTS);
        List<Metric> metrics = new ArrayList<>(files.keySet());
        int M = metrics.size();
        BufferedReader[] readers = new BufferedReader[M];
        int[][] colOf = new int[M][]; // per metric file: column index of each function (or -1)
        long[] lineNo = new long[M];
        String[][] row = new String[M][];
        try {
            String[] reqHeader = null;
            for (int i = 0; i < M; i++) {
                Path f = files.get(metrics.get(i));
                readers[i] = Files.newBufferedReader(f, StandardCharsets.UTF_8);
                String h = readers[i].readLine();
                if (h == null) throw BadInputException.ofFile(f, "empty file, expected a header day,time,<function>...");
                String[] cols = split(h);
                checkHeader(f, cols);
                lineNo[i] = 1;
                if (metrics.get(i) == Metric.REQUESTS) reqHeader = cols;
                row[i] = cols;
            }
            int n = reqHeader.length - 2;
            Map<String, Integer> pos = new HashMap<>();
            for (int c = 2; c < reqHeader.length; c++) pos.put(unquote(reqHeader[c]), c - 2);
            for (int i = 0; i < M; i++) {
                colOf[i] = new int[n];
                Arrays.fill(colOf[i], -1);
                for (int c = 2; c < row[i].length; c++) {
                    Integer p = pos.get(unquote(row[i][c]));
                    if (p != null) colOf[i][p] = c;
                }
                row[i] = null;
            }
            int reqIdx = metrics.indexOf(Metric.REQUESTS);
            double[][] values = new double[n][Metric.ALL.size()];
            long[] rowTime = new long[M];
            Arrays.fill(rowTime, Long.MIN_VALUE);
            String line;
            while ((line = readers[reqIdx].readLine()) != null) {
                lineNo[reqIdx]++;
                if (line.isEmpty()) continue;
                String[] req = split(line);
                long t = time(reqFile, lineNo[reqIdx], req);
                for (double[] v : values) Arrays.fill(v, Double.NaN);
                for (int i = 0; i < M; i++) {
                    String[] cells;
                    if (i == reqIdx) cells = req;
                    else {
                        // advance this file to the requests file's minute (files may miss minutes)
                        while (rowTime[i] < t) {
                            String l = readers[i].readLine();
                            if (l == null) { rowTime[i] = Long.MAX_VALUE; row[i] = null; break; }
                            lineNo[i]++;
                            if (l.isEmpty()) continue;
                            row[i] = split(l);
                            rowTime[i] = time(files.get(metrics.get(i)), lineNo[i], row[i]);
                        }
                        if (rowTime[i] != t) continue;
                        cells = row[i];
                    }
                    Metric m = metrics.get(i);
                    int mo = m.ordinal();
                    Path f = files.get(m);
                    for (int fn = 0; fn < n; fn++) {
                        int c = colOf[i][fn];
                        if (c < 0 || c >= cells.length) continue;
                        values[fn][mo] = parse(f, lineNo[i], c, cells[c]);
                    }
                }
                long minute = Math.floorDiv(t, 60);
                for (int fn = 0; fn < n; fn++) {
                    double[] v = values[fn];
                    int r = Metric.REQUESTS.ordinal();
                    if (Double.isNaN(v[r])) v[r] = 0;
                    if (group.huawei2023()) to2025Units(v);
                    sink.accept(fn, minute, v);
                }
            }
        } finally {
            for (BufferedReader r : readers) if (r != null) r.close();
        }
    }

    private static void to2025Units(double[] v) {
        double n = v[Metric.REQUESTS.ordinal()], cpu = v[Metric.CPU.ordinal()], pods = v[Metric.PODS.ordinal()];
        v[Metric.CPU.ordinal()] = n >= 1 && Double.isFinite(pods) ? cpu * pods / n : Double.NaN;
    }

    private long time(Path f, long line, String[] cells) {
        if (cells.length < 2) throw new BadInputException(f.toString(), line, "time", String.join(",", cells), "day,time,<values>...");
        double t = parse(f, line, 1, cells[1]);
        if (Double.isNaN(t)) throw new BadInputException(f.toString(), line, "time", "", "a time in seconds");
        return (long) t;
    }

    static double parse(Path f, long line, int col, String s) {
        if (s.isEmpty()) return Double.NaN;
        double v = FastDouble.parse(s);
        if (Double.isNaN(v)) {
            try { v = Double.parseDouble(s.replace("\"", "")); }
            catch (NumberFormatException e) { throw new BadInputException(f.toString(), line, Integer.toString(col + 1), s, "a number or an empty cell"); }
        }
        return v;
    }

    static String[] split(String line) {
        int count = 1;
        for (int i = 0; i < line.length(); i++) if (line.charAt(i) == ',') count++;
        String[] out = new String[count];
        int start = 0, k = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ',') { out[k++] = line.substring(start, i); start = i + 1; }
        }
        return out;
    }

    static String unquote(String s) {
        s = s.trim();
        return s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"' ? s.substring(1, s.length() - 1) : s;
    }
}
