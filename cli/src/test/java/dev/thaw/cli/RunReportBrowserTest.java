package dev.thaw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every page {@code ./thaw run} writes, opened in headless chromium (installed by .ci/install-chromium; the test
 * skips without it): each has at least one figure, no table cell or card value overflows its box (scrollWidth
 * equals clientWidth), and no two text labels of a chart overlap (their SVG bounding boxes, getBBox mapped through
 * the element's transform, do not intersect). Each page is screenshotted to target/run-browser/NAME.png; with
 * {@code -Dthaw.screenshots=DIR} the index, calibration, autoscaling, policies and search pages are copied there
 * (that is how docs/img/ is made).
 */
class RunReportBrowserTest {
    static final Path WORK = Path.of("target", "run-browser").toAbsolutePath();

    /** Runs after the page's own script (it is appended last): measures, then writes the findings into the page. */
    static final String CHECK = """
            <script>(function () {
              var out = {figures: document.querySelectorAll('svg.chart').length, overflow: [], overlaps: []};
              document.querySelectorAll('td, th, .card .value').forEach(function (c) {
                if (c.offsetParent !== null && c.scrollWidth > c.clientWidth + 1)
                  out.overflow.push(c.textContent.trim().slice(0, 60) + ' (' + c.scrollWidth + ' > ' + c.clientWidth + ')');
              });
              document.querySelectorAll('svg.chart').forEach(function (svg) {
                var boxes = [];
                svg.querySelectorAll('text').forEach(function (t) {
                  var s = t.textContent.trim();
                  if (!s) return;
                  var b = t.getBBox(), m = t.getCTM(), p = svg.createSVGPoint();
                  if (b.width === 0 || b.height === 0 || !m) return;
                  var xs = [], ys = [];
                  [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]].forEach(function (c) {
                    p.x = c[0]; p.y = c[1];
                    var q = p.matrixTransform(m);
                    xs.push(q.x); ys.push(q.y);
                  });
                  boxes.push({s: s, x0: Math.min.apply(null, xs), x1: Math.max.apply(null, xs), y0: Math.min.apply(null, ys), y1: Math.max.apply(null, ys)});
                });
                for (var i = 0; i < boxes.length; i++) for (var j = i + 1; j < boxes.length; j++) {
                  var a = boxes[i], b = boxes[j];
                  var w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0), h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
                  if (w > 1 && h > 1) out.overlaps.push((svg.getAttribute('aria-label') || svg.id) + ': "' + a.s + '" and "' + b.s + '"');
                }
              });
              var pre = document.createElement('pre');
              pre.id = 'thaw-check';
              pre.style.display = 'none';
              pre.textContent = JSON.stringify(out);
              document.body.appendChild(pre);
            })();</script>
            """;
    static final Pattern RESULT = Pattern.compile("<pre id=\"thaw-check\"[^>]*>(.*?)</pre>", Pattern.DOTALL);

    @Test void everyPageOfThawRunHasAFigureNoOverflowAndNoOverlappingLabels() throws Exception {
        Path browser = chromium();
        assumeTrue(browser != null, "chromium not installed: run .ci/install-chromium");
        Path out = WORK.resolve("out");
        delete(WORK);
        assertEquals(0, ThawCommand.execute("run", "-o", out.toString()), "thaw run");
        List<Path> pages;
        try (Stream<Path> s = Files.list(out)) {
            pages = s.filter(p -> p.getFileName().toString().endsWith(".html")).sorted().toList();
        }
        assertTrue(pages.size() >= 6, "thaw run wrote its pages: " + pages);
        Map<String, String> failures = new TreeMap<>();
        for (Path page : pages) {
            String name = page.getFileName().toString().replaceFirst("\\.html$", "");
            String html = Files.readString(page, StandardCharsets.UTF_8);
            assertTrue(html.contains("</body>"), name);
            // beside the page, so everything it refers to resolves as it does for the page itself
            Path checked = out.resolve(".check-" + name + ".html");
            Files.writeString(checked, html.replace("</body>", CHECK + "</body>"), StandardCharsets.UTF_8);
            Path shot = WORK.resolve(name + ".png");
            String dom = run(browser, "--dump-dom", "--screenshot=" + shot, "--window-size=1400,2000", checked.toUri().toString());
            Files.delete(checked);
            Matcher m = RESULT.matcher(dom);
            if (!m.find()) { failures.put(name, "the check script did not run"); continue; }
            JsonNode r = new ObjectMapper().readTree(m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
            List<String> problems = new ArrayList<>();
            if (r.path("figures").asInt() < 1) problems.add("no figure");
            r.path("overflow").forEach(n -> problems.add("overflows its box: " + n.asText()));
            r.path("overlaps").forEach(n -> problems.add("labels overlap: " + n.asText()));
            assertTrue(Files.size(shot) > 10_000, "screenshot of " + name);
            if (!problems.isEmpty()) failures.put(name, String.join("\n    ", problems));
        }
        copyScreenshots(pages);
        StringBuilder msg = new StringBuilder();
        failures.forEach((page, p) -> msg.append(page).append(":\n    ").append(p).append('\n'));
        assertEquals("", msg.toString());
    }

    /** The checks themselves find what they look for: two labels on one spot, a clipped cell, a page without a figure. */
    @Test void theCheckScriptSeesOverlapsAndOverflow() throws Exception {
        Path browser = chromium();
        assumeTrue(browser != null, "chromium not installed: run .ci/install-chromium");
        Files.createDirectories(WORK);
        Path page = WORK.resolve("bad.html");
        Files.writeString(page, "<html><body><table style='table-layout:fixed;width:80px'><tr><td style='overflow:hidden;white-space:nowrap'>"
                + "a-very-long-value-that-cannot-fit</td></tr></table>"
                + "<svg class='chart' width='200' height='100'><text x='10' y='50'>p99 TTFT</text><text x='20' y='52'>goodput</text>"
                + "<text x='10' y='90'>apart</text></svg></body></html>" .replace("</body>", CHECK + "</body>"));
        Matcher m = RESULT.matcher(run(browser, "--dump-dom", page.toUri().toString()));
        assertTrue(m.find());
        JsonNode r = new ObjectMapper().readTree(m.group(1).replace("&quot;", "\"").replace("&amp;", "&"));
        assertEquals(1, r.path("figures").asInt());
        assertEquals(1, r.path("overflow").size(), r.toString());
        assertEquals(1, r.path("overlaps").size(), r.toString());
        assertTrue(r.path("overlaps").get(0).asText().contains("\"p99 TTFT\" and \"goodput\""));
    }

    /** The pages the README shows, under stable names: index, calibration, autoscaling, policies, search. */
    private static void copyScreenshots(List<Path> pages) throws IOException {
        String dir = System.getProperty("thaw.screenshots");
        if (dir == null || dir.isBlank()) return;
        Path to = Path.of(dir);
        Files.createDirectories(to);
        for (Path page : pages) {
            String name = page.getFileName().toString().replaceFirst("\\.html$", "");
            String html = Files.readString(page, StandardCharsets.UTF_8);
            String as = name.equals("index") || name.equals("calibration") || name.equals("policies") ? name
                    : html.contains("<h1>Serverless scaling search") ? "autoscaling"
                    : html.contains("<h1>Plan search") ? "search" : null;
            if (as != null) Files.copy(WORK.resolve(name + ".png"), to.resolve(as + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static Path chromium() {
        String env = System.getenv("THAW_CHROMIUM");
        if (env != null && Files.isExecutable(Path.of(env))) return Path.of(env);
        for (String name : List.of("chromium", "chromium-browser", "google-chrome"))
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                if (Files.isExecutable(Path.of(d, name))) return Path.of(d, name);
        return null;
    }

    private static String run(Path browser, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(WORK, "profile");
        List<String> cmd = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path stdout = WORK.resolve("stdout.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(WORK.resolve("stderr.txt").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish in 120 s: " + cmd);
        }
        delete(profile);
        assertEquals(0, p.exitValue(), "chromium " + cmd);
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
