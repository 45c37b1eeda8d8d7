package org.seg4j.infer;

import java.util.Objects;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;

/**
 * Runs another strategy on the image resized by a factor, or to a fixed size (bilinear), and brings
 * the result back to the input's resolution. {@link #classMap} upsamples on the fly, row by row, so it never holds a
 * full-resolution probability map.
 */
public final class ScaledInference implements InferenceStrategy {

    private final InferenceStrategy inner;
    private final double scale;
    private final int width;
    private final int height;

    /** Runs {@code inner} at {@code scale} times the input's size. */
    public ScaledInference(InferenceStrategy inner, double scale) {
        this.inner = Objects.requireNonNull(inner, "inner");
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive, got " + scale);
        }
        this.scale = scale;
        this.width = 0;
        this.height = 0;
    }

    private ScaledInference(InferenceStrategy inner, int width, int height) {
        this.inner = Objects.requireNonNull(inner, "inner");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("fixed input size must be positive, got " + width + "x" + height);
        }
        this.scale = Double.NaN;
        this.width = width;
        this.height = height;
    }

    /**
     * Runs {@code inner} on every image resized to exactly {@code width x height} (aspect ratio not
     * kept), for networks trained on one input size such as MediaPipe's selfie model.
     */
    public static ScaledInference toSize(InferenceStrategy inner, int width, int height) {
        return new ScaledInference(inner, width, height);
    }

    /** Whether images are resized to a fixed size rather than by a factor. */
    public boolean fixedSize() {
        return width > 0;
    }

    /** The factor applied to the input; {@code NaN} with a fixed size. */
    public double scale() {
        return scale;
    }

    /** The image as the network sees it; the input itself when the size does not change. */
    public RgbImage scaledInput(RgbImage image) {
        if (fixedSize()) {
            return image.width() == width && image.height() == height ? image
                    : Images.resizeBilinear(image, width, height);
        }
        return scaledInput(image, scale);
    }

    /** {@code image} resized by {@code s} (at least one pixel per side); the image itself at scale 1. */
    public static RgbImage scaledInput(RgbImage image, double s) {
        if (s == 1.0) {
            return image;
        }
        int w = Math.max(1, (int) Math.round(image.width() * s));
        int h = Math.max(1, (int) Math.round(image.height() * s));
        return Images.resizeBilinear(image, w, h);
    }

    @Override
    public Probabilities probabilities(RgbImage image) {
        RgbImage scaled = scaledInput(image);
        return toInputSize(inner.probabilities(scaled), scaled, image);
    }

    @Override
    public LabelMask classMap(RgbImage image) {
        RgbImage scaled = scaledInput(image);
        if (scaled == image) {
            return inner.classMap(image);
        }
        return upsampledArgmax(inner.probabilities(scaled), image.width(), image.height());
    }

    /** {@code probs} of {@code scaled} resized (bilinear) to the size of {@code original}. */
    static Probabilities toInputSize(Probabilities probs, RgbImage scaled, RgbImage original) {
        if (scaled == original) {
            return probs;
        }
        float[] up = Images.resizePlanes(probs.data(), probs.numClasses(), probs.width(), probs.height(),
                original.width(), original.height());
        return new Probabilities(probs.numClasses(), original.width(), original.height(), up);
    }

    /**
     * Argmax of the bilinear upsampling of {@code probs} to {@code width x height}, computed row by
     * row without materialising the full-resolution probability map.
     */
    static LabelMask upsampledArgmax(Probabilities probs, int width, int height) {
        int sw = probs.width();
        int sh = probs.height();
        int classes = probs.numClasses();
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        float[] fx = new float[width];
        Images.axis(sw, width, x0, x1, fx);
        int[] y0 = new int[height];
        int[] y1 = new int[height];
        float[] fy = new float[height];
        Images.axis(sh, height, y0, y1, fy);
        float[] d = probs.data();
        int plane = sw * sh;
        byte[] labels = new byte[width * height];
        float[] best = new float[width];
        for (int y = 0; y < height; y++) {
            java.util.Arrays.fill(best, Float.NEGATIVE_INFINITY);
            float wy = fy[y];
            int o = y * width;
            for (int c = 0; c < classes; c++) {
                int r0 = c * plane + y0[y] * sw;
                int r1 = c * plane + y1[y] * sw;
                byte id = (byte) c;
                for (int x = 0; x < width; x++) {
                    float wx = fx[x];
                    float top = d[r0 + x0[x]] * (1 - wx) + d[r0 + x1[x]] * wx;
                    float bot = d[r1 + x0[x]] * (1 - wx) + d[r1 + x1[x]] * wx;
                    float v = top * (1 - wy) + bot * wy;
                    if (v > best[x]) {
                        best[x] = v;
                        labels[o + x] = id;
                    }
                }
            }
        }
        return new LabelMask(width, height, labels);
    }
}
