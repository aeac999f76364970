package dev.thaw.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "search", mixinStandardHelpOptions = true, description = "Search parallel execution plans under a workload.")
public final class SearchCommand implements Callable<Integer> {
    @Override public Integer call() {
        System.err.println("thaw search: not implemented yet");
        return ThawCommand.FAILED;
    }
}
