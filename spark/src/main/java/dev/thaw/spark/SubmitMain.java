package dev.thaw.spark;

import dev.thaw.cli.ThawCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The main class of thaw-spark-submit.jar: {@code spark-submit --master M thaw-spark-submit.jar analyze IN -o OUT}
 * runs {@code thaw analyze IN -o OUT --spark M} (likewise {@code faas} and {@code search}). The master comes from spark-submit when --spark is
 * not given.
 */
public final class SubmitMain {
    private SubmitMain() {}

    public static void main(String[] args) {
        List<String> a = new ArrayList<>(Arrays.asList(args));
        String master = System.getProperty("spark.master");
        boolean named = a.stream().anyMatch(s -> s.equals("--spark") || s.startsWith("--spark="));
        boolean help = a.isEmpty() || a.contains("--help") || a.contains("-h");
        if (!named && !help && master != null && !a.isEmpty() && List.of("analyze", "faas", "search").contains(a.get(0))) {
            a.add("--spark");
            a.add(master);
        }
        ThawCommand.main(a.toArray(String[]::new));
    }
}
