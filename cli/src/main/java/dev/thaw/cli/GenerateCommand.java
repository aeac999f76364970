package dev.thaw.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "generate", mixinStandardHelpOptions = true, description = "Generate workloads from fitted models, or replay real traces.")
public final class GenerateCommand implements Callable<Integer> {
    @Override public Integer call() {
        System.err.println("thaw generate: not implemented yet");
        return ThawCommand.FAILED;
    }
}
