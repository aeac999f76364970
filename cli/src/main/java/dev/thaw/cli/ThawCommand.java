package dev.thaw.cli;

import dev.thaw.ingest.write.TempFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code thaw} command: one subcommand per pipeline stage. Exit codes: 0 ok, 1 the work failed, 2 bad usage or input. */
@Command(name = "thaw", mixinStandardHelpOptions = true, versionProvider = ThawCommand.Version.class,
        description = "Turns production serverless and LLM traces into understanding and decisions.",
        subcommands = {InspectCommand.class, IngestCommand.class, AnalyzeCommand.class, GenerateCommand.class,
                SimulateCommand.class, SearchCommand.class, CalibrateCommand.class, ValidateCommand.class, FaasCommand.class, DetectCommand.class, ReportCommand.class, RunCommand.class,
                CommandLine.HelpCommand.class})
public final class ThawCommand implements Runnable {
    public static final int OK = 0, FAILED = 1, BAD_INPUT = 2;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Inherited by every subcommand; read by {@link Failures}. */
    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "On failure, also print the stack trace.")
    boolean debug;

    @Override public void run() { spec.commandLine().usage(System.err); }

    public static void main(String[] args) {
        // Arrow's per-access bounds and null checks cost a third of a scan; thaw's own readers stay in bounds.
        if (System.getProperty("arrow.enable_unsafe_memory_access") == null) System.setProperty("arrow.enable_unsafe_memory_access", "true");
        if (System.getProperty("arrow.enable_null_check_for_get") == null) System.setProperty("arrow.enable_null_check_for_get", "false");
        System.exit(execute(args));
    }

    /** Runs thaw in-process (tests use this) and returns the exit code. */
    public static int execute(String... args) {
        TempFiles.installShutdownHook();  // an interrupted run leaves no temporary file behind
        CommandLine cl = commandLine();
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {  // picocli hands only Exceptions to Failures
            String sub = args.length > 0 && !args[0].startsWith("-") ? "thaw " + args[0] : "thaw";
            boolean debug = java.util.Arrays.asList(args).contains("--debug");
            return Failures.report(e, cl.getErr(), sub, debug);
        }
    }

    /**
     * The command line with the contract every subcommand shares: one-line failures and exit codes ({@link Failures}),
     * finite numbers in every {@code double} option. A new subcommand gets all of it by being listed above.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ThawCommand());
        Failures failures = new Failures();
        cl.setExecutionExceptionHandler(failures);
        cl.setParameterExceptionHandler(failures);
        CommandLine.ITypeConverter<Double> finite = s -> {
            double v;
            try {
                v = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + s + "' is not a number");
            }
            if (!Double.isFinite(v)) throw new CommandLine.TypeConversionException("'" + s + "' is not a finite number");
            return v;
        };
        cl.registerConverter(Double.class, finite);
        cl.registerConverter(double.class, finite);
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            String v = ThawCommand.class.getPackage().getImplementationVersion();
            return new String[] {"thaw " + (v == null ? "dev" : v)};
        }
    }
}
