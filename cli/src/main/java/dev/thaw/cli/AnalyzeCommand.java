package dev.thaw.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "analyze", mixinStandardHelpOptions = true, description = "Analyse traces: arrivals, burstiness, cold starts, pod utility, fits.")
public final class AnalyzeCommand implements Callable<Integer> {
    @Override public Integer call() {
        System.err.println("thaw analyze: not implemented yet");
        return ThawCommand.FAILED;
    }
}
