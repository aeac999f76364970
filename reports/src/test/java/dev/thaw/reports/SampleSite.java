package dev.thaw.reports;

import dev.thaw.reports.html.ReportSite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The sample site, built and written once per test JVM (rendering every PNG is the slow part). */
final class SampleSite {
    static final Path DIR = Path.of("target", "sample-site");
    private static ReportSite site;
    private static Path index;

    private SampleSite() {}

    static synchronized ReportSite site() {
        if (site == null) site = SampleReports.site();
        return site;
    }

    /** index.html of the written site, under target/sample-site (cleared first so no stale file hides a bug). */
    static synchronized Path index() {
        if (index == null) {
            delete(DIR);
            index = site().write(DIR);
        }
        return index;
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
