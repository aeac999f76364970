package dev.thaw.analysis.detect;

import dev.thaw.ingest.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds per-minute wide metric files under the inputs: the Huawei 2025 layout
 * ({@code quantiles/R<n>/<metric>/day_NN.csv}) and the Huawei 2023 private layout
 * ({@code private_dataset/<metric>_minute/day_DDD.csv}). A group is the folder holding the metric folders (a
 * region, or the 2023 dataset); its days are those with a {@code requests} file (days need not be contiguous).
 */
public final class MinuteDataset {
    private static final Pattern DAY = Pattern.compile("day_(\\d+)\\.csv");

    /** One region (or dataset): for each day, the file of each metric present. */
    public record Group(String name, boolean huawei2023, TreeMap<Integer, Map<Metric, Path>> days) {
        public List<Integer> dayList() { return new ArrayList<>(days.keySet()); }
    }

    private MinuteDataset() {}

    public static List<Group> discover(List<Path> inputs) {
        TreeMap<Path, Group> groups = new TreeMap<>();
        for (Path in : inputs) {
            if (!Files.exists(in)) throw BadInputException.ofFile(in, "does not exist");
            try (Stream<Path> files = Files.walk(in, 6)) {
                files.filter(Files::isRegularFile).sorted().forEach(f -> {
                    Matcher m = DAY.matcher(f.getFileName().toString());
                    if (!m.matches() || f.getParent() == null || f.getParent().getParent() == null) return;
                    Metric metric = Metric.ofFolder(f.getParent().getFileName().toString());
                    if (metric == null) return;
                    Path root = f.getParent().getParent();
                    boolean y2023 = f.getParent().getFileName().toString().endsWith("_minute");
                    Group g = groups.computeIfAbsent(root, r -> new Group(groupName(r), y2023, new TreeMap<>()));
                    g.days.computeIfAbsent(Integer.parseInt(m.group(1)), d -> new EnumMap<>(Metric.class)).put(metric, f);
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<Group> out = new ArrayList<>();
        for (Group g : groups.values()) {
            g.days.values().removeIf(files -> !files.containsKey(Metric.REQUESTS));
            if (!g.days.isEmpty()) out.add(g);
        }
        if (out.isEmpty())
            throw BadInputException.ofFile(inputs.get(0), "no per-minute metric files found: expected quantiles/R<n>/requests/day_NN.csv "
                    + "(Huawei 2025) or private_dataset/requests_minute/day_NNN.csv (Huawei 2023) and metric folders beside them");
        return out;
    }

    private static String groupName(Path root) {
        String n = root.getFileName() == null ? "data" : root.getFileName().toString();
        return n.matches("R\\d+") || n.equals("private_dataset") ? n : n;
    }
}
