package org.seg4j.data.region;

import org.seg4j.data.RgbImage;
import org.seg4j.util.SeparableGaussian;

/**
 * Efficient graph-based image segmentation (Felzenszwalb and Huttenlocher, IJCV 2004), computed as
 * in {@code skimage.segmentation.felzenszwalb}: the image (0-1 floats) is smoothed by a Gaussian
 * of {@code sigma} (reflected borders, kernel truncated at 4 sigma); the 8-connected pixel graph has
 * edge weights equal to the Euclidean RGB distance of the smoothed neighbours; edges are visited by
 * increasing weight and join two components when the weight is below both components' internal
 * difference plus {@code k / size} ({@code k = scale / 255}); finally components smaller than
 * {@code minSize} are merged along the remaining edges, again by increasing weight.
 *
 * <p>Larger {@code scale} gives larger segments; {@code minSize} is enforced in post-processing
 * only, so a segment may still be smaller when the whole image is.
 */
public final class Felzenszwalb {

    private final double scale;
    private final double sigma;
    private final int minSize;

    /**
     * @param scale the paper's {@code k} on 0-255 intensities (skimage's {@code scale}), positive
     * @param sigma Gaussian pre-smoothing, 0 for none
     * @param minSize smallest segment size in pixels after post-processing, 1 for no merging
     */
    public Felzenszwalb(double scale, double sigma, int minSize) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("Felzenszwalb scale must be positive, got " + scale);
        }
        if (!(sigma >= 0)) {
            throw new IllegalArgumentException("Felzenszwalb sigma must be at least 0, got " + sigma);
        }
        if (minSize < 1) {
            throw new IllegalArgumentException("Felzenszwalb min size must be at least 1, got " + minSize);
        }
        this.scale = scale;
        this.sigma = sigma;
        this.minSize = minSize;
    }

    /** skimage's defaults: scale 1, sigma 0.8, min size 20. */
    public static Felzenszwalb defaults() {
        return new Felzenszwalb(1, 0.8, 20);
    }

    public double scale() {
        return scale;
    }

    public double sigma() {
        return sigma;
    }

    public int minSize() {
        return minSize;
    }

    /** The segmentation of {@code image}. */
    public Segments segment(RgbImage image) {
        int w = image.width();
        int h = image.height();
        float[][] planes = new float[3][w * h];
        byte[] data = image.data();
        for (int p = 0; p < w * h; p++) {
            for (int c = 0; c < 3; c++) {
                planes[c][p] = (data[p * 3 + c] & 0xFF) / 255f;
            }
        }
        if (sigma > 0) {
            // scipy.ndimage.gaussian_filter's defaults, as scikit-image smooths
            SeparableGaussian smoothing = SeparableGaussian.truncatedAt(sigma, 4.0, SeparableGaussian.Border.REFLECT);
            for (int c = 0; c < 3; c++) {
                planes[c] = smoothing.filter(planes[c], w, h);
            }
        }
        Edges edges = Edges.of(planes, w, h);
        int n = edges.size();
        int[] order = edges.sortedOrder();

        UnionFind forest = new UnionFind(w * h);
        double[] internal = new double[w * h];
        double k = scale / 255.0;
        for (int e = 0; e < n; e++) {
            int i = order[e];
            int a = forest.find(edges.from[i]);
            int b = forest.find(edges.to[i]);
            if (a == b) {
                continue;
            }
            double cost = edges.cost[i];
            if (cost < Math.min(internal[a] + k / forest.size(a), internal[b] + k / forest.size(b))) {
                int root = forest.union(a, b);
                internal[root] = cost;
            }
        }
        if (minSize > 1) {
            for (int e = 0; e < n; e++) {
                int i = order[e];
                int a = forest.find(edges.from[i]);
                int b = forest.find(edges.to[i]);
                if (a != b && (forest.size(a) < minSize || forest.size(b) < minSize)) {
                    forest.union(a, b);
                }
            }
        }
        int[] roots = new int[w * h];
        for (int p = 0; p < roots.length; p++) {
            roots[p] = forest.find(p);
        }
        return Segments.relabel(w, h, roots);
    }

    /** The 8-connected graph's edges (right, down, down-right, up-right) with their weights. */
    private static final class Edges {
        final int[] from;
        final int[] to;
        final double[] cost;

        private Edges(int capacity) {
            from = new int[capacity];
            to = new int[capacity];
            cost = new double[capacity];
        }

        int size() {
            return from.length;
        }

        static Edges of(float[][] planes, int w, int h) {
            int count = h * (w - 1) + (h - 1) * w + 2 * (h - 1) * (w - 1);
            Edges edges = new Edges(count);
            int e = 0;
            // same order as skimage: all right edges, then down, down-right, up-right
            for (int y = 0; y < h; y++) {
                for (int x = 0; x + 1 < w; x++) {
                    e = edges.put(e, planes, y * w + x, y * w + x + 1);
                }
            }
            for (int y = 0; y + 1 < h; y++) {
                for (int x = 0; x < w; x++) {
                    e = edges.put(e, planes, y * w + x, (y + 1) * w + x);
                }
            }
            for (int y = 0; y + 1 < h; y++) {
                for (int x = 0; x + 1 < w; x++) {
                    e = edges.put(e, planes, y * w + x, (y + 1) * w + x + 1);
                }
            }
            for (int y = 1; y < h; y++) {
                for (int x = 0; x + 1 < w; x++) {
                    e = edges.put(e, planes, y * w + x, (y - 1) * w + x + 1);
                }
            }
            return edges;
        }

        private int put(int e, float[][] planes, int a, int b) {
            double sum = 0;
            for (float[] plane : planes) {
                double d = plane[a] - plane[b];
                sum += d * d;
            }
            from[e] = a;
            to[e] = b;
            cost[e] = Math.sqrt(sum);
            return e + 1;
        }

        /**
         * Edge indices by increasing weight; equal weights keep their order. Sorting (weight as a
         * float, index) pairs packed into longs is several times faster than an indirect sort; the
         * merge decisions still compare the double weights.
         */
        int[] sortedOrder() {
            long[] keyed = new long[cost.length];
            for (int i = 0; i < cost.length; i++) {
                // non-negative floats order like their bit patterns
                keyed[i] = ((long) Float.floatToIntBits((float) cost[i]) << 32) | i;
            }
            java.util.Arrays.sort(keyed);
            int[] order = new int[keyed.length];
            for (int i = 0; i < keyed.length; i++) {
                order[i] = (int) keyed[i];
            }
            return order;
        }
    }
}
