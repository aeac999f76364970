package dev.thaw.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Simulate LLM serving of a trace or workload under one parallel plan.")
public final class SimulateCommand implements Callable<Integer> {
    @Override public Integer call() {
        System.err.println("thaw simulate: not implemented yet");
        return ThawCommand.FAILED;
    }
}
