package org.seg4j.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** The trainer's messages to the user: resume notes, one summary line per epoch, the time-budget stop. */
final class TrainingLog {

    private final PrintStream out;

    /** @param out where messages go; {@code null} for silence */
    TrainingLog(PrintStream out) {
        this.out = out;
    }

    /** The stream, or {@code null} when silent (for the progress display). */
    PrintStream stream() {
        return out;
    }

    void nothingToResume(Path runDir) {
        if (out != null) {
            out.println("nothing to resume in " + runDir + " (no checkpoints/last); starting a new run");
        }
    }

    void configChanged(String checkpointHash, String configHash) {
        if (out != null) {
            out.println("warning: the configuration differs from the one the checkpoint was trained with ("
                    + checkpointHash + " vs " + configHash + "); resuming anyway");
        }
    }

    /** @param warning {@link org.seg4j.model.DilationReach#warning}'s, or {@code null} for nothing to say */
    void dilationReach(String warning) {
        if (out != null && warning != null) {
            out.println("warning: " + warning);
        }
    }

    void averageRestarted(Path checkpoint) {
        if (out != null) {
            out.println("note: " + checkpoint + " holds no weight average (ema.bin); the average starts again"
                    + " from the resumed weights");
        }
    }

    void resuming(Path runDir, RunState state, double elapsedSeconds) {
        if (out != null) {
            out.printf(Locale.ROOT, "resuming %s after epoch %d%s (global step %d, %s of training)%n", runDir,
                    state.completedEpochs(), state.stepInEpoch() > 0 ? " + " + state.stepInEpoch() + " steps" : "",
                    state.globalStep(), ProgressReporter.formatSeconds(elapsedSeconds));
        }
    }

    void encoderFrozen(int epoch, int untilEpoch) {
        if (out != null) {
            out.printf(Locale.ROOT, "epoch %d: encoder frozen (no update, no weight decay) through epoch %d"
                    + " (freeze_encoder)%n", epoch, untilEpoch);
        }
    }

    void memoryOnly() {
        if (out != null) {
            out.printf(Locale.ROOT, "training only the temporal memory (temporal_train: memory); encoder, decoder and"
                    + " head stay as initialised, in inference mode%n");
        }
    }

    void encoderUnfrozen(int epoch) {
        if (out != null) {
            out.printf(Locale.ROOT, "epoch %d: encoder unfrozen; all parameters train from here%n", epoch);
        }
    }

    void lengthChanged(String before, String now, long totalSteps) {
        if (out != null) {
            out.printf(Locale.ROOT, "note: the run's length was planned for %s, now %s; the schedule now spans %d"
                    + " steps%n", before, now, totalSteps);
        }
    }

    void cancelled(long globalStep, Path checkpoint) {
        if (out != null) {
            out.printf(Locale.ROOT, "cancelled after %d steps; %s holds the run, --resume continues it%n", globalStep,
                    checkpoint);
        }
    }

    /** {@code epoch 3/50  train loss 0.4123  val loss ...  lr 1.00e-03  12.3 img/s  1m05s  *best*}. */
    void epochSummary(EpochStats s, int epochs, boolean best) {
        if (out == null) {
            return;
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "epoch %d/%d%s  train loss %.4f", s.epoch(), epochs,
                s.partial() ? " (partial)" : "", s.trainLoss()));
        if (s.validated()) {
            b.append(String.format(Locale.ROOT, "  val loss %s  val mIoU %s  pixel acc %s", fmt(s.valLoss()),
                    fmt(s.valMIoU()), fmt(s.pixelAccuracy())));
        }
        b.append(String.format(Locale.ROOT, "  lr %.2e  %.1f img/s  %s", s.lr(), s.imagesPerSecond(),
                ProgressReporter.formatSeconds(s.seconds())));
        if (best) {
            b.append("  *best*");
        }
        out.println(b);
        out.flush();
    }

    void budgetReached(Duration budget, long globalStep) {
        if (out != null) {
            out.printf(Locale.ROOT, "time budget of %s reached; stopped after %d steps (%s). --steps %d trains"
                    + " the same number of steps again on any machine; --resume with a longer --time-budget goes on.%n",
                    TrainConfig.formatDuration(budget), globalStep, RunSummary.FILE_NAME, globalStep);
        }
    }

    private static String fmt(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }
}
