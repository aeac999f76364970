package dev.thaw.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.reports.chart.Figure;
import dev.thaw.reports.html.HtmlReport;
import dev.thaw.reports.html.ReportSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The full sample report set, written to disk and checked page by page. */
class ReportSiteTest {

    private static String read(Path p) throws Exception { return Files.readString(p); }

    private static List<Path> pages() throws Exception {
        Path index = SampleSite.index();
        List<Path> pages = new ArrayList<>();
        pages.add(index);
        for (HtmlReport r : SampleSite.site().reports()) pages.add(index.resolveSibling(r.id() + ".html"));
        return pages;
    }

    @Test void everyPageIsWellFormedXhtmlWithoutExternalReferences() throws Exception {
        for (Path page : pages()) {
            String html = read(page);
            Document doc = Xhtml.parse(html);
            assertEquals("html", doc.getDocumentElement().getLocalName(), page.toString());
            assertEquals("http://www.w3.org/1999/xhtml", doc.getDocumentElement().getNamespaceURI());
            List<String> external = Xhtml.externalReferences(doc, html);
            assertTrue(external.isEmpty(), page + " references outside its folder: " + external);
            assertTrue(Xhtml.elements(doc, "script").stream().noneMatch(s -> s.hasAttribute("src")), "scripts are inline");
            assertTrue(Xhtml.elements(doc, "link").stream().allMatch(l -> l.getAttribute("href").startsWith("data:")),
                    "no linked stylesheet or icon file");
        }
    }

    @Test void everyRelativeLinkResolvesToAWrittenFile() throws Exception {
        for (Path page : pages()) {
            Document doc = Xhtml.parse(read(page));
            for (String link : Xhtml.localLinks(doc)) {
                Path target = page.resolveSibling(link.replaceAll("#.*$", ""));
                assertTrue(Files.isRegularFile(target), page.getFileName() + " links to missing " + link);
            }
        }
    }

    @Test void everyReportContainsEveryFigureAsInlineSvgWithItsDataAndPng() throws Exception {
        Path dir = SampleSite.index().getParent();
        for (HtmlReport r : SampleSite.site().reports()) {
            Document doc = Xhtml.parse(read(dir.resolve(r.id() + ".html")));
            List<Element> svgs = Xhtml.elements(doc, "svg");
            assertEquals(r.figures().size(), svgs.size(), r.id() + ": one inline SVG per figure");
            Set<String> ids = new TreeSet<>();
            for (Element svg : svgs) {
                assertEquals("http://www.w3.org/2000/svg", svg.getNamespaceURI());
                ids.add(svg.getAttribute("id"));
            }
            for (Figure f : r.figures()) {
                assertTrue(ids.contains("fig-" + f.id()), r.id() + " lacks figure " + f.id());
                Path csv = dir.resolve(r.id()).resolve(f.id() + ".csv");
                try (var parser = org.apache.commons.csv.CSVParser.parse(csv, java.nio.charset.StandardCharsets.UTF_8,
                        org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
                    assertEquals(f.data().columns(), parser.getHeaderNames());
                    assertEquals(f.data().rowCount(), parser.getRecords().size(), csv + " holds every data row");
                }
                byte[] png = Files.readAllBytes(dir.resolve(r.id()).resolve(f.id() + ".png"));
                assertEquals((byte) 0x89, png[0]);
                assertEquals('P', png[1]);
            }
            // element ids must be unique within the page, or the clip paths of one chart would clip another
            Set<String> seen = new TreeSet<>();
            for (Element e : Xhtml.elements(doc, "*"))
                if (e.hasAttribute("id")) assertTrue(seen.add(e.getAttribute("id")), "duplicate id " + e.getAttribute("id"));
        }
    }

    @Test void theSampleSetCoversEveryChartTypeAndEveryReportKind() {
        Set<String> kinds = new TreeSet<>(), classes = new TreeSet<>();
        for (HtmlReport r : SampleSite.site().reports()) {
            kinds.add(r.kind());
            for (Figure f : r.figures()) classes.add(f.chart().getPlot().getClass().getSimpleName() + "/"
                    + rendererOf(f));
        }
        assertEquals(Set.of("analysis", "calibration", "simulation", "search", "serverless policies"), kinds);
        for (String r : List.of("XYLineAndShapeRenderer", "StackedBarRenderer", "BarRenderer", "BoxAndWhiskerRenderer",
                "FillOnlyBlockRenderer", "DeviationRenderer", "XYBarRenderer"))
            assertTrue(classes.stream().anyMatch(c -> c.endsWith("/" + r)), "no figure drawn with " + r + ": " + classes);
    }

    private static String rendererOf(Figure f) {
        var plot = f.chart().getPlot();
        if (plot instanceof org.jfree.chart.plot.XYPlot xy) return xy.getRenderer().getClass().getSimpleName();
        return ((org.jfree.chart.plot.CategoryPlot) plot).getRenderer().getClass().getSimpleName();
    }

    @Test void reportsStateInputsVersionSeedAndEnvironment() throws Exception {
        Path dir = SampleSite.index().getParent();
        String java = System.getProperty("java.version"), os = System.getProperty("os.name");
        for (Path page : pages()) {
            String html = read(page);
            for (String must : List.of("How th", "AzureLLMInferenceTrace_code.csv", "thaw version", "0.1.0-SNAPSHOT",
                    "<th scope=\"row\">seed</th><td>42</td>", java, os, "CPUs available", "<th scope=\"row\">CPU</th>"))
                assertTrue(html.contains(must), page.getFileName() + " lacks " + must);
        }
        String md = read(dir.resolve("summary.md"));
        for (HtmlReport r : SampleSite.site().reports()) {
            assertTrue(md.contains("## " + r.title() + " ([HTML](" + r.id() + ".html))"));
            for (Figure f : r.figures()) assertTrue(md.contains("(" + r.id() + "/" + f.id() + ".csv)"));
        }
        assertTrue(md.contains("| seed | 42 |"));
    }

    @Test void writingLeavesNoTemporaryFilesAndReadableOutputs() throws Exception {
        Path dir = SampleSite.index().getParent();
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> files = s.filter(Files::isRegularFile).toList();
            assertFalse(files.isEmpty());
            for (Path p : files) {
                assertFalse(p.getFileName().toString().endsWith(".tmp"), "left over " + p);
                assertTrue(Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ), p.toString());
            }
        }
    }

    @Test void renderingTheSameSiteAgainGivesTheSameBytes() throws Exception {
        ReportSite site = SampleSite.site();
        Path dir = SampleSite.index().getParent();
        assertEquals(read(dir.resolve("index.html")), site.indexHtml());
        for (HtmlReport r : site.reports()) assertEquals(read(dir.resolve(r.id() + ".html")), site.reportHtml(r), r.id());
    }

    @Test void pagesStaySmallEnoughToOpenQuickly() throws Exception {
        for (Path page : pages())
            assertTrue(Files.size(page) < 1_500_000, page + " is " + Files.size(page) + " bytes");
    }
}
