package org.seg4j.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.ClassStatistics;
import org.seg4j.data.SampleSource;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.sampling.SamplingMode;
import org.seg4j.data.sampling.SamplingSummary;
import org.seg4j.metric.report.TrainingCurves;
import org.seg4j.metric.report.TrainingCurvesPlot;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.metric.video.FlowEstimator;
import org.seg4j.model.TemporalOptions;
import org.seg4j.model.WeightTransfer;
import org.seg4j.train.loader.BatchLoader;
import org.seg4j.train.loader.ClipFrames;
import org.seg4j.transform.CameraMotion;
import org.seg4j.transform.ColorJitter;
import org.seg4j.transform.GaussianNoise;
import org.seg4j.transform.Normalization;
import org.seg4j.transform.TransformPipeline;
import org.seg4j.util.BuildInfo;

/**
 * A complete training run from data sets and a {@link TrainConfig}: builds the loaders and their
 * augmentation, the network from the registry, the class weights and the model manifest, then
 * runs a {@link SegmentationTrainer}. The CLI's {@code train} and {@code quickstart} are thin
 * layers over it; applications can call it directly.
 */
public final class TrainingRun {

    /** Architecture used when the configuration names none. */
    public static final String DEFAULT_MODEL = "unet";

    private final SampleSource train;
    private final SampleSource validation;
    private final TrainConfig config;
    private final Path outputDir;
    private final String datasetFingerprint;
    private final Map<String, String> modelOptions;
    private final float[] classWeights;
    private final boolean resume;
    private final PrintStream log;
    private final List<TrainingListener> listeners;
    private final Path initialWeights;
    private final Path initModel;
    private final java.util.function.Supplier<FlowEstimator> flow;

    private TrainingRun(Builder b) {
        this.train = b.train;
        this.validation = b.validation;
        this.config = b.config;
        this.outputDir = b.outputDir;
        this.datasetFingerprint = b.datasetFingerprint;
        this.modelOptions = Map.copyOf(b.modelOptions);
        this.classWeights = b.classWeights;
        this.resume = b.resume;
        this.log = b.log;
        this.listeners = List.copyOf(b.listeners);
        this.initialWeights = b.initialWeights;
        this.initModel = b.initModel;
        this.flow = b.flow;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The network's structure as this run builds it. */
    public ModelSpec modelSpec() {
        String arch = config.model() == null || config.model().isBlank() ? DEFAULT_MODEL : config.model();
        Map<String, String> options = new java.util.TreeMap<>(config.modelOptions());
        options.putAll(modelOptions);
        return new ModelSpec(arch, config.encoder(), train.classes().numClasses(), config.baseWidth(), options);
    }

    /** Trains, writing checkpoints, history, curves and the best model into the output folder. */
    public TrainResult fit() {
        ClassMeta classes = train.classes();
        ModelSpec spec = modelSpec();
        // masks read from files: warn when they look misread (weak labels are void-heavy by design)
        ClassStatistics statistics = log != null && train instanceof SegmentationDataset
                ? ClassStatistics.of(train) : null;
        if (statistics != null) {
            statistics.warnings(ClassStatistics.DEFAULT_MAX_VOID).forEach(w -> log.println("seg4j: warning: " + w));
        }
        float[] weights = classWeights != null ? classWeights
                : ClassWeights.resolve(config, train, classes.numClasses(), statistics);
        if (weights != null && log != null) {
            log.println("seg4j: class weights " + ClassWeights.describe(weights, classes));
        }
        Normalization norm = config.normalization();
        double[] sampleWeights = sampleWeights();
        ClipFrames clips = clips(spec);
        try (BatchLoader trainLoader = TrainingLoaders.training(train, config, norm)
                        .optClips(clips)
                        .optSampleWeights(sampleWeights)
                        .optDropLast(train.size() >= config.batchSize())
                        .build();
                BatchLoader valLoader = validation == null ? null
                        : TrainingLoaders.validation(validation, config, norm).build()) {
            Block block = ModelRegistry.create(spec);
            // The network's parameters, gradients and optimizer state all live under this manager:
            // the run owns the block, so everything it allocated is freed when fit() returns.
            try (NDManager manager = NDManager.newBaseManager()) {
                if (initialWeights != null || initModel != null) {
                    ModelDirectory.initialize(block, manager, config.cropHeight(), config.cropWidth());
                }
                if (initialWeights != null) {
                    ModelDirectory.loadWeights(initialWeights, block, manager);
                }
                if (initModel != null) {
                    startFromModel(block, spec, classes);
                }
                return trainer(block, manager, trainLoader, valLoader, weights, spec, classes, norm).fit();
            }
        }
    }

    /**
     * Video training ({@code clip_length > 0}): how each training sample becomes a clip; {@code null}
     * for single images. A clip length needs a temporal network, the other way round a temporal
     * network trains on clips only (on single images its memory would never see a second frame).
     */
    private ClipFrames clips(ModelSpec spec) {
        boolean temporal = TemporalOptions.isTemporal(spec);
        if (config.clipLength() == 0) {
            if (temporal) {
                throw new Seg4jException("a temporal model (model option temporal) trains on clips: set clip_length (seg4j "
                        + "train --task video --clip-length N)");
            }
            return null;
        }
        if (!temporal) {
            throw new Seg4jException("clip_length " + config.clipLength() + " needs a temporal model: model option "
                    + "temporal: convgru or fusion (seg4j train --task video sets it)");
        }
        boolean warp = TemporalOptions.warpsWithFlow(spec);
        boolean consistency = config.temporalConsistency() > 0;
        boolean flows = warp || consistency;
        boolean neighbours = config.clipSource().equals("neighbours");
        if (flows && neighbours && flow == null) {
            throw new Seg4jException((warp ? "model option " + TemporalOptions.WARP + ": flow" : "temporal_consistency")
                    + " with clip_source neighbours needs an optical flow estimator: add seg4j-opencv "
                    + "(org.seg4j.opencv.FarnebackFlow) and pass it to TrainingRun.Builder.optFlow (seg4j train does)");
        }
        ClipFrames clips = neighbours
                ? (flows ? ClipFrames.neighbours(config.clipLength(), train, flow.get())
                        : ClipFrames.neighbours(config.clipLength(), train))
                : ClipFrames.synthetic(config.clipLength(), CameraMotion.DEFAULT, flows);
        double jitter = config.clipFrameJitter();
        if (jitter > 0) {
            clips = ClipFrames.withFrameChanges(clips, TransformPipeline.of(
                    new ColorJitter(jitter, jitter, jitter, 0), new GaussianNoise(jitter / 4)));
        }
        if (log != null) {
            String along = neighbours && flows ? "the estimated flow (" + flow.get().describe() + ")"
                    : "the camera's exact flow";
            log.println("seg4j: video training on clips of " + config.clipLength() + " frames ("
                    + config.clipSource() + "), " + config.batchSize() + " clips per batch; loss on every labelled "
                    + "frame, back-propagation through the whole clip"
                    + (warp ? "; memory warped along " + along : "")
                    + (consistency ? "; temporal consistency loss (weight " + java.math.BigDecimal.valueOf(
                            config.temporalConsistency()).stripTrailingZeros().toPlainString()
                            + ") between consecutive frames aligned by " + along : "")
                    + (jitter > 0 ? "; each frame jittered on its own (strength " + java.math.BigDecimal.valueOf(
                            jitter).stripTrailingZeros().toPlainString() + ")" : ""));
        }
        return clips;
    }

    /** Copies the fine-tuning start's weights into {@code block} and says what was copied. */
    private void startFromModel(Block block, ModelSpec spec, ClassMeta classes) {
        try (ModelDirectory.LoadedModel source = ModelDirectory.load(initModel)) {
            WeightTransfer.Report report = WeightTransfer.fromModel(source, initModel, block, spec);
            if (log != null) {
                log.println("seg4j: fine-tuning from " + initModel + ": " + report.describe());
                if (TemporalOptions.isTemporal(spec) && !TemporalOptions.isTemporal(source.manifest().model())) {
                    log.println(TemporalOptions.isFusion(spec)
                            ? "seg4j: the output memory starts as a moving average of " + initModel
                                    + "'s probabilities with weight " + TemporalOptions.blend(spec)
                                    + " on each new frame; a clip's first frame is predicted as " + initModel + " does"
                            : "seg4j: the temporal memory starts as the identity: before training, this model "
                                    + "predicts every frame as " + initModel + " does");
                }
                logDifferences(source.manifest(), classes);
            }
        }
    }

    /** Notes where the fine-tuning start was trained on other classes or at another input scale. */
    private void logDifferences(ModelManifest start, ClassMeta classes) {
        List<String> before = start.classes().names();
        if (!before.equals(classes.names()) && before.size() == classes.numClasses()) {
            log.println("seg4j: note: the model's classes " + before + " differ from this data's "
                    + classes.names() + "; its classifier is kept, class by position");
        }
        if (start.preprocessing().scale() != config.inputScale()) {
            log.println("seg4j: note: the model was trained at input scale " + start.preprocessing().scale()
                    + ", this run uses " + config.inputScale() + " (--scale)");
        }
    }

    private SegmentationTrainer trainer(Block block, NDManager manager, BatchLoader trainLoader,
            BatchLoader valLoader, float[] weights, ModelSpec spec, ClassMeta classes, Normalization norm) {
        SegmentationTrainer.Builder trainer = SegmentationTrainer.builder()
                .setBlock(block)
                .optManager(manager)
                .setTrainData(trainLoader)
                .optValidationData(valLoader)
                .optValidationSamples(validation)
                .setConfig(config)
                .optClassWeights(weights)
                .setOutputDir(outputDir)
                .optManifest(manifest(spec, classes, norm))
                .optResume(resume)
                .optLog(log)
                .addListener(curvesPlotter());
        listeners.forEach(trainer::addListener);
        return trainer.build();
    }

    /** Per-image weights of class-aware sampling, or {@code null} for uniform epochs. */
    private double[] sampleWeights() {
        double[] w = TrainingLoaders.sampleWeights(train, config);
        if (w != null && log != null) {
            log.println("seg4j: " + SamplingSummary.describe(SamplingMode.parse(config.sampling()), w, train));
        }
        return w;
    }

    private ModelManifest manifest(ModelSpec spec, ClassMeta classes, Normalization norm) {
        var pre = new ModelManifest.Preprocessing(
                config.cropHeight(), config.cropWidth(), norm, config.inputScale(), null);
        var provenance = new ModelManifest.Provenance(BuildInfo.version(), BuildInfo.djlVersion(),
                BuildInfo.engineVersion(), BuildInfo.gitCommit(), config.seed(), datasetFingerprint,
                OffsetDateTime.now().toString(), config.toMap());
        // the manifest's task is what the network outputs: a video model's are semantic logits (its
        // memory is in the model spec, model option temporal)
        return new ModelManifest(ModelManifest.FORMAT_VERSION, spec, classes, pre, provenance, Map.of())
                .withTask(TrainConfig.TASK_PANOPTIC.equals(config.task()) ? ModelManifest.TASK_PANOPTIC : null);
    }

    /** Redraws {@code curves.png} after every epoch. */
    private TrainingListener curvesPlotter() {
        return new TrainingListener() {
            @Override
            public void onEpochEnd(EpochStats stats, org.seg4j.metric.SegmentationMetrics v, List<EpochStats> history) {
                List<Integer> epochs = new ArrayList<>();
                List<Double> loss = new ArrayList<>();
                List<Double> valLoss = new ArrayList<>();
                List<Double> miou = new ArrayList<>();
                List<Double> acc = new ArrayList<>();
                for (EpochStats e : history) {
                    epochs.add(e.epoch());
                    loss.add(e.trainLoss());
                    valLoss.add(orNaN(e.valLoss()));
                    miou.add(orNaN(e.valMIoU()));
                    acc.add(orNaN(e.pixelAccuracy()));
                }
                TrainingCurvesPlot.write(outputDir.resolve(TrainingCurvesPlot.FILE_NAME),
                        new TrainingCurves(epochs, loss, valLoss, miou, acc));
            }
        };
    }

    private static double orNaN(Double d) {
        return d == null ? Double.NaN : d;
    }

    /** Builder: training data, configuration and output folder are required. */
    public static final class Builder {
        private SampleSource train;
        private SampleSource validation;
        private TrainConfig config;
        private Path outputDir;
        private String datasetFingerprint = "";
        private Map<String, String> modelOptions = Map.of();
        private float[] classWeights;
        private boolean resume;
        private PrintStream log = System.err;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Path initialWeights;
        private Path initModel;
        private java.util.function.Supplier<FlowEstimator> flow;

        public Builder setTrainData(SampleSource v) { train = v; return this; }
        public Builder setConfig(TrainConfig v) { config = v; return this; }
        public Builder setOutputDir(Path v) { outputDir = v; return this; }
        public Builder optValidationData(SampleSource v) { validation = v; return this; }
        public Builder optDatasetFingerprint(String v) { datasetFingerprint = v == null ? "" : v; return this; }
        /** Model options on top of the configuration's {@code model_options}, key by key. */
        public Builder optModelOptions(Map<String, String> v) { modelOptions = v == null ? Map.of() : v; return this; }
        /** Explicit class weights, overriding the configuration's weighting. */
        public Builder optClassWeights(float[] v) { classWeights = v == null ? null : v.clone(); return this; }
        public Builder optResume(boolean v) { resume = v; return this; }
        public Builder optLog(PrintStream v) { log = v; return this; }
        public Builder addListener(TrainingListener v) { listeners.add(v); return this; }
        /** Start from these weights (a {@code weights.params} of the same architecture) instead of random ones. */
        public Builder optInitialWeights(Path v) { initialWeights = v; return this; }
        /**
         * Fine-tune: start from the weights of the exported model in this folder. The run must build
         * the same architecture, encoder and width; arrays whose shape differs (the classifier, when
         * the class count changes) start fresh.
         */
        public Builder optInitModel(Path v) { initModel = v; return this; }
        /**
         * The optical flow for video training of a motion-compensated memory (model option {@code
         * temporal_warp: flow}) or with {@code temporal_consistency} on {@code clip_source neighbours},
         * asked for only then (synthetic clips know their camera's exact flow); seg4j-opencv's {@code
         * FarnebackFlow::defaults}.
         */
        public Builder optFlow(java.util.function.Supplier<FlowEstimator> v) { flow = v; return this; }

        public TrainingRun build() {
            if (train == null || config == null || outputDir == null) {
                throw new IllegalStateException("training data, config and output folder are required");
            }
            if (validation != null && !validation.classes().names().equals(train.classes().names())) {
                throw new org.seg4j.Seg4jException("validation classes " + validation.classes().names()
                        + " differ from training classes " + train.classes().names());
            }
            if (initModel != null && (resume || initialWeights != null)) {
                throw new org.seg4j.Seg4jException("a fine-tuning start (" + initModel + ") cannot be combined with "
                        + (resume ? "resuming a run, which continues from its own checkpoint" : "other initial weights"));
            }
            return new TrainingRun(this);
        }
    }
}
