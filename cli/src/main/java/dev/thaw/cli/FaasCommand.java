package dev.thaw.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "faas", mixinStandardHelpOptions = true, description = "Replay invocations on a simulated serverless platform under a keep-alive policy.")
public final class FaasCommand implements Callable<Integer> {
    @Override public Integer call() {
        System.err.println("thaw faas: not implemented yet");
        return ThawCommand.FAILED;
    }
}
