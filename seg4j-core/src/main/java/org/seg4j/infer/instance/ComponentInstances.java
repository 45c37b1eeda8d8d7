package org.seg4j.infer.instance;

import java.util.Arrays;
import java.util.Collection;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.instance.ConnectedComponents;
import org.seg4j.infer.Probabilities;

/**
 * Instances from a semantic class map, the classical method ({@code predict --method components}):
 * each 4-connected region of a thing class is one instance, each stuff class present is one
 * segment, void pixels ({@link LabelMask#IGNORE}) stay void. Instances and stuff segments with
 * fewer than {@code minArea} pixels are dropped (their pixels become void). With
 * {@code splitTouching}, each thing region is first split by a distance-transform watershed
 * ({@link TouchingSplit}) so that touching round objects become separate instances.
 *
 * <p>Score: the mean probability of the instance's class over its pixels when the class
 * probabilities are given, else 1. Thread-safe (immutable).
 */
public final class ComponentInstances {

    private final ClassMeta classes;
    private final int minArea;
    private final boolean splitTouching;
    private final int minDistance;
    private final double peakThreshold;

    private ComponentInstances(Builder b) {
        this.classes = b.classes;
        this.minArea = b.minArea;
        this.splitTouching = b.splitTouching;
        this.minDistance = b.minDistance;
        this.peakThreshold = b.peakThreshold;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The classes whose regions become instances: {@code modelClasses} with {@code things} marked
     * as thing classes (and no other) when {@code things} is not empty, else as they are; checked
     * to have at least one thing class.
     *
     * @throws IllegalArgumentException naming {@code --things} if a name is not a class, or if no
     *     class is a thing (the message says to name them with {@code --things})
     */
    public static ClassMeta thingClasses(ClassMeta modelClasses, Collection<String> things) {
        ClassMeta classes = modelClasses;
        if (things != null && !things.isEmpty()) {
            try {
                classes = modelClasses.withThings(things);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--things: " + e.getMessage(), e);
            }
        }
        for (int c = 0; c < classes.numClasses(); c++) {
            if (classes.isThing(c)) {
                return classes;
            }
        }
        throw new IllegalArgumentException("--method components: the model's classes mark no thing class (isthing); "
                + "name the classes with instances with --things, e.g. --things " + classes.name(classes.numClasses() - 1));
    }

    /** Instances of a class map without probabilities (every score 1). */
    public InstanceSegmentation segment(LabelMask semantic) {
        return segment(semantic, null);
    }

    /**
     * Instances of a class map.
     *
     * @param probs class probabilities at the map's size, or {@code null}
     * @throws IllegalArgumentException if a label is not a class, or the sizes differ
     */
    public InstanceSegmentation segment(LabelMask semantic, Probabilities probs) {
        int w = semantic.width();
        int h = semantic.height();
        if (probs != null && (probs.width() != w || probs.height() != h || probs.numClasses() != classes.numClasses())) {
            throw new IllegalArgumentException("probabilities are " + probs.numClasses() + "x" + probs.width() + "x"
                    + probs.height() + ", the class map " + classes.numClasses() + "x" + w + "x" + h);
        }
        byte[] labels = semantic.data();
        boolean[] present = new boolean[classes.numClasses()];
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i] & 0xFF;
            if (c == LabelMask.IGNORE) {
                continue;
            }
            if (c >= present.length) {
                throw new IllegalArgumentException("pixel (" + i % w + ", " + i / w + ") has label " + c
                        + ", but there are " + present.length + " classes");
            }
            present[c] = true;
        }
        int[] raw = new int[labels.length];
        int[] classOf = new int[16];
        int next = 0;
        for (int c = 0; c < present.length; c++) {
            if (!present[c]) {
                continue;
            }
            boolean[] mask = new boolean[labels.length];
            for (int i = 0; i < labels.length; i++) {
                mask[i] = (labels[i] & 0xFF) == c;
            }
            if (!classes.isThing(c)) {
                next++;
                for (int i = 0; i < labels.length; i++) {
                    if (mask[i]) {
                        raw[i] = next;
                    }
                }
                classOf = put(classOf, next, c);
                continue;
            }
            int[] comp = ConnectedComponents.label(mask, w, h);
            int count = Arrays.stream(comp).max().orElse(0);
            if (!splitTouching) {
                for (int i = 0; i < comp.length; i++) {
                    if (comp[i] != 0) {
                        raw[i] = next + comp[i];
                    }
                }
                for (int k = 1; k <= count; k++) {
                    classOf = put(classOf, next + k, c);
                }
                next += count;
            } else {
                for (int[] box : boxes(comp, count, w, h)) {
                    int parts = split(comp, box, w, raw, next);
                    for (int k = 1; k <= parts; k++) {
                        classOf = put(classOf, next + k, c);
                    }
                    next += parts;
                }
            }
        }
        double[] score = scores(raw, Arrays.copyOf(classOf, next + 1), probs, w * h);
        return SegmentAssembly.assemble(w, h, raw, Arrays.copyOf(classOf, next + 1), score, classes, minArea, minArea);
    }

    /** Splits component {@code box[4]} inside its box plus a one-pixel background margin; returns the parts. */
    private int split(int[] comp, int[] box, int w, int[] raw, int offset) {
        int x0 = Math.max(0, box[0] - 1);
        int y0 = Math.max(0, box[1] - 1);
        int x1 = Math.min(w - 1, box[2] + 1);
        int y1 = Math.min(comp.length / w - 1, box[3] + 1);
        int ww = x1 - x0 + 1;
        int wh = y1 - y0 + 1;
        boolean[] region = new boolean[ww * wh];
        for (int y = 0; y < wh; y++) {
            for (int x = 0; x < ww; x++) {
                region[y * ww + x] = comp[(y0 + y) * w + x0 + x] == box[4];
            }
        }
        int[] parts = new TouchingSplit(minDistance, peakThreshold).split(region, ww, wh);
        int max = 0;
        for (int y = 0; y < wh; y++) {
            for (int x = 0; x < ww; x++) {
                int p = parts[y * ww + x];
                if (p != 0) {
                    raw[(y0 + y) * w + x0 + x] = offset + p;
                    max = Math.max(max, p);
                }
            }
        }
        return max;
    }

    /** Per component {@code {minX, minY, maxX, maxY, label}}. */
    private static int[][] boxes(int[] comp, int count, int w, int h) {
        int[][] boxes = new int[count][];
        for (int k = 0; k < count; k++) {
            boxes[k] = new int[] {w, h, -1, -1, k + 1};
        }
        for (int i = 0; i < comp.length; i++) {
            if (comp[i] != 0) {
                int[] b = boxes[comp[i] - 1];
                int x = i % w;
                int y = i / w;
                b[0] = Math.min(b[0], x);
                b[1] = Math.min(b[1], y);
                b[2] = Math.max(b[2], x);
                b[3] = Math.max(b[3], y);
            }
        }
        return boxes;
    }

    private static double[] scores(int[] raw, int[] classOf, Probabilities probs, int plane) {
        double[] score = new double[classOf.length];
        if (probs == null) {
            Arrays.fill(score, 1.0);
            return score;
        }
        long[] count = new long[classOf.length];
        float[] p = probs.data();
        for (int i = 0; i < raw.length; i++) {
            int id = raw[i];
            if (id != 0) {
                score[id] += p[classOf[id] * plane + i];
                count[id]++;
            }
        }
        for (int id = 1; id < score.length; id++) {
            score[id] = count[id] == 0 ? 0 : score[id] / count[id];
        }
        return score;
    }

    private static int[] put(int[] array, int index, int value) {
        int[] a = index < array.length ? array : Arrays.copyOf(array, Math.max(index + 1, array.length * 2));
        a[index] = value;
        return a;
    }

    /** Builder: {@code setClasses} required, the rest optional. */
    public static final class Builder {

        private ClassMeta classes;
        private int minArea = 1;
        private boolean splitTouching;
        private int minDistance = 5;
        private double peakThreshold = 2.0;

        private Builder() {}

        /** The classes; {@link ClassMeta#isThing} says which have instances. */
        public Builder setClasses(ClassMeta classes) {
            this.classes = classes;
            return this;
        }

        /** Least pixels of an instance or stuff segment (default 1: keep all). */
        public Builder optMinArea(int minArea) {
            this.minArea = minArea;
            return this;
        }

        /** Split touching objects by a distance-transform watershed (default false). */
        public Builder optSplitTouching(boolean splitTouching) {
            this.splitTouching = splitTouching;
            return this;
        }

        /** Least distance in pixels between the peaks of two split objects (default 5). */
        public Builder optMinDistance(int minDistance) {
            this.minDistance = minDistance;
            return this;
        }

        /** Least distance to the region's edge, in pixels, of a peak that seeds an object (default 2). */
        public Builder optPeakThreshold(double peakThreshold) {
            this.peakThreshold = peakThreshold;
            return this;
        }

        /** Validates and builds. */
        public ComponentInstances build() {
            if (classes == null) {
                throw new IllegalArgumentException("components: setClasses is required");
            }
            if (minArea < 1) {
                throw new IllegalArgumentException("--min-area must be >= 1, got " + minArea);
            }
            if (minDistance < 1) {
                throw new IllegalArgumentException("--min-distance must be >= 1, got " + minDistance);
            }
            if (!(peakThreshold >= 0) || Double.isInfinite(peakThreshold)) {
                throw new IllegalArgumentException("--peak-threshold must be a finite number >= 0, got "
                        + peakThreshold);
            }
            return new ComponentInstances(this);
        }
    }
}
