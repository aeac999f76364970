package dev.thaw.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Convert traces to Parquet or Arrow IPC.")
public final class IngestCommand implements Callable<Integer> {
    @Override public Integer call() {
        System.err.println("thaw ingest: not implemented yet");
        return ThawCommand.FAILED;
    }
}
