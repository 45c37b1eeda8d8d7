package org.seg4j.train;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.seg4j.Seg4jException;
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
 * </pre>
 *
 * <p>Settings marked "loader" or "model" are not read by the trainer itself; they travel with the
 * configuration so that the CLI can build the data loader and the network from one file.
 *
 * @param epochs number of epochs
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
 * @param schedule {@code constant}, {@code poly} or {@code cosine}
 * @param polyPower exponent of the poly schedule
 * @param warmupSteps linear warm-up steps
 * @param loss {@code ce}, {@code dice} or {@code ce+dice}
 * @param classWeighting {@code none}, {@code median-frequency}, {@code inverse-sqrt} or {@code explicit}
 * @param classWeights explicit class weights (only with {@code explicit}), else {@code null}
 * @param seed random seed
 * @param validateEvery validate every N epochs (the last epoch is always validated)
 * @param keepLast number of {@code epoch-NNNN} checkpoints kept
 * @param timeBudget wall-clock budget of the run, {@code null} for none
 * @param valPadMultiple validation images are padded to a multiple of this (1 = no padding)
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
        double colorJitter) {

    /** File name of the resolved configuration inside a run folder. */
    public static final String FILE_NAME = "config.yaml";

    /** The valid keys, in file order. */
    public static final List<String> KEYS = List.of(
            "epochs", "batch_size", "crop_height", "crop_width", "optimizer", "lr", "min_lr", "momentum",
            "nesterov", "weight_decay", "grad_clip_norm", "schedule", "poly_power", "warmup_steps", "loss",
            "class_weighting", "class_weights", "seed", "validate_every", "keep_last", "time_budget",
            "val_pad_multiple", "progress_interval_seconds", "hflip", "scale_min", "scale_max", "num_workers",
            "val_batch_size", "model", "encoder", "base_width", "input_scale", "rotation", "color_jitter");

    /** Keys that do not change the result of a run (left out of {@link #hash()}). */
    private static final Set<String> NOT_HASHED =
            Set.of("epochs", "time_budget", "progress_interval_seconds", "num_workers", "validate_every", "keep_last");

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
        if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
            throw new Seg4jException("time_budget must be positive, got " + timeBudget);
        }
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
        progressIntervalSeconds = progressIntervalSeconds <= 0 ? 30 : progressIntervalSeconds;
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

    private static String norm(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s.trim().toLowerCase(Locale.ROOT);
    }

    /** The default configuration. */
    public static TrainConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return fromMapInto(new Builder(), toMap(), "config");
    }

    /** The schedule for a run of {@code totalSteps} steps. */
    public LrSchedule lrSchedule(long totalSteps) {
        return new LrSchedule(LrSchedule.Kind.parse(schedule), lr, minLr, totalSteps, warmupSteps, polyPower);
    }

    /** The settings as an ordered map with snake_case keys (the file form; durations as text). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("crop_height", cropHeight);
        m.put("crop_width", cropWidth);
        m.put("optimizer", optimizer);
        m.put("lr", lr);
        m.put("min_lr", minLr);
        m.put("momentum", momentum);
        m.put("nesterov", nesterov);
        m.put("weight_decay", weightDecay);
        m.put("grad_clip_norm", gradClipNorm);
        m.put("schedule", schedule);
        m.put("poly_power", polyPower);
        m.put("warmup_steps", warmupSteps);
        m.put("loss", loss);
        m.put("class_weighting", classWeighting);
        if (classWeights != null) {
            List<Double> w = new ArrayList<>();
            for (float f : classWeights) {
                w.add((double) f);
            }
            m.put("class_weights", w);
        } else {
            m.put("class_weights", null);
        }
        m.put("seed", seed);
        m.put("validate_every", validateEvery);
        m.put("keep_last", keepLast);
        m.put("time_budget", timeBudget == null ? null : formatDuration(timeBudget));
        m.put("val_pad_multiple", valPadMultiple);
        m.put("progress_interval_seconds", progressIntervalSeconds);
        m.put("hflip", hflip);
        m.put("scale_min", scaleMin);
        m.put("scale_max", scaleMax);
        m.put("num_workers", numWorkers);
        m.put("val_batch_size", valBatchSize);
        m.put("model", model);
        m.put("encoder", encoder);
        m.put("base_width", baseWidth);
        m.put("input_scale", inputScale);
        m.put("rotation", rotation);
        m.put("color_jitter", colorJitter);
        return m;
    }

    /**
     * Builds a configuration from a map with snake_case (or kebab-case) keys; missing keys take
     * their defaults.
     *
     * @param values the settings
     * @param source name of the file or option the values came from, for messages
     */
    public static TrainConfig fromMap(Map<String, ?> values, String source) {
        return fromMapInto(new Builder(), values, source).build();
    }

    /** Reads a YAML (or JSON) configuration file. */
    public static TrainConfig read(Path file) {
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
            return fromMap(values == null ? Map.of() : values, file.toString());
        } catch (Seg4jException e) {
            if (e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new Seg4jException(file + ": " + e.getMessage(), e);
        }
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
        Map<String, Object> m = toMap();
        m.keySet().removeAll(NOT_HASHED);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(Json.JSON.writeValueAsString(m).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    // ---------------------------------------------------------------- durations

    private static final Pattern SIMPLE_DURATION =
            Pattern.compile("(?:(\\d+(?:\\.\\d+)?)d)?(?:(\\d+(?:\\.\\d+)?)h)?(?:(\\d+(?:\\.\\d+)?)m)?(?:(\\d+(?:\\.\\d+)?)s)?");

    /**
     * Parses {@code 90s}, {@code 30m}, {@code 1h30m}, {@code 2d}, a bare number of seconds, or ISO-8601
     * ({@code PT2H}).
     */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (t.isEmpty()) {
            throw new Seg4jException("empty duration");
        }
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.matches("\\d+(\\.\\d+)?")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
            }
            Matcher m = SIMPLE_DURATION.matcher(t);
            if (m.matches()) {
                double seconds = 0;
                double[] unit = {86400, 3600, 60, 1};
                for (int i = 0; i < 4; i++) {
                    if (m.group(i + 1) != null) {
                        seconds += Double.parseDouble(m.group(i + 1)) * unit[i];
                    }
                }
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (RuntimeException e) {
            // fall through to the error below
        }
        throw new Seg4jException("cannot read duration '" + text + "'; use e.g. 90s, 30m, 1h30m or PT2H");
    }

    /** Formats a duration the way {@link #parseDuration} reads it ({@code 1h30m}). */
    public static String formatDuration(Duration d) {
        long s = d.toSeconds();
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() / 1000.0 + "s";
        }
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            b.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0 || b.length() == 0) {
            b.append(s).append('s');
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- map conversion

    private static Builder fromMapInto(Builder b, Map<String, ?> values, String source) {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            String key = e.getKey().trim().toLowerCase(Locale.ROOT).replace('-', '_');
            if (!KEYS.contains(key)) {
                unknown.add(e.getKey());
            }
        }
        if (!unknown.isEmpty()) {
            throw new Seg4jException(source + ": unknown training setting" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; valid keys: " + String.join(", ", KEYS));
        }
        for (Map.Entry<String, ?> e : values.entrySet()) {
            String key = e.getKey().trim().toLowerCase(Locale.ROOT).replace('-', '_');
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

    private static void set(Builder b, String key, Object v) {
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
                    ? null : parseDuration(v.toString());
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
            default -> throw new IllegalStateException("unhandled key " + key);
        }
    }

    private static Object notNull(Object v) {
        if (v == null) {
            throw new IllegalArgumentException("a value is required");
        }
        return v;
    }

    private static int asInt(Object v) {
        return Math.toIntExact(asLong(v));
    }

    private static long asLong(Object v) {
        Object o = notNull(v);
        if (o instanceof Number n) {
            if (n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new IllegalArgumentException("expected a whole number");
            }
            return n.longValue();
        }
        return Long.parseLong(o.toString().trim().replace("_", ""));
    }

    private static double asDouble(Object v) {
        Object o = notNull(v);
        return o instanceof Number n ? n.doubleValue() : Double.parseDouble(o.toString().trim());
    }

    private static boolean asBool(Object v) {
        Object o = notNull(v);
        if (o instanceof Boolean bo) {
            return bo;
        }
        String s = o.toString().trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    private static String asString(Object v) {
        return notNull(v).toString();
    }

    private static float[] asFloats(Object v) {
        if (v == null) {
            return null;
        }
        List<?> list;
        if (v instanceof List<?> l) {
            list = l;
        } else if (v instanceof float[] f) {
            return f.clone();
        } else {
            String s = v.toString().trim().replaceAll("^\\[|\\]$", "");
            list = List.of(s.split("\\s*,\\s*"));
        }
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) asDouble(list.get(i));
        }
        return out;
    }

    /** Mutable builder; every field starts at its default. */
    public static final class Builder {
        private int epochs = 50;
        private int batchSize = 8;
        private int cropHeight = 256;
        private int cropWidth = 256;
        private String optimizer = "adamw";
        private double lr = 1e-3;
        private double minLr = 0;
        private double momentum = 0.9;
        private boolean nesterov = false;
        private double weightDecay = 1e-4;
        private double gradClipNorm = 0;
        private String schedule = "poly";
        private double polyPower = 0.9;
        private long warmupSteps = 0;
        private String loss = "ce";
        private String classWeighting;
        private float[] classWeights;
        private long seed = 42;
        private int validateEvery = 1;
        private int keepLast = 3;
        private Duration timeBudget;
        private int valPadMultiple = 32;
        private double progressIntervalSeconds = 30;
        private boolean hflip = true;
        private double scaleMin = 0.5;
        private double scaleMax = 2.0;
        private int numWorkers = 2;
        private int valBatchSize = 1;
        private String model;
        private String encoder;
        private int baseWidth;
        private double inputScale = 1.0;
        private double rotation = 0;
        private double colorJitter = 0;

        private Builder() {}

        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder crop(int height, int width) { cropHeight = height; cropWidth = width; return this; }
        public Builder optimizer(String v) { optimizer = v; return this; }
        public Builder lr(double v) { lr = v; return this; }
        public Builder minLr(double v) { minLr = v; return this; }
        public Builder momentum(double v) { momentum = v; return this; }
        public Builder nesterov(boolean v) { nesterov = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder gradClipNorm(double v) { gradClipNorm = v; return this; }
        public Builder schedule(String v) { schedule = v; return this; }
        public Builder polyPower(double v) { polyPower = v; return this; }
        public Builder warmupSteps(long v) { warmupSteps = v; return this; }
        public Builder loss(String v) { loss = v; return this; }
        public Builder classWeighting(String v) { classWeighting = v; return this; }
        /** Explicit weights; sets class_weighting to {@code explicit} (or {@code none} for null). */
        public Builder classWeights(float[] v) {
            classWeights = v == null ? null : v.clone();
            classWeighting = v == null ? null : "explicit";
            return this;
        }
        public Builder seed(long v) { seed = v; return this; }
        public Builder validateEvery(int v) { validateEvery = v; return this; }
        public Builder keepLast(int v) { keepLast = v; return this; }
        public Builder timeBudget(Duration v) { timeBudget = v; return this; }
        public Builder valPadMultiple(int v) { valPadMultiple = v; return this; }
        public Builder progressIntervalSeconds(double v) { progressIntervalSeconds = v; return this; }
        public Builder hflip(boolean v) { hflip = v; return this; }
        public Builder scale(double min, double max) { scaleMin = min; scaleMax = max; return this; }
        public Builder numWorkers(int v) { numWorkers = v; return this; }
        public Builder valBatchSize(int v) { valBatchSize = v; return this; }
        public Builder model(String v) { model = v; return this; }
        public Builder encoder(String v) { encoder = v; return this; }
        public Builder baseWidth(int v) { baseWidth = v; return this; }
        public Builder inputScale(double v) { inputScale = v; return this; }
        public Builder rotation(double v) { rotation = v; return this; }
        public Builder colorJitter(double v) { colorJitter = v; return this; }

        /**
         * Applies {@code key=value} overrides (CLI {@code --set}); keys as in the file.
         *
         * @param values overrides, e.g. {@code {"lr": "0.01"}}
         */
        public Builder set(Map<String, ?> values) {
            fromMapInto(this, values, "override");
            return this;
        }

        public TrainConfig build() {
            return new TrainConfig(epochs, batchSize, cropHeight, cropWidth, optimizer, lr, minLr, momentum,
                    nesterov, weightDecay, gradClipNorm, schedule, polyPower, warmupSteps, loss, classWeighting,
                    classWeights, seed, validateEvery, keepLast, timeBudget, valPadMultiple,
                    progressIntervalSeconds, hflip, scaleMin, scaleMax, numWorkers, valBatchSize, model, encoder,
                    baseWidth, inputScale, rotation, colorJitter);
        }
    }
}
