package dev.thaw.workload.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.analysis.detect.Alert;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Huawei 2023 private layout ({@code private_dataset/<metric>_minute/day_DDD.csv}, columns {@code "0".."N-1"},
 * absolute seconds, days not contiguous, CPU as a fraction of the limit per pod): written here for 6 functions
 * over days 1, 2, 3 and 7; function 0's execution time (function_delay) and CPU triple from the middle of day 7.
 * Detection trains on days 1-3 and must alert on function 0 only, after the change.
 */
class Huawei2023LayoutTest {
    static final String[] FOLDERS = {"requests_minute", "function_delay_minute", "cpu_usage_minute", "instances_minute", "memory_usage_minute"};
    static final int[] DAYS = {1, 2, 3, 7};

    @Test void aCostShiftIsFoundInThe2023PrivateLayout(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("private_dataset");
        SplittableRandom r = new SplittableRandom(3);
        int n = 6;
        for (int day : DAYS) {
            BufferedWriter[] w = new BufferedWriter[FOLDERS.length];
            for (int k = 0; k < w.length; k++) {
                Path f = root.resolve(FOLDERS[k]).resolve(String.format("day_%03d.csv", day));
                Files.createDirectories(f.getParent());
                w[k] = Files.newBufferedWriter(f);
                StringBuilder h = new StringBuilder("day,time");
                for (int i = 0; i < n; i++) h.append(",\"").append(i).append('"');
                w[k].write(h.append('\n').toString());
            }
            for (int m = 0; m < 1440; m++) {
                long t = 1_600_000_000L + (day * 1440L + m) * 60;
                StringBuilder[] row = new StringBuilder[FOLDERS.length];
                for (int k = 0; k < row.length; k++) row[k] = new StringBuilder().append(day).append(',').append(t);
                for (int i = 0; i < n; i++) {
                    int req = (int) Math.max(1, Math.round(20 + 4 * r.nextGaussian()));
                    boolean shifted = i == 0 && day == 7 && m >= 720;
                    double f = shifted ? 3 : 1;
                    double delay = 0.05 * (1 + i) * f * Math.exp(0.1 * r.nextGaussian());
                    int pods = 2;
                    double cpuPerRequest = 0.02 * f * Math.exp(0.1 * r.nextGaussian()); // in limit-fractions x pods / requests
                    row[0].append(',').append(req);
                    row[1].append(',').append(String.format(Locale.ROOT, "%.6f", delay));
                    row[2].append(',').append(String.format(Locale.ROOT, "%.6f", cpuPerRequest * req / pods));
                    row[3].append(',').append(pods);
                    row[4].append(',').append(String.format(Locale.ROOT, "%.4f", 0.3 + 0.01 * r.nextGaussian()));
                }
                for (int k = 0; k < row.length; k++) w[k].write(row[k].append('\n').toString());
            }
            for (BufferedWriter x : w) x.close();
        }
        DetectionRun.Result res = DetectionRun.run(List.of(tmp), new DetectionRun.Options(3, List.of(), 1), line -> {});
        assertEquals(n, res.scoredFunctions());
        assertEquals(3, res.trainDays());
        List<Alert> alerts = res.alerts();
        assertTrue(!alerts.isEmpty(), "no alert");
        for (Alert a : alerts) {
            assertEquals("private_dataset/0", a.function(), "alert on a clean function: " + a);
            long changeMinute = (1_600_000_000L + (7 * 1440L + 720) * 60) / 60;
            assertTrue(a.endMinute() >= changeMinute, "alert before the change: " + a);
            assertTrue(a.metrics().contains("totalCost_avg") && a.metrics().contains("cpu_usage_avg"), a.metrics());
        }
    }
}
