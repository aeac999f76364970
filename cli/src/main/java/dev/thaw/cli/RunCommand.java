package dev.thaw.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the whole pipeline on the bundled dataset and write out/index.html.")
public final class RunCommand implements Callable<Integer> {
    @Override public Integer call() {
        System.err.println("thaw run: not implemented yet");
        return ThawCommand.FAILED;
    }
}
