package org.seg4j.util;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress of a long task: a progress bar (rate and ETA) when the process has a terminal,
 * otherwise one plain line every few seconds, so logs of CI runs stay readable.
 */
public interface Progress extends AutoCloseable {

    /** Seconds between plain lines when there is no terminal. */
    int LINE_INTERVAL_SECONDS = 10;

    /** Reports that {@code done} items are finished. */
    void step(int done);

    /** Sets a short status text shown next to the bar (e.g. the current loss). */
    default void status(String text) {}

    /** Changes the number of items, e.g. when a time budget's step count is estimated again. */
    default void retotal(int total) {}

    @Override
    default void close() {}

    /** A display that shows nothing. */
    static Progress silent() {
        return done -> {};
    }

    /**
     * A display for {@code total} items.
     *
     * @param out where to print; {@code null} for no display
     * @param task task name, e.g. {@code predict}
     * @param unit unit name, e.g. {@code img}
     * @param total number of items
     */
    static Progress create(PrintStream out, String task, String unit, int total) {
        if (out == null) {
            return silent();
        }
        return hasTerminal() ? bar(out, task, unit, total, 0) : new Lines(out, task, unit, total);
    }

    /** Whether the process has a terminal, where {@link #create} shows a bar rather than plain lines. */
    static boolean hasTerminal() {
        return System.console() != null;
    }

    /**
     * An interactive progress bar (rate and ETA), drawn whether or not there is a terminal.
     *
     * @param out where to draw it
     * @param task task name, e.g. {@code epoch 3/50}
     * @param unit unit name, e.g. {@code img}
     * @param total number of items
     * @param first items already done when the bar starts (a resumed task)
     */
    static Progress bar(PrintStream out, String task, String unit, int total, int first) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .startsFrom(first, Duration.ZERO)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .build();
        return new Progress() {
            @Override
            public void step(int done) {
                bar.stepTo(done);
            }

            @Override
            public void status(String text) {
                bar.setExtraMessage(text);
            }

            @Override
            public void retotal(int total) {
                bar.maxHint(total);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    /** Prints {@code predict: 12/100 img, 3.40 img/s, ETA 26 s} at most every few seconds. */
    final class Lines implements Progress {
        private final PrintStream out;
        private final String task;
        private final String unit;
        private int total;
        private final long start = System.nanoTime();
        private long lastPrint = start;
        private String status = "";

        Lines(PrintStream out, String task, String unit, int total) {
            this.out = out;
            this.task = task;
            this.unit = unit;
            this.total = total;
        }

        @Override
        public void step(int done) {
            long now = System.nanoTime();
            if (now - lastPrint >= LINE_INTERVAL_SECONDS * 1_000_000_000L && done < total) {
                lastPrint = now;
                out.println(line(done, (now - start) / 1e9));
            }
        }

        @Override
        public void status(String text) {
            status = text == null ? "" : text;
        }

        @Override
        public void retotal(int total) {
            this.total = total;
        }

        /** The line printed after {@code done} items in {@code seconds}. */
        public String line(int done, double seconds) {
            double rate = seconds > 0 ? done / seconds : 0;
            long eta = rate > 0 ? Math.round((total - done) / rate) : -1;
            return String.format(Locale.ROOT, "%s: %d/%d %s, %.2f %s/s, ETA %s%s", task, done, total, unit, rate,
                    unit, eta < 0 ? "?" : eta + " s", status.isEmpty() ? "" : ", " + status);
        }

        @Override
        public void close() {}
    }
}
