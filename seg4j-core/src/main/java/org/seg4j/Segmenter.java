package org.seg4j;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.seg4j.data.BufferedImages;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.InferenceEngine;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.infer.Probabilities;
import org.seg4j.model.ModelManifest;

/**
 * Semantic segmentation in a few lines: load a model directory written by {@code seg4j train},
 * segment images of any size, read the class map, class shares and visualisations.
 *
 * <pre>{@code
 * try (Segmenter segmenter = Segmenter.load(Path.of("models/camvid-unet"))) {
 *     BufferedImage photo = ImageIO.read(new File("street.jpg"));
 *     SegmentationResult result = segmenter.segment(photo);
 *     LabelMask mask = result.mask();                 // class id per pixel, same size as the photo
 *     result.shares().forEach((name, share) ->
 *             System.out.printf("%-12s %5.1f%%%n", name, 100 * share));
 *     ImageIO.write(result.overlay(0.5), "png", new File("street_overlay.png"));
 *     ImageIO.write(result.cutout(Set.of("car", "pedestrian")), "png", new File("street_cutout.png"));
 *     System.out.println("took " + result.elapsed().toMillis() + " ms");
 * }
 * }</pre>
 *
 * <p>{@link #builder()} adds options: {@link Builder#optProbabilities optProbabilities(true)} puts
 * the class probabilities and per-pixel confidence into every result, {@link Builder#optEngine
 * optEngine(InferenceEngine.ONNXRUNTIME)} runs the model through ONNX Runtime. {@link #segmentAll}
 * and {@link #segmentFiles} segment several images with batched forward passes.
 *
 * <p>Errors: a model directory that cannot be used throws {@link InvalidModelException} (naming
 * the directory), an image that cannot be read throws {@link InvalidImageException} (naming the
 * file), both {@link Seg4jException}s.
 *
 * <p>Large images are processed with an overlapping sliding window, small ones whole (see
 * {@link Predictor} and {@link PredictorOptions}). A segmenter is thread-safe: several threads
 * may call {@link #segment} at once (forward passes take turns, the rest runs in parallel).
 * Close it to free the model's native memory.
 */
public final class Segmenter implements AutoCloseable {

    private final Predictor predictor;
    private final boolean probabilities;

    private Segmenter(Predictor predictor, boolean probabilities) {
        this.predictor = predictor;
        this.probabilities = probabilities;
    }

    /**
     * Loads a model directory ({@code model.json} + {@code weights.params}) with default options.
     *
     * @throws InvalidModelException when the directory is not a usable model
     */
    public static Segmenter load(Path modelDir) {
        return builder().setModelDir(modelDir).build();
    }

    /**
     * Loads a model directory with the given tiling, scale and flip settings.
     *
     * @throws InvalidModelException when the directory is not a usable model
     */
    public static Segmenter load(Path modelDir, PredictorOptions options) {
        return builder().setModelDir(modelDir).optOptions(options).build();
    }

    /** Wraps an existing predictor; closing the segmenter closes it. */
    public static Segmenter of(Predictor predictor) {
        return builder().setPredictor(predictor).build();
    }

    /** A builder: {@link Builder#setModelDir} or {@link Builder#setPredictor} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The classes the model predicts, in id order. */
    public ClassMeta classes() {
        return predictor.classes();
    }

    /** The model's manifest (architecture, preprocessing, provenance, metrics). */
    public ModelManifest manifest() {
        return predictor.manifest();
    }

    /** The underlying predictor (probabilities, options). */
    public Predictor predictor() {
        return predictor;
    }

    /** Whether results carry class probabilities and confidence ({@link Builder#optProbabilities}). */
    public boolean returnsProbabilities() {
        return probabilities;
    }

    /** Segments an image of any type (alpha is ignored, gray is expanded to RGB). */
    public SegmentationResult segment(BufferedImage image) {
        return segment(BufferedImages.toRgbImage(checkPresent(image, "image")));
    }

    /** Segments an 8-bit RGB image. */
    public SegmentationResult segment(RgbImage image) {
        checkPresent(image, "image");
        long t0 = System.nanoTime();
        Probabilities p = probabilities ? predictor.predictProbabilities(image) : null;
        LabelMask mask = p != null ? p.argmax() : predictor.predict(image);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        return new SegmentationResult(image, mask, predictor.classes(), elapsed, p);
    }

    /**
     * Reads an image file (a photo's EXIF orientation applied) and segments it.
     *
     * @throws InvalidImageException naming the file when it cannot be read
     */
    public SegmentationResult segment(Path imageFile) {
        return segment(read(imageFile));
    }

    /**
     * Segments several images, stacking those of one size into one forward pass ({@link
     * Predictor#predictBatch}); results are in input order and equal {@link #segment} image by image
     * up to batch-dependent rounding. Each result's {@code elapsed()} is its share of the batch's
     * time (total / N). Memory: the activations of the largest group of same-size images, plus a
     * full probability map per image with probabilities on.
     *
     * @throws InvalidImageException naming the position of a {@code null} image
     */
    public List<SegmentationResult> segmentAll(List<RgbImage> images) {
        for (int i = 0; i < images.size(); i++) {
            checkPresent(images.get(i), "image " + (i + 1) + " of " + images.size());
        }
        if (images.isEmpty()) {
            return List.of();
        }
        long t0 = System.nanoTime();
        List<Probabilities> probs = probabilities ? predictor.predictProbabilitiesBatch(images) : null;
        List<LabelMask> masks = probs == null ? predictor.predictBatch(images) : null;
        Duration each = Duration.ofNanos((System.nanoTime() - t0) / images.size());
        List<SegmentationResult> out = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            Probabilities p = probs == null ? null : probs.get(i);
            LabelMask mask = p != null ? p.argmax() : masks.get(i);
            out.add(new SegmentationResult(images.get(i), mask, predictor.classes(), each, p));
        }
        return List.copyOf(out);
    }

    /**
     * Reads image files (EXIF orientation applied) and segments them like {@link #segmentAll}.
     *
     * @throws InvalidImageException naming the first file that cannot be read (nothing is segmented)
     */
    public List<SegmentationResult> segmentFiles(List<Path> imageFiles) {
        List<RgbImage> images = new ArrayList<>(imageFiles.size());
        for (Path file : imageFiles) {
            images.add(read(file));
        }
        return segmentAll(images);
    }

    private static RgbImage read(Path file) {
        Objects.requireNonNull(file, "imageFile");
        try {
            return ImageFiles.readUpright(file);
        } catch (Seg4jException e) {
            if (e instanceof InvalidImageException invalid) {
                throw invalid;
            }
            throw new InvalidImageException(file.toString(), ErrorMessages.problemOf(e, file.toString()), e);
        }
    }

    private static <T> T checkPresent(T image, String source) {
        if (image == null) {
            throw new InvalidImageException(source, "no image (null)");
        }
        return image;
    }

    @Override
    public void close() {
        predictor.close();
    }

    /** Configuration of a {@link Segmenter}: {@code set*} required (one of the two), {@code opt*} optional. */
    public static final class Builder {
        private Path modelDir;
        private Predictor predictor;
        private PredictorOptions options;
        private InferenceEngine engine;
        private boolean probabilities;

        private Builder() {}

        /** The model directory to load ({@code model.json} + {@code weights.params}). */
        public Builder setModelDir(Path modelDir) {
            this.modelDir = modelDir;
            return this;
        }

        /** An open predictor to use instead of a model directory; closing the segmenter closes it. */
        public Builder setPredictor(Predictor predictor) {
            this.predictor = predictor;
            return this;
        }

        /** Tiling, scale, flip, multi-scale and CRF settings (only with {@link #setModelDir}). */
        public Builder optOptions(PredictorOptions options) {
            this.options = options;
            return this;
        }

        /**
         * What runs the network's forward passes (default {@link InferenceEngine#DJL}; only with
         * {@link #setModelDir}). {@link InferenceEngine#ONNXRUNTIME} runs a seg4j model's ONNX
         * export (made once and cached in the model directory) and needs the {@code seg4j-onnx}
         * module on the class path. Overrides the engine in {@link #optOptions}.
         */
        public Builder optEngine(InferenceEngine engine) {
            this.engine = engine;
            return this;
        }

        /**
         * Whether every result carries the class probabilities and the per-pixel confidence
         * (default false). They cost a {@code classes x H x W} float map per image ({@code 4 *
         * classes * H * W} bytes) and a softmax the plain class map can skip; the mask is then their
         * argmax.
         */
        public Builder optProbabilities(boolean probabilities) {
            this.probabilities = probabilities;
            return this;
        }

        /**
         * Validates the settings and loads the model.
         *
         * @throws InvalidModelException when the model directory is not a usable model
         */
        public Segmenter build() {
            if ((modelDir == null) == (predictor == null)) {
                throw new IllegalArgumentException("a segmenter needs either a model directory (setModelDir) or a "
                        + "predictor (setPredictor), not " + (modelDir == null ? "neither" : "both"));
            }
            if (predictor != null) {
                if (options != null || engine != null) {
                    throw new IllegalArgumentException((options != null ? "optOptions" : "optEngine")
                            + " applies to a model directory; a predictor brings its own options");
                }
                return new Segmenter(predictor, probabilities);
            }
            PredictorOptions o = options == null ? PredictorOptions.defaults() : options;
            return new Segmenter(loadPredictor(modelDir, engine == null ? o : o.withEngine(engine)), probabilities);
        }

        private static Predictor loadPredictor(Path dir, PredictorOptions options) {
            try {
                return Predictor.load(dir, options);
            } catch (InvalidModelException e) {
                throw e;
            } catch (Seg4jException | IllegalArgumentException | IllegalStateException e) {
                throw new InvalidModelException(dir, ErrorMessages.problemOf(e, dir.toString()), e);
            }
        }
    }
}
