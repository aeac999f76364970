package dev.thaw.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.thaw.reports.html.HtmlReport;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Opens the sample site's index in headless chromium (installed by .ci/install-chromium; skipped when absent): it
 * loads without a console message, runs its script, builds every preview figure, and is saved as a screenshot
 * (target/browser/index.png). One browser run: each costs 10-20 s here. Report pages get the same XML-level checks
 * in ReportSiteTest.
 */
class BrowserTest {
    static final Path WORK = Path.of("target", "browser");

    @Test void indexLoadsWithoutConsoleErrorsAndIsScreenshotted() throws Exception {
        Path browser = Chromium.find();
        assumeTrue(browser != null, "chromium not installed: run .ci/install-chromium");
        Path index = SampleSite.index().toAbsolutePath();
        Path shot = WORK.resolve("index.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        Chromium.Run r = Chromium.run(browser, WORK, "--dump-dom", "--screenshot=" + shot, "--window-size=1400,2000",
                index.toUri().toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of(), Chromium.problems(r.stderr()), "console of " + index);
        assertTrue(r.stdout().contains("data-js=\"ready\""), "the inline script ran");
        // the browser built each report card's preview figure (ids prefixed by the report id)
        Matcher m = Pattern.compile("<svg[^>]*\\sid=\"([a-z0-9-]+)\"").matcher(r.stdout());
        TreeSet<String> svgs = new TreeSet<>(), expected = new TreeSet<>();
        while (m.find()) svgs.add(m.group(1));
        for (HtmlReport report : SampleSite.site().reports()) {
            assertTrue(r.stdout().contains("href=\"" + report.id() + ".html\""), "index links " + report.id());
            expected.add(report.id() + "-fig-" + report.figures().get(0).id());
        }
        assertEquals(expected, svgs);
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(1400, img.getWidth());
        assertEquals(2000, img.getHeight());
        assertTrue(distinctColours(img) > 200, "the screenshot shows a rendered page, not a blank one");
    }

    @Test void consoleMessagesAndFailedLoadsAreRecognised() {
        String log = String.join("\n",
                "[20973:20973:1128/082454.929920:WARNING:ui/base/idle/idle_linux.cc:111] None of the known D-Bus ScreenSaver services could be used.",
                "[20973:20973:1128/082501.235278:INFO:CONSOLE:1] \"boom-console\", source: file:///tmp/bad.html (1)",
                "[1:1:0101/000000.0:INFO:CONSOLE(7)] \"Uncaught ReferenceError: f is not defined\", source: file:///tmp/x.html (7)",
                "[1:1:0101/000000.0:ERROR:x.cc(1)] Failed to load resource: net::ERR_FILE_NOT_FOUND");
        List<String> p = Chromium.problems(log);
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("boom-console"));
        assertTrue(p.get(1).startsWith("Uncaught ReferenceError"));
    }

    private static int distinctColours(BufferedImage img) {
        TreeSet<Integer> c = new TreeSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) for (int x = 0; x < img.getWidth(); x += 2) c.add(img.getRGB(x, y));
        return c.size();
    }
}
