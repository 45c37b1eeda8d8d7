package org.seg4j.train;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelOptions;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.TemporalOptions;
import org.seg4j.transform.Normalization;
import org.seg4j.transform.RandomGamma;
import org.seg4j.util.Json;

/**
 * Every setting of a training run. It is read from YAML with snake_case keys (unknown keys are an
 * error that lists the valid ones), can be overridden from the command line through {@link
 * #toBuilder()}, and the resolved configuration is saved with the run ({@code config.yaml}) and
 * in the model's provenance ({@link #toMap()}).
 *
 * <pre>
 * epochs: 50
 * batch_size: 8
 * crop_height: 256
 * crop_width: 256
 * optimizer: adamw          # adam | adamw | sgd
 * lr: 0.001
 * schedule: poly            # constant | poly | cosine
 * warmup_steps: 100
 * class_weighting: none     # none | median-frequency | explicit (with class_weights: [..])
 * time_budget: 2h           # optional: 90s, 30m, 1h30m, PT2H
 * steps: 1756              # optional: exactly this many steps (e.g. a budgeted run's steps_taken)
 * </pre>
 *
 * <p>Settings marked "loader" or "model" are not read by the trainer itself; they travel with the
 * configuration so that the CLI can build the data loader and the network from one file.
 *
 * @param epochs number of epochs (not used when {@code steps} is set)
 * @param batchSize training batch size
 * @param cropHeight training crop height
 * @param cropWidth training crop width
 * @param optimizer {@code adam}, {@code adamw} or {@code sgd}
 * @param lr peak learning rate
 * @param minLr final learning rate of the poly and cosine schedules
 * @param momentum SGD momentum
 * @param nesterov SGD Nesterov momentum
 * @param weightDecay weight decay (decoupled for adamw)
 * @param gradClipNorm global gradient-norm clipping, 0 for none
 * @param emaDecay decay of an exponential moving average of the weights that is validated and exported
 *     instead of the raw weights (e.g. 0.995); 0 for none
 * @param schedule {@code constant}, {@code poly} or {@code cosine}
 * @param polyPower exponent of the poly schedule
 * @param warmupSteps linear warm-up steps
 * @param loss {@code ce}, {@code dice}, {@code ce+dice}, {@code lovasz} or {@code ce+lovasz}
 * @param classWeighting {@code none}, {@code median-frequency}, {@code inverse-sqrt} or {@code explicit}
 * @param classWeights explicit class weights (only with {@code explicit}), else {@code null}
 * @param seed random seed
 * @param validateEvery validate every N epochs (the last epoch is always validated)
 * @param keepLast number of {@code epoch-NNNN} checkpoints kept
 * @param timeBudget wall-clock training budget, counted over the run's --resume sessions; {@code null} for
 *     none. Without {@code steps}, the schedule spans the steps that fit the budget, estimated at every
 *     checkpoint from the run's speed and saved with it (see {@link RunLength}), and the run stops there or
 *     when the budget is spent, whichever comes first
 * @param valPadMultiple no longer used (validation runs the inference forward pass, and the network pads
 *     to its stride itself, as in {@code seg4j eval}); still read so that existing configs load
 * @param progressIntervalSeconds seconds between progress lines when stderr is not a terminal
 * @param hflip loader: random horizontal flips
 * @param scaleMin loader: smallest random scale factor
 * @param scaleMax loader: largest random scale factor
 * @param numWorkers loader: threads preparing batches
 * @param valBatchSize loader: validation batch size
 * @param model model: architecture name, {@code null} when given elsewhere
 * @param encoder model: encoder name, {@code null} for the default
 * @param baseWidth model: base channel width, 0 for the default
 * @param inputScale loader and model: images are resized by this factor before training and prediction
 *     (e.g. 0.5 trains CamVid at 180x240); predicted masks always come back at full resolution
 * @param rotation loader: largest random rotation in degrees (0 = none)
 * @param colorJitter loader: strength of random brightness/contrast/saturation changes (0 = none)
 * @param sampling loader: {@code none}, {@code repeat-factor} or {@code class-balanced} (alias
 *     {@code class-aware}); see {@link org.seg4j.data.sampling.SamplingMode}
 * @param repeatThreshold loader: threshold {@code t} of repeat-factor sampling, in (0, 1]
 * @param normDecayMult multiplier of the weight decay of normalisation-layer parameters (1 = full decay;
 *     default 0, chosen by an A/B on the CamVid recipe, docs/benchmarks.md)
 * @param biasDecayMult multiplier of the weight decay of biases (1 = full decay; default 0)
 * @param steps total optimizer steps of the run, 0 for {@code epochs} whole epochs; when set, the schedule
 *     spans exactly these steps, the run stops after them, and {@code epochs} is not used
 * @param modelOptions model: architecture and encoder options ({@code model_options:} in the file, e.g.
 *     {@code output_stride: 8}), checked against the model when it is registered; empty for the defaults
 * @param groupBy data: how a sample's group (a video sequence, a patient) is derived, a regular
 *     expression with one capture group on the file name or {@code csv:FILE}; {@code null} for the
 *     layout's default (the sequence for camvid); see {@link org.seg4j.data.group.GroupKey}
 * @param valGroups data: groups of the training split held out as the validation set (instead of the
 *     validation split); empty for none
 * @param trainGroups data: the groups of the training split to train on; empty for all (those not in
 *     {@code valGroups})
 * @param freezeEncoder number of first epochs during which the encoder's parameters are frozen (no
 *     update, no weight decay), 0 for none; needs an encoder-decoder model (for fine-tuning with
 *     {@code --init})
 * @param labelSmoothing loss: label smoothing of the cross-entropy term, in [0, 1) (PyTorch's
 *     {@code CrossEntropyLoss(label_smoothing=...)}, class weights included); 0 for none
 * @param blur loader: probability of a Gaussian blur of the image (sigma drawn from [0.1, 2.0]
 *     pixels, torchvision's default range); 0 for none
 * @param noise loader: largest standard deviation of additive Gaussian pixel noise, as a fraction of
 *     the 0-255 range (each image draws its own from [0, noise]); 0 for none
 * @param modelSelection which model the run folder's model directory holds: {@code best} (the best
 *     validated epoch, or the lowest training loss without validation) or {@code last} (the last
 *     epoch, whatever it scored: for scoring a recipe on data that must not choose the checkpoint)
 * @param task {@code semantic}, {@code panoptic} (a Panoptic-DeepLab network trained on data with
 *     instance annotations, with {@link PanopticLoss}) or {@code video} (a temporal network trained on
 *     clips of {@code clip_length} frames); default {@code video} when {@code clip_length} is set, else
 *     {@code semantic}
 * @param centerLossWeight panoptic: weight of the centre heat-map loss (MSE; 200 as in the paper)
 * @param offsetLossWeight panoptic: weight of the offset loss (L1 on thing pixels; 0.01 as in the paper)
 * @param clipLength task {@code video}: frames per training clip ({@value #DEFAULT_CLIP_LENGTH} when
 *     unset; 0 for the other tasks); the model option {@code temporal} defaults to {@code convgru}.
 *     {@code batch_size} then counts clips
 * @param clipSource video training: {@code synthetic} (camera motion over each labelled image, see
 *     {@link org.seg4j.transform.CameraMotion}) or {@code neighbours} (consecutive labelled frames of a
 *     sequence named {@code SEQUENCE_NUMBER})
 * @param temporalTrain video training: {@code all} (every parameter trains) or {@code memory} (only
 *     the temporal memory trains; the encoder, decoder and head keep the fine-tuning start's weights
 *     and run in inference mode, so their batch-norm statistics are not disturbed by batches of a few
 *     highly correlated clips)
 * @param temporalConsistency video training: weight of the temporal consistency loss ({@link
 *     TemporalConsistencyLoss}: consecutive frames' probabilities, aligned by the flow, should agree)
 *     added to the segmentation loss; 0 for none
 * @param clipFrameJitter video training: strength of the photometric change each frame of a clip gets
 *     on its own, on top of the clip's shared augmentation (colour jitter of this strength and
 *     Gaussian noise up to a quarter of it), as lighting, exposure and sensor noise change between
 *     the frames of a real video; 0 for none
 * @param inputNormalization loader and model: {@code fixed} (ImageNet's per-channel mean and standard
 *     deviation, the default) or {@code per-image} (each image standardised by its own per-channel
 *     statistics, which removes global brightness, contrast and colour-cast differences between
 *     images; recorded in the model's manifest, so prediction does the same)
 * @param gamma loader: range of a random gamma curve on the image, {@code 255 (x/255)^g} with
 *     {@code g} log-uniform in {@code [1/(1 + gamma), 1 + gamma]} (a curve that per-image
 *     normalisation does not undo, unlike brightness and contrast); 0 for none
 * @param copyPaste loader, task {@code semantic}: chance that a training crop receives the pixels of
 *     some classes from another crop of its batch ({@link org.seg4j.transform.ClassPaste}); 0 for none
 * @param copyPasteClasses the class names whose pixels are pasted; empty for a random half of the
 *     donor crop's classes (ClassMix); unused while {@code copyPaste} is 0
 */
public record TrainConfig(
        int epochs,
        int batchSize,
        int cropHeight,
        int cropWidth,
        String optimizer,
        double lr,
        double minLr,
        double momentum,
        boolean nesterov,
        double weightDecay,
        double gradClipNorm,
        double emaDecay,
        String schedule,
        double polyPower,
        long warmupSteps,
        String loss,
        String classWeighting,
        float[] classWeights,
        long seed,
        int validateEvery,
        int keepLast,
        Duration timeBudget,
        int valPadMultiple,
        double progressIntervalSeconds,
        boolean hflip,
        double scaleMin,
        double scaleMax,
        int numWorkers,
        int valBatchSize,
        String model,
        String encoder,
        int baseWidth,
        double inputScale,
        double rotation,
        double colorJitter,
        String sampling,
        double repeatThreshold,
        double normDecayMult,
        double biasDecayMult,
        long steps,
        Map<String, String> modelOptions,
        String groupBy,
        List<String> valGroups,
        List<String> trainGroups,
        int freezeEncoder,
        double labelSmoothing,
        double blur,
        double noise,
        String modelSelection,
        String task,
        double centerLossWeight,
        double offsetLossWeight,
        int clipLength,
        String clipSource,
        String temporalTrain,
        double temporalConsistency,
        double clipFrameJitter,
        String inputNormalization,
        double gamma,
        double copyPaste,
        List<String> copyPasteClasses) {

    /** File name of the resolved configuration inside a run folder. */
    public static final String FILE_NAME = "config.yaml";

    /** The valid keys, in file order. */
    public static final List<String> KEYS = List.of(
            "epochs", "batch_size", "crop_height", "crop_width", "optimizer", "lr", "min_lr", "momentum",
            "nesterov", "weight_decay", "grad_clip_norm", "ema_decay", "schedule", "poly_power", "warmup_steps", "loss",
            "class_weighting", "class_weights", "seed", "validate_every", "keep_last", "time_budget", "steps",
            "val_pad_multiple", "progress_interval_seconds", "hflip", "scale_min", "scale_max", "num_workers",
            "val_batch_size", "model", "encoder", "base_width", "input_scale", "rotation", "color_jitter", "sampling",
            "repeat_threshold", "norm_decay_mult", "bias_decay_mult", "model_options", "group_by", "val_groups",
            "train_groups", "freeze_encoder", "label_smoothing", "blur", "noise", "model_selection", "task",
            "center_loss_weight", "offset_loss_weight", "clip_length", "clip_source", "temporal_train",
            "temporal_consistency", "clip_frame_jitter", "input_normalization", "gamma", "copy_paste",
            "copy_paste_classes");

    /** Task {@code semantic}: a class per pixel. */
    public static final String TASK_SEMANTIC = "semantic";
    /** Task {@code panoptic}: a class per pixel and an instance per thing pixel (Panoptic-DeepLab). */
    public static final String TASK_PANOPTIC = "panoptic";
    /** Task {@code video}: a temporal network (ConvGRU memory) trained on clips of frames. */
    public static final String TASK_VIDEO = "video";
    /** Task {@code instance}: a Mask R-CNN detecting each thing instance (its own training loop). */
    public static final String TASK_INSTANCE = "instance";
    /** The values {@code task} accepts. */
    public static final List<String> TASKS = List.of(TASK_SEMANTIC, TASK_PANOPTIC, TASK_VIDEO, TASK_INSTANCE);

    /** Frames per clip of task {@code video} when {@code clip_length} is not set. */
    public static final int DEFAULT_CLIP_LENGTH = 4;

    /** The values {@code clip_source} accepts. */
    public static final List<String> CLIP_SOURCES = List.of("synthetic", "neighbours");

    /** The values {@code temporal_train} accepts. */
    public static final List<String> TEMPORAL_TRAIN = List.of("all", "memory");

    public TrainConfig {
        positive("epochs", epochs);
        positive("batch_size", batchSize);
        positive("crop_height", cropHeight);
        positive("crop_width", cropWidth);
        positive("validate_every", validateEvery);
        positive("val_pad_multiple", valPadMultiple);
        positive("val_batch_size", valBatchSize);
        if (keepLast < 0) {
            throw new Seg4jException("keep_last must not be negative, got " + keepLast);
        }
        if (numWorkers < 0) {
            throw new Seg4jException("num_workers must not be negative, got " + numWorkers);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new Seg4jException("lr must be positive, got " + lr);
        }
        if (minLr < 0 || minLr > lr) {
            throw new Seg4jException("min_lr must be in [0, lr], got " + minLr);
        }
        if (momentum < 0 || momentum >= 1) {
            throw new Seg4jException("momentum must be in [0, 1), got " + momentum);
        }
        if (weightDecay < 0 || gradClipNorm < 0 || warmupSteps < 0) {
            throw new Seg4jException("weight_decay, grad_clip_norm and warmup_steps must not be negative");
        }
        if (!(emaDecay >= 0 && emaDecay < 1)) {
            throw new Seg4jException("ema_decay must be in [0, 1) (0 = no weight averaging), got " + emaDecay);
        }
        if (!(polyPower > 0)) {
            throw new Seg4jException("poly_power must be positive, got " + polyPower);
        }
        if (!(scaleMin > 0) || scaleMax < scaleMin) {
            throw new Seg4jException("need 0 < scale_min <= scale_max, got " + scaleMin + ", " + scaleMax);
        }
        if (!(inputScale > 0) || inputScale > 4) {
            throw new Seg4jException("input_scale must be in (0, 4], got " + inputScale);
        }
        if (rotation < 0 || rotation > 180) {
            throw new Seg4jException("rotation must be in [0, 180] degrees, got " + rotation);
        }
        if (colorJitter < 0 || colorJitter > 1) {
            throw new Seg4jException("color_jitter must be in [0, 1], got " + colorJitter);
        }
        if (freezeEncoder < 0) {
            throw new Seg4jException("freeze_encoder must not be negative (0 = no freezing), got " + freezeEncoder);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new Seg4jException("label_smoothing must be in [0, 1), got " + labelSmoothing);
        }
        if (!(blur >= 0 && blur <= 1)) {
            throw new Seg4jException("blur is a probability and must be in [0, 1], got " + blur);
        }
        if (!(noise >= 0 && noise <= 1)) {
            throw new Seg4jException("noise must be in [0, 1] (a fraction of the 0-255 range), got " + noise);
        }
        if (!(gamma >= 0 && gamma <= RandomGamma.MAX_RANGE)) {
            throw new Seg4jException(String.format(Locale.ROOT, "gamma must be in [0, %.0f] (gamma curves between "
                    + "1/(1 + gamma) and 1 + gamma), got %s", RandomGamma.MAX_RANGE, gamma));
        }
        if (!(copyPaste >= 0 && copyPaste <= 1)) {
            throw new Seg4jException("copy_paste is a probability and must be in [0, 1], got " + copyPaste);
        }
        // with copy_paste 0 a class list is kept but unused, so --set copy_paste=0 switches a configured paste off
        copyPasteClasses = copyPasteClasses == null ? List.of() : List.copyOf(copyPasteClasses);
        modelSelection = norm(modelSelection, "best");
        if (!modelSelection.equals("best") && !modelSelection.equals("last")) {
            throw new Seg4jException("unknown model_selection '" + modelSelection + "'; valid: best, last");
        }
        if (clipLength < 0) {
            throw new Seg4jException("clip_length must not be negative (0 = single images), got " + clipLength);
        }
        task = norm(task, clipLength > 0 ? TASK_VIDEO : TASK_SEMANTIC);
        if (!TASKS.contains(task)) {
            throw new Seg4jException("task must be one of " + String.join(", ", TASKS) + ", got '" + task + "'");
        }
        if (!(centerLossWeight >= 0) || !(offsetLossWeight >= 0) || Double.isInfinite(centerLossWeight)
                || Double.isInfinite(offsetLossWeight)) {
            throw new Seg4jException("center_loss_weight and offset_loss_weight must be finite and >= 0, got "
                    + centerLossWeight + " and " + offsetLossWeight);
        }
        if (copyPaste > 0 && !TASK_SEMANTIC.equals(task)) {
            throw new Seg4jException("copy_paste works on semantic masks; task " + task
                    + " has instance or clip annotations that pasted pixels would not update");
        }
        if (TASK_VIDEO.equals(task)) {
            clipLength = clipLength == 0 ? DEFAULT_CLIP_LENGTH : clipLength;
            modelOptions = withTemporalModel(modelOptions);
        } else if (clipLength > 0) {
            throw new Seg4jException("clip_length " + clipLength + " trains on clips: it needs task video (--task video), but task is '"
                    + task + "'");
        }
        clipSource = clipSource == null ? "synthetic" : clipSource.trim().toLowerCase(Locale.ROOT);
        if (!CLIP_SOURCES.contains(clipSource)) {
            throw new Seg4jException("clip_source must be one of " + String.join(", ", CLIP_SOURCES) + ", got '"
                    + clipSource + "'");
        }
        temporalTrain = temporalTrain == null ? "all" : temporalTrain.trim().toLowerCase(Locale.ROOT);
        if (!TEMPORAL_TRAIN.contains(temporalTrain)) {
            throw new Seg4jException("temporal_train must be one of " + String.join(", ", TEMPORAL_TRAIN) + ", got '"
                    + temporalTrain + "'");
        }
        if (temporalTrain.equals("memory") && !TASK_VIDEO.equals(task)) {
            throw new Seg4jException("temporal_train memory trains only a temporal memory: it needs task video "
                    + "(--task video), but task is '" + task + "'");
        }
        if (!(temporalConsistency >= 0) || Double.isInfinite(temporalConsistency)) {
            throw new Seg4jException("temporal_consistency must be a finite weight >= 0, got " + temporalConsistency);
        }
        if (!(clipFrameJitter >= 0 && clipFrameJitter <= 1)) {
            throw new Seg4jException("clip_frame_jitter must be in [0, 1], got " + clipFrameJitter);
        }
        if (clipFrameJitter > 0 && !TASK_VIDEO.equals(task)) {
            throw new Seg4jException("clip_frame_jitter changes each frame of a clip: it needs task video "
                    + "(--task video), but task is '" + task + "'");
        }
        inputNormalization = inputNormalization == null ? Normalization.FIXED_NAME
                : inputNormalization.trim().toLowerCase(Locale.ROOT);
        if (!Normalization.isModeName(inputNormalization)) {
            throw new Seg4jException("input_normalization must be " + Normalization.FIXED_NAME + " or "
                    + Normalization.PER_IMAGE_NAME + ", got '" + inputNormalization + "'");
        }
        if (temporalConsistency > 0 && !TASK_VIDEO.equals(task)) {
            throw new Seg4jException("temporal_consistency compares consecutive frames of clips: it needs task video "
                    + "(--task video), but task is '" + task + "'");
        }
        if (steps < 0) {
            throw new Seg4jException("steps must not be negative (0 = run for epochs), got " + steps);
        }
        if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
            throw new Seg4jException("time_budget must be positive, got " + timeBudget);
        }
        if (!(normDecayMult >= 0) || !(biasDecayMult >= 0) || Double.isInfinite(normDecayMult)
                || Double.isInfinite(biasDecayMult)) {
            throw new Seg4jException("norm_decay_mult and bias_decay_mult must be finite and >= 0, got "
                    + normDecayMult + " and " + biasDecayMult);
        }
        if (!(repeatThreshold > 0) || repeatThreshold > 1) {
            throw new Seg4jException("repeat_threshold must be in (0, 1], got " + repeatThreshold);
        }
        if (classWeights != null) {
            for (float w : classWeights) {
                if (!(w >= 0) || Float.isInfinite(w)) {
                    throw new Seg4jException("class_weights must be finite and >= 0, got " + w);
                }
            }
        }
        sampling = org.seg4j.data.sampling.SamplingMode.parse(norm(sampling, "none")).configName();
        optimizer = norm(optimizer, "adamw");
        org.seg4j.train.optim.Optimizer.checkName(optimizer);
        schedule = LrSchedule.Kind.parse(norm(schedule, "poly")).configName();
        loss = SegmentationLoss.Kind.parse(norm(loss, "ce")).configName();
        classWeighting = norm(classWeighting, classWeights != null ? "explicit" : "none");
        switch (classWeighting) {
            case "none", "median-frequency", "inverse-sqrt" -> {
                if (classWeights != null) {
                    throw new Seg4jException("class_weights are given but class_weighting is '" + classWeighting
                            + "'; use class_weighting: explicit");
                }
            }
            case "median_frequency", "median-freq" -> classWeighting = "median-frequency";
            case "inverse_sqrt" -> classWeighting = "inverse-sqrt";
            case "explicit" -> {
                if (classWeights == null || classWeights.length == 0) {
                    throw new Seg4jException("class_weighting: explicit needs class_weights: [w0, w1, ...]");
                }
            }
            default -> throw new Seg4jException("unknown class_weighting '" + classWeighting
                    + "'; valid: none, median-frequency, inverse-sqrt, explicit");
        }
        classWeights = classWeights == null ? null : classWeights.clone();
        groupBy = groupBy == null || groupBy.isBlank() ? null : groupBy;
        valGroups = valGroups == null ? List.of() : List.copyOf(valGroups);
        trainGroups = trainGroups == null ? List.of() : List.copyOf(trainGroups);
        List<String> both = valGroups.stream().filter(trainGroups::contains).toList();
        if (!both.isEmpty()) {
            throw new Seg4jException("group" + (both.size() > 1 ? "s " : " ") + String.join(", ", both)
                    + " in both train_groups and val_groups: a group must be on one side only");
        }
        progressIntervalSeconds = progressIntervalSeconds <= 0 ? 30 : progressIntervalSeconds;
        modelOptions = modelOptions == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(modelOptions));
        String arch = model == null || model.isBlank() ? TrainingRun.DEFAULT_MODEL : model;
        if (!modelOptions.isEmpty() && ModelRegistry.isRegistered(arch)) {
            try {
                ModelOptions.check(arch, encoder, modelOptions);
            } catch (Seg4jException e) {
                throw new Seg4jException("model_options: " + e.getMessage(), e);
            }
        }
    }

    /** A copy of the explicit class weights, or {@code null}. */
    @Override
    public float[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    private static void positive(String key, long v) {
        if (v < 1) {
            throw new Seg4jException(key + " must be at least 1, got " + v);
        }
    }

    /**
     * Task video's model options: {@code temporal: convgru} unless set, and an error if set to
     * anything but a memory ({@code convgru} or {@code fusion}).
     */
    private static Map<String, String> withTemporalModel(Map<String, String> options) {
        Map<String, String> m = new TreeMap<>(options == null ? Map.of() : options);
        String set = m.putIfAbsent(TemporalOptions.TEMPORAL, "convgru");
        if (set != null && !set.trim().equalsIgnoreCase("convgru") && !set.trim().equalsIgnoreCase("fusion")) {
            throw new Seg4jException("task video trains a temporal model, but model option temporal is '" + set
                    + "'; leave it unset or set it to convgru or fusion");
        }
        return m;
    }

    private static String norm(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s.trim().toLowerCase(Locale.ROOT);
    }

    /** The default configuration. */
    /**
     * A configuration key as the file and {@code --set} accept it ({@code Time-Budget}) in its
     * canonical form ({@code time_budget}).
     */
    public static String canonicalKey(String key) {
        return TrainConfigMaps.canonical(key);
    }

    /** The input normalisation {@link #inputNormalization} names. */
    public Normalization normalization() {
        return Normalization.PER_IMAGE_NAME.equals(inputNormalization) ? Normalization.PER_IMAGE
                : Normalization.IMAGENET;
    }

    public static TrainConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return TrainConfigMaps.apply(new Builder(), toMap(), "config");
    }

    /** The schedule for a run of {@code totalSteps} steps. */
    public LrSchedule lrSchedule(long totalSteps) {
        return new LrSchedule(LrSchedule.Kind.parse(schedule), lr, minLr, totalSteps, warmupSteps, polyPower);
    }

    /** The settings as an ordered map with snake_case keys (the file form; durations as text). */
    public Map<String, Object> toMap() {
        return TrainConfigMaps.toMap(this);
    }

    /**
     * Builds a configuration from a map with snake_case (or kebab-case) keys; missing keys take
     * their defaults.
     *
     * @param values the settings
     * @param source name of the file or option the values came from, for messages
     */
    public static TrainConfig fromMap(Map<String, ?> values, String source) {
        return TrainConfigMaps.apply(new Builder(), values, source).build();
    }

    /** Reads a YAML (or JSON) configuration file. */
    public static TrainConfig read(Path file) {
        return TrainConfigMaps.read(file);
    }

    /** Writes the configuration as YAML, atomically. */
    public void write(Path file) {
        Json.writeYaml(file, toMap());
    }

    /** The configuration as YAML text. */
    public String toYaml() {
        try {
            return Json.YAML.writeValueAsString(toMap());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * SHA-256 (hex, first 16 characters) of the settings that decide the result of a run; a resumed
     * run compares it with the checkpoint's. Epoch count, time budget and reporting settings are
     * left out so that a run can be extended.
     */
    public String hash() {
        return TrainConfigMaps.hash(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainConfig c && c.toMap().equals(toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return "TrainConfig" + toMap();
    }

    /**
     * Parses {@code 90s}, {@code 30m}, {@code 1h30m}, {@code 2d}, a bare number of seconds, or ISO-8601
     * ({@code PT2H}).
     */
    public static Duration parseDuration(String text) {
        return Durations.parse(text);
    }

    /** Formats a duration the way {@link #parseDuration} reads it ({@code 1h30m}). */
    public static String formatDuration(Duration d) {
        return Durations.format(d);
    }

    /** Mutable builder; every field starts at its default. */
    public static final class Builder {
        // package-private: TrainConfigMaps sets them key by key
        int epochs = 50;
        int batchSize = 8;
        int cropHeight = 256;
        int cropWidth = 256;
        String optimizer = "adamw";
        double lr = 1e-3;
        double minLr = 0;
        double momentum = 0.9;
        boolean nesterov = false;
        double weightDecay = 1e-4;
        double gradClipNorm = 0;
        double emaDecay = 0;
        String schedule = "poly";
        double polyPower = 0.9;
        long warmupSteps = 0;
        String loss = "ce";
        String classWeighting;
        float[] classWeights;
        long seed = 42;
        int validateEvery = 1;
        int keepLast = 3;
        Duration timeBudget;
        int valPadMultiple = 32;
        double progressIntervalSeconds = 30;
        boolean hflip = true;
        double scaleMin = 0.5;
        double scaleMax = 2.0;
        int numWorkers = 2;
        int valBatchSize = 1;
        String model;
        String encoder;
        int baseWidth;
        double inputScale = 1.0;
        double rotation = 0;
        double colorJitter = 0;
        String sampling = "none";
        double repeatThreshold = 0.5;
        double normDecayMult = 0.0;
        double biasDecayMult = 0.0;
        long steps;
        Map<String, String> modelOptions = Map.of();
        String groupBy;
        List<String> valGroups = List.of();
        List<String> trainGroups = List.of();
        int freezeEncoder;
        double labelSmoothing;
        double blur;
        double noise;
        String modelSelection = "best";
        String task;
        double centerLossWeight = 200;
        double offsetLossWeight = 0.01;
        int clipLength;
        String clipSource = "synthetic";
        String temporalTrain = "all";
        double temporalConsistency;
        double clipFrameJitter;
        String inputNormalization = Normalization.FIXED_NAME;
        double gamma;
        double copyPaste;
        List<String> copyPasteClasses = List.of();

        private Builder() {}

        public Builder optEpochs(int v) { epochs = v; return this; }
        public Builder optBatchSize(int v) { batchSize = v; return this; }
        public Builder optCrop(int height, int width) { cropHeight = height; cropWidth = width; return this; }
        public Builder optOptimizer(String v) { optimizer = v; return this; }
        public Builder optLr(double v) { lr = v; return this; }
        public Builder optMinLr(double v) { minLr = v; return this; }
        public Builder optMomentum(double v) { momentum = v; return this; }
        public Builder optNesterov(boolean v) { nesterov = v; return this; }
        public Builder optWeightDecay(double v) { weightDecay = v; return this; }
        public Builder optGradClipNorm(double v) { gradClipNorm = v; return this; }
        public Builder optEmaDecay(double v) { emaDecay = v; return this; }
        public Builder optSchedule(String v) { schedule = v; return this; }
        public Builder optPolyPower(double v) { polyPower = v; return this; }
        public Builder optWarmupSteps(long v) { warmupSteps = v; return this; }
        public Builder optLoss(String v) { loss = v; return this; }
        public Builder optClassWeighting(String v) { classWeighting = v; return this; }
        /** Explicit weights; sets class_weighting to {@code explicit} (or {@code none} for null). */
        public Builder optClassWeights(float[] v) {
            classWeights = v == null ? null : v.clone();
            classWeighting = v == null ? null : "explicit";
            return this;
        }
        public Builder optSeed(long v) { seed = v; return this; }
        public Builder optValidateEvery(int v) { validateEvery = v; return this; }
        public Builder optKeepLast(int v) { keepLast = v; return this; }
        public Builder optTimeBudget(Duration v) { timeBudget = v; return this; }
        /** Total optimizer steps (0 = {@code epochs} whole epochs). */
        public Builder optSteps(long v) { steps = v; return this; }
        public Builder optValPadMultiple(int v) { valPadMultiple = v; return this; }
        public Builder optProgressIntervalSeconds(double v) { progressIntervalSeconds = v; return this; }
        public Builder optHflip(boolean v) { hflip = v; return this; }
        public Builder optScale(double min, double max) { scaleMin = min; scaleMax = max; return this; }
        public Builder optNumWorkers(int v) { numWorkers = v; return this; }
        public Builder optValBatchSize(int v) { valBatchSize = v; return this; }
        public Builder optModel(String v) { model = v; return this; }
        public Builder optEncoder(String v) { encoder = v; return this; }
        public Builder optBaseWidth(int v) { baseWidth = v; return this; }
        public Builder optInputScale(double v) { inputScale = v; return this; }
        public Builder optRotation(double v) { rotation = v; return this; }
        public Builder optColorJitter(double v) { colorJitter = v; return this; }
        public Builder optSampling(String v) { sampling = v; return this; }
        public Builder optRepeatThreshold(double v) { repeatThreshold = v; return this; }
        public Builder optNormDecayMult(double v) { normDecayMult = v; return this; }
        public Builder optBiasDecayMult(double v) { biasDecayMult = v; return this; }
        /** Architecture and encoder options (replacing any set before). */
        public Builder optModelOptions(Map<String, String> v) { modelOptions = v == null ? Map.of() : Map.copyOf(v); return this; }
        public Builder optGroupBy(String v) { groupBy = v; return this; }
        public Builder optValGroups(List<String> v) { valGroups = v; return this; }
        public Builder optTrainGroups(List<String> v) { trainGroups = v; return this; }
        /** Epochs at the start during which the encoder is frozen (0 = none). */
        public Builder optFreezeEncoder(int v) { freezeEncoder = v; return this; }
        /** Label smoothing of the cross-entropy term, in [0, 1). */
        public Builder optLabelSmoothing(double v) { labelSmoothing = v; return this; }
        /** Probability of a random Gaussian blur of the training image. */
        public Builder optBlur(double v) { blur = v; return this; }
        /** Largest standard deviation of Gaussian pixel noise, as a fraction of 255. */
        public Builder optNoise(double v) { noise = v; return this; }
        /** {@code best} or {@code last}: which epoch's model the run folder exports. */
        public Builder optModelSelection(String v) { modelSelection = v; return this; }
        /** {@code semantic}, {@code panoptic} or {@code video} (default: video with a clip length, else semantic). */
        public Builder optTask(String v) { task = v; return this; }
        /** Panoptic: weights of the centre (MSE, default 200) and offset (L1, default 0.01) losses. */
        public Builder optPanopticLossWeights(double center, double offset) {
            centerLossWeight = center;
            offsetLossWeight = offset;
            return this;
        }
        /** Task video: frames per clip (default {@value TrainConfig#DEFAULT_CLIP_LENGTH}). */
        public Builder optClipLength(int v) { clipLength = v; return this; }
        /** Video training: {@code synthetic} or {@code neighbours}. */
        public Builder optClipSource(String v) { clipSource = v; return this; }
        /** Video training: {@code all} or {@code memory} (only the temporal memory trains). */
        public Builder optTemporalTrain(String v) { temporalTrain = v; return this; }
        /** Video training: weight of the temporal consistency loss (0 for none). */
        public Builder optTemporalConsistency(double v) { temporalConsistency = v; return this; }
        /** Video training: strength of each frame's own photometric change (0 for none). */
        public Builder optClipFrameJitter(double v) { clipFrameJitter = v; return this; }
        /** {@code fixed} (ImageNet statistics) or {@code per-image} standardisation of the input. */
        public Builder optInputNormalization(String v) { inputNormalization = v; return this; }
        /** Range of a random gamma curve on the training image (0 for none). */
        public Builder optGamma(double v) { gamma = v; return this; }
        /** Chance that a training crop receives a paste from another crop of its batch (0 for none). */
        public Builder optCopyPaste(double v) { copyPaste = v; return this; }
        /** Class names pasted by {@code copy_paste}; empty for ClassMix's random half. */
        public Builder optCopyPasteClasses(List<String> v) { copyPasteClasses = v; return this; }

        /**
         * Applies {@code key=value} overrides (CLI {@code --set}); keys as in the file.
         *
         * @param values overrides, e.g. {@code {"lr": "0.01"}}
         */
        public Builder optValues(Map<String, ?> values) {
            TrainConfigMaps.apply(this, values, "override");
            return this;
        }

        public TrainConfig build() {
            return new TrainConfig(epochs, batchSize, cropHeight, cropWidth, optimizer, lr, minLr, momentum,
                    nesterov, weightDecay, gradClipNorm, emaDecay, schedule, polyPower, warmupSteps, loss, classWeighting,
                    classWeights, seed, validateEvery, keepLast, timeBudget, valPadMultiple,
                    progressIntervalSeconds, hflip, scaleMin, scaleMax, numWorkers, valBatchSize, model, encoder,
                    baseWidth, inputScale, rotation, colorJitter, sampling, repeatThreshold, normDecayMult, biasDecayMult,
                    steps, modelOptions, groupBy, valGroups, trainGroups, freezeEncoder, labelSmoothing, blur, noise,
                    modelSelection, task, centerLossWeight, offsetLossWeight, clipLength, clipSource, temporalTrain,
                    temporalConsistency, clipFrameJitter, inputNormalization, gamma, copyPaste, copyPasteClasses);
        }
    }
}
