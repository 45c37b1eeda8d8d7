package org.seg4j.train.region;

import ai.djl.engine.Engine;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.Sample;
import org.seg4j.data.SampleSource;
import org.seg4j.infer.Evaluator;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.region.LinearSvms;
import org.seg4j.infer.region.RegionDescriber;
import org.seg4j.infer.region.RegionEncoder;
import org.seg4j.infer.region.RegionModelFile;
import org.seg4j.infer.region.RegionRuntime;
import org.seg4j.metric.SegmentationMetrics;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelSpec;
import org.seg4j.transform.Normalization;
import org.seg4j.util.BuildInfo;
import org.seg4j.util.Json;
import org.seg4j.util.Progress;

/**
 * Trains a region-based model (R-CNN style) and writes its model directory: for every training
 * image, selective search proposals and their pooled encoder features ({@link RegionDescriber}),
 * labels from the overlap with the ground truth ({@link RegionTargets}); features standardised over
 * all training regions; one linear SVM per class with hard-negative mining ({@link SvmTraining}).
 * The encoder is not trained: it comes from a trained seg4j model ({@link Builder#optInitModel}) or
 * is a freshly initialised network's ({@link Builder#optEncoderNetwork}).
 *
 * <p>The directory holds {@code model.json} (runtime {@code regions}), {@code regions.json} (SVMs,
 * proposal and feature settings) and {@code encoder.params}; with validation data the manifest's
 * metrics are the validation scores of the written model, computed by the same
 * {@link Predictor} that {@code seg4j eval} uses.
 *
 * <pre>{@code
 * RegionTraining.builder().setTrainData(train).optValidationData(val)
 *         .optInitModel(Path.of("runs/unet")).setOutputDir(Path.of("runs/regions")).build().fit();
 * }</pre>
 */
public final class RegionTraining {

    private final SampleSource train;
    private final SampleSource validation;
    private final Path outputDir;
    private final Path initModel;
    private final ModelSpec encoderNetwork;
    private final RegionTrainOptions options;
    private final long seed;
    private final String fingerprint;
    private final PrintStream log;

    private RegionTraining(Builder b) {
        this.train = b.train;
        this.validation = b.validation;
        this.outputDir = b.outputDir;
        this.initModel = b.initModel;
        this.encoderNetwork = b.encoderNetwork;
        this.options = b.options;
        this.seed = b.seed;
        this.fingerprint = b.fingerprint;
        this.log = b.log;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * What a run produced.
     *
     * @param outputDir the model directory
     * @param images training images described
     * @param regions training regions kept
     * @param validation validation metrics of the written model, {@code null} without validation data
     * @param seconds wall-clock time of the whole run
     */
    public record Result(Path outputDir, int images, int regions, SegmentationMetrics validation, double seconds) {}

    /** Describes the training images, trains the SVMs, writes the model directory and validates it. */
    public Result fit() {
        long start = System.nanoTime();
        ClassMeta classes = train.classes();
        int k = classes.numClasses();
        Engine.getInstance().setRandomSeed((int) seed);
        Normalization norm = initModel != null
                ? ModelDirectory.readManifest(initModel).preprocessing().normalization()
                : Normalization.IMAGENET;
        if (norm.perImage()) {
            throw new Seg4jException(initModel + ": the model uses per-image input normalisation, which a region "
                    + "model cannot use (it reads the 8-bit image back from the normalised input)");
        }
        try (RegionEncoder encoder = initModel != null
                ? RegionEncoder.fromModel(initModel, options.featureStride())
                : RegionEncoder.fresh(encoderNetwork.numClasses() == k ? encoderNetwork
                        : new ModelSpec(encoderNetwork.architecture(), encoderNetwork.encoder(), k,
                                encoderNetwork.baseWidth(), encoderNetwork.options()), options.featureStride())) {
            RegionDescriber describer = new RegionDescriber(encoder,
                    org.seg4j.data.region.SelectiveSearch.preset(options.proposals(), options.maxProposals()));
            log("seg4j: regions: encoder %s (%s, stage of stride %d, %d channels), proposals %s, %d classes",
                    encoder.spec().encoderOr(encoder.spec().architecture()),
                    initModel != null ? "from " + initModel : "fresh weights", encoder.stride(), encoder.channels(),
                    describer.search().describe(), k);
            List<float[]> rows = new ArrayList<>();
            List<byte[]> labels = new ArrayList<>();
            int maxH = 0;
            int maxW = 0;
            long proposalsSeen = 0;
            Random random = new Random(seed);
            int n = train.size();
            try (Progress bar = Progress.create(log, "regions", "img", n)) {
                for (int i = 0; i < n; i++) {
                    Sample s = train.load(i);
                    if (s.mask() == null) {
                        throw new Seg4jException(s.id() + ": no ground-truth mask to train the region SVMs on");
                    }
                    maxH = Math.max(maxH, s.image().height());
                    maxW = Math.max(maxW, s.image().width());
                    RegionDescriber.Described d = describer.describe(s.image(), norm.toChw(s.image()));
                    proposalsSeen += d.proposals().size();
                    byte[][] t = RegionTargets.of(d.proposals(), s.mask(), k, options.positiveShare(),
                            options.negativeShare(), options.maxVoid());
                    keep(d.features(), t, rows, labels, random);
                    bar.step(i + 1);
                }
            }
            if (rows.isEmpty()) {
                throw new Seg4jException("no training region with labelled pixels: every region was more than "
                        + options.maxVoid() + " void");
            }
            float[][] x = rows.toArray(new float[0][]);
            float[][] stats = standardise(x);
            double[][] w = new SvmTraining(options.svmC(), options.miningRounds(), options.initialNegatives(), seed)
                    .train(x, labels.toArray(new byte[0][]), k, log);
            LinearSvms svms = toSvms(w, stats, describer.dimension(), k);
            write(encoder, svms, classes, norm, maxH, maxW, n, rows.size(), proposalsSeen);
            log("seg4j: regions: %d SVMs trained on %d regions of %d images (%.0f proposals per image)", k,
                    rows.size(), n, proposalsSeen / (double) n);
            SegmentationMetrics metrics = validate();
            return new Result(outputDir, n, rows.size(), metrics, (System.nanoTime() - start) / 1e9);
        }
    }

    /** Keeps up to regionsPerImage labelled regions of one image, those positive for some class first. */
    private void keep(float[][] features, byte[][] targets, List<float[]> rows, List<byte[]> labels, Random random) {
        List<Integer> positive = new ArrayList<>();
        List<Integer> other = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] == null) {
                continue;
            }
            boolean pos = false;
            for (byte b : targets[i]) {
                pos |= b > 0;
            }
            (pos ? positive : other).add(i);
        }
        java.util.Collections.shuffle(positive, random);
        java.util.Collections.shuffle(other, random);
        positive.addAll(other);
        for (int i : positive.subList(0, Math.min(positive.size(), options.regionsPerImage()))) {
            rows.add(features[i]);
            labels.add(targets[i]);
        }
    }

    /** Standardises {@code x} in place; returns {mean, std}. */
    private static float[][] standardise(float[][] x) {
        int d = x[0].length;
        double[] sum = new double[d];
        double[] sq = new double[d];
        for (float[] r : x) {
            for (int j = 0; j < d; j++) {
                sum[j] += r[j];
                sq[j] += (double) r[j] * r[j];
            }
        }
        float[] mean = new float[d];
        float[] std = new float[d];
        for (int j = 0; j < d; j++) {
            double m = sum[j] / x.length;
            double var = Math.max(0, sq[j] / x.length - m * m);
            mean[j] = (float) m;
            std[j] = (float) Math.max(Math.sqrt(var), 1e-6);
        }
        for (float[] r : x) {
            for (int j = 0; j < d; j++) {
                r[j] = (r[j] - mean[j]) / std[j];
            }
        }
        return new float[][] {mean, std};
    }

    private static LinearSvms toSvms(double[][] w, float[][] stats, int d, int k) {
        float[] weights = new float[k * d];
        float[] bias = new float[k];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                weights[c * d + j] = (float) w[c][j];
            }
            bias[c] = (float) w[c][d];
        }
        return new LinearSvms(k, d, weights, bias, stats[0], stats[1]);
    }

    private void write(RegionEncoder encoder, LinearSvms svms, ClassMeta classes, Normalization norm, int height,
            int width, int images, int regions, long proposals) {
        try {
            Files.createDirectories(outputDir);
        } catch (java.io.IOException e) {
            throw new Seg4jException(outputDir + ": cannot create the model directory: " + e.getMessage(), e);
        }
        encoder.save(outputDir.resolve(RegionModelFile.ENCODER_WEIGHTS));
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("images", images);
        training.put("regions", regions);
        training.put("proposals_per_image", proposals / (double) images);
        training.put("options", options.toMap());
        training.put("encoder_from", initModel == null ? "fresh" : initModel.toAbsolutePath().toString());
        RegionModelFile file = new RegionModelFile(RegionModelFile.FORMAT_VERSION, encoder.spec(),
                RegionModelFile.ENCODER_WEIGHTS, options.featureStride(), options.proposals(), options.maxProposals(),
                training, svms);
        Json.writeJson(outputDir.resolve(RegionModelFile.FILE), file);
        Map<String, String> modelOptions = new LinkedHashMap<>(options.toMap());
        modelOptions.put("encoder_network", encoder.spec().architecture());
        modelOptions.put("encoder", encoder.spec().encoder());
        ModelSpec spec = new ModelSpec(RegionRuntime.NAME, encoder.spec().encoder(), classes.numClasses(),
                encoder.spec().baseWidth(), modelOptions);
        var pre = new ModelManifest.Preprocessing(height, width, norm, 1.0, null);
        Map<String, Object> config = new LinkedHashMap<>(modelOptions);
        config.put("model", RegionRuntime.NAME);
        config.put("init", initModel == null ? null : initModel.toString());
        var provenance = new ModelManifest.Provenance(BuildInfo.version(), BuildInfo.djlVersion(),
                BuildInfo.engineVersion(), BuildInfo.gitCommit(), seed, fingerprint, OffsetDateTime.now().toString(),
                config);
        Json.writeJson(outputDir.resolve(ModelDirectory.MANIFEST), new ModelManifest(ModelManifest.FORMAT_VERSION,
                spec, classes, pre, provenance, Map.of(), RegionRuntime.NAME, RegionModelFile.FILE));
    }

    private SegmentationMetrics validate() {
        if (validation == null) {
            return null;
        }
        try (Predictor predictor = Predictor.load(outputDir)) {
            Evaluator.Result r = Evaluator.evaluate(predictor, validation, log);
            SegmentationMetrics m = SegmentationMetrics.of(r.matrix());
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("mIoU", m.meanIoU());
            metrics.put("pixel_accuracy", m.pixelAccuracy());
            metrics.put("mean_class_accuracy", m.meanClassAccuracy());
            metrics.put("mean_boundary_f", r.boundary().meanF1());
            metrics.put("val_images", r.images());
            metrics.put("val_images_per_second", r.imagesPerSecond());
            ModelManifest manifest = ModelDirectory.readManifest(outputDir);
            Json.writeJson(outputDir.resolve(ModelDirectory.MANIFEST), manifest.withMetrics(metrics));
            log("seg4j: regions: validation mIoU %.4f, pixel accuracy %.4f, mean boundary F %.4f on %d images",
                    m.meanIoU(), m.pixelAccuracy(), r.boundary().meanF1(), r.images());
            return m;
        }
    }

    private void log(String format, Object... args) {
        if (log != null) {
            log.println(String.format(Locale.ROOT, format, args));
        }
    }

    /** Builder: training data and output directory are required. */
    public static final class Builder {
        private SampleSource train;
        private SampleSource validation;
        private Path outputDir;
        private Path initModel;
        private ModelSpec encoderNetwork = new ModelSpec("unet", "", 1, 16, Map.of());
        private RegionTrainOptions options = RegionTrainOptions.defaults();
        private long seed = 42;
        private String fingerprint = "";
        private PrintStream log = System.err;

        public Builder setTrainData(SampleSource data) {
            this.train = data;
            return this;
        }

        public Builder setOutputDir(Path dir) {
            this.outputDir = dir;
            return this;
        }

        /** Scores the written model on these samples; its metrics go into the manifest. */
        public Builder optValidationData(SampleSource data) {
            this.validation = data;
            return this;
        }

        /** Takes the encoder (and its normalisation) from this trained seg4j model directory. */
        public Builder optInitModel(Path modelDir) {
            this.initModel = modelDir;
            return this;
        }

        /**
         * Without an init model: the network whose freshly initialised encoder is used (default
         * unet, width 16); its class count is replaced by the data's.
         */
        public Builder optEncoderNetwork(ModelSpec spec) {
            this.encoderNetwork = spec;
            return this;
        }

        public Builder optOptions(RegionTrainOptions value) {
            this.options = value;
            return this;
        }

        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        public Builder optDatasetFingerprint(String value) {
            this.fingerprint = value == null ? "" : value;
            return this;
        }

        /** Where progress and the SVM log go; {@code null} for silence (default standard error). */
        public Builder optLog(PrintStream out) {
            this.log = out;
            return this;
        }

        public RegionTraining build() {
            if (train == null || train.size() == 0) {
                throw new Seg4jException("region training needs training data with at least one image");
            }
            if (outputDir == null) {
                throw new IllegalArgumentException("setOutputDir is required");
            }
            if (initModel != null) {
                ModelManifest m = ModelDirectory.readManifest(initModel);
                if (m.isExternal()) {
                    throw new Seg4jException("--init " + initModel + ": a " + m.runtime() + " model; the region "
                            + "method needs a seg4j network to take its encoder from");
                }
            }
            if (validation != null && !validation.classes().names().equals(train.classes().names())) {
                throw new Seg4jException("validation classes " + validation.classes().names()
                        + " differ from the training classes " + train.classes().names());
            }
            return new RegionTraining(this);
        }
    }
}
