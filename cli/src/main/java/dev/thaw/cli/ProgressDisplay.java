package dev.thaw.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr (stdout stays clean for --json); silent when {@code quiet}. Without a terminal (logs, CI,
 * {@code thaw run}) it prints a plain line every few seconds instead of redrawing one.
 */
public final class ProgressDisplay implements AutoCloseable {
    private final ProgressBar bar;

    public ProgressDisplay(String task, long max, String unit, boolean quiet) {
        boolean terminal = System.console() != null;
        bar = quiet ? null : new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(terminal ? 500 : 5000).showSpeed()
                .setConsumer(terminal ? new ConsoleProgressBarConsumer(System.err)
                        : new DelegatingProgressBarConsumer(System.err::println, 100)).build();
    }

    public void stepTo(long n, String message) {
        if (bar == null) return;
        bar.stepTo(n);
        if (message != null) bar.setExtraMessage(message);
    }

    public void maxHint(long max) { if (bar != null) bar.maxHint(max); }

    @Override public void close() { if (bar != null) bar.close(); }
}
