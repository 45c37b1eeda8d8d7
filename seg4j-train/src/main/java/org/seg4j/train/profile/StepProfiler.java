package org.seg4j.train.profile;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.seg4j.Seg4jException;
import org.seg4j.train.StepStats;
import org.seg4j.train.TrainResult;
import org.seg4j.train.TrainingListener;
import org.seg4j.util.AtomicFiles;

/**
 * Records a few steps of a training run with libtorch's profiler: after {@code skip} steps (the
 * first ones allocate memory and fill oneDNN's kernel cache), the next {@code steps} steps go into
 * {@code trace.json} (Chrome trace format: open it in {@code chrome://tracing} or Perfetto) and
 * their operators, summed by self time ({@link OperatorTimes}), into {@code operators.md}. The
 * run itself is not changed.
 *
 * <pre>{@code
 * TrainingRun.builder()...
 *         .addListener(StepProfiler.builder().setOutputDir(out.resolve("profile")).setSteps(5).build())
 *         .build().fit();
 * }</pre>
 *
 * libtorch has one profiler per process, so one profiler records at a time.
 */
public final class StepProfiler implements TrainingListener {

    /** Operators listed in {@code operators.md}. */
    public static final int TOP = 30;

    private static final AtomicBoolean RECORDING = new AtomicBoolean();

    private final Path dir;
    private final int steps;
    private final int skip;
    private final PrintStream log;
    private int seen;
    private boolean recording;
    private OperatorTimes result;

    private StepProfiler(Builder b) {
        this.dir = b.dir;
        this.steps = b.steps;
        this.skip = b.skip;
        this.log = b.log;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The summary of the recorded steps, or {@code null} before they are recorded. */
    public OperatorTimes result() {
        return result;
    }

    @Override
    public Decision onStep(StepStats step) {
        seen++;
        if (seen == skip) {
            start();
        } else if (recording && seen == skip + steps) {
            stop(steps);
        }
        return Decision.CONTINUE;
    }

    @Override
    public void onTrainingEnd(TrainResult r) {
        if (recording) {
            stop(seen - skip);
        } else if (result == null && log != null) {
            log.printf(Locale.ROOT, "profile: the run ended after %d steps, before the %d steps to skip; nothing "
                    + "recorded%n", seen, skip);
        }
    }

    private void start() {
        if (!RECORDING.compareAndSet(false, true)) {
            throw new Seg4jException("another profiler is recording in this process; libtorch has only one");
        }
        recording = true;
        JniUtils.startProfile(Engine.getInstance().defaultDevice().isGpu(), false, false);
    }

    private void stop(int recorded) {
        Path trace = dir.resolve("trace.json");
        Path tmp = dir.resolve("trace.json.tmp");
        try {
            Files.createDirectories(dir);
            JniUtils.stopProfile(tmp.toString());
        } catch (IOException e) {
            throw new Seg4jException("cannot write the profile to " + dir + ": " + e.getMessage(), e);
        } finally {
            recording = false;
            RECORDING.set(false);
        }
        try {
            if (recorded < 1) {
                Files.deleteIfExists(tmp);
                if (log != null) {
                    log.println("profile: the run ended as recording began; nothing recorded");
                }
                return;
            }
            AtomicFiles.replaceFile(tmp, trace);
        } catch (IOException e) {
            throw new Seg4jException("cannot write the profile to " + dir + ": " + e.getMessage(), e);
        }
        result = OperatorTimes.read(trace, recorded);
        AtomicFiles.writeString(dir.resolve("operators.md"), "# Training step profile\n\n" + result.toMarkdown(TOP)
                + "\nTrace (Chrome format, chrome://tracing or ui.perfetto.dev): trace.json\n");
        if (log != null) {
            StringBuilder top = new StringBuilder();
            for (OperatorTime o : result.operators().subList(0, Math.min(3, result.operators().size()))) {
                top.append(String.format(Locale.ROOT, "%s%s %.0f%%", top.isEmpty() ? "" : ", ", o.name(),
                        100 * o.share()));
            }
            log.printf(Locale.ROOT, "profile: %d steps recorded, %.0f ms per step in libtorch operators (%s); "
                    + "%s%n", recorded, result.totalMillis(), top, dir.resolve("operators.md"));
        }
    }

    /** Builder: {@link #setOutputDir} and {@link #setSteps} are required. */
    public static final class Builder {
        private Path dir;
        private int steps;
        private int skip = 5;
        private PrintStream log = System.err;

        private Builder() {}

        /** The folder of {@code trace.json} and {@code operators.md} (created when needed). */
        public Builder setOutputDir(Path dir) {
            this.dir = dir;
            return this;
        }

        /** The number of steps to record. */
        public Builder setSteps(int steps) {
            this.steps = steps;
            return this;
        }

        /** Steps of the run before recording starts (default 5, at least 1). */
        public Builder optSkipSteps(int skip) {
            this.skip = skip;
            return this;
        }

        /** Where the one-line summary goes (default standard error; {@code null}: nowhere). */
        public Builder optLog(PrintStream log) {
            this.log = log;
            return this;
        }

        /** Validates and builds; fails unless the engine is PyTorch (the profiler is libtorch's). */
        public StepProfiler build() {
            if (dir == null) {
                throw new Seg4jException("a step profiler needs an output folder");
            }
            if (steps < 1 || skip < 1) {
                throw new Seg4jException("a step profiler records at least 1 step after skipping at least 1, got "
                        + steps + " steps after " + skip);
            }
            String engine = Engine.getInstance().getEngineName();
            if (!"PyTorch".equals(engine)) {
                throw new Seg4jException("profiling needs DJL's PyTorch engine (libtorch's profiler), not " + engine);
            }
            return new StepProfiler(this);
        }
    }
}
