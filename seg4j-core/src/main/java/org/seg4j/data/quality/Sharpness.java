package org.seg4j.data.quality;

import org.seg4j.data.RgbImage;

/**
 * Sharpness scores of an image, computed on its luminance: higher is sharper.
 *
 * <ul>
 *   <li>{@link #laplacianVariance}: variance of the 4-neighbour Laplacian (Pech-Pacheco et al.
 *       2000), the usual blur detector: blur removes the high frequencies the Laplacian responds to;
 *   <li>{@link #tenengrad}: mean squared Sobel gradient magnitude (Tenengrad, Krotkov 1987), less
 *       sensitive to pixel noise than the Laplacian.
 * </ul>
 *
 * <p>Both depend on the image size and content, so compare images of one data set; the threshold
 * is best taken from the data's own distribution ({@link SharpnessScores#suggestedThreshold()}).
 * Images narrower or lower than 3 pixels score 0.
 *
 * @param laplacianVariance variance of the Laplacian of the luminance
 * @param tenengrad mean of {@code gx^2 + gy^2} of the Sobel gradients of the luminance
 */
public record Sharpness(double laplacianVariance, double tenengrad) {

    /** Both scores of {@code image}. */
    public static Sharpness of(RgbImage image) {
        int w = image.width();
        int h = image.height();
        if (w < 3 || h < 3) {
            return new Sharpness(0, 0);
        }
        float[] y = luminance(image);
        double sum = 0;
        double sumSq = 0;
        double grad = 0;
        long n = 0;
        for (int r = 1; r < h - 1; r++) {
            for (int c = 1; c < w - 1; c++) {
                int i = r * w + c;
                double lap = y[i - 1] + y[i + 1] + y[i - w] + y[i + w] - 4 * y[i];
                sum += lap;
                sumSq += lap * lap;
                double gx = (y[i - w + 1] + 2 * y[i + 1] + y[i + w + 1]) - (y[i - w - 1] + 2 * y[i - 1] + y[i + w - 1]);
                double gy = (y[i + w - 1] + 2 * y[i + w] + y[i + w + 1]) - (y[i - w - 1] + 2 * y[i - w] + y[i - w + 1]);
                grad += gx * gx + gy * gy;
                n++;
            }
        }
        double mean = sum / n;
        return new Sharpness(Math.max(0, sumSq / n - mean * mean), grad / n);
    }

    private static float[] luminance(RgbImage image) {
        byte[] d = image.data();
        float[] y = new float[image.width() * image.height()];
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.299f * (d[3 * i] & 0xFF) + 0.587f * (d[3 * i + 1] & 0xFF) + 0.114f * (d[3 * i + 2] & 0xFF);
        }
        return y;
    }
}
