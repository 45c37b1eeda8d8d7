package org.seg4j.infer;

import java.util.Arrays;
import java.util.Objects;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.transform.Normalization;

/**
 * Sliding-window inference (MMSegmentation's {@code slide_inference}): overlapping tiles planned by
 * {@link TilePlan}, {@code tileBatch} tiles per forward pass, each tile's probabilities blended
 * with its smooth window into a {@code classes x H x W} accumulator normalised by the summed
 * weights. The network's activations are bounded by {@code tileBatch x tile²} pixels whatever the
 * image size.
 *
 * <p>{@link #classMap} keeps only a band of rows ({@code 4 * classes * band * W} bytes, band = about
 * one tile height): a row is finished as soon as no later tile covers it.
 */
public final class SlidingWindowInference implements InferenceStrategy {

    private final Normalization normalization;
    private final ForwardPass pass;
    private final int numClasses;
    private final int tileSize;
    private final double overlap;
    private final int tileBatch;

    /**
     * @param tileSize side of the square tile (clamped to the image)
     * @param overlap fraction of a tile shared with its neighbour, {@code [0, 0.9]}
     * @param tileBatch tiles per forward pass
     */
    public SlidingWindowInference(Normalization normalization, ForwardPass pass, int tileSize, double overlap,
            int tileBatch) {
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        this.pass = Objects.requireNonNull(pass, "pass");
        if (tileSize < 1 || tileBatch < 1 || !(overlap >= 0 && overlap <= 0.9)) {
            throw new IllegalArgumentException("bad sliding window: tile " + tileSize + ", overlap " + overlap
                    + ", tile batch " + tileBatch);
        }
        this.numClasses = pass.numClasses();
        this.tileSize = tileSize;
        this.overlap = overlap;
        this.tileBatch = tileBatch;
    }

    @Override
    public Probabilities probabilities(RgbImage image) {
        int w = image.width();
        int h = image.height();
        float[] acc = new float[checkedSize(numClasses, w, h)];
        // the accumulator covers the whole image: normalise each finished row in place
        slide(image, h, acc, (y, accumulator, weights, offset, ringPlane) -> {
            for (int x = 0; x < w; x++) {
                weights[offset + x] = 1f / weights[offset + x];
            }
            for (int c = 0; c < numClasses; c++) {
                int base = c * ringPlane + offset;
                for (int x = 0; x < w; x++) {
                    accumulator[base + x] *= weights[offset + x];
                }
            }
        });
        return new Probabilities(numClasses, w, h, acc);
    }

    /** Banded argmax; the normalisation by summed weights is skipped (it does not change the argmax). */
    @Override
    public LabelMask classMap(RgbImage image) {
        int w = image.width();
        byte[] labels = new byte[w * image.height()];
        int ring = ringRows(new TilePlan(w, image.height(), tileSize, overlap), image.height());
        float[] acc = new float[checkedSize(numClasses, w, ring)];
        float[] best = new float[w];
        slide(image, ring, acc, (y, accumulator, weights, offset, ringPlane) -> {
            System.arraycopy(accumulator, offset, best, 0, w);
            int row = y * w;
            for (int c = 1; c < numClasses; c++) {
                int base = c * ringPlane + offset;
                byte id = (byte) c;
                for (int x = 0; x < w; x++) {
                    float v = accumulator[base + x];
                    if (v > best[x]) {
                        best[x] = v;
                        labels[row + x] = id;
                    }
                }
            }
        });
        return new LabelMask(w, image.height(), labels);
    }

    /** Rows of a ring accumulator large enough for every tile batch of {@code plan}. */
    private int ringRows(TilePlan plan, int height) {
        int ring = plan.tileHeight();
        for (int first = 0; first < plan.size(); first += tileBatch) {
            int last = Math.min(first + tileBatch, plan.size()) - 1;
            ring = Math.max(ring, plan.y(last) + plan.tileHeight() - plan.y(first));
        }
        return Math.min(ring, height);
    }

    private static int checkedSize(int classes, int w, int h) {
        long n = (long) classes * w * h;
        if (n > Integer.MAX_VALUE - 8) {
            throw new Seg4jException("image of " + w + "x" + h + " with " + classes
                    + " classes is too large for one probability map; use a smaller scale");
        }
        return (int) n;
    }

    /** Receives a finished image row of the accumulator. */
    @FunctionalInterface
    private interface RowSink {
        /**
         * @param y image row
         * @param acc accumulator; class {@code c} of this row starts at {@code c * ringPlane + offset}
         * @param weights summed blending weights; this row starts at {@code offset}
         * @param offset start of the row within a class plane of the accumulator
         * @param ringPlane size of one class plane of the accumulator
         */
        void row(int y, float[] acc, float[] weights, int offset, int ringPlane);
    }

    /**
     * Runs the tiles of {@code image} in batches and blends their probabilities into {@code acc},
     * a ring of {@code ring} image rows ({@code ring == height}: the whole image, rows are not
     * cleared). Each row is handed to {@code sink} once no later tile covers it.
     */
    private void slide(RgbImage image, int ring, float[] acc, RowSink sink) {
        int w = image.width();
        int h = image.height();
        TilePlan plan = new TilePlan(w, h, tileSize, overlap);
        int tw = plan.tileWidth();
        int th = plan.tileHeight();
        int ringPlane = ring * w;
        int tilePlane = tw * th;
        boolean clear = ring < h;
        float[] weightSum = new float[ringPlane];
        float[] input = new float[tileBatch * 3 * tilePlane];
        RgbImage crop = RgbImage.blank(tw, th);
        float[] wrow = new float[tw];
        int finished = 0;
        for (int start = 0; start < plan.size(); start += tileBatch) {
            int n = Math.min(tileBatch, plan.size() - start);
            for (int b = 0; b < n; b++) {
                copyTile(image, plan.x(start + b), plan.y(start + b), crop);
                normalization.toChw(crop, input, b * 3 * tilePlane);
            }
            float[] probs = pass.run(input, n, th, tw, true);
            for (int b = 0; b < n; b++) {
                int t = start + b;
                int x0 = plan.x(t);
                int y0 = plan.y(t);
                float[] wx = plan.weightsX(t);
                float[] wy = plan.weightsY(t);
                int pb = b * numClasses * tilePlane;
                for (int j = 0; j < th; j++) {
                    int row = ((y0 + j) % ring) * w + x0;
                    float fy = wy[j];
                    for (int i = 0; i < tw; i++) {
                        float wt = fy * wx[i];
                        wrow[i] = wt;
                        weightSum[row + i] += wt;
                    }
                    for (int c = 0; c < numClasses; c++) {
                        int src = pb + c * tilePlane + j * tw;
                        int dst = c * ringPlane + row;
                        for (int i = 0; i < tw; i++) {
                            acc[dst + i] += wrow[i] * probs[src + i];
                        }
                    }
                }
            }
            int next = start + n;
            int done = next < plan.size() ? plan.y(next) : h;
            for (int y = finished; y < done; y++) {
                int offset = (y % ring) * w;
                sink.row(y, acc, weightSum, offset, ringPlane);
                if (clear) {
                    Arrays.fill(weightSum, offset, offset + w, 0f);
                    for (int c = 0; c < numClasses; c++) {
                        Arrays.fill(acc, c * ringPlane + offset, c * ringPlane + offset + w, 0f);
                    }
                }
            }
            finished = Math.max(finished, done);
        }
    }

    private static void copyTile(RgbImage image, int x0, int y0, RgbImage tile) {
        int rowBytes = tile.width() * 3;
        for (int j = 0; j < tile.height(); j++) {
            System.arraycopy(image.data(), ((y0 + j) * image.width() + x0) * 3, tile.data(), j * rowBytes, rowBytes);
        }
    }
}
