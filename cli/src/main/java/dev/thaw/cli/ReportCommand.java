package dev.thaw.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.thaw.reports.html.HtmlReport;
import dev.thaw.reports.html.Provenance;
import dev.thaw.reports.html.ReportSite;
import dev.thaw.reports.layout.ResultReports;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code thaw report INPUT... -o DIR}: HTML + Markdown reports from result folders and JSON files. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Render self-contained HTML reports, an index page and a Markdown summary from thaw results.",
                "INPUT: a result folder (summary.json, optional report.json, figures/*.csv, tables/*.csv, requests.csv)",
                "or a JSON file written by --json. The layout is documented in reports/README.md."})
public final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Result folders or JSON files.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Folder to write index.html and the reports into.")
    Path out;

    @Option(names = "--title", defaultValue = "thaw report", description = "Title of the index page (default: ${DEFAULT-VALUE}).")
    String title;

    @Option(names = "--no-png", description = "Skip the PNG copies of the figures (the HTML inlines SVG).")
    boolean noPng;

    @Option(names = "--json", description = "Print one JSON object (index, reports) on stdout.")
    boolean json;

    @Override public Integer call() {
        long t0 = System.nanoTime();
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        // picocli gives the subcommand the whole command line when it was parsed from the top
        String line = String.join(" ", args);
        Provenance.Builder prov = Provenance.builder()
                .command("thaw " + (args.isEmpty() || !args.get(0).equals("report") ? "report " : "") + line)
                .generatedAt(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        ReportSite site = ResultReports.site(inputs, title, prov, !noPng);
        Path index = site.write(out).toAbsolutePath();
        List<HtmlReport> reports = site.reports();
        System.err.printf("thaw report: %d report(s) in %.1f s -> %s%n", reports.size(), (System.nanoTime() - t0) / 1e9, index);
        if (json) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("index", index.toString());
            var list = o.putArray("reports");
            for (HtmlReport r : reports) list.add(index.resolveSibling(r.id() + ".html").toString());
            System.out.println(o);
        } else {
            System.out.println(index);
        }
        return ThawCommand.OK;
    }
}
