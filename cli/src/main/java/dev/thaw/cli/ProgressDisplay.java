package dev.thaw.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr (stdout stays clean for --json); silent when {@code quiet}. On a terminal a redrawn bar; off
 * one (a log file, CI, {@code thaw run}) a plain line every few seconds with the rows so far and the rate, since a
 * bar of unknown length prints only {@code ? % [=  ] 0/? rows} there.
 */
public final class ProgressDisplay implements AutoCloseable {
    static final long PLAIN_INTERVAL_NS = 5_000_000_000L;

    private final ProgressBar bar;
    private final PlainLines plain;

    public ProgressDisplay(String task, long max, String unit, boolean quiet) {
        this(task, max, unit, quiet, System.console() != null, System.err, System::nanoTime);
    }

    ProgressDisplay(String task, long max, String unit, boolean quiet, boolean terminal, PrintStream err, LongSupplier clock) {
        bar = quiet || !terminal ? null : new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(err)).build();
        plain = quiet || terminal ? null : new PlainLines(task, unit, err, clock);
    }

    public void stepTo(long n, String message) {
        if (bar != null) {
            bar.stepTo(n);
            if (message != null) bar.setExtraMessage(message);
        }
        if (plain != null) plain.update(n, message);
    }

    public void maxHint(long max) { if (bar != null) bar.maxHint(max); }

    @Override public void close() {
        if (bar != null) bar.close();
        if (plain != null) plain.finish();
    }

    /** "analyze: 1,234,567 rows, 250,000 rows/s (files 3/10)" at most every {@link #PLAIN_INTERVAL_NS}. */
    static final class PlainLines {
        private final String task, unit;
        private final PrintStream err;
        private final LongSupplier clock;
        private final long start;
        private long lastPrint, rows;
        private String message;
        private boolean printed;

        PlainLines(String task, String unit, PrintStream err, LongSupplier clock) {
            this.task = task;
            this.unit = unit;
            this.err = err;
            this.clock = clock;
            this.start = clock.getAsLong();
            this.lastPrint = start;
        }

        synchronized void update(long n, String msg) {
            rows = n;
            if (msg != null) message = msg;
            long now = clock.getAsLong();
            if (now - lastPrint >= PLAIN_INTERVAL_NS) {
                lastPrint = now;
                print(now, "");
            }
        }

        /** A closing line only when progress was shown at all: a short run stays silent. */
        synchronized void finish() {
            if (printed) print(clock.getAsLong(), " done");
        }

        private void print(long now, String suffix) {
            double secs = Math.max(1e-9, (now - start) / 1e9);
            err.println(String.format(Locale.ROOT, "%s:%s %,d %s in %.0f s, %,.0f %s/s%s", task, suffix, rows, unit, secs, rows / secs, unit,
                    message == null ? "" : " (" + message + ")"));
            printed = true;
        }
    }
}
