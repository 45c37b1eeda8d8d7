package org.seg4j;

import org.seg4j.data.BufferedImages;
import org.seg4j.data.ImageFiles;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
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
 * <p>Large images are processed with an overlapping sliding window, small ones whole (see
 * {@link Predictor} and {@link PredictorOptions}). A segmenter is thread-safe: several threads
 * may call {@link #segment} at once (forward passes take turns, the rest runs in parallel).
 * Close it to free the model's native memory.
 */
public final class Segmenter implements AutoCloseable {

    private final Predictor predictor;

    private Segmenter(Predictor predictor) {
        this.predictor = predictor;
    }

    /** Loads a model directory ({@code model.json} + {@code weights.params}) with default options. */
    public static Segmenter load(Path modelDir) {
        return load(modelDir, PredictorOptions.defaults());
    }

    /** Loads a model directory with the given tiling, scale and flip settings. */
    public static Segmenter load(Path modelDir, PredictorOptions options) {
        return new Segmenter(Predictor.load(modelDir, options));
    }

    /** Wraps an existing predictor; closing the segmenter closes it. */
    public static Segmenter of(Predictor predictor) {
        return new Segmenter(predictor);
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

    /** Segments an image of any type (alpha is ignored, gray is expanded to RGB). */
    public SegmentationResult segment(BufferedImage image) {
        return segment(BufferedImages.toRgbImage(image));
    }

    /** Segments an 8-bit RGB image. */
    public SegmentationResult segment(RgbImage image) {
        long t0 = System.nanoTime();
        LabelMask mask = predictor.predict(image);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        return new SegmentationResult(image, mask, predictor.classes(), elapsed);
    }

    /** Reads an image file (a photo's EXIF orientation applied) and segments it; errors name the file. */
    public SegmentationResult segment(Path imageFile) {
        return segment(ImageFiles.readUpright(imageFile));
    }

    @Override
    public void close() {
        predictor.close();
    }
}
