package org.seg4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.seg4j.Seg4jException;
import org.seg4j.data.Batch;
import org.seg4j.data.BatchProvider;
import org.seg4j.data.LabelMask;
import org.seg4j.metric.ConfusionMatrix;
import org.seg4j.metric.SegmentationMetrics;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.train.optim.Optimizer;
import org.seg4j.util.AtomicFiles;
import org.seg4j.util.Json;

/**
 * Trains a segmentation network: epochs of optimizer steps over a {@link BatchProvider}, periodic
 * validation with a confusion matrix, checkpoints that allow an exact resume, and export of the
 * best model as a model directory.
 *
 * <p>Typical use (what the CLI does):
 *
 * <pre>
 * TrainResult r = SegmentationTrainer.builder()
 *         .block(ModelRegistry.create(spec))
 *         .trainData(loader)                 // crops of config.cropHeight() x config.cropWidth()
 *         .validationData(valLoader)         // optional, full-size images
 *         .config(config)
 *         .classWeights(weights)             // optional
 *         .outputDir(Path.of("runs/camvid-unet"))
 *         .manifest(manifestTemplate)        // classes, spec, preprocessing; metrics are filled in
 *         .resume(resumeFlag)
 *         .listener(plotter)                 // optional
 *         .build()
 *         .fit();
 * </pre>
 *
 * <p>A run folder holds {@code config.yaml}, {@code history.json}, {@code model.json} +
 * {@code weights.params} (the best model so far) and {@code checkpoints/} with {@code last/},
 * {@code best/} and the last few {@code epoch-NNNN/} folders, each holding {@code weights.params},
 * {@code optimizer.bin} and {@code state.json}. Every file and folder is replaced atomically.
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

    private static final String RNG_SCHEME = "engine seed = mix(seed, global_step) before every step";
    private static final Pattern EPOCH_DIR = Pattern.compile("epoch-\\d{4,}");

    private final Block block;
    private final BatchProvider train;
    private final BatchProvider validation;
    private final TrainConfig config;
    private final float[] classWeights;
    private final Path out;
    private final ModelManifest manifest;
    private final int numClasses;
    private final boolean resume;
    private final List<TrainingListener> listeners;
    private final PrintStream log;
    private final ProgressReporter.Mode progressMode;
    private final NDManager parentManager;

    private NDManager base;
    private Optimizer optimizer;
    private SegmentationLoss loss;
    private ai.djl.nn.ParameterList parameters;

    private SegmentationTrainer(Builder b) {
        if (b.block == null || b.train == null || b.config == null || b.outputDir == null) {
            throw new IllegalArgumentException("block, trainData, config and outputDir are required");
        }
        this.block = b.block;
        this.train = b.train;
        this.validation = b.validation;
        this.config = b.config;
        this.out = b.outputDir;
        this.manifest = b.manifest;
        int n = b.numClasses > 0 ? b.numClasses : manifest != null ? manifest.model().numClasses() : 0;
        if (n < 1) {
            throw new IllegalArgumentException("numClasses is required when no manifest is given");
        }
        this.numClasses = n;
        float[] w = b.classWeights != null ? b.classWeights : config.classWeights();
        this.classWeights = w == null ? null : w.clone();
        this.resume = b.resume;
        this.listeners = List.copyOf(b.listeners);
        this.log = b.log;
        this.progressMode = b.progressMode;
        this.parentManager = b.manager;
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ run state

    private int completedEpochs;
    private long stepInEpoch;
    private long globalStep;
    private Double bestMetric;
    private int bestEpoch;
    private double partialLossSum;
    private long partialImages;
    private double partialSeconds;
    private final List<EpochStats> history = new ArrayList<>();
    private SegmentationMetrics lastValidation;
    private SegmentationMetrics bestValidation;

    private String bestMetricName() {
        return validation != null ? "val_miou" : "train_loss";
    }

    /**
     * Runs the training to the configured number of epochs (or until the time budget is spent).
     *
     * @return what the run did
     * @throws NonFiniteLossException when the loss becomes NaN or infinite
     */
    public TrainResult fit() {
        long runStart = System.nanoTime();
        long budgetNanos = config.timeBudget() == null ? Long.MAX_VALUE : config.timeBudget().toNanos();
        base = parentManager != null ? parentManager.newSubManager() : NDManager.newBaseManager();
        try {
            prepareFolder();
            if (!block.isInitialized()) {
                Engine.getInstance().setRandomSeed(stepSeed(config.seed(), -1));
                ModelDirectory.initialize(block, base, config.cropHeight(), config.cropWidth());
            }
            parameters = block.getParameters();
            optimizer = Optimizer.create(config.optimizer(), base, (float) config.momentum(),
                    (float) config.weightDecay(), config.nesterov());
            optimizer.setGradClipNorm((float) config.gradClipNorm());
            loss = new SegmentationLoss(numClasses, classWeights, SegmentationLoss.Kind.parse(config.loss()));
            if (resume) {
                restore();
            }
            requireGradients();
            config.write(out.resolve(TrainConfig.FILE_NAME));

            int stepsPerEpoch = train.batchesPerEpoch();
            LrSchedule schedule = config.lrSchedule((long) stepsPerEpoch * config.epochs());
            boolean budgetHit = false;
            for (int epoch = completedEpochs + 1; epoch <= config.epochs() && !budgetHit; epoch++) {
                long epochStart = System.nanoTime();
                double lossSum = stepInEpoch > 0 ? partialLossSum : 0;
                long images = stepInEpoch > 0 ? partialImages : 0;
                double priorSeconds = stepInEpoch > 0 ? partialSeconds : 0;
                long stepsBefore = stepInEpoch;
                double lr = schedule.lr(globalStep);
                String task = String.format(Locale.ROOT, "epoch %d/%d", epoch, config.epochs());
                Iterator<Batch> it = train.epoch(epoch - 1);
                for (long skip = 0; skip < stepsBefore && it.hasNext(); skip++) {
                    it.next();
                }
                long trainNanos;
                try (ProgressReporter progress = new ProgressReporter(log, progressMode,
                        config.progressIntervalSeconds(), task, stepsPerEpoch, stepsBefore)) {
                    while (it.hasNext()) {
                        Batch batch = it.next();
                        lr = schedule.lr(globalStep);
                        Engine.getInstance().setRandomSeed(stepSeed(config.seed(), globalStep));
                        float value = trainStep(batch, (float) lr);
                        if (!Float.isFinite(value)) {
                            throw new NonFiniteLossException(String.format(Locale.ROOT,
                                    "training loss is %s at epoch %d, step %d of the epoch (global step %d); "
                                            + "stopping without writing a checkpoint. The last good checkpoint is %s "
                                            + "(epoch %d). Try a lower learning rate.",
                                    value, epoch, stepInEpoch + 1, globalStep,
                                    out.resolve(CHECKPOINTS).resolve("last"), completedEpochs),
                                    epoch, globalStep);
                        }
                        lossSum += value;
                        images += batch.size();
                        globalStep++;
                        stepInEpoch++;
                        progress.update(stepInEpoch, batch.size(), lossSum / stepInEpoch, lr);
                        if (System.nanoTime() - runStart > budgetNanos) {
                            budgetHit = it.hasNext();
                            break;
                        }
                    }
                    trainNanos = System.nanoTime() - epochStart;
                }
                boolean partial = budgetHit;
                double trainSeconds = priorSeconds + trainNanos / 1e9;
                double trainLoss = stepInEpoch > 0 ? lossSum / stepInEpoch : Double.NaN;
                boolean finalEpoch = epoch == config.epochs() || partial;
                boolean budgetReached = System.nanoTime() - runStart > budgetNanos;
                SegmentationMetrics metrics = null;
                double valLoss = Double.NaN;
                if (validation != null
                        && (epoch % config.validateEvery() == 0 || finalEpoch || budgetReached)) {
                    double[] vl = new double[1];
                    metrics = validate(vl);
                    valLoss = vl[0];
                    lastValidation = metrics;
                }
                double seconds = priorSeconds + (System.nanoTime() - epochStart) / 1e9;
                EpochStats stats = new EpochStats(epoch, trainLoss, metrics == null ? null : nullIfNaN(valLoss),
                        metrics == null ? null : nullIfNaN(metrics.meanIoU()),
                        metrics == null ? null : nullIfNaN(metrics.pixelAccuracy()), lr, seconds,
                        trainSeconds > 0 ? images / trainSeconds : 0, stepInEpoch, globalStep, partial);
                history.removeIf(h -> h.epoch() == stats.epoch());
                history.add(stats);

                boolean improved = false;
                Double candidate = validation != null
                        ? (metrics == null ? null : nullIfNaN(metrics.meanIoU()))
                        : nullIfNaN(trainLoss);
                if (candidate != null && (bestMetric == null
                        || (validation != null ? candidate > bestMetric : candidate < bestMetric))) {
                    bestMetric = candidate;
                    bestEpoch = epoch;
                    bestValidation = metrics;
                    improved = true;
                }
                if (partial) {
                    partialLossSum = lossSum;
                    partialImages = images;
                    partialSeconds = seconds;
                } else {
                    completedEpochs = epoch;
                    stepInEpoch = 0;
                    partialLossSum = 0;
                    partialImages = 0;
                    partialSeconds = 0;
                }
                writeCheckpoints(epoch, !partial, improved, stats, metrics);
                printSummary(stats);
                for (TrainingListener l : listeners) {
                    l.onEpochEnd(stats, metrics, List.copyOf(history));
                }
                if (budgetReached && !budgetHit && epoch < config.epochs()) {
                    budgetHit = true;
                }
            }
            if (budgetHit && log != null) {
                log.printf(Locale.ROOT, "time budget of %s reached; stopped after %d steps. Resume with --resume.%n",
                        TrainConfig.formatDuration(config.timeBudget()), globalStep);
            }
            TrainResult result = new TrainResult(out, completedEpochs, globalStep, bestMetricName(),
                    bestMetric == null ? Double.NaN : bestMetric, bestEpoch, budgetHit, lastValidation,
                    bestValidation, List.copyOf(history));
            for (TrainingListener l : listeners) {
                l.onTrainingEnd(result);
            }
            return result;
        } finally {
            if (optimizer != null) {
                optimizer.close();
            }
            // Parameters initialised (or loaded on resume) here live in this manager and must outlive
            // fit(): the caller keeps using the block. It is closed only when it holds nothing of them.
            if (!ownsParameters && !resume) {
                base.close();
            }
        }
    }

    private boolean ownsParameters;

    /** Seed of the engine's generator before global step {@code step}: a pure function, so resume is exact. */
    static int stepSeed(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step + 1;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) (z & 0x7fffffff);
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    private void requireGradients() {
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter param = p.getValue();
            if (param.requiresGradient() && !param.getArray().hasGradient()) {
                param.getArray().setRequiresGradient(true);
            }
        }
        parameters = block.getParameters();
    }

    // ------------------------------------------------------------------ steps

    private float trainStep(Batch batch, float lr) {
        if (batch.labels() == null) {
            throw new Seg4jException("training batch " + batch.ids() + " has no labels");
        }
        try (NDManager step = base.newSubManager()) {
            NDArray x = step.create(batch.images(), new Shape(batch.size(), 3, batch.height(), batch.width()));
            ParameterStore ps = new ParameterStore(step, false);
            float value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = block.forward(ps, new NDList(x), true).head();
                checkLogits(logits, batch);
                NDArray l = loss.compute(logits, batch.labels());
                value = l.getFloat();
                if (!Float.isFinite(value)) {
                    return value;
                }
                gc.backward(l);
            }
            optimizer.step(parameters, lr, step);
            return value;
        }
    }

    private void checkLogits(NDArray logits, Batch batch) {
        Shape s = logits.getShape();
        if (s.dimension() != 4 || s.get(0) != batch.size() || s.get(1) != numClasses || s.get(2) != batch.height()
                || s.get(3) != batch.width()) {
            throw new Seg4jException("the network's output has shape " + s + " but (" + batch.size() + ", "
                    + numClasses + ", " + batch.height() + ", " + batch.width()
                    + ") was expected: logits must have one channel per class at the input's resolution");
        }
    }

    /** Runs the validation set; returns metrics and writes the mean loss into {@code lossOut[0]}. */
    private SegmentationMetrics validate(double[] lossOut) {
        ConfusionMatrix cm = new ConfusionMatrix(numClasses);
        double lossSum = 0;
        long lossPixels = 0;
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            Iterator<Batch> it = validation.epoch(0);
            while (it.hasNext()) {
                Batch b = it.next();
                if (b.labels() == null) {
                    throw new Seg4jException("validation batch " + b.ids() + " has no labels");
                }
                try (NDManager step = base.newSubManager()) {
                    int m = config.valPadMultiple();
                    int ph = (b.height() + m - 1) / m * m;
                    int pw = (b.width() + m - 1) / m * m;
                    NDArray x = step.create(pad(b, ph, pw), new Shape(b.size(), 3, ph, pw));
                    ParameterStore ps = new ParameterStore(step, false);
                    NDArray logits = block.forward(ps, new NDList(x), false).head();
                    if (ph != b.height() || pw != b.width()) {
                        logits = logits.get(new NDIndex(":, :, 0:{}, 0:{}", b.height(), b.width()));
                    }
                    checkLogits(logits, b);
                    long valid = 0;
                    for (byte y : b.labels()) {
                        if ((y & 0xFF) != LabelMask.IGNORE) {
                            valid++;
                        }
                    }
                    if (valid > 0) {
                        lossSum += loss.compute(logits, b.labels()).getFloat() * (double) valid;
                        lossPixels += valid;
                    }
                    int[] pred = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
                    cm.add(pred, b.labels(), 0, pred.length);
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        lossOut[0] = lossPixels > 0 ? lossSum / lossPixels : Double.NaN;
        return cm.metrics();
    }

    private static float[] pad(Batch b, int ph, int pw) {
        if (ph == b.height() && pw == b.width()) {
            return b.images();
        }
        float[] src = b.images();
        float[] dst = new float[b.size() * 3 * ph * pw];
        int h = b.height();
        int w = b.width();
        for (int plane = 0; plane < b.size() * 3; plane++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(src, (plane * h + y) * w, dst, (plane * ph + y) * pw, w);
            }
        }
        return dst;
    }

    // ------------------------------------------------------------------ files

    private void prepareFolder() {
        try {
            Files.createDirectories(out.resolve(CHECKPOINTS));
        } catch (IOException e) {
            throw new Seg4jException("cannot create run folder " + out + ": " + e.getMessage(), e);
        }
        Path last = out.resolve(CHECKPOINTS).resolve("last");
        if (!resume && Files.exists(last.resolve(CheckpointState.FILE_NAME))) {
            throw new Seg4jException(out + " already holds a training run; resume it with --resume or choose another"
                    + " output folder");
        }
        ownsParameters = !block.isInitialized();
    }

    private void restore() {
        Path last = out.resolve(CHECKPOINTS).resolve("last");
        Path stateFile = last.resolve(CheckpointState.FILE_NAME);
        if (!Files.isRegularFile(stateFile)) {
            if (log != null) {
                log.println("nothing to resume in " + out + " (no checkpoints/last); starting a new run");
            }
            return;
        }
        CheckpointState s = Json.read(stateFile, CheckpointState.class);
        if (!config.hash().equals(s.configHash()) && log != null) {
            log.println("warning: the configuration differs from the one the checkpoint was trained with ("
                    + s.configHash() + " vs " + config.hash() + "); resuming anyway");
        }
        if (!s.optimizer().equals(optimizer.name())) {
            throw new Seg4jException("the checkpoint in " + last + " was trained with optimizer '" + s.optimizer()
                    + "' but the configuration says '" + optimizer.name() + "'");
        }
        ModelDirectory.loadWeights(last.resolve(ModelDirectory.WEIGHTS), block, base);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(last.resolve(OPTIMIZER_FILE)), 1 << 16)) {
            optimizer.load(in);
        } catch (IOException e) {
            throw new Seg4jException(last.resolve(OPTIMIZER_FILE) + ": cannot read optimizer state: " + e.getMessage(), e);
        }
        completedEpochs = s.epoch();
        stepInEpoch = s.stepInEpoch();
        globalStep = s.globalStep();
        bestMetric = s.bestMetric();
        bestEpoch = s.bestEpoch();
        partialLossSum = s.partialLossSum();
        partialImages = s.partialImages();
        partialSeconds = s.partialSeconds();
        history.clear();
        history.addAll(s.history());
        if (log != null) {
            log.printf(Locale.ROOT, "resuming %s after epoch %d%s (global step %d)%n", out, completedEpochs,
                    stepInEpoch > 0 ? " + " + stepInEpoch + " steps" : "", globalStep);
        }
    }

    private CheckpointState state() {
        return new CheckpointState(CheckpointState.FORMAT_VERSION, completedEpochs, stepInEpoch, globalStep,
                bestMetricName(), bestMetric, bestEpoch, config.seed(), RNG_SCHEME, config.hash(), optimizer.name(),
                partialLossSum, partialImages, partialSeconds, history);
    }

    private void writeCheckpoints(int epoch, boolean epochComplete, boolean improved, EpochStats stats,
            SegmentationMetrics metrics) {
        Path dir = out.resolve(CHECKPOINTS);
        CheckpointState s = state();
        Path staged = stage(dir, s);
        try {
            if (improved) {
                Path bestStaged = copyStaged(staged, dir);
                AtomicFiles.replaceDirectory(bestStaged, dir.resolve("best"));
            }
            if (epochComplete && config.keepLast() > 0) {
                Path epochStaged = copyStaged(staged, dir);
                AtomicFiles.replaceDirectory(epochStaged, dir.resolve(String.format(Locale.ROOT, "epoch-%04d", epoch)));
                pruneEpochs(dir);
            }
            AtomicFiles.replaceDirectory(staged, dir.resolve("last"));
            staged = null;
            if (improved) {
                exportModel(stats, metrics);
            }
            Json.writeJson(out.resolve(HISTORY), history);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint in " + dir + ": " + e.getMessage(), e);
        } finally {
            if (staged != null) {
                try {
                    AtomicFiles.deleteRecursively(staged);
                } catch (IOException ignored) {
                    // hidden temporary folder
                }
            }
        }
    }

    private Path stage(Path dir, CheckpointState s) {
        Path staged = dir.resolve(".staging-" + System.nanoTime());
        try {
            Files.createDirectories(staged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ModelDirectory.saveWeights(staged.resolve(ModelDirectory.WEIGHTS), block);
        AtomicFiles.write(staged.resolve(OPTIMIZER_FILE), optimizer::save);
        Json.writeJson(staged.resolve(CheckpointState.FILE_NAME), s);
        return staged;
    }

    private static Path copyStaged(Path staged, Path dir) throws IOException {
        Path copy = dir.resolve(".staging-" + System.nanoTime());
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(staged)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private void pruneEpochs(Path dir) throws IOException {
        List<Path> epochs;
        try (Stream<Path> s = Files.list(dir)) {
            epochs = s.filter(p -> EPOCH_DIR.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        for (int i = 0; i < epochs.size() - config.keepLast(); i++) {
            AtomicFiles.deleteRecursively(epochs.get(i));
        }
    }

    private void exportModel(EpochStats stats, SegmentationMetrics metrics) {
        if (manifest == null) {
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", stats.epoch());
        m.put("global_step", stats.globalStep());
        m.put("train_loss", nullIfNaN(stats.trainLoss()));
        if (metrics != null) {
            m.put("val_loss", stats.valLoss());
            m.put("mIoU", nullIfNaN(metrics.meanIoU()));
            m.put("pixel_accuracy", nullIfNaN(metrics.pixelAccuracy()));
            m.put("mean_class_accuracy", nullIfNaN(metrics.meanClassAccuracy()));
            m.put("frequency_weighted_iou", nullIfNaN(metrics.frequencyWeightedIoU()));
            m.put("mean_f1", nullIfNaN(metrics.meanF1()));
            Map<String, Object> perClass = new LinkedHashMap<>();
            for (int c = 0; c < metrics.iou().length; c++) {
                String name = manifest.classes() != null && c < manifest.classes().numClasses()
                        ? manifest.classes().name(c) : String.valueOf(c);
                perClass.put(name, nullIfNaN(metrics.iou()[c]));
            }
            m.put("per_class_iou", perClass);
        }
        ModelManifest.Provenance p = manifest.provenance();
        ModelManifest.Provenance filled = new ModelManifest.Provenance(
                p == null ? null : p.seg4jVersion(),
                p == null ? null : p.djlVersion(),
                p == null ? null : p.engineVersion(),
                p == null ? null : p.gitCommit(),
                config.seed(),
                p == null ? null : p.datasetFingerprint(),
                Instant.now().toString(),
                config.toMap());
        Map<String, Object> noNulls = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                noNulls.put(k, v);
            }
        });
        ModelManifest full = new ModelManifest(manifest.formatVersion(), manifest.model(), manifest.classes(),
                manifest.preprocessing(), filled, noNulls);
        ModelDirectory.save(out, full, block);
    }

    private void printSummary(EpochStats s) {
        if (log == null) {
            return;
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "epoch %d/%d%s  train loss %.4f", s.epoch(), config.epochs(),
                s.partial() ? " (partial)" : "", s.trainLoss()));
        if (s.validated()) {
            b.append(String.format(Locale.ROOT, "  val loss %s  val mIoU %s  pixel acc %s", fmt(s.valLoss()),
                    fmt(s.valMIoU()), fmt(s.pixelAccuracy())));
        }
        b.append(String.format(Locale.ROOT, "  lr %.2e  %.1f img/s  %s", s.lr(), s.imagesPerSecond(),
                ProgressReporter.formatSeconds(s.seconds())));
        if (bestEpoch == s.epoch()) {
            b.append("  *best*");
        }
        log.println(b);
        log.flush();
    }

    private static String fmt(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
    }

    // ------------------------------------------------------------------ builder

    /** Builder of a trainer. */
    public static final class Builder {
        private Block block;
        private BatchProvider train;
        private BatchProvider validation;
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

        private Builder() {}

        /** The network; initialised for the crop size when it is not yet. */
        public Builder block(Block v) { block = v; return this; }
        /** Training batches (crops). */
        public Builder trainData(BatchProvider v) { train = v; return this; }
        /** Validation batches (full-size images), optional. */
        public Builder validationData(BatchProvider v) { validation = v; return this; }
        public Builder config(TrainConfig v) { config = v; return this; }
        /** Class weights for the loss; overrides {@code config.classWeights()}. */
        public Builder classWeights(float[] v) { classWeights = v == null ? null : v.clone(); return this; }
        public Builder outputDir(Path v) { outputDir = v; return this; }
        /** Template of the exported model's manifest (metrics and provenance are filled in). */
        public Builder manifest(ModelManifest v) { manifest = v; return this; }
        /** Number of classes; defaults to the manifest's. */
        public Builder numClasses(int v) { numClasses = v; return this; }
        /** Continue from {@code checkpoints/last} of the output folder. */
        public Builder resume(boolean v) { resume = v; return this; }
        public Builder listener(TrainingListener v) { listeners.add(v); return this; }
        /** Where progress and epoch summaries go (default {@code System.err}); {@code null} for silence. */
        public Builder log(PrintStream v) { log = v; return this; }
        /** {@code auto} (bar on a terminal, lines otherwise), {@code bar}, {@code lines} or {@code off}. */
        public Builder progress(String mode) {
            progressMode = ProgressReporter.Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
            return this;
        }
        /** Parent manager for parameters created here and the optimizer state (default: a new base manager). */
        public Builder manager(NDManager v) { manager = v; return this; }

        public SegmentationTrainer build() {
            return new SegmentationTrainer(this);
        }
    }
}
