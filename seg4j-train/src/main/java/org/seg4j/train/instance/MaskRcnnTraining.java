package org.seg4j.train.instance;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;
import org.seg4j.data.instance.InstanceSamples;
import org.seg4j.model.instance.maskrcnn.InstanceTargets;
import org.seg4j.model.instance.maskrcnn.MaskRcnn;
import org.seg4j.model.instance.maskrcnn.MaskRcnnConfig;
import org.seg4j.model.instance.maskrcnn.MaskRcnnDirectory;
import org.seg4j.train.Augmentations;
import org.seg4j.train.CheckpointState;
import org.seg4j.train.CheckpointStore;
import org.seg4j.train.LrSchedule;
import org.seg4j.train.RunLength;
import org.seg4j.train.TrainConfig;
import org.seg4j.train.StepSeeds;
import org.seg4j.train.optim.Optimizer;
import org.seg4j.transform.Normalization;
import org.seg4j.transform.TransformPipeline;
import org.seg4j.util.AtomicFiles;
import org.seg4j.util.Json;
import org.seg4j.util.Progress;

/**
 * Trains a {@link MaskRcnn} on a split with instance annotations ({@code task: instance}) and
 * writes a {@link MaskRcnnDirectory} into the run folder.
 *
 * <p>Its own loop rather than {@code SegmentationTrainer}'s: that trainer is built around a
 * {@code Block} mapping a batch tensor to per-pixel logits, a loader that stacks equal-sized crops
 * and a validation by confusion matrix; Mask R-CNN takes a list of images of any size with their
 * instance targets, computes its own five losses and is validated by mask AP. What it shares: the
 * configuration ({@link TrainConfig}: {@code steps}, {@code epochs}, {@code batch_size}, {@code
 * time_budget}, {@code lr}, {@code schedule}, {@code warmup_steps}, {@code optimizer}, {@code
 * weight_decay}, {@code seed}), the learning-rate schedule, the optimisers, the progress display
 * (rate and ETA), atomic files, the joint augmentation ({@link Augmentations#instances}: scale
 * jitter, horizontal flip and the photometric options, boxes recomputed from the transformed masks)
 * and the checkpoints ({@link CheckpointStore}: {@code checkpoints/last} and {@code epoch-NNNN} with
 * weights, optimizer state and {@code state.json}). The model directory and {@code checkpoints/last}
 * are rewritten at the end of every epoch and of the run, so an interrupted run leaves its last
 * epoch's model, and {@link Builder#optResume} continues from the saved step with the saved
 * optimizer state, sample order and random draws.
 */
public final class MaskRcnnTraining {

    /** Per-step losses, one CSV line each. */
    public static final String HISTORY = "history.csv";
    /** What the run did. */
    public static final String SUMMARY = "summary.json";

    private static final String HISTORY_HEADER = "step,epoch,lr,loss,rpn_objectness,rpn_box,classifier,box,mask\n";

    /** How a step's random draws are seeded, recorded in each checkpoint. */
    static final String RNG_SCHEME = "initial weights: engine seed StepSeeds.of(seed, -1); before every step: engine seed"
            + " StepSeeds.of(seed, step); order: Random(seed * 1000003 ^ ~epoch); augmentation: Random((seed * 1000003"
            + " + step) * 257 + image in batch); anchor and proposal samples: Random(seed * 1000003 + step)";

    private final InstanceSamples data;
    private final TrainConfig config;
    private final Path outputDir;
    private final PrintStream progress;
    private final boolean resume;

    private MaskRcnnTraining(Builder b) {
        this.data = b.data;
        this.config = b.config;
        this.outputDir = b.outputDir;
        this.progress = b.progress;
        this.resume = b.resume;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What a run did.
     *
     * @param steps optimiser steps taken
     * @param epochs whole passes over the data (the last may be partial when cut by steps or budget)
     * @param stoppedByTimeBudget whether the time budget ended the run
     * @param lastLoss summed loss of the last step
     * @param elapsed training wall time
     * @param outputDir the model directory
     */
    public record Result(long steps, int epochs, boolean stoppedByTimeBudget, double lastLoss, Duration elapsed,
            Path outputDir) {

        /** Training images per second. */
        public double imagesPerSecond(int batchSize) {
            double s = elapsed.toNanos() / 1e9;
            return s > 0 ? steps * batchSize / s : 0;
        }
    }

    /** Detector label (1..) of each class id: the thing classes in id order; 0 for stuff. */
    public static int[] labelOfClass(ClassMeta classes) {
        int[] label = new int[classes.numClasses()];
        int next = 1;
        for (int c = 0; c < classes.numClasses(); c++) {
            label[c] = classes.isThing(c) ? next++ : 0;
        }
        return label;
    }

    /** The class id of each detector label 1, 2, ... (inverse of {@link #labelOfClass}). */
    public static int[] classIds(int[] labelOfClass) {
        int n = 0;
        for (int l : labelOfClass) {
            n = Math.max(n, l);
        }
        int[] ids = new int[n];
        for (int c = 0; c < labelOfClass.length; c++) {
            if (labelOfClass[c] > 0) {
                ids[labelOfClass[c] - 1] = c;
            }
        }
        return ids;
    }

    /** Trains (or, with {@link Builder#optResume}, continues training) and saves the model. */
    public Result fit() {
        if (config.normalization().perImage()) {
            throw new Seg4jException("input_normalization " + Normalization.PER_IMAGE_NAME
                    + " is for semantic, panoptic and video models; Mask R-CNN training uses fixed statistics");
        }
        ClassMeta classes = data.classes();
        int[] labelOfClass = labelOfClass(classes);
        int[] classIds = classIds(labelOfClass);
        MaskRcnnConfig netConfig = MaskRcnnOptions.config(classIds.length, config.baseWidth(), config.modelOptions());
        int batch = Math.min(config.batchSize(), data.size());
        int stepsPerEpoch = (data.size() + batch - 1) / batch;
        RunLength length = new RunLength(config, stepsPerEpoch);
        Duration budget = config.timeBudget();
        try {
            Files.createDirectories(outputDir);
        } catch (IOException e) {
            throw new Seg4jException(outputDir + ": cannot create the run folder: " + e.getMessage(), e);
        }
        CheckpointStore checkpoints = new CheckpointStore(outputDir, config.keepLast());
        checkpoints.prepare(resume);
        config.write(outputDir.resolve(TrainConfig.FILE_NAME));
        TransformPipeline augmentation = Augmentations.instances(config);
        try (NDManager manager = NDManager.newBaseManager();
                Optimizer optimizer = Optimizer.create(config.optimizer(), manager, (float) config.momentum(),
                        (float) config.weightDecay(), config.nesterov())) {
            MaskRcnn model = new MaskRcnn(netConfig);
            Engine.getInstance().setRandomSeed(StepSeeds.of(config.seed(), -1)); // the initial weights
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, MaskRcnn.SIZE_DIVISOR, MaskRcnn.SIZE_DIVISOR));
            Position at = resume ? restore(checkpoints, model, manager, optimizer) : Position.START;
            if (at.step() > 0) {
                length.restore(at.totalSteps(), at.lengthBasis(), at.step(), at.elapsedSeconds());
            }
            long total = length.totalSteps();
            LrSchedule schedule = length.schedule();
            StringBuilder history = new StringBuilder(at.history());
            long step = at.step();
            int epoch = at.epoch();
            long inEpoch = at.stepInEpoch();
            MaskRcnnTrainingStep trainer = new MaskRcnnTrainingStep(model, optimizer, manager, Normalization.IMAGENET,
                    config.seed());
            long start = System.nanoTime();
            double lastLoss = Double.NaN;
            boolean byBudget = budgetSpent(at.elapsedSeconds(), budget) && step < total;
            try (Progress bar = Progress.create(progress, "train mask-rcnn", "step",
                    (int) Math.min(Integer.MAX_VALUE, total))) {
                while (step < total && !byBudget) {
                    List<Integer> perm = permutation(data.size(), new Random(config.seed() * 1_000_003L ^ ~epoch));
                    for (int first = (int) (inEpoch * batch); first < perm.size() && step < total; first += batch) {
                        List<RgbImage> images = new ArrayList<>();
                        List<InstanceTargets> targets = new ArrayList<>();
                        for (int i = first; i < Math.min(first + batch, perm.size()); i++) {
                            Sample s = augmentation.apply(data.load(perm.get(i)),
                                    new Random((config.seed() * 1_000_003L + step) * 257 + i - first));
                            images.add(s.image());
                            targets.add(InstanceTargets.of(s.instances(), labelOfClass));
                        }
                        float lr = (float) schedule.lr(step);
                        Engine.getInstance().setRandomSeed(StepSeeds.of(config.seed(), step));
                        float[] losses = trainer.run(images, targets, lr, step);
                        double sum = 0;
                        for (float v : losses) {
                            sum += v;
                        }
                        lastLoss = sum;
                        step++;
                        inEpoch++;
                        history.append(String.format(Locale.ROOT, "%d,%d,%.6g,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f%n", step,
                                epoch + 1, lr, sum, losses[0], losses[1], losses[2], losses[3], losses[4]));
                        bar.status(String.format(Locale.ROOT, "loss %.4f", sum));
                        bar.step((int) Math.min(Integer.MAX_VALUE, step));
                        if (budgetSpent(at.elapsedSeconds() + (System.nanoTime() - start) / 1e9, budget)) {
                            byBudget = step < total;
                            break;
                        }
                    }
                    boolean complete = inEpoch >= stepsPerEpoch;
                    if (complete) {
                        epoch++;
                        inEpoch = 0;
                    }
                    double elapsed = at.elapsedSeconds() + (System.nanoTime() - start) / 1e9;
                    // with a time budget, the schedule spans the steps that fit it at the speed so far
                    length.reestimate(step, elapsed);
                    if (length.totalSteps() != total) {
                        total = length.totalSteps();
                        schedule = length.schedule();
                        bar.retotal((int) Math.min(Integer.MAX_VALUE, total));
                    }
                    save(model, classes, classIds, history);
                    checkpoints.write(state(epoch, inEpoch, step, optimizer, elapsed, length), model, optimizer,
                            epoch, complete);
                }
            }
            // a budget-sized run that reached its estimated step count was stopped by the budget too
            byBudget |= step >= total && length.cutByBudget();
            Duration elapsed = Duration.ofNanos((long) (at.elapsedSeconds() * 1e9) + System.nanoTime() - start);
            int epochs = epoch + (inEpoch > 0 ? 1 : 0);
            Result r = new Result(step, epochs, byBudget, lastLoss, elapsed, outputDir);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("task", TrainConfig.TASK_INSTANCE);
            summary.put("architecture", "mask-rcnn");
            summary.put("steps_taken", step);
            summary.put("epochs", epochs);
            summary.put("stopped_by_time_budget", byBudget);
            summary.put("resumed_from_step", resume ? at.step() : null);
            summary.put("last_loss", Double.isFinite(lastLoss) ? lastLoss : null);
            summary.put("seconds", elapsed.toMillis() / 1000.0);
            summary.put("train_images_per_second", r.imagesPerSecond(batch));
            summary.put("train_images", data.size());
            summary.put("augmentation", augmentation.toString());
            summary.put("dataset_fingerprint", data.dataset().fingerprint());
            summary.put("network", netConfig.toString());
            Json.writeJson(outputDir.resolve(SUMMARY), summary);
            return r;
        }
    }

    /** Where a run stands: a fresh one, or what {@code checkpoints/last} holds. */
    private record Position(long step, int epoch, long stepInEpoch, double elapsedSeconds, String history,
            long totalSteps, String lengthBasis) {
        static final Position START = new Position(0, 0, 0, 0, HISTORY_HEADER, 0, null);
    }

    /** Loads weights, optimizer state and position of {@code checkpoints/last}; a fresh start when there is none. */
    private Position restore(CheckpointStore checkpoints, MaskRcnn model, NDManager manager, Optimizer optimizer) {
        CheckpointState s = checkpoints.lastState();
        if (s == null) {
            note("nothing to resume in " + outputDir + " (no " + checkpoints.last().resolve(CheckpointState.FILE_NAME)
                    + "); starting a new run");
            return Position.START;
        }
        if (!config.hash().equals(s.configHash())) {
            note("the configuration differs from the checkpoint's (hash " + s.configHash() + ", now " + config.hash()
                    + "); resuming with the new one");
        }
        checkpoints.loadLast(s, model, manager, optimizer);
        note(String.format(Locale.ROOT, "resuming %s at step %d (epoch %d, %d steps into the next), %.1f s trained",
                outputDir, s.globalStep(), s.epoch(), s.stepInEpoch(), s.elapsedSeconds()));
        return new Position(s.globalStep(), s.epoch(), s.stepInEpoch(), s.elapsedSeconds(), historyUpTo(s.globalStep()),
                s.totalSteps(), s.lengthBasis());
    }

    /** The lines of {@code history.csv} up to {@code step} (a run may have logged past its checkpoint). */
    private String historyUpTo(long step) {
        Path file = outputDir.resolve(HISTORY);
        StringBuilder out = new StringBuilder(HISTORY_HEADER);
        if (!Files.isRegularFile(file)) {
            return out.toString();
        }
        try {
            for (String line : Files.readAllLines(file)) {
                int comma = line.indexOf(',');
                if (comma > 0 && line.substring(0, comma).chars().allMatch(Character::isDigit)
                        && Long.parseLong(line.substring(0, comma)) <= step) {
                    out.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            throw new Seg4jException(file + ": cannot read the history to resume: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private CheckpointState state(int epoch, long stepInEpoch, long step, Optimizer optimizer, double elapsed,
            RunLength length) {
        return new CheckpointState(CheckpointState.FORMAT_VERSION, epoch, stepInEpoch, step, "train_loss", null, 0,
                config.seed(), RNG_SCHEME, config.hash(), optimizer.name(), 0, 0, 0, List.of(), elapsed,
                length.totalSteps(), length.basis());
    }

    private static boolean budgetSpent(double seconds, Duration budget) {
        return budget != null && seconds >= budget.toNanos() / 1e9;
    }

    private void note(String message) {
        if (progress != null) {
            progress.println("seg4j: " + message);
        }
    }

    private void save(MaskRcnn model, ClassMeta classes, int[] classIds, CharSequence history) {
        MaskRcnnDirectory.save(outputDir, model, classes, classIds);
        AtomicFiles.writeString(outputDir.resolve(HISTORY), history.toString());
    }

    private static List<Integer> permutation(int n, Random random) {
        List<Integer> p = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            p.add(i);
        }
        Collections.shuffle(p, random);
        return p;
    }

    /** Builder: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private InstanceSamples data;
        private TrainConfig config;
        private Path outputDir;
        private PrintStream progress;
        private boolean resume;

        private Builder() {}

        /** The training split with its instance annotations (required). */
        public Builder setTrainData(InstanceSamples data) {
            this.data = data;
            return this;
        }

        /** The run's configuration (required). */
        public Builder setConfig(TrainConfig config) {
            this.config = config;
            return this;
        }

        /** Where the model directory, config.yaml, history.csv and summary.json go (required). */
        public Builder setOutputDir(Path outputDir) {
            this.outputDir = outputDir;
            return this;
        }

        /** Where the progress display goes (default: none). */
        public Builder optProgress(PrintStream progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Continue from {@code checkpoints/last} of the output folder: weights, optimizer state, step,
         * position in the epoch and training time (default false; a fresh run refuses a folder that
         * holds a checkpoint).
         */
        public Builder optResume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /** Validates and builds. */
        public MaskRcnnTraining build() {
            if (data == null || config == null || outputDir == null) {
                throw new IllegalStateException("mask-rcnn training needs setTrainData, setConfig and setOutputDir");
            }
            if (data.size() == 0) {
                throw new Seg4jException(data.dataset().root() + ": the training split has no images");
            }
            if (config.steps() == 0 && config.epochs() < 1) {
                throw new Seg4jException("mask-rcnn training needs steps or epochs >= 1");
            }
            return new MaskRcnnTraining(this);
        }
    }
}
