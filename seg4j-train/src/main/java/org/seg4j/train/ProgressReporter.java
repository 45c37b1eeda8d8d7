package org.seg4j.train;

import java.io.PrintStream;
import java.util.Locale;
import org.seg4j.util.Progress;

/**
 * Per-epoch progress display: the {@link Progress#bar interactive bar} shared with the other
 * commands on a terminal, or one plain line every {@code progress_interval_seconds} when the output
 * is a file or a pipe (no carriage-return spam in logs). The plain lines are training's own: they
 * count steps but report images per second, the epoch's mean loss and the learning rate, and the
 * epoch's last step always gets a line.
 */
final class ProgressReporter implements AutoCloseable {

    /** How progress is shown. */
    enum Mode {
        /** Bar on a terminal, periodic lines otherwise. */
        AUTO,
        /** Always the interactive bar. */
        BAR,
        /** Always periodic lines. */
        LINES,
        /** Nothing (epoch summaries are still printed). */
        OFF
    }

    private final PrintStream out;
    private final Mode mode;
    private final long intervalNanos;
    private final String task;
    private final long total;
    private final long startNanos = System.nanoTime();
    private final long firstStep;
    private long lastLine = System.nanoTime();
    private long images;
    private Progress bar;

    ProgressReporter(PrintStream out, Mode mode, double intervalSeconds, String task, long total, long firstStep) {
        this.out = out;
        Mode m = mode;
        if (m == Mode.AUTO) {
            m = Progress.hasTerminal() ? Mode.BAR : Mode.LINES;
        }
        this.mode = out == null ? Mode.OFF : m;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
        this.task = task;
        this.total = total;
        this.firstStep = firstStep;
        if (this.mode == Mode.BAR) {
            bar = Progress.bar(out, task, "it", Math.toIntExact(total), Math.toIntExact(firstStep));
        }
    }

    /** After each step: {@code step} steps of the epoch done, the epoch's mean loss so far and the lr. */
    void update(long step, int batchImages, double loss, double lr) {
        images += batchImages;
        double secs = (System.nanoTime() - startNanos) / 1e9;
        double ips = secs > 0 ? images / secs : 0;
        switch (mode) {
            case BAR -> {
                bar.step(Math.toIntExact(step));
                bar.status(String.format(Locale.ROOT, " %.1f img/s loss %.4f lr %.2e", ips, loss, lr));
            }
            case LINES -> {
                long now = System.nanoTime();
                if (now - lastLine >= intervalNanos || step == total) {
                    lastLine = now;
                    long doneHere = step - firstStep;
                    double perStep = doneHere > 0 ? secs / doneHere : 0;
                    long eta = Math.round(perStep * (total - step));
                    out.printf(Locale.ROOT, "%s  step %d/%d (%d%%)  %.1f img/s  loss %.4f  lr %.2e  ETA %s%n", task, step,
                            total, total == 0 ? 100 : step * 100 / total, ips, loss, lr, formatSeconds(eta));
                    out.flush();
                }
            }
            default -> {}
        }
    }

    /** {@code 42s}, {@code 2m05s} or {@code 1h02m05s}. */
    static String formatSeconds(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
