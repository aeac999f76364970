package dev.thaw.reports;

import java.nio.file.Path;

/** Writes the sample report set to a folder: {@code java ... dev.thaw.reports.SampleSiteMain out/sample}. */
final class SampleSiteMain {
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/sample-site");
        long t0 = System.nanoTime();
        Path index = SampleReports.site().write(dir);
        System.out.printf("wrote %s in %.1f s%n", index.toAbsolutePath(), (System.nanoTime() - t0) / 1e9);
    }
}
