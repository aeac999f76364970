package dev.thaw.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "report", mixinStandardHelpOptions = true, description = "Render HTML/Markdown/JSON reports from thaw results.")
public final class ReportCommand implements Callable<Integer> {
    @Override public Integer call() {
        System.err.println("thaw report: not implemented yet");
        return ThawCommand.FAILED;
    }
}
