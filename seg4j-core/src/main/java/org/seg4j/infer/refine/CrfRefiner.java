package org.seg4j.infer.refine;

import java.util.Objects;
import org.seg4j.Seg4jException;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Images;
import org.seg4j.infer.Probabilities;

/**
 * Refines class probabilities with a fully connected CRF (Krähenbühl and Koltun, 2011) as in
 * DeepLab v1: unaries {@code -log p} from the network, Potts compatibility, and the Gaussian
 * appearance and smoothness kernels of {@link CrfParams}, solved by mean-field iterations
 *
 * <pre>
 *   Q_i(l) ∝ exp(log p_i(l) + w1 Σ_j k1(i, j) Q_j(l) + w2 Σ_j k2(i, j) Q_j(l))
 * </pre>
 *
 * (with Potts compatibility, the energy of disagreeing with the neighbours' labels is the total
 * message minus the message of {@code l}; the total is the same for every label and cancels).
 *
 * <p><b>Speed.</b> Everything is linear in the number of pixels:
 *
 * <ul>
 *   <li>the CRF runs on a working grid {@link CrfParams#factorFor downsampled} from the image by an
 *       integer factor (2 for 360x480 by default): colours and probabilities are box-averaged, the
 *       bandwidths divided by the factor, and the final marginals upsampled bilinearly;
 *   <li>the smoothness kernel is a separable Gaussian ({@link GaussianFilter});
 *   <li>the appearance kernel is a sparse bilateral grid over position and colour ({@link
 *       BilateralGrid}), an approximation of the exact Gaussian whose cost does not depend on
 *       the bandwidths.
 * </ul>
 *
 * <p>Both kernels are normalised (messages are weighted averages of the other pixels' marginals)
 * and exclude the pixel itself. A refiner is immutable and thread-safe.
 */
public final class CrfRefiner {

    /** Probabilities below this are clamped before taking the log. */
    private static final float MIN_PROBABILITY = 1e-6f;

    private final CrfParams params;

    public CrfRefiner(CrfParams params) {
        this.params = Objects.requireNonNull(params, "params");
    }

    public CrfParams params() {
        return params;
    }

    /**
     * The mean-field marginals for {@code probs} (at the image's resolution), a valid distribution
     * per pixel.
     */
    public Probabilities refine(RgbImage image, Probabilities probs) {
        if (image.width() != probs.width() || image.height() != probs.height()) {
            throw new Seg4jException("crf: image is " + image.width() + "x" + image.height()
                    + " but the probabilities are " + probs.width() + "x" + probs.height());
        }
        int classes = probs.numClasses();
        int f = params.factorFor(image.width(), image.height());
        int w = CrfParams.ceilDiv(image.width(), f);
        int h = CrfParams.ceilDiv(image.height(), f);
        int n = w * h;
        float[] colours = boxColours(image, f, w, h);
        float[] q = boxPlanes(probs, f, w, h);
        float[] unary = new float[q.length];
        for (int i = 0; i < q.length; i++) {
            unary[i] = (float) Math.log(Math.max(q[i], MIN_PROBABILITY));
        }

        GaussianFilter smooth = new GaussianFilter(w, h, params.thetaGamma() / f);
        BilateralGrid appearance = new BilateralGrid(features(colours, w, h, params.thetaAlpha() / f,
                params.thetaBeta()), n);
        float w1 = (float) params.w1();
        float w2 = (float) params.w2();
        float[] a = new float[q.length];
        float[] s = new float[q.length];
        float[] weights = smooth.weights();
        float self = smooth.selfWeight();
        for (int it = 0; it < params.iterations(); it++) {
            appearance.filter(q, a, classes);
            for (int l = 0; l < classes; l++) {
                int off = l * n;
                smooth.filter(q, off, s, off);
                for (int i = 0; i < n; i++) {
                    s[off + i] = (s[off + i] - self * q[off + i]) / (weights[i] - self);
                }
            }
            for (int i = 0; i < q.length; i++) {
                q[i] = unary[i] + w1 * a[i] + w2 * s[i];
            }
            softmaxInPlace(q, classes, n);
        }
        if (f == 1) {
            return new Probabilities(classes, w, h, q);
        }
        float[] up = Images.resizePlanes(q, classes, w, h, image.width(), image.height());
        return new Probabilities(classes, image.width(), image.height(), up);
    }

    /** Per-pixel softmax over the class planes of {@code logits}. */
    static void softmaxInPlace(float[] logits, int classes, int n) {
        for (int i = 0; i < n; i++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int l = 0; l < classes; l++) {
                max = Math.max(max, logits[l * n + i]);
            }
            float sum = 0;
            for (int l = 0; l < classes; l++) {
                float e = (float) Math.exp(logits[l * n + i] - max);
                logits[l * n + i] = e;
                sum += e;
            }
            float inv = 1f / sum;
            for (int l = 0; l < classes; l++) {
                logits[l * n + i] *= inv;
            }
        }
    }

    /** (x, y, r, g, b) per grid pixel divided by the bandwidths. */
    private static float[] features(float[] colours, int w, int h, double spatial, double colour) {
        float[] out = new float[w * h * 5];
        float ps = (float) (1 / spatial);
        float cs = (float) (1 / colour);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                out[i * 5] = x * ps;
                out[i * 5 + 1] = y * ps;
                out[i * 5 + 2] = colours[i * 3] * cs;
                out[i * 5 + 3] = colours[i * 3 + 1] * cs;
                out[i * 5 + 4] = colours[i * 3 + 2] * cs;
            }
        }
        return out;
    }

    /** Mean colour of each {@code f x f} block (clipped at the border), interleaved RGB. */
    private static float[] boxColours(RgbImage image, int f, int w, int h) {
        float[] sum = new float[w * h * 3];
        int[] count = new int[w * h];
        byte[] d = image.data();
        for (int y = 0; y < image.height(); y++) {
            int gy = (y / f) * w;
            for (int x = 0; x < image.width(); x++) {
                int g = gy + x / f;
                int p = (y * image.width() + x) * 3;
                sum[g * 3] += d[p] & 0xFF;
                sum[g * 3 + 1] += d[p + 1] & 0xFF;
                sum[g * 3 + 2] += d[p + 2] & 0xFF;
                count[g]++;
            }
        }
        for (int g = 0; g < count.length; g++) {
            float inv = 1f / count[g];
            sum[g * 3] *= inv;
            sum[g * 3 + 1] *= inv;
            sum[g * 3 + 2] *= inv;
        }
        return sum;
    }

    /** Mean probabilities of each {@code f x f} block, class planes of {@code w x h}. */
    private static float[] boxPlanes(Probabilities probs, int f, int w, int h) {
        int classes = probs.numClasses();
        int iw = probs.width();
        int ih = probs.height();
        if (f == 1) {
            return probs.data().clone();
        }
        float[] out = new float[classes * w * h];
        int[] count = new int[w * h];
        for (int y = 0; y < ih; y++) {
            for (int x = 0; x < iw; x++) {
                count[(y / f) * w + x / f]++;
            }
        }
        float[] src = probs.data();
        for (int l = 0; l < classes; l++) {
            int so = l * iw * ih;
            int dout = l * w * h;
            for (int y = 0; y < ih; y++) {
                int gy = dout + (y / f) * w;
                int sy = so + y * iw;
                for (int x = 0; x < iw; x++) {
                    out[gy + x / f] += src[sy + x];
                }
            }
            for (int g = 0; g < w * h; g++) {
                out[dout + g] /= count[g];
            }
        }
        return out;
    }
}
