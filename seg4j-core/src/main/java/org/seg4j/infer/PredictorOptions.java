package org.seg4j.infer;

import java.util.List;
import org.seg4j.infer.refine.CrfParams;

/**
 * Settings of a {@link Predictor}. Zero (or {@code NaN} for {@link #scale}) means "choose from the
 * model's manifest"; the resolved values are documented on each component.
 *
 * @param tileSize side of the square sliding-window tile in network pixels; 0 = {@code max(training
 *     height, training width, 512)}. Tiles are clamped to the image, so an image narrower than a tile
 *     is covered by tiles as wide as the image.
 * @param overlap fraction of a tile shared with its neighbour, in {@code [0, 0.9]}; default 1/3
 * @param tileBatch number of tiles sent through the network at once (memory: {@code tileBatch *
 *     classes * tile²} floats of probabilities plus the network's activations); default 4
 * @param maxWholePixels images (after scaling) with at most this many pixels run through the
 *     network whole, larger ones with the sliding window; 0 = {@code max(1024 * 1024, 4 * training
 *     height * training width)}, i.e. about 1 MP or twice the training size per side
 * @param flip test-time augmentation: also run the horizontally flipped input and average the two
 *     probability maps (twice the compute)
 * @param scale factor applied to the input before the network; {@code NaN} = the manifest's
 *     {@code preprocessing.scale} (values {@code <= 0} there count as 1). The result is always at the
 *     input's resolution.
 * @param scaleFactors multi-scale test-time augmentation: factors applied on top of {@code scale}; the
 *     probability maps of every factor, each brought back to the input's resolution, are averaged
 *     (with {@link #flip}, every scale is also flipped). {@code [1.0]} (the default) is a single scale.
 * @param crf refinement of the probabilities by a fully connected CRF ({@link org.seg4j.infer.refine.CrfRefiner}) at the
 *     input's resolution; {@code null} for none (the default). With a CRF, {@link Predictor#predict}
 *     holds the full probability map of the image.
 * @param engine what runs the forward passes of a seg4j network loaded by {@link Predictor#load}
 *     ({@code null} counts as {@link InferenceEngine#DJL}, the default); a predictor over a block or
 *     a forward pass the caller made accepts only {@link InferenceEngine#DJL}, and a model directory
 *     holding an imported file runs with its manifest's runtime
 */
public record PredictorOptions(
        int tileSize, double overlap, int tileBatch, long maxWholePixels, boolean flip, double scale,
        List<Double> scaleFactors, CrfParams crf, InferenceEngine engine) {

    /** Default overlap between neighbouring tiles. */
    public static final double DEFAULT_OVERLAP = 1.0 / 3.0;
    /** Default number of tiles per forward pass. */
    public static final int DEFAULT_TILE_BATCH = 4;
    /** Lower bound of the automatic tile size. */
    public static final int MIN_AUTO_TILE = 512;
    /** Lower bound of the automatic whole-image limit (pixels). */
    public static final long MIN_AUTO_WHOLE_PIXELS = 1024L * 1024L;

    public PredictorOptions {
        if (tileSize < 0) {
            throw new IllegalArgumentException("tile size must be positive (or 0 for automatic), got " + tileSize);
        }
        if (!(overlap >= 0 && overlap <= 0.9)) {
            throw new IllegalArgumentException("tile overlap must be in 0..0.9, got " + overlap);
        }
        if (tileBatch < 1) {
            throw new IllegalArgumentException("tile batch must be at least 1, got " + tileBatch);
        }
        if (maxWholePixels < 0) {
            throw new IllegalArgumentException("whole-image limit must be positive (or 0 for automatic)");
        }
        if (!Double.isNaN(scale) && !(scale > 0 && scale <= 16)) {
            throw new IllegalArgumentException("scale must be in (0, 16], got " + scale);
        }
        engine = engine == null ? InferenceEngine.DJL : engine;
        scaleFactors = scaleFactors == null || scaleFactors.isEmpty() ? List.of(1.0) : List.copyOf(scaleFactors);
        for (double f : scaleFactors) {
            if (!(f >= 0.125 && f <= 4)) {
                throw new IllegalArgumentException("test-time scale factors must be in [0.125, 4], got " + f);
            }
        }
    }

    /** Whether more than the plain single scale is asked for. */
    public boolean multiScale() {
        return scaleFactors.size() > 1 || scaleFactors.get(0) != 1.0;
    }

    /**
     * All defaults: automatic tile size and whole-image limit, 1/3 overlap, 4 tiles per batch, no
     * flip, no CRF, the DJL engine.
     */
    public static PredictorOptions defaults() {
        return new PredictorOptions(0, DEFAULT_OVERLAP, DEFAULT_TILE_BATCH, 0, false, Double.NaN, null, null,
                InferenceEngine.DJL);
    }

    public PredictorOptions withTileSize(int value) {
        return new PredictorOptions(value, overlap, tileBatch, maxWholePixels, flip, scale, scaleFactors, crf, engine);
    }

    public PredictorOptions withOverlap(double value) {
        return new PredictorOptions(tileSize, value, tileBatch, maxWholePixels, flip, scale, scaleFactors, crf, engine);
    }

    public PredictorOptions withTileBatch(int value) {
        return new PredictorOptions(tileSize, overlap, value, maxWholePixels, flip, scale, scaleFactors, crf, engine);
    }

    public PredictorOptions withMaxWholePixels(long value) {
        return new PredictorOptions(tileSize, overlap, tileBatch, value, flip, scale, scaleFactors, crf, engine);
    }

    public PredictorOptions withFlip(boolean value) {
        return new PredictorOptions(tileSize, overlap, tileBatch, maxWholePixels, value, scale, scaleFactors,
                crf, engine);
    }

    public PredictorOptions withScale(double value) {
        return new PredictorOptions(tileSize, overlap, tileBatch, maxWholePixels, flip, value, scaleFactors,
                crf, engine);
    }

    /** With multi-scale test-time augmentation by these factors of {@link #scale} ({@code [1.0]}: none). */
    public PredictorOptions withScaleFactors(List<Double> value) {
        return new PredictorOptions(tileSize, overlap, tileBatch, maxWholePixels, flip, scale, value, crf, engine);
    }

    /** With CRF refinement ({@code null}: none). */
    public PredictorOptions withCrf(CrfParams value) {
        return new PredictorOptions(tileSize, overlap, tileBatch, maxWholePixels, flip, scale, scaleFactors,
                value, engine);
    }

    /** With another engine for the forward passes ({@code null}: {@link InferenceEngine#DJL}). */
    public PredictorOptions withEngine(InferenceEngine value) {
        return new PredictorOptions(tileSize, overlap, tileBatch, maxWholePixels, flip, scale, scaleFactors,
                crf, value);
    }

    /** Forces the sliding window for every image (whole-image limit of one pixel). */
    public PredictorOptions alwaysTiled() {
        return withMaxWholePixels(1);
    }
}
