package dev.thaw.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Describe trace files: format, schema, rows, time span, first rows.")
public final class InspectCommand implements Callable<Integer> {
    @Override public Integer call() {
        System.err.println("thaw inspect: not implemented yet");
        return ThawCommand.FAILED;
    }
}
