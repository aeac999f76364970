package dev.thaw.cli;

import dev.thaw.ingest.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code thaw} command: one subcommand per pipeline stage. Exit codes: 0 ok, 1 the work failed, 2 bad usage or input. */
@Command(name = "thaw", mixinStandardHelpOptions = true, versionProvider = ThawCommand.Version.class,
        description = "Turns production serverless and LLM traces into understanding and decisions.",
        subcommands = {InspectCommand.class, IngestCommand.class, AnalyzeCommand.class, GenerateCommand.class,
                SimulateCommand.class, SearchCommand.class, CalibrateCommand.class, ValidateCommand.class, FaasCommand.class, ReportCommand.class, RunCommand.class,
                CommandLine.HelpCommand.class})
public final class ThawCommand implements Runnable {
    public static final int OK = 0, FAILED = 1, BAD_INPUT = 2;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.err); }

    public static void main(String[] args) {
        // Arrow's per-access bounds and null checks cost a third of a scan; thaw's own readers stay in bounds.
        if (System.getProperty("arrow.enable_unsafe_memory_access") == null) System.setProperty("arrow.enable_unsafe_memory_access", "true");
        if (System.getProperty("arrow.enable_null_check_for_get") == null) System.setProperty("arrow.enable_null_check_for_get", "false");
        System.exit(execute(args));
    }

    /** Runs thaw in-process (tests use this) and returns the exit code. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new ThawCommand());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof BadInputException || ex instanceof IllegalArgumentException) {
                cmd.getErr().println("thaw: " + ex.getMessage());
                return BAD_INPUT;
            }
            cmd.getErr().println("thaw: " + ex);
            ex.printStackTrace(cmd.getErr());
            return FAILED;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            String v = ThawCommand.class.getPackage().getImplementationVersion();
            return new String[] {"thaw " + (v == null ? "dev" : v)};
        }
    }
}
