package org.seg4j.infer.instance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;

/**
 * Panoptic-DeepLab's bottom-up post-processing over plain arrays, so that any model giving a
 * semantic map, a centre heat map and offsets can use it:
 *
 * <ol>
 *   <li>centres: heat-map pixels at least {@code threshold} that equal the maximum of their
 *       {@code nmsKernel x nmsKernel} neighbourhood, the {@code topK} highest (ties row-major);</li>
 *   <li>each thing pixel {@code p} goes to the centre nearest to {@code p + offset(p)};</li>
 *   <li>each instance takes the majority class of the semantic labels of its pixels (ties to the
 *       lower class id), and all its pixels get that class;</li>
 *   <li>each stuff class's pixels form one segment, dropped when smaller than {@code stuffArea}.</li>
 * </ol>
 *
 * Without any centre thing pixels stay void. An instance's score is its centre's heat-map value.
 * Thread-safe (immutable).
 */
public final class CenterGrouping {

    private final ClassMeta classes;
    private final float threshold;
    private final int nmsKernel;
    private final int topK;
    private final int stuffArea;

    private CenterGrouping(Builder b) {
        this.classes = b.classes;
        this.threshold = (float) b.threshold;
        this.nmsKernel = b.nmsKernel;
        this.topK = b.topK;
        this.stuffArea = b.stuffArea;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Groups one image.
     *
     * @param semantic the class map
     * @param center centre heat map, row-major, the map's size
     * @param offset two planes (y, then x) of per-pixel offsets to the centre
     */
    public InstanceSegmentation group(LabelMask semantic, float[] center, float[] offset) {
        int w = semantic.width();
        int h = semantic.height();
        int n = w * h;
        if (center.length != n || offset.length != 2 * n) {
            throw new IllegalArgumentException("centre map has " + center.length + " values and offsets "
                    + offset.length + "; a " + w + "x" + h + " image needs " + n + " and " + 2 * n);
        }
        int[] peaks = peaks(center, w, h);
        byte[] labels = semantic.data();
        int k = peaks.length;
        int[] raw = new int[n];
        // votes[instance][class]
        int[][] votes = new int[k][classes.numClasses()];
        for (int i = 0; i < n; i++) {
            int c = labels[i] & 0xFF;
            if (c == LabelMask.IGNORE || k == 0) {
                continue;
            }
            checkClass(c, i, w);
            if (!classes.isThing(c)) {
                continue;
            }
            double py = i / w + offset[i];
            double px = i % w + offset[n + i];
            int best = 0;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double dy = py - peaks[j] / w;
                double dx = px - peaks[j] % w;
                double d = dy * dy + dx * dx;
                if (d < bestD) {
                    bestD = d;
                    best = j;
                }
            }
            raw[i] = best + 1;
            votes[best][c]++;
        }
        int stuffBase = k;
        int[] classOf = new int[k + classes.numClasses() + 1];
        double[] score = new double[classOf.length];
        for (int j = 0; j < k; j++) {
            int cls = 0;
            for (int c = 1; c < classes.numClasses(); c++) {
                if (votes[j][c] > votes[j][cls]) {
                    cls = c;
                }
            }
            classOf[j + 1] = cls;
            score[j + 1] = center[peaks[j]];
        }
        for (int i = 0; i < n; i++) {
            int c = labels[i] & 0xFF;
            if (c != LabelMask.IGNORE && raw[i] == 0) {
                checkClass(c, i, w);
                if (!classes.isThing(c)) {
                    raw[i] = stuffBase + 1 + c;
                    classOf[stuffBase + 1 + c] = c;
                    score[stuffBase + 1 + c] = 1;
                }
            }
        }
        return SegmentAssembly.assemble(w, h, raw, classOf, score, classes, 1, Math.max(1, stuffArea));
    }

    private void checkClass(int c, int i, int w) {
        if (c >= classes.numClasses()) {
            throw new IllegalArgumentException("pixel (" + i % w + ", " + i / w + ") has label " + c
                    + ", but there are " + classes.numClasses() + " classes");
        }
    }

    /** Pixel indices of the kept centres, highest first. */
    int[] peaks(float[] center, int w, int h) {
        int r = nmsKernel / 2;
        List<Integer> found = new ArrayList<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = center[y * w + x];
                if (!(v >= threshold) || v <= 0) {
                    continue;
                }
                boolean max = true;
                for (int ny = Math.max(0, y - r); ny <= Math.min(h - 1, y + r) && max; ny++) {
                    for (int nx = Math.max(0, x - r); nx <= Math.min(w - 1, x + r); nx++) {
                        if (center[ny * w + nx] > v) {
                            max = false;
                            break;
                        }
                    }
                }
                if (max) {
                    found.add(y * w + x);
                }
            }
        }
        found.sort(Comparator.comparingDouble((Integer i) -> -center[i]).thenComparingInt(i -> i));
        return found.stream().limit(topK).mapToInt(Integer::intValue).toArray();
    }

    /** Builder: {@code setClasses} required; defaults are Panoptic-DeepLab's. */
    public static final class Builder {

        private ClassMeta classes;
        private double threshold = 0.1;
        private int nmsKernel = 7;
        private int topK = 200;
        private int stuffArea = 2048;

        private Builder() {}

        /** The classes; {@link ClassMeta#isThing} says which are grouped into instances. */
        public Builder setClasses(ClassMeta classes) {
            this.classes = classes;
            return this;
        }

        /** Least heat-map value of a centre (default 0.1). */
        public Builder optThreshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        /** Odd side of the max-pool window of the non-maximum suppression (default 7). */
        public Builder optNmsKernel(int nmsKernel) {
            this.nmsKernel = nmsKernel;
            return this;
        }

        /** Most centres kept (default 200). */
        public Builder optTopK(int topK) {
            this.topK = topK;
            return this;
        }

        /** Least pixels of a stuff segment (default 2048). */
        public Builder optStuffArea(int stuffArea) {
            this.stuffArea = stuffArea;
            return this;
        }

        /** Validates and builds. */
        public CenterGrouping build() {
            if (classes == null) {
                throw new IllegalArgumentException("centre grouping: setClasses is required");
            }
            if (nmsKernel < 1 || nmsKernel % 2 == 0) {
                throw new IllegalArgumentException("centre grouping: NMS kernel must be odd and >= 1, got " + nmsKernel);
            }
            if (topK < 1) {
                throw new IllegalArgumentException("centre grouping: top-k must be >= 1, got " + topK);
            }
            if (!(threshold >= 0) || stuffArea < 0) {
                throw new IllegalArgumentException("centre grouping: threshold and stuff area must be >= 0");
            }
            return new CenterGrouping(this);
        }
    }
}
