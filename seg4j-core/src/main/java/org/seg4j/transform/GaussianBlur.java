package org.seg4j.transform;

import java.util.random.RandomGenerator;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;

/**
 * With probability {@code probability}, blurs the image (not the mask) with a Gaussian whose sigma
 * is drawn uniformly from {@code [sigmaMin, sigmaMax]} pixels, as torchvision's
 * {@code RandomApply([GaussianBlur(k, sigma=(0.1, 2.0))], p)}: it makes a model less dependent on
 * the sharpness of one camera. The kernel is separable and truncated at {@code 3 sigma}; borders
 * are reflected.
 *
 * @param probability chance that an image is blurred, in [0, 1]
 * @param sigmaMin smallest sigma in pixels, positive
 * @param sigmaMax largest sigma in pixels, at least {@code sigmaMin}
 */
public record GaussianBlur(double probability, double sigmaMin, double sigmaMax) implements JointTransform {

    public GaussianBlur {
        Checks.range("GaussianBlur", "probability", probability, 0, 1);
        Checks.range("GaussianBlur", "sigmaMin", sigmaMin, 1e-3, 50);
        Checks.range("GaussianBlur", "sigmaMax", sigmaMax, sigmaMin, 50);
    }

    /** torchvision's default sigma range, 0.1 to 2.0 pixels. */
    public static GaussianBlur withProbability(double probability) {
        return new GaussianBlur(probability, 0.1, 2.0);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        // Both draws happen whatever the outcome, so later transforms see the same random stream.
        boolean apply = rng.nextDouble() < probability;
        double sigma = sigmaMin + (sigmaMax - sigmaMin) * rng.nextDouble();
        if (!apply) {
            return sample;
        }
        return sample.with(blur(sample.image(), sigma), sample.mask());
    }

    /** The image blurred with a Gaussian of the given sigma. */
    public static RgbImage blur(RgbImage img, double sigma) {
        float[] k = kernel(sigma);
        int w = img.width();
        int h = img.height();
        byte[] src = img.data();
        float[] tmp = new float[src.length];
        int r = k.length / 2;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                float a = 0, b = 0, c = 0;
                for (int i = -r; i <= r; i++) {
                    int p = (row + reflect(x + i, w)) * 3;
                    float kv = k[i + r];
                    a += kv * (src[p] & 0xFF);
                    b += kv * (src[p + 1] & 0xFF);
                    c += kv * (src[p + 2] & 0xFF);
                }
                int q = (row + x) * 3;
                tmp[q] = a;
                tmp[q + 1] = b;
                tmp[q + 2] = c;
            }
        }
        byte[] out = new byte[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float a = 0, b = 0, c = 0;
                for (int i = -r; i <= r; i++) {
                    int p = (reflect(y + i, h) * w + x) * 3;
                    float kv = k[i + r];
                    a += kv * tmp[p];
                    b += kv * tmp[p + 1];
                    c += kv * tmp[p + 2];
                }
                int q = (y * w + x) * 3;
                out[q] = toByte(a);
                out[q + 1] = toByte(b);
                out[q + 2] = toByte(c);
            }
        }
        return new RgbImage(w, h, out);
    }

    static float[] kernel(double sigma) {
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            double v = Math.exp(-0.5 * i * i / (sigma * sigma));
            k[i + r] = (float) v;
            sum += v;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        return k;
    }

    /** Mirror index without repeating the edge (like OpenCV's BORDER_REFLECT_101 and torchvision). */
    private static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        while (i < 0 || i >= n) {
            i = i < 0 ? -i : 2 * n - 2 - i;
        }
        return i;
    }

    private static byte toByte(float v) {
        int r = Math.round(v);
        return (byte) (r <= 0 ? 0 : Math.min(r, 255));
    }
}
