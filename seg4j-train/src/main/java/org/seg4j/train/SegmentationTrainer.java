package org.seg4j.train;

import static org.seg4j.train.EpochStats.finiteOrNull;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.seg4j.data.Batch;
import org.seg4j.data.BatchProvider;
import org.seg4j.data.SampleSource;
import org.seg4j.metric.SegmentationMetrics;
import org.seg4j.model.DilationReach;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.TemporalOptions;
import org.seg4j.train.optim.Optimizer;

/**
 * Trains a segmentation network: epochs of optimizer steps over a {@link BatchProvider}, periodic
 * validation with a confusion matrix, checkpoints that allow an exact resume, and export of the
 * best model as a model directory.
 *
 * <p>Typical use (what the CLI does):
 *
 * <pre>
 * TrainResult r = SegmentationTrainer.builder()
 *         .setBlock(ModelRegistry.create(spec))
 *         .setTrainData(loader)                 // crops of config.cropHeight() x config.cropWidth()
 *         .optValidationData(valLoader)         // optional, full-size images
 *         .setConfig(config)
 *         .optClassWeights(weights)             // optional
 *         .setOutputDir(Path.of("runs/camvid-unet"))
 *         .optManifest(manifestTemplate)        // classes, spec, preprocessing; metrics are filled in
 *         .optResume(resumeFlag)
 *         .addListener(plotter)              // optional
 *         .build()
 *         .fit();
 * </pre>
 *
 * <p>A run folder holds {@code config.yaml}, {@code history.json}, {@code model.json} +
 * {@code weights.params} (the best model so far) and {@code checkpoints/} with {@code last/},
 * {@code best/} and the last few {@code epoch-NNNN/} folders, each holding {@code weights.params},
 * {@code optimizer.bin} and {@code state.json} (and {@code ema.bin} with {@code ema_decay}). Every file
 * and folder is replaced atomically.
 *
 * <p>The run's length is a {@link RunLength}: {@code epochs}, exactly {@code steps}, or what fits the
 * {@code time_budget}. The budget counts the run's training time over all its sessions (saved in every
 * checkpoint), and the step count the schedule spans changes only at checkpoints, so a resumed run,
 * even one killed mid-epoch, follows the same learning-rate curve and stops at the same total time.
 * {@code summary.json} ({@link RunSummary}) records the steps taken. {@link TrainingListener#onStep}
 * sees every step and can cancel the run.
 *
 * <p>With {@code ema_decay > 0} an exponential moving average of the weights ({@link WeightAverage})
 * is kept alongside them; it is what gets validated and exported as the run's model.
 *
 * <p>With {@code task: panoptic} the step's loss is {@link PanopticLoss} over the network's three
 * outputs and the batches' centre targets (samples with instance annotations); validation still
 * scores the first output, the semantic logits.
 *
 * <p>Memory: each step and each validation batch runs in its own sub-manager, so everything it
 * creates is freed when it ends; parameters and optimizer state live in the trainer's manager.
 */
public final class SegmentationTrainer {

    /** Folder of the checkpoints inside the run folder. */
    public static final String CHECKPOINTS = "checkpoints";
    /** History file name. */
    public static final String HISTORY = "history.json";
    /** Optimizer state file inside a checkpoint. */
    public static final String OPTIMIZER_FILE = "optimizer.bin";

    private final Block block;
    private final BatchProvider train;
    private final BatchProvider validation;
    private final SampleSource validationSamples;
    private final ModelManifest manifest;
    private final TrainConfig config;
    private final float[] classWeights;
    private final Path out;
    private final int numClasses;
    private final boolean resume;
    private final List<TrainingListener> listeners;
    private final TrainingLog log;
    private final ProgressReporter.Mode progressMode;
    private final NDManager parentManager;
    private final CheckpointStore checkpoints;
    private final BestModelExporter exporter;
    private final RunState run = new RunState();
    private final LongSupplier clock;

    private NDManager base;
    private Optimizer optimizer;
    private TrainingStep step;
    private Validator validator;
    private WeightAverage average;
    private final EncoderFreeze freeze;
    private final MemoryOnlyTraining memoryOnly;
    private boolean ownsParameters;
    private long clockStart;
    private double priorElapsedSeconds;
    private RunLength length;
    private int stepsPerEpoch;
    private SegmentationMetrics lastValidation;
    private SegmentationMetrics bestValidation;

    private SegmentationTrainer(Builder b) {
        if (b.block == null || b.train == null || b.config == null || b.outputDir == null) {
            throw new IllegalArgumentException("setBlock, setTrainData, setConfig and setOutputDir are required");
        }
        this.block = b.block;
        this.train = b.train;
        this.validation = b.validation;
        this.validationSamples = b.validationSamples;
        this.manifest = b.manifest;
        if (b.validationSamples != null && b.manifest == null) {
            throw new IllegalArgumentException("optValidationSamples needs optManifest (normalisation and input scale)");
        }
        this.config = b.config;
        this.out = b.outputDir;
        int n = b.numClasses > 0 ? b.numClasses : b.manifest != null ? b.manifest.model().numClasses() : 0;
        if (n < 1) {
            throw new IllegalArgumentException("optNumClasses is required when no manifest is given (optManifest)");
        }
        this.numClasses = n;
        float[] w = b.classWeights != null ? b.classWeights : config.classWeights();
        this.classWeights = w == null ? null : w.clone();
        this.resume = b.resume;
        this.listeners = List.copyOf(b.listeners);
        this.log = new TrainingLog(b.log);
        this.freeze = EncoderFreeze.of(block, config, log);
        this.memoryOnly = MemoryOnlyTraining.of(block, config, log);
        this.progressMode = b.progressMode;
        this.parentManager = b.manager;
        this.checkpoints = new CheckpointStore(out, config.keepLast());
        this.exporter = new BestModelExporter(out, b.manifest, config);
        this.clock = b.clock;
    }

    /** Why a run stops; {@code NONE} while it goes on. */
    private enum Stop {
        NONE(null),
        EPOCHS("epochs"),
        STEPS("steps"),
        BUDGET("time_budget"),
        CANCEL("cancelled");

        final String label;

        Stop(String label) {
            this.label = label;
        }
    }

    /** A new builder; block, training data, configuration and output folder are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the training to the configured number of epochs or steps (or until the time budget is
     * spent, or a listener cancels it).
     *
     * @return what the run did
     * @throws NonFiniteLossException when the loss becomes NaN or infinite
     */
    public TrainResult fit() {
        clockStart = clock.getAsLong();
        base = parentManager != null ? parentManager.newSubManager() : NDManager.newBaseManager();
        try {
            checkpoints.prepare(resume);
            ownsParameters = !block.isInitialized();
            if (!block.isInitialized()) {
                Engine.getInstance().setRandomSeed(TrainingStep.stepSeed(config.seed(), -1));
                ModelDirectory.initialize(block, base, config.cropHeight(), config.cropWidth());
            }
            log.dilationReach(DilationReach.warning(block));
            if (memoryOnly != null) {
                memoryOnly.apply();
            }
            optimizer = Optimizer.create(config.optimizer(), base, (float) config.momentum(),
                    (float) config.weightDecay(), config.nesterov());
            optimizer.setGradClipNorm((float) config.gradClipNorm());
            optimizer.setDecayMultipliers((float) config.normDecayMult(), (float) config.biasDecayMult());
            SegmentationLoss loss =
                    new SegmentationLoss(numClasses, classWeights, SegmentationLoss.Kind.parse(config.loss()),
                            config.labelSmoothing());
            stepsPerEpoch = train.batchesPerEpoch();
            length = new RunLength(config, stepsPerEpoch);
            if (resume) {
                restore();
            }
            if (config.emaDecay() > 0) {
                average = new WeightAverage(block, base, config.emaDecay());
                if (resume && !checkpoints.loadAverage(average)) {
                    log.averageRestarted(checkpoints.last());
                }
            }
            PanopticLoss panoptic = TrainConfig.TASK_PANOPTIC.equals(config.task())
                    ? new PanopticLoss(loss, config.centerLossWeight(), config.offsetLossWeight()) : null;
            step = new TrainingStep(block, loss, panoptic, optimizer, base, numClasses, config.seed(),
                    Math.max(1, config.clipLength()))
                    .withTemporal(config.temporalConsistency() > 0
                                    ? new TemporalConsistencyLoss(config.temporalConsistency()) : null,
                            manifest == null || TemporalOptions.warpsWithFlow(manifest.model()));
            validator = validation == null ? null
                    : new Validator(validation, block, loss, base, numClasses, validationSamples,
                            validationSamples == null ? null : manifest);
            config.write(out.resolve(TrainConfig.FILE_NAME));

            // a resumed run whose steps or budget were spent at its checkpoint trains no further
            Stop stop = limitReached(priorElapsedSeconds);
            for (int epoch = run.completedEpochs() + 1; epoch <= length.epochs() && stop == Stop.NONE; epoch++) {
                stop = runEpoch(epoch);
            }
            if (stop == Stop.NONE) {
                stop = config.steps() > 0 ? Stop.STEPS : Stop.EPOCHS;
            }
            if (stop == Stop.BUDGET) {
                log.budgetReached(config.timeBudget(), run.globalStep());
            } else if (stop == Stop.CANCEL) {
                log.cancelled(run.globalStep(), checkpoints.last());
            }
            summary(stop).write(out);
            TrainResult result = new TrainResult(out, run.completedEpochs(), run.globalStep(), bestMetricName(),
                    run.bestMetric() == null ? Double.NaN : run.bestMetric(), run.bestEpoch(), stop == Stop.BUDGET,
                    lastValidation, bestValidation, run.history().snapshot(), stop == Stop.CANCEL);
            for (TrainingListener l : listeners) {
                l.onTrainingEnd(result);
            }
            return result;
        } finally {
            if (freeze != null) {
                freeze.release();
            }
            if (memoryOnly != null) {
                memoryOnly.release();
            }
            if (optimizer != null) {
                optimizer.close();
            }
            if (average != null) {
                average.close();
            }
            // Parameters initialised (or loaded on resume) here live in this manager and must outlive
            // fit(): the caller keeps using the block. It is closed only when it holds nothing of them.
            if (!ownsParameters && !resume) {
                base.close();
            }
        }
    }

    private String bestMetricName() {
        return validation != null ? "val_miou" : "train_loss";
    }

    /** Training time of the run so far, over all its sessions. */
    private double elapsedSeconds() {
        return priorElapsedSeconds + (clock.getAsLong() - clockStart) / 1e9;
    }

    /** Whether the run's steps, or its time budget after {@code elapsedSeconds} of training, are used up. */
    private Stop limitReached(double elapsedSeconds) {
        if (length.reached(run.globalStep())) {
            return length.cutByBudget() ? Stop.BUDGET : config.steps() > 0 ? Stop.STEPS : Stop.EPOCHS;
        }
        boolean budgetSpent = config.timeBudget() != null && elapsedSeconds > config.timeBudget().toNanos() / 1e9;
        return budgetSpent ? Stop.BUDGET : Stop.NONE;
    }

    private RunSummary summary(Stop stop) {
        return new RunSummary(run.globalStep(), run.completedEpochs(), elapsedSeconds(), length.totalSteps(),
                stop.label, config.timeBudget() == null ? null : TrainConfig.formatDuration(config.timeBudget()),
                "--steps " + run.globalStep());
    }

    private void restore() {
        CheckpointState s = checkpoints.lastState();
        if (s == null) {
            log.nothingToResume(out);
            return;
        }
        if (!config.hash().equals(s.configHash())) {
            log.configChanged(s.configHash(), config.hash());
        }
        checkpoints.loadLast(s, block, base, optimizer);
        run.restore(s);
        priorElapsedSeconds = s.elapsedSeconds();
        if (!length.restore(s.totalSteps(), s.lengthBasis(), s.globalStep(), s.elapsedSeconds())
                && s.lengthBasis() != null) {
            log.lengthChanged(s.lengthBasis(), length.basis(), length.totalSteps());
        }
        log.resuming(out, run, priorElapsedSeconds);
    }

    /**
     * Trains one epoch (the rest of it after a stop inside it), then ends it.
     *
     * @return why the run stops after this epoch, {@code NONE} to go on
     */
    private Stop runEpoch(int epoch) {
        if (freeze != null) {
            freeze.beforeEpoch(epoch);
        }
        long epochStart = clock.getAsLong();
        RunState.EpochTotals totals = run.startEpoch();
        long stepsBefore = run.stepInEpoch();
        // the step count changes only at checkpoints: within an epoch the rate depends on the step alone
        LrSchedule schedule = length.schedule();
        double lr = schedule.lr(run.globalStep());
        Stop stop = Stop.NONE;
        Iterator<Batch> it = train.epoch(epoch - 1);
        for (long skip = 0; skip < stepsBefore && it.hasNext(); skip++) {
            it.next();
        }
        String task = String.format(Locale.ROOT, "epoch %d/%d", epoch, length.epochs());
        long trainNanos;
        boolean cutShort;
        try (ProgressReporter progress = new ProgressReporter(log.stream(), progressMode,
                config.progressIntervalSeconds(), task, stepsPerEpoch, stepsBefore)) {
            while (it.hasNext() && stop == Stop.NONE) {
                Batch batch = it.next();
                lr = schedule.lr(run.globalStep());
                float value = step.run(batch, (float) lr, run.globalStep());
                if (!Float.isFinite(value)) {
                    throw nonFiniteLoss(value, epoch);
                }
                if (average != null) {
                    average.update();
                }
                totals.add(value, batch.size());
                run.countStep();
                progress.update(run.stepInEpoch(), batch.size(), totals.lossSum / run.stepInEpoch(), lr);
                stop = afterStep(epoch, value, lr);
            }
            // an epoch whose last step ended the run is complete, not cut short
            cutShort = stop != Stop.NONE && it.hasNext();
            trainNanos = clock.getAsLong() - epochStart;
        }
        if (stop == Stop.NONE && epoch >= length.epochs()) {
            stop = config.steps() > 0 ? Stop.STEPS : Stop.EPOCHS;
        }
        endEpoch(epoch, lr, totals, epochStart, trainNanos, cutShort, stop);
        return stop;
    }

    /** Tells the listeners about the step just taken; then whether the run stops here. */
    private Stop afterStep(int epoch, float loss, double lr) {
        StepStats stats = new StepStats(epoch, run.globalStep() - 1, loss, lr, elapsedSeconds());
        boolean cancel = false;
        for (TrainingListener l : listeners) {
            cancel |= l.onStep(stats) == TrainingListener.Decision.CANCEL;
        }
        Stop limit = limitReached(elapsedSeconds());
        return limit != Stop.NONE ? limit : cancel ? Stop.CANCEL : Stop.NONE;
    }

    private NonFiniteLossException nonFiniteLoss(float value, int epoch) {
        return new NonFiniteLossException(String.format(Locale.ROOT,
                "training loss is %s at epoch %d, step %d of the epoch (global step %d); "
                        + "stopping without writing a checkpoint. The last good checkpoint is %s "
                        + "(epoch %d). Try a lower learning rate.",
                value, epoch, run.stepInEpoch() + 1, run.globalStep(), checkpoints.last(), run.completedEpochs()),
                epoch, run.globalStep());
    }

    /**
     * Validates when due (every {@code validate_every} epochs and when the run ends, but not after a
     * cancel inside an epoch), records the epoch, writes checkpoints, history and the best model, then
     * reports.
     */
    private void endEpoch(int epoch, double lr, RunState.EpochTotals totals, long epochStart, long trainNanos,
            boolean partial, Stop stop) {
        long steps = run.stepInEpoch();
        double trainSeconds = totals.priorSeconds + trainNanos / 1e9;
        double trainLoss = steps > 0 ? totals.lossSum / steps : Double.NaN;
        boolean finalEpoch = stop != Stop.NONE && stop != Stop.CANCEL;
        boolean due = partial ? stop != Stop.CANCEL : epoch % config.validateEvery() == 0 || finalEpoch;
        Validator.Result validated = null;
        if (validator != null && due) {
            validated = withAveragedWeights(validator::run);
            lastValidation = validated.metrics();
        }
        SegmentationMetrics metrics = validated == null ? null : validated.metrics();
        double seconds = totals.priorSeconds + (clock.getAsLong() - epochStart) / 1e9;
        EpochStats stats = new EpochStats(epoch, trainLoss,
                metrics == null ? null : finiteOrNull(validated.loss()),
                metrics == null ? null : finiteOrNull(metrics.meanIoU()),
                metrics == null ? null : finiteOrNull(metrics.pixelAccuracy()), lr, seconds,
                trainSeconds > 0 ? totals.images / trainSeconds : 0, steps, run.globalStep(), partial);
        run.history().record(stats);

        Double candidate = validation != null
                ? (metrics == null ? null : finiteOrNull(metrics.meanIoU()))
                : finiteOrNull(trainLoss);
        boolean improved = run.offerBest(candidate, validation != null, epoch);
        if (improved) {
            bestValidation = metrics;
        }
        if (partial) {
            run.pauseEpoch(totals, seconds);
        } else {
            run.completeEpoch(epoch);
        }
        double elapsed = elapsedSeconds();
        length.reestimate(run.globalStep(), elapsed);
        checkpoints.write(run.toCheckpoint(bestMetricName(), config, optimizer.name(), elapsed, length), block,
                optimizer, average, epoch, !partial, improved);
        if (improved || config.modelSelection().equals("last")) {
            withAveragedWeights(() -> {
                exporter.export(block, stats, metrics);
                return null;
            });
        }
        run.history().write(out);
        summary(Stop.NONE).write(out);
        log.epochSummary(stats, length.epochs(), run.bestEpoch() == epoch);
        List<EpochStats> history = run.history().snapshot();
        for (TrainingListener l : listeners) {
            l.onEpochEnd(stats, metrics, history);
        }
    }

    /** Runs {@code work} with the averaged weights in the block when weights are averaged. */
    private <T> T withAveragedWeights(java.util.function.Supplier<T> work) {
        if (average == null) {
            return work.get();
        }
        average.swap();
        try {
            return work.get();
        } finally {
            average.swap();
        }
    }

    // ------------------------------------------------------------------ builder

    /** Builder of a trainer. */
    public static final class Builder {
        private Block block;
        private BatchProvider train;
        private BatchProvider validation;
        private SampleSource validationSamples;
        private TrainConfig config;
        private float[] classWeights;
        private Path outputDir;
        private ModelManifest manifest;
        private int numClasses;
        private boolean resume;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private PrintStream log = System.err;
        private ProgressReporter.Mode progressMode = ProgressReporter.Mode.AUTO;
        private NDManager manager;
        private LongSupplier clock = System::nanoTime;

        private Builder() {}

        /** The network; initialised for the crop size when it is not yet. */
        public Builder setBlock(Block v) { block = v; return this; }
        /** Training batches (crops). */
        public Builder setTrainData(BatchProvider v) { train = v; return this; }
        /** Validation batches (full-size images), optional. */
        public Builder optValidationData(BatchProvider v) { validation = v; return this; }
        /**
         * The validation samples at full resolution: validation metrics (and so the best checkpoint) are
         * then computed by the same predictor and evaluator as {@code seg4j eval}; needs {@code optManifest}.
         */
        public Builder optValidationSamples(SampleSource v) { validationSamples = v; return this; }
        public Builder setConfig(TrainConfig v) { config = v; return this; }
        /** Class weights for the loss; overrides {@code config.classWeights()}. */
        public Builder optClassWeights(float[] v) { classWeights = v == null ? null : v.clone(); return this; }
        public Builder setOutputDir(Path v) { outputDir = v; return this; }
        /** Template of the exported model's manifest (metrics and provenance are filled in). */
        public Builder optManifest(ModelManifest v) { manifest = v; return this; }
        /** Number of classes; defaults to the manifest's. */
        public Builder optNumClasses(int v) { numClasses = v; return this; }
        /** Continue from {@code checkpoints/last} of the output folder. */
        public Builder optResume(boolean v) { resume = v; return this; }
        public Builder addListener(TrainingListener v) { listeners.add(v); return this; }
        /** Where progress and epoch summaries go (default {@code System.err}); {@code null} for silence. */
        public Builder optLog(PrintStream v) { log = v; return this; }
        /** {@code auto} (bar on a terminal, lines otherwise), {@code bar}, {@code lines} or {@code off}. */
        public Builder optProgress(String mode) {
            progressMode = ProgressReporter.Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
            return this;
        }
        /** Parent manager for parameters created here and the optimizer state (default: a new base manager). */
        public Builder optManager(NDManager v) { manager = v; return this; }
        /**
         * The run's clock in nanoseconds (default {@code System::nanoTime}): what the time budget and the
         * epochs' seconds count. For tests and simulations.
         */
        public Builder optClock(LongSupplier nanos) {
            if (nanos == null) {
                throw new IllegalArgumentException("clock must not be null");
            }
            clock = nanos;
            return this;
        }

        public SegmentationTrainer build() {
            return new SegmentationTrainer(this);
        }
    }
}
