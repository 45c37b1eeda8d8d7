package org.seg4j.train;

import static org.seg4j.train.ConfigValues.asBool;
import static org.seg4j.train.ConfigValues.asDouble;
import static org.seg4j.train.ConfigValues.asFloats;
import static org.seg4j.train.ConfigValues.asInt;
import static org.seg4j.train.ConfigValues.asLong;
import static org.seg4j.train.ConfigValues.asString;
import static org.seg4j.train.ConfigValues.asStrings;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelOptions;
import org.seg4j.transform.Normalization;
import org.seg4j.util.Json;

/**
 * Converts a {@link TrainConfig} to and from its file form: an ordered map with the snake_case
 * keys of {@link TrainConfig#KEYS}, durations as text, read from and hashed as YAML or JSON.
 */
final class TrainConfigMaps {

    /** Keys that do not change the result of a run (left out of {@link TrainConfig#hash()}). */
    private static final Set<String> NOT_HASHED =
            Set.of("epochs", "time_budget", "steps", "progress_interval_seconds", "num_workers", "validate_every",
                    "keep_last");

    private TrainConfigMaps() {}

    /** See {@link TrainConfig#read(Path)}. */
    static TrainConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Seg4jException(file + ": configuration file not found");
        }
        Map<String, Object> values;
        try {
            values = Json.YAML.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new Seg4jException(file + ": cannot read training configuration: " + e.getMessage(), e);
        }
        try {
            return TrainConfig.fromMap(values == null ? Map.of() : values, file.toString());
        } catch (Seg4jException e) {
            if (e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new Seg4jException(file + ": " + e.getMessage(), e);
        }
    }

    /** See {@link TrainConfig#hash()}. */
    static String hash(TrainConfig c) {
        Map<String, Object> m = toMap(c);
        m.keySet().removeAll(NOT_HASHED);
        if ("none".equals(c.sampling())) {
            // keeps the hash of runs from before class-aware sampling existed
            m.remove("sampling");
            m.remove("repeat_threshold");
        }
        if (c.emaDecay() == 0) {
            m.remove("ema_decay"); // likewise for runs from before weight averaging
        }
        if (c.normDecayMult() == 1 && c.biasDecayMult() == 1) {
            m.remove("norm_decay_mult"); // and before parameter-wise weight decay
            m.remove("bias_decay_mult");
        }
        if (c.modelOptions().isEmpty()) {
            m.remove("model_options"); // likewise for runs from before model options
        }
        if (c.valGroups().isEmpty() && c.trainGroups().isEmpty()) {
            m.remove("group_by"); // likewise for runs from before grouped splits
            m.remove("val_groups");
            m.remove("train_groups");
        }
        if (c.freezeEncoder() == 0) {
            m.remove("freeze_encoder"); // likewise for runs from before encoder freezing
        }
        if (c.labelSmoothing() == 0 && c.blur() == 0 && c.noise() == 0) {
            m.remove("label_smoothing"); // likewise for runs from before these regularisers
            m.remove("blur");
            m.remove("noise");
        }
        if (c.modelSelection().equals("best")) {
            m.remove("model_selection"); // likewise for runs from before the choice existed
        }
        if (TrainConfig.TASK_SEMANTIC.equals(c.task())) {
            m.remove("task"); // and for semantic runs from before the panoptic task
        }
        if (!TrainConfig.TASK_PANOPTIC.equals(c.task())) {
            m.remove("center_loss_weight"); // unused outside the panoptic task
            m.remove("offset_loss_weight");
        }
        if (c.clipLength() == 0) {
            m.remove("clip_length"); // and for runs from before video training
            m.remove("clip_source");
        }
        if (c.temporalTrain().equals("all")) {
            m.remove("temporal_train"); // the default, and runs from before memory-only training
        }
        if (c.temporalConsistency() == 0) {
            m.remove("temporal_consistency"); // likewise for the consistency loss
        }
        if (c.clipFrameJitter() == 0) {
            m.remove("clip_frame_jitter"); // and for each frame's own jitter
        }
        if (c.inputNormalization().equals(Normalization.FIXED_NAME)) {
            m.remove("input_normalization"); // and for runs from before per-image normalisation
        }
        if (c.gamma() == 0) {
            m.remove("gamma"); // and for runs from before the gamma augmentation
        }
        if (c.copyPaste() == 0) {
            m.remove("copy_paste"); // and for runs from before copy-paste
            m.remove("copy_paste_classes");
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(Json.JSON.writeValueAsString(m).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** See {@link TrainConfig#toMap()}. */
    static Map<String, Object> toMap(TrainConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", c.epochs());
        m.put("batch_size", c.batchSize());
        m.put("crop_height", c.cropHeight());
        m.put("crop_width", c.cropWidth());
        m.put("optimizer", c.optimizer());
        m.put("lr", c.lr());
        m.put("min_lr", c.minLr());
        m.put("momentum", c.momentum());
        m.put("nesterov", c.nesterov());
        m.put("weight_decay", c.weightDecay());
        m.put("grad_clip_norm", c.gradClipNorm());
        m.put("ema_decay", c.emaDecay());
        m.put("schedule", c.schedule());
        m.put("poly_power", c.polyPower());
        m.put("warmup_steps", c.warmupSteps());
        m.put("loss", c.loss());
        m.put("class_weighting", c.classWeighting());
        m.put("class_weights", toList(c.classWeights()));
        m.put("seed", c.seed());
        m.put("validate_every", c.validateEvery());
        m.put("keep_last", c.keepLast());
        m.put("time_budget", c.timeBudget() == null ? null : Durations.format(c.timeBudget()));
        m.put("steps", c.steps() == 0 ? null : c.steps());
        m.put("val_pad_multiple", c.valPadMultiple());
        m.put("progress_interval_seconds", c.progressIntervalSeconds());
        m.put("hflip", c.hflip());
        m.put("scale_min", c.scaleMin());
        m.put("scale_max", c.scaleMax());
        m.put("num_workers", c.numWorkers());
        m.put("val_batch_size", c.valBatchSize());
        m.put("model", c.model());
        m.put("encoder", c.encoder());
        m.put("base_width", c.baseWidth());
        m.put("input_scale", c.inputScale());
        m.put("rotation", c.rotation());
        m.put("color_jitter", c.colorJitter());
        m.put("sampling", c.sampling());
        m.put("repeat_threshold", c.repeatThreshold());
        m.put("norm_decay_mult", c.normDecayMult());
        m.put("bias_decay_mult", c.biasDecayMult());
        m.put("model_options", new TreeMap<>(c.modelOptions()));
        m.put("group_by", c.groupBy());
        m.put("val_groups", c.valGroups());
        m.put("train_groups", c.trainGroups());
        m.put("freeze_encoder", c.freezeEncoder());
        m.put("label_smoothing", c.labelSmoothing());
        m.put("blur", c.blur());
        m.put("noise", c.noise());
        m.put("model_selection", c.modelSelection());
        m.put("task", c.task());
        m.put("center_loss_weight", c.centerLossWeight());
        m.put("offset_loss_weight", c.offsetLossWeight());
        m.put("clip_length", c.clipLength());
        m.put("clip_source", c.clipSource());
        m.put("temporal_train", c.temporalTrain());
        m.put("temporal_consistency", c.temporalConsistency());
        m.put("clip_frame_jitter", c.clipFrameJitter());
        m.put("input_normalization", c.inputNormalization());
        m.put("gamma", c.gamma());
        m.put("copy_paste", c.copyPaste());
        m.put("copy_paste_classes", c.copyPasteClasses());
        return m;
    }

    private static List<Double> toList(float[] weights) {
        if (weights == null) {
            return null;
        }
        List<Double> w = new ArrayList<>();
        for (float f : weights) {
            w.add((double) f);
        }
        return w;
    }

    /**
     * Sets the builder's fields named by {@code values} (snake_case or kebab-case keys). Unknown keys
     * are reported all at once with the valid ones; a bad value names its key and {@code source}.
     */
    static TrainConfig.Builder apply(TrainConfig.Builder b, Map<String, ?> values, String source) {
        List<String> unknown = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!TrainConfig.KEYS.contains(canonical(key))) {
                unknown.add(key);
            }
        }
        Set<String> modelOptionNames = unknown.isEmpty() ? Set.of() : ModelOptions.allNames();
        for (String key : unknown) {
            if (modelOptionNames.contains(canonical(key))) {
                throw new Seg4jException(source + ": " + key + " is a model option, not a training setting: set it"
                        + " with --model-option " + canonical(key) + "=VALUE or under model_options: in the"
                        + " configuration file");
            }
        }
        if (!unknown.isEmpty()) {
            throw new Seg4jException(source + ": unknown training setting" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; valid keys: " + String.join(", ", TrainConfig.KEYS));
        }
        for (Map.Entry<String, ?> e : values.entrySet()) {
            String key = canonical(e.getKey());
            Object v = e.getValue();
            try {
                set(b, key, v);
            } catch (Seg4jException ex) {
                throw ex;
            } catch (RuntimeException ex) {
                throw new Seg4jException(source + ": bad value for " + key + ": '" + v + "' ("
                        + ex.getMessage() + ")", ex);
            }
        }
        return b;
    }

    /**
     * A {@code model_options} map: keys in snake_case, values as text (a YAML number or list as
     * {@link org.seg4j.model.ModelSpec} reads it: {@code 8}, {@code 6,12,18}).
     */
    private static Map<String, String> optionMap(Object v) {
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("model_options must be a map of option: value (on the command line:"
                    + " --model-option key=value)");
        }
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.put(String.valueOf(e.getKey()).trim().replace('-', '_'), optionValue(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static String optionValue(Object key, Object v) {
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object o : list) {
                parts.add(optionValue(key, o));
            }
            return String.join(",", parts);
        }
        if (v instanceof Map<?, ?> || v == null) {
            throw new IllegalArgumentException("model option " + key + " must be a number, a word or a list, got " + v);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : v.toString();
        }
        return v.toString().trim();
    }

    static String canonical(String key) {
        return key.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    }

    private static void set(TrainConfig.Builder b, String key, Object v) {
        switch (key) {
            case "epochs" -> b.epochs = asInt(v);
            case "batch_size" -> b.batchSize = asInt(v);
            case "crop_height" -> b.cropHeight = asInt(v);
            case "crop_width" -> b.cropWidth = asInt(v);
            case "optimizer" -> b.optimizer = asString(v);
            case "lr" -> b.lr = asDouble(v);
            case "min_lr" -> b.minLr = asDouble(v);
            case "momentum" -> b.momentum = asDouble(v);
            case "nesterov" -> b.nesterov = asBool(v);
            case "weight_decay" -> b.weightDecay = asDouble(v);
            case "grad_clip_norm" -> b.gradClipNorm = v == null ? 0 : asDouble(v);
            case "ema_decay" -> b.emaDecay = v == null ? 0 : asDouble(v);
            case "schedule" -> b.schedule = asString(v);
            case "poly_power" -> b.polyPower = asDouble(v);
            case "warmup_steps" -> b.warmupSteps = asLong(v);
            case "loss" -> b.loss = asString(v);
            case "class_weighting" -> b.classWeighting = asString(v);
            case "class_weights" -> b.classWeights = asFloats(v);
            case "seed" -> b.seed = asLong(v);
            case "validate_every" -> b.validateEvery = asInt(v);
            case "keep_last" -> b.keepLast = asInt(v);
            case "time_budget" -> b.timeBudget = v == null || v.toString().isBlank() || v.toString().equals("none")
                    ? null : Durations.parse(v.toString());
            case "steps" -> b.steps =
                    v == null || v.toString().isBlank() || v.toString().equals("none") ? 0 : asLong(v);
            case "val_pad_multiple" -> b.valPadMultiple = asInt(v);
            case "progress_interval_seconds" -> b.progressIntervalSeconds = asDouble(v);
            case "hflip" -> b.hflip = asBool(v);
            case "scale_min" -> b.scaleMin = asDouble(v);
            case "scale_max" -> b.scaleMax = asDouble(v);
            case "num_workers" -> b.numWorkers = asInt(v);
            case "val_batch_size" -> b.valBatchSize = asInt(v);
            case "model" -> b.model = v == null ? null : v.toString();
            case "encoder" -> b.encoder = v == null ? null : v.toString();
            case "base_width" -> b.baseWidth = v == null ? 0 : asInt(v);
            case "input_scale" -> b.inputScale = asDouble(v);
            case "rotation" -> b.rotation = asDouble(v);
            case "color_jitter" -> b.colorJitter = asDouble(v);
            case "sampling" -> b.sampling = asString(v);
            case "repeat_threshold" -> b.repeatThreshold = asDouble(v);
            case "norm_decay_mult" -> b.normDecayMult = asDouble(v);
            case "bias_decay_mult" -> b.biasDecayMult = asDouble(v);
            case "model_options" -> b.modelOptions = optionMap(v);
            case "group_by" -> b.groupBy = v == null ? null : v.toString();
            case "val_groups" -> b.valGroups = asStrings(v);
            case "train_groups" -> b.trainGroups = asStrings(v);
            case "freeze_encoder" -> b.freezeEncoder = v == null ? 0 : asInt(v);
            case "label_smoothing" -> b.labelSmoothing = v == null ? 0 : asDouble(v);
            case "blur" -> b.blur = v == null ? 0 : asDouble(v);
            case "noise" -> b.noise = v == null ? 0 : asDouble(v);
            case "model_selection" -> b.modelSelection = v == null ? null : asString(v);
            case "task" -> b.task = asString(v);
            case "center_loss_weight" -> b.centerLossWeight = asDouble(v);
            case "offset_loss_weight" -> b.offsetLossWeight = asDouble(v);
            case "clip_length" -> b.clipLength = v == null ? 0 : asInt(v);
            case "clip_source" -> b.clipSource = v == null ? null : asString(v);
            case "temporal_train" -> b.temporalTrain = v == null ? null : asString(v);
            case "temporal_consistency" -> b.temporalConsistency = v == null ? 0 : asDouble(v);
            case "clip_frame_jitter" -> b.clipFrameJitter = v == null ? 0 : asDouble(v);
            case "input_normalization" -> b.inputNormalization = v == null ? null : asString(v);
            case "gamma" -> b.gamma = v == null ? 0 : asDouble(v);
            case "copy_paste" -> b.copyPaste = v == null ? 0 : asDouble(v);
            case "copy_paste_classes" -> b.copyPasteClasses = asStrings(v);
            default -> throw new IllegalStateException("unhandled key " + key);
        }
    }
}
