package dev.thaw.cli;

import dev.thaw.ingest.BadInputException;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The one mapping from a failure to an exit code and a message, shared by every command (installed by
 * {@link ThawCommand#execute}): bad usage or input (a {@link BadInputException}, an {@link IllegalArgumentException},
 * a missing or unusable path) exits 2, anything else exits 1. Either way the user gets one line on stderr,
 * {@code thaw COMMAND: what went wrong}; the stack trace only with {@code --debug} (or {@code THAW_DEBUG=1}).
 * Commands just throw: {@code throw new IllegalArgumentException("--gpus must be ...")}.
 */
public final class Failures implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    @Override public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        return report(ex, cmd.getErr(), commandName(cmd), debug(parsed));
    }

    /** Bad usage caught by picocli (unknown option, not a number): one line and a pointer to --help, exit 2. */
    @Override public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = commandName(cmd);
        cmd.getErr().println(name + ": " + oneLine(ex.getMessage()) + " (see " + name + " --help)");
        cmd.getErr().flush();
        return ThawCommand.BAD_INPUT;
    }

    /** Prints the one line (and with {@code debug} the stack trace) for {@code ex}; returns the exit code. */
    static int report(Throwable ex, PrintWriter err, String command, boolean debug) {
        int code = exitCode(ex);
        err.println(command + ": " + message(ex));
        if (debug) ex.printStackTrace(err);
        err.flush();
        return code;
    }

    /** 2 when the input or the options are at fault, 1 when the work failed. */
    public static int exitCode(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BadInputException || t instanceof IllegalArgumentException) return ThawCommand.BAD_INPUT;
            if (t instanceof NoSuchFileException || t instanceof FileNotFoundException || t instanceof NotDirectoryException
                    || t instanceof AccessDeniedException || t instanceof FileAlreadyExistsException) return ThawCommand.BAD_INPUT;
            if (t instanceof Error) return ThawCommand.FAILED;
        }
        return ThawCommand.FAILED;
    }

    /** One line saying what went wrong, with the file, line, column and value where the exception knows them. */
    public static String message(Throwable ex) {
        Throwable cause = ex;
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BadInputException) { cause = t; break; }
            if (t instanceof OutOfMemoryError) {
                return "out of memory (" + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB heap): the input or the options ask for more than fits;"
                        + " use a smaller input, window or duration, or a larger -Xmx (JAVA_OPTS)";
            }
        }
        if (!(cause instanceof BadInputException)) {
            // Wrappers (UncheckedIOException, ExecutionException, ...) add nothing a user needs: say the innermost problem.
            while ((cause instanceof UncheckedIOException || cause instanceof java.util.concurrent.ExecutionException
                    || cause instanceof java.util.concurrent.CompletionException || cause.getClass() == RuntimeException.class)
                    && cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        }
        if (cause instanceof NoSuchFileException e) return "no such file or folder: " + e.getFile();
        if (cause instanceof AccessDeniedException e) return "permission denied: " + e.getFile();
        if (cause instanceof NotDirectoryException e) return "not a folder: " + e.getFile();
        if (cause instanceof FileAlreadyExistsException e) return "already exists: " + e.getFile();
        if (cause instanceof FileSystemException e) return "cannot use " + e.getFile() + ": " + oneLine(e.getReason());
        String msg = cause.getMessage();
        boolean known = cause instanceof BadInputException || cause instanceof IllegalArgumentException
                || cause instanceof IllegalStateException || cause instanceof java.io.IOException;
        if (msg == null || msg.isBlank()) msg = cause.getClass().getSimpleName();
        else if (!known) msg = cause.getClass().getSimpleName() + ": " + msg;
        if (!known) msg = "internal error, " + msg + " (run with --debug for the stack trace)";
        return oneLine(msg);
    }

    static String oneLine(String s) {
        if (s == null) return "";
        String line = s.strip().replaceAll("\\s*\\R\\s*", "; ");
        return line.length() > 600 ? line.substring(0, 600) + "..." : line;
    }

    private static String commandName(CommandLine cmd) {
        return cmd == null ? "thaw" : cmd.getCommandSpec().qualifiedName(" ").toLowerCase(Locale.ROOT);
    }

    private static boolean debug(CommandLine.ParseResult parsed) {
        if ("1".equals(System.getenv("THAW_DEBUG")) || Boolean.getBoolean("thaw.debug")) return true;
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) if (p.hasMatchedOption("--debug")) return true;
        return false;
    }
}
