package org.seg4j.transform;

import org.seg4j.data.RgbImage;

/**
 * Per-channel normalisation that turns an 8-bit image into the float CHW layout a model reads:
 * {@code (pixel / 255 - mean) / std} with fixed statistics, or, with {@code perImage}, each channel
 * standardised by the image's own mean and standard deviation (TensorFlow's {@code
 * per_image_standardization}, per channel).
 *
 * <p>Per-image standardisation makes the network's input the same for an image and any brightness,
 * contrast or white-balance change of it that stays within the 0-255 range (a gain and offset per
 * channel), so a model trained on daylight frames sees dusk frames on the same scale. The statistics
 * are those of the image passed in: the training crop while training, the whole image or the tile at
 * inference.
 *
 * @param mean per-channel mean, RGB order, on the 0-1 scale (unused with {@code perImage})
 * @param std per-channel standard deviation, RGB order, on the 0-1 scale (unused with {@code perImage})
 * @param perImage standardise each image by its own per-channel statistics instead
 */
public record Normalization(float[] mean, float[] std, boolean perImage) {

    /** The ImageNet statistics most segmentation code uses. */
    public static final Normalization IMAGENET =
            new Normalization(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});

    /** Per-image standardisation ({@link #perImage}); the fixed statistics kept are ImageNet's. */
    public static final Normalization PER_IMAGE = new Normalization(IMAGENET.mean, IMAGENET.std, true);

    /** Name of {@link #PER_IMAGE} in configurations and manifests. */
    public static final String PER_IMAGE_NAME = "per-image";
    /** Name of fixed-statistics normalisation in configurations and manifests. */
    public static final String FIXED_NAME = "fixed";

    /** Smallest standard deviation divided by, in grey levels: a flat channel maps to zeros. */
    private static final float MIN_STD_LEVELS = 1f;

    public Normalization {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values (RGB)");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std values must be positive");
            }
        }
    }

    /** Fixed-statistics normalisation. */
    public Normalization(float[] mean, float[] std) {
        this(mean, std, false);
    }

    /** Whether {@code name} names a normalisation mode: {@link #FIXED_NAME} or {@link #PER_IMAGE_NAME}. */
    public static boolean isModeName(String name) {
        return FIXED_NAME.equals(name) || PER_IMAGE_NAME.equals(name);
    }

    /** {@link #PER_IMAGE_NAME} or {@link #FIXED_NAME}. */
    public String modeName() {
        return perImage ? PER_IMAGE_NAME : FIXED_NAME;
    }

    /**
     * Writes the normalised image as CHW floats into {@code out} starting at {@code offset}.
     *
     * @return the number of floats written ({@code 3 * width * height})
     */
    public int toChw(RgbImage image, float[] out, int offset) {
        int plane = image.width() * image.height();
        byte[] d = image.data();
        for (int c = 0; c < 3; c++) {
            float scale;
            float shift;
            if (perImage) {
                double[] moments = moments(d, c, plane);
                scale = (float) (1 / Math.max(moments[1], MIN_STD_LEVELS));
                shift = (float) (moments[0] * scale);
            } else {
                scale = 1f / (255f * std[c]);
                shift = mean[c] / std[c];
            }
            int base = offset + c * plane;
            for (int i = 0; i < plane; i++) {
                out[base + i] = (d[i * 3 + c] & 0xFF) * scale - shift;
            }
        }
        return 3 * plane;
    }

    /** The normalised image as a new CHW float array. */
    public float[] toChw(RgbImage image) {
        float[] out = new float[3 * image.width() * image.height()];
        toChw(image, out, 0);
        return out;
    }

    /** Mean and (population) standard deviation of channel {@code c}, in grey levels. */
    private static double[] moments(byte[] d, int c, int plane) {
        long sum = 0;
        long sumSq = 0;
        for (int i = 0; i < plane; i++) {
            int v = d[i * 3 + c] & 0xFF;
            sum += v;
            sumSq += (long) v * v;
        }
        double mean = (double) sum / plane;
        double variance = Math.max(0, (double) sumSq / plane - mean * mean);
        return new double[] {mean, Math.sqrt(variance)};
    }
}
