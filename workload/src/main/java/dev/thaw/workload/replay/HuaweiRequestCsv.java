package dev.thaw.workload.replay;

import dev.thaw.ingest.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Minimal reader of the Huawei 2025 per-request log (a part file or a folder of them) into an
 * {@link InvocationTrace}: time = {@code time_worker}, duration = {@code totalCost_worker}, function =
 * funcName---userID---poolName (dense indices in sorted name order). Columns bound by header name.
 */
public final class HuaweiRequestCsv {
    private HuaweiRequestCsv() {}

    public static InvocationTrace read(Path fileOrDir) throws IOException {
        List<Path> files;
        if (Files.isDirectory(fileOrDir)) {
            try (Stream<Path> s = Files.list(fileOrDir)) { files = s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList(); }
        } else files = List.of(fileOrDir);
        List<double[]> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        TreeMap<String, Integer> ids = new TreeMap<>();
        for (Path f : files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String header = r.readLine();
                if (header == null) throw BadInputException.ofFile(f, "empty file, expected the per-request header");
                List<String> h = List.of(header.trim().split(","));
                int time = need(h, "time_worker", f), fn = need(h, "funcName", f), user = need(h, "userID", f), pod = need(h, "podID", f), dur = need(h, "totalCost_worker", f);
                String line;
                long no = 1;
                while ((line = r.readLine()) != null) {
                    no++;
                    if (line.isBlank()) continue;
                    String[] c = line.split(",", -1);
                    String podId = c[pod];
                    int cut = podId.lastIndexOf('-');
                    if (cut < 0) throw new BadInputException(f.toString(), no, "podID", podId, "pool<idx>-<cpu>-<mem>-<seq>");
                    String name = c[fn] + "---" + c[user] + "---" + podId.substring(0, cut);
                    Integer id = ids.get(name);
                    if (id == null) { id = names.size(); ids.put(name, id); names.add(name); }
                    rows.add(new double[] {number(c[time], f, no, "time_worker"), id, number(c[dur], f, no, "totalCost_worker")});
                }
            }
        }
        // dense ids in sorted name order, independent of file order
        int[] remap = new int[names.size()];
        String[] sorted = ids.keySet().toArray(new String[0]);
        for (int i = 0; i < sorted.length; i++) remap[ids.get(sorted[i])] = i;
        double[] t = new double[rows.size()], d = new double[rows.size()];
        int[] fs = new int[rows.size()];
        for (int i = 0; i < t.length; i++) { double[] row = rows.get(i); t[i] = row[0]; fs[i] = remap[(int) row[1]]; d[i] = row[2]; }
        return InvocationTrace.sorting(t, fs, d, sorted);
    }

    private static int need(List<String> header, String name, Path f) {
        int i = header.indexOf(name);
        if (i < 0) throw BadInputException.ofFile(f, "header lacks column " + name);
        return i;
    }

    private static double number(String s, Path f, long line, String column) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new BadInputException(f.toString(), line, column, s, "a number");
        }
    }
}
