package org.seg4j.train.weak;

import org.seg4j.data.RgbImage;
import org.seg4j.data.boxes.Box;

/**
 * A GrabCut-like colour test inside one box: a Gaussian colour model (mean and per-channel
 * variance in RGB) of the object, first estimated from the box's central half, and one of the
 * surroundings, estimated from a ring just outside the box. A pixel of the box belongs to the
 * object when the object model explains its colour better; the object model is re-estimated from
 * the accepted pixels and the test repeated ({@value #ITERATIONS} rounds).
 *
 * <p>The test is skipped (the whole box is kept) when the ring has fewer than {@value #MIN_PIXELS}
 * pixels (boxes that fill the image, like sky or road) or when it would keep less than
 * {@value #MIN_KEPT} of the box, since an object fills a good part of its box.
 */
public final class ColourBoxRefiner {

    static final int ITERATIONS = 2;
    static final int MIN_PIXELS = 20;
    static final double MIN_KEPT = 0.3;
    private static final double MIN_VARIANCE = 16;

    /** Which pixels of {@code box} (row-major over the box) belong to the object. */
    public boolean[] foreground(RgbImage image, Box box) {
        int bw = box.width();
        int bh = box.height();
        boolean[] keep = new boolean[bw * bh];
        java.util.Arrays.fill(keep, true);
        Gaussian bg = ring(image, box);
        if (bg.count < MIN_PIXELS) {
            return keep;
        }
        Gaussian fg = new Gaussian();
        for (int y = box.y0() + bh / 4; y < box.y1() - bh / 4; y++) {
            for (int x = box.x0() + bw / 4; x < box.x1() - bw / 4; x++) {
                fg.add(image, x, y);
            }
        }
        if (fg.count < MIN_PIXELS) {
            return keep;
        }
        boolean[] result = keep;
        for (int it = 0; it < ITERATIONS; it++) {
            fg.finish();
            boolean[] next = new boolean[bw * bh];
            Gaussian refit = new Gaussian();
            int kept = 0;
            for (int y = box.y0(); y < box.y1(); y++) {
                for (int x = box.x0(); x < box.x1(); x++) {
                    if (fg.logLikelihood(image, x, y) >= bg.logLikelihood(image, x, y)) {
                        next[(y - box.y0()) * bw + (x - box.x0())] = true;
                        refit.add(image, x, y);
                        kept++;
                    }
                }
            }
            if (kept < MIN_KEPT * bw * bh || refit.count < MIN_PIXELS) {
                return result;
            }
            result = next;
            fg = refit;
        }
        return result;
    }

    /** The colour model of a ring of width max(3, 10% of the box's longer side) around the box. */
    private static Gaussian ring(RgbImage image, Box box) {
        int m = Math.max(3, Math.max(box.width(), box.height()) / 10);
        int x0 = Math.max(0, box.x0() - m);
        int y0 = Math.max(0, box.y0() - m);
        int x1 = Math.min(image.width(), box.x1() + m);
        int y1 = Math.min(image.height(), box.y1() + m);
        Gaussian g = new Gaussian();
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (!box.contains(x, y)) {
                    g.add(image, x, y);
                }
            }
        }
        g.finish();
        return g;
    }

    /** Running sums of a diagonal Gaussian in RGB. */
    private static final class Gaussian {
        final double[] sum = new double[3];
        final double[] sumSq = new double[3];
        final double[] mean = new double[3];
        final double[] var = new double[3];
        double logNorm;
        int count;

        void add(RgbImage image, int x, int y) {
            for (int c = 0; c < 3; c++) {
                double v = image.get(x, y, c);
                sum[c] += v;
                sumSq[c] += v * v;
            }
            count++;
        }

        void finish() {
            logNorm = 0;
            for (int c = 0; c < 3; c++) {
                mean[c] = count == 0 ? 0 : sum[c] / count;
                var[c] = Math.max(MIN_VARIANCE, count == 0 ? 0 : sumSq[c] / count - mean[c] * mean[c]);
                logNorm -= 0.5 * Math.log(var[c]);
            }
        }

        double logLikelihood(RgbImage image, int x, int y) {
            double l = logNorm;
            for (int c = 0; c < 3; c++) {
                double d = image.get(x, y, c) - mean[c];
                l -= d * d / (2 * var[c]);
            }
            return l;
        }
    }
}
