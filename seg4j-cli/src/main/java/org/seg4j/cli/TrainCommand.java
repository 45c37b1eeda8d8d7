package org.seg4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seg4j.Seg4jException;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.boxes.BoxLabels;
import org.seg4j.infer.region.RegionRuntime;
import org.seg4j.data.instance.InstanceSamples;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.TemporalOptions;
import org.seg4j.model.instance.maskrcnn.MaskRcnnDirectory;
import org.seg4j.model.decoder.panoptic.PanopticDeepLab;
import org.seg4j.train.TrainConfig;
import org.seg4j.train.TrainResult;
import org.seg4j.train.TrainingRun;
import org.seg4j.train.cv.GroupSplit;
import org.seg4j.train.profile.StepProfiler;
import org.seg4j.train.region.RegionTrainOptions;
import org.seg4j.train.region.RegionTraining;
import org.seg4j.train.weak.BoxSupervisedTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seg4j train}: train a model on a labelled data set. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a segmentation model. Settings come from --config (YAML) and the options below "
                + "(options win); the resolved configuration is saved as <out>/config.yaml.")
final class TrainCommand implements Callable<Integer> {

    /** Frames per clip of {@code --task video} when neither --clip-length nor the configuration sets it. */
    static final int VIDEO_CLIP_LENGTH = TrainConfig.DEFAULT_CLIP_LENGTH;

    @Mixin
    DataOptions data;

    @Option(names = "--out", required = true, description = "Run folder: checkpoints, history, curves, model.")
    Path out;

    @Option(names = "--config", description = "YAML training configuration.")
    Path config;

    @Option(names = "--task", description = "semantic, panoptic (a class per pixel plus an instance per thing "
            + "pixel: --model panoptic-deeplab on data with instances/ beside masks/, e.g. seg4j synth --instances) "
            + "or video: a temporal model (a memory chosen by --temporal-memory) trained on clips of --clip-length "
            + "frames (with --init, the network starts from the per-frame model), or instance (--model mask-rcnn on data with "
            + "instances/); default: panoptic for panoptic-deeplab, instance for mask-rcnn, else semantic.")
    String task;

    @Option(names = "--model", description = "Architecture (see seg4j models; default unet), 'mask-rcnn' (--task "
            + "instance; --width is its backbone's stem width), or 'regions' for the "
            + "region-based method (selective search + encoder features + linear SVMs; docs/models.md).")
    String model;

    @Option(names = "--encoder", description = "Encoder name (default: the architecture's).")
    String encoder;

    @Option(names = "--width", description = "Base channel width (smaller is faster).")
    Integer width;

    @Option(names = "--model-option", paramLabel = "KEY=VALUE", description = "Architecture or encoder option, "
            + "repeatable, e.g. --model-option output_stride=8 (seg4j models --options NAME lists them); "
            + "on top of the configuration's model_options.")
    Map<String, String> modelOptions = new LinkedHashMap<>();

    @Option(names = "--epochs", description = "Number of epochs.")
    Integer epochs;

    @Option(names = "--batch-size", description = "Training batch size.")
    Integer batchSize;

    @Option(names = "--crop", description = "Training crop HxW, e.g. 256x256 or 192x256.")
    String crop;

    @Option(names = "--scale", description = "Input scale: train and predict on images resized by this factor.")
    Double scale;

    @Option(names = "--lr", description = "Peak learning rate.")
    Double lr;

    @Option(names = "--optimizer", description = "adam, adamw or sgd.")
    String optimizer;

    @Option(names = "--schedule", description = "constant, poly or cosine.")
    String schedule;

    @Option(names = "--warmup", description = "Linear warm-up steps.")
    Long warmup;

    @Option(names = "--ema-decay", description = "Validate and export an exponential moving average of the "
            + "weights with this decay, e.g. 0.995 (0 = off).")
    Double emaDecay;

    @Option(names = "--norm-decay-mult", description = "Weight decay multiplier of normalisation-layer scales "
            + "and shifts (norm_decay_mult; default 1, 0 = no decay).")
    Double normDecayMult;

    @Option(names = "--bias-decay-mult", description = "Weight decay multiplier of biases (bias_decay_mult; "
            + "default 1, 0 = no decay).")
    Double biasDecayMult;

    @Option(names = "--freeze-encoder", paramLabel = "EPOCHS", description = "Freeze the encoder (no update, "
            + "no weight decay) for the first EPOCHS epochs, then train it too; for fine-tuning with --init "
            + "(freeze_encoder; default 0).")
    Integer freezeEncoder;

    @Option(names = "--class-weights",
            description = "none, median-frequency, inverse-sqrt, or a YAML file with class_weights: [...].")
    String classWeights;

    @Option(names = "--sampling", description = "Epoch sampling: none, repeat-factor, or class-balanced "
            + "(alias class-aware) to draw images with rare classes more often.")
    String sampling;

    @Option(names = "--seed", description = "Random seed.")
    Long seed;

    @Option(names = "--time-budget", description = "Stop cleanly after this much training time, e.g. 60m or 1h30m "
            + "(counted over --resume sessions); the schedule spans the steps that fit it.")
    String timeBudget;

    @Option(names = "--steps", description = "Train exactly this many steps (the schedule spans them; --epochs and "
            + "the config's time budget are then unused unless --time-budget is given too). A budgeted run's "
            + "steps_taken (summary.json) reruns its length on any machine.")
    Long steps;

    @Option(names = "--keep-last", description = "Number of per-epoch checkpoints kept.")
    Integer keepLast;

    @Option(names = "--workers", description = "Loader threads.")
    Integer workers;

    @Option(names = "--train-split", defaultValue = "train", description = "Training split (default: ${DEFAULT-VALUE}).")
    String trainSplit;

    @Option(names = "--val-split", defaultValue = "val",
            description = "Validation split, or 'none' (default: ${DEFAULT-VALUE}).")
    String valSplit;

    @Mixin
    GroupByOption groupBy = new GroupByOption();

    @Option(names = "--val-groups", split = ",", paramLabel = "GROUP", description = "Hold out these groups of the "
            + "training split as the validation set, instead of --val-split (e.g. --val-groups 0016E5).")
    List<String> valGroups;

    @Option(names = "--train-groups", split = ",", paramLabel = "GROUP",
            description = "Train only on these groups of the training split.")
    List<String> trainGroups;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
    boolean resume;

    @Option(names = "--init", paramLabel = "MODEL_DIR", description = "Fine-tune: start from the weights of this "
            + "exported model (a run folder from seg4j train). The network is the model's own; when the class count "
            + "differs, the classifier starts fresh.")
    Path init;

    @Option(names = "--box-labels", description = "Train from bounding boxes only (JSON, see seg4j data boxes): "
            + "masks are made from the boxes, then refined by the model itself for --box-rounds rounds.")
    Path boxLabels;

    @Option(names = "--box-rounds", defaultValue = "3",
            description = "Box supervision: training rounds sharing the epochs (default: ${DEFAULT-VALUE}).")
    int boxRounds;

    @Option(names = "--box-refine", defaultValue = "colour",
            description = "Box supervision: initial masks by 'colour' (box filling + colour model) or 'fill'.")
    String boxRefine;

    @Option(names = "--clip-length", description = "Video: frames per training clip, the span of back-propagation "
            + "through time (clip_length; default " + VIDEO_CLIP_LENGTH + " with --task video).")
    Integer clipLength;

    @Option(names = "--clip-source", description = "Video: synthetic (a moving camera over each labelled image) or "
            + "neighbours (consecutive labelled frames of a sequence named SEQUENCE_NUMBER) (clip_source; default "
            + "synthetic).")
    String clipSource;

    @Option(names = "--temporal-memory", description = "Video: convgru (a ConvGRU between encoder and decoder, "
            + "starting as the identity) or fusion (a learned blend of each frame's class probabilities with the "
            + "previous frame's, starting as a moving average with weight temporal_blend, default 0.15, on the new "
            + "frame). Model option temporal; default convgru.")
    String temporalMemory;

    @Option(names = "--temporal-warp", description = "Video: none, or flow to warp the memory's state along the "
            + "optical flow before each update (GRFP): the synthetic camera's exact flow, or Farneback's on "
            + "--clip-source neighbours. Saved in the model (model option temporal_warp), so predict and eval "
            + "--temporal use it by default.")
    String temporalWarp;

    @Option(names = "--temporal-consistency", paramLabel = "WEIGHT", description = "Video: weight of a temporal "
            + "consistency loss (Liu et al. 2020): each frame's class probabilities should match the previous "
            + "frame's warped along the flow (the synthetic camera's exact flow, or Farneback's on --clip-source "
            + "neighbours); rewards a memory that keeps predictions steady (temporal_consistency; default 0, off).")
    Double temporalConsistency;

    @Option(names = "--profile-steps", paramLabel = "N", description = "Record N training steps, after the first "
            + "5, with libtorch's profiler: <out>/profile/trace.json (Chrome trace) and operators.md (operators by "
            + "self time). The run itself is unchanged.")
    Integer profileSteps;

    @Option(names = "--set", description = "Any configuration key, e.g. --set rotation=10 --set loss=ce+dice.")
    Map<String, String> set = new LinkedHashMap<>();

    @Override
    public Integer call() {
        TrainConfig cfg = resolveConfig();
        StepProfiler profiler = profiler(cfg);
        SegmentationDataset split = data.open(trainSplit, null, boxLabels == null);
        if (!cfg.valGroups().isEmpty() && !"val".equals(valSplit)) {
            throw new Seg4jException("--val-groups takes the validation set from the training split; --val-split "
                    + valSplit + " cannot be used with it");
        }
        GroupSplit groups = GroupSplit.of(split, () -> "none".equalsIgnoreCase(valSplit) ? null
                : data.open(valSplit, split.classes()), cfg);
        if (groups.groups() != null) {
            System.err.println("seg4j: " + groups.groups());
        }
        SegmentationDataset train = groups.train();
        SegmentationDataset val = groups.validation();
        boolean panoptic = TrainConfig.TASK_PANOPTIC.equals(cfg.task());
        if (panoptic && boxLabels != null) {
            throw new Seg4jException("--box-labels trains a semantic model; it cannot be used with --task panoptic");
        }
        System.err.printf(Locale.ROOT, "seg4j: training %s on %d images (%s)%s -> %s%n",
                cfg.model() == null ? TrainingRun.DEFAULT_MODEL : cfg.model(), train.size(), trainSplit
                        + (cfg.trainGroups().isEmpty() ? "" : " groups " + String.join(", ", cfg.trainGroups())),
                val == null ? "" : ", validating on " + val.size() + " (" + (cfg.valGroups().isEmpty() ? valSplit
                        : trainSplit + " groups " + String.join(", ", cfg.valGroups())) + ")", out);
        if (TrainConfig.TASK_INSTANCE.equals(cfg.task())) {
            if (boxLabels != null) {
                throw new Seg4jException("--box-labels trains a semantic model; it cannot be used with --task instance");
            }
            return MaskRcnnRuns.train(cfg, train, out, resume, init);
        }
        if (RegionRuntime.NAME.equalsIgnoreCase(cfg.model())) {
            return trainRegions(cfg, train, val);
        }
        if (boxLabels != null) {
            System.out.println(summary(boxSupervised(cfg, train, val)));
            return 0;
        }
        TrainingRun.Builder run = TrainingRun.builder()
                .setTrainData(panoptic ? InstanceSamples.of(train) : train)
                // validation scores the semantic head: the plain split is enough
                .optValidationData(val)
                .setConfig(cfg)
                .setOutputDir(out)
                .optDatasetFingerprint(train.fingerprint())
                .optResume(resume)
                .optInitModel(init)
                .optFlow(org.seg4j.opencv.FarnebackFlow::defaults);
        if (profiler != null) {
            run.addListener(profiler);
        }
        TrainResult result = run.build().fit();
        System.out.println(summary(result));
        return 0;
    }

    /** The profiler {@code --profile-steps} asks for, or {@code null}; checked before any data is read. */
    private StepProfiler profiler(TrainConfig cfg) {
        if (profileSteps == null) {
            return null;
        }
        if (boxLabels != null || TrainConfig.TASK_INSTANCE.equals(cfg.task())
                || RegionRuntime.NAME.equalsIgnoreCase(cfg.model())) {
            throw new Seg4jException("--profile-steps profiles semantic, panoptic and video training; it cannot be used"
                    + " with --box-labels, --task instance or --model regions");
        }
        return StepProfiler.builder().setOutputDir(out.resolve("profile")).setSteps(profileSteps).build();
    }

    /**
     * {@code --model regions}: no network training; the SVMs of the region-based method on the
     * features of a fresh encoder or of {@code --init}'s.
     */
    private int trainRegions(TrainConfig cfg, SegmentationDataset train, SegmentationDataset val) {
        if (resume || boxLabels != null) {
            throw new Seg4jException((resume ? "--resume" : "--box-labels") + " is not supported with --model regions");
        }
        Map<String, String> opts = new LinkedHashMap<>();
        cfg.modelOptions().forEach((k, v) -> opts.put(k, String.valueOf(v)));
        RegionTrainOptions options = RegionTrainOptions.parse(opts);
        RegionTraining.Result r = RegionTraining.builder()
                .setTrainData(train)
                .optValidationData(val)
                .setOutputDir(out)
                .optInitModel(init)
                .optEncoderNetwork(new ModelSpec(options.encoderNetwork(), encoder == null ? "" : encoder, 1,
                        width == null ? 16 : width, Map.of()))
                .optOptions(options)
                .optSeed(cfg.seed())
                .optDatasetFingerprint(train.fingerprint())
                .build()
                .fit();
        System.out.println(String.format(Locale.ROOT, "trained region SVMs on %d regions of %d images in %.1f s%s; "
                + "model: %s", r.regions(), r.images(), r.seconds(), r.validation() == null ? ""
                        : String.format(Locale.ROOT, "; val mIoU %.4f", r.validation().meanIoU()), r.outputDir()));
        return 0;
    }

    private TrainResult boxSupervised(TrainConfig cfg, SegmentationDataset train, SegmentationDataset val) {
        if (resume || init != null) {
            throw new Seg4jException((resume ? "--resume" : "--init") + " is not supported with --box-labels");
        }
        if (!boxRefine.equals("colour") && !boxRefine.equals("color") && !boxRefine.equals("fill")) {
            throw new Seg4jException("--box-refine must be 'colour' or 'fill', got '" + boxRefine + "'");
        }
        return BoxSupervisedTraining.builder()
                .setTrainData(train)
                .optValidationData(val)
                .setConfig(cfg)
                .setBoxes(BoxLabels.read(boxLabels))
                .setOutputDir(out)
                .optRounds(boxRounds)
                .optRefine(!boxRefine.equals("fill"))
                .optDatasetFingerprint(train.fingerprint())
                .build()
                .fit();
    }

    /** The configuration: the run's own on resume, else --config, then the options on top. */
    TrainConfig resolveConfig() {
        Path source = config;
        if (source == null && resume && Files.isRegularFile(out.resolve(TrainConfig.FILE_NAME))) {
            source = out.resolve(TrainConfig.FILE_NAME);
        }
        TrainConfig base = source == null ? TrainConfig.defaults() : TrainConfig.read(source);
        Map<String, Object> o = new LinkedHashMap<>(set);
        if (init != null) {
            if (resume) {
                throw new Seg4jException("--init starts a new run from another model; --resume continues the run in "
                        + out + " from its own checkpoint: give one of them");
            }
            inheritNetwork(base, o, ModelDirectory.readManifest(init).model());
        }
        put(o, "model", model);
        put(o, "encoder", encoder);
        String arch = model != null ? model : o.containsKey("model") ? o.get("model").toString() : base.model();
        put(o, "task", task != null ? task : o.containsKey("task") ? null
                : PanopticDeepLab.NAME.equals(arch) ? TrainConfig.TASK_PANOPTIC
                : MaskRcnnDirectory.ARCHITECTURE.equals(arch) ? TrainConfig.TASK_INSTANCE : null);
        put(o, "base_width", width);
        if (temporalWarp != null) {
            modelOptions.put(TemporalOptions.WARP, temporalWarp);
        }
        if (temporalMemory != null) {
            modelOptions.put(TemporalOptions.TEMPORAL, temporalMemory);
        }
        ModelOptionsOption.putMerged(base, o, modelOptions);
        put(o, "epochs", epochs);
        put(o, "batch_size", batchSize);
        put(o, "input_scale", scale);
        put(o, "lr", lr);
        put(o, "optimizer", optimizer);
        put(o, "schedule", schedule);
        put(o, "warmup_steps", warmup);
        put(o, "ema_decay", emaDecay);
        put(o, "norm_decay_mult", normDecayMult);
        put(o, "bias_decay_mult", biasDecayMult);
        put(o, "freeze_encoder", freezeEncoder);
        put(o, "seed", seed);
        put(o, "sampling", sampling);
        put(o, "time_budget", timeBudget);
        put(o, "steps", steps);
        if (StepsOption.overridesBudget(steps, timeBudget, set)) {
            o.put("time_budget", "none");
        }
        put(o, "keep_last", keepLast);
        put(o, "num_workers", workers);
        put(o, "group_by", groupBy.spec);
        put(o, "val_groups", valGroups);
        put(o, "train_groups", trainGroups);
        if (crop != null) {
            int[] hw = parseSize(crop);
            o.put("crop_height", hw[0]);
            o.put("crop_width", hw[1]);
        }
        put(o, "clip_length", clipLength);
        put(o, "clip_source", clipSource);
        put(o, "temporal_consistency", temporalConsistency);
        if (classWeights != null) {
            Path file = Path.of(classWeights);
            if (classWeights.endsWith(".yaml") || classWeights.endsWith(".yml") || Files.isRegularFile(file)) {
                o.put("class_weights", TrainConfig.read(file).classWeights());
                o.put("class_weighting", "explicit");
            } else {
                o.put("class_weighting", classWeights);
            }
        }
        return forTask(base.toBuilder().optValues(o).build());
    }

    /** The clip options belong to task video, which the configuration resolves (see {@link TrainConfig#task}). */
    private TrainConfig forTask(TrainConfig cfg) {
        if ((clipLength != null || clipSource != null || temporalWarp != null || temporalConsistency != null
                || temporalMemory != null) && !TrainConfig.TASK_VIDEO.equals(cfg.task())) {
            throw new Seg4jException("--clip-length, --clip-source, --temporal-memory, --temporal-warp and "
                    + "--temporal-consistency train a video model: add "
                    + "--task video (task is " + cfg.task() + ")");
        }
        return cfg;
    }

    /** Takes the network of the model to fine-tune wherever the configuration leaves it open. */
    private void inheritNetwork(TrainConfig base, Map<String, Object> o, ModelSpec spec) {
        if (model == null && !o.containsKey("model") && (base.model() == null || base.model().isBlank())) {
            o.put("model", spec.architecture());
        }
        if (encoder == null && !o.containsKey("encoder") && (base.encoder() == null || base.encoder().isBlank())
                && !spec.encoder().isEmpty()) {
            o.put("encoder", spec.encoder());
        }
        if (width == null && !o.containsKey("base_width") && base.baseWidth() == 0 && spec.baseWidth() != 0) {
            o.put("base_width", spec.baseWidth());
        }
        // The options belong to the model's own architecture and encoder: inherited with them only.
        String arch = model != null ? model : o.containsKey("model") ? o.get("model").toString() : base.model();
        String enc = encoder != null ? encoder : o.containsKey("encoder") ? o.get("encoder").toString() : base.encoder();
        if (spec.architecture().equals(arch) && spec.encoder().equals(enc == null ? "" : enc)
                && base.modelOptions().isEmpty() && !o.containsKey("model_options") && !spec.options().isEmpty()) {
            o.put("model_options", spec.options());
        }
    }

    private static void put(Map<String, Object> m, String key, Object v) {
        if (v != null) {
            m.put(key, v);
        }
    }

    /** Parses {@code 192x256} (height x width) or {@code 256} (square). */
    static int[] parseSize(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 1) {
                int s = Integer.parseInt(parts[0].trim());
                return new int[] {s, s};
            }
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new Seg4jException("--crop must be HxW (e.g. 192x256) or one number, got '" + text + "'");
    }

    static String summary(TrainResult r) {
        return String.format(Locale.ROOT, "trained %d epochs (%d steps)%s; best %s %.4f at epoch %d; model: %s",
                r.epochsCompleted(), r.globalStep(), r.stoppedByTimeBudget() ? ", stopped by the time budget"
                        : r.cancelled() ? ", cancelled" : "",
                r.bestMetricName(), r.bestMetric(), r.bestEpoch(), r.outputDir());
    }
}
