package org.seg4j.model.panoptic;

import org.seg4j.data.instance.CenterTargets;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.instance.CenterTargets;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.data.instance.Segment;

/**
 * Computes {@link CenterTargets} from an annotation, as Panoptic-DeepLab's target generator
 * (Cheng et al. 2020; detectron2 {@code PanopticDeepLabTargetGenerator}):
 *
 * <ul>
 *   <li>each non-empty thing segment (crowd included, as there) gets a Gaussian of {@code sigma}
 *       in the centre heat map at its centre of mass rounded to a pixel (half up), cut to a
 *       {@code (6 sigma + 3)} square; overlapping Gaussians keep the maximum;</li>
 *   <li>its pixels get the offset {@code centre - pixel} to the unrounded centre of mass;</li>
 *   <li>semantic weight 1, or {@code smallInstanceWeight} on thing segments under
 *       {@code smallInstanceArea} pixels;</li>
 *   <li>centre weight 1 on non-crowd segments, offset weight 1 on non-crowd segments (things only
 *       with {@code ignoreStuffInOffset}); void and crowd pixels 0.</li>
 * </ul>
 *
 * Defaults are the paper's: sigma 8, small instances under 4096 pixels weighted 3, stuff ignored in
 * the offset loss. Thread-safe (immutable).
 */
public final class CenterTargetGenerator {

    private final ClassMeta classes;
    private final double sigma;
    private final int smallInstanceArea;
    private final float smallInstanceWeight;
    private final boolean ignoreStuffInOffset;
    private final float[] gaussian;
    private final int radius;

    private CenterTargetGenerator(Builder b) {
        this.classes = b.classes;
        this.sigma = b.sigma;
        this.smallInstanceArea = b.smallInstanceArea;
        this.smallInstanceWeight = (float) b.smallInstanceWeight;
        this.ignoreStuffInOffset = b.ignoreStuffInOffset;
        this.radius = (int) Math.round(3 * sigma + 1);
        int size = 2 * radius + 1;
        this.gaussian = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double d2 = (x - radius) * (x - radius) + (y - radius) * (y - radius);
                gaussian[y * size + x] = (float) Math.exp(-d2 / (2 * sigma * sigma));
            }
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The targets of one annotation. */
    public CenterTargets generate(PanopticAnnotation a) {
        int w = a.width();
        int h = a.height();
        int n = w * h;
        float[] center = new float[n];
        float[] offset = new float[2 * n];
        float[] semanticWeight = new float[n];
        float[] centerWeight = new float[n];
        float[] offsetWeight = new float[n];
        java.util.Arrays.fill(semanticWeight, 1f);
        int[] ids = a.ids();
        int maxId = 0;
        for (Segment s : a.segments()) {
            maxId = Math.max(maxId, s.id());
        }
        double[] sumX = new double[maxId + 1];
        double[] sumY = new double[maxId + 1];
        for (int i = 0; i < n; i++) {
            sumX[ids[i]] += i % w;
            sumY[ids[i]] += i / w;
        }
        List<double[]> centers = new ArrayList<>();
        double[][] centreOf = new double[maxId + 1][];
        for (Segment s : a.segments()) {
            int area = a.area(s.id());
            if (!classes.isThing(s.classId()) || area == 0) {
                continue;
            }
            double cy = sumY[s.id()] / area;
            double cx = sumX[s.id()] / area;
            centreOf[s.id()] = new double[] {cy, cx};
            centers.add(new double[] {cy, cx});
            paste(center, w, h, (int) Math.floor(cx + 0.5), (int) Math.floor(cy + 0.5));
        }
        for (int i = 0; i < n; i++) {
            int id = ids[i];
            if (id == 0) {
                continue;
            }
            Segment s = a.segment(id);
            boolean thing = classes.isThing(s.classId());
            if (!s.crowd()) {
                centerWeight[i] = 1f;
                if (thing || !ignoreStuffInOffset) {
                    offsetWeight[i] = 1f;
                }
            }
            if (thing && centreOf[id] != null) {
                if (a.area(id) < smallInstanceArea) {
                    semanticWeight[i] = smallInstanceWeight;
                }
                offset[i] = (float) (centreOf[id][0] - i / w);
                offset[n + i] = (float) (centreOf[id][1] - i % w);
            }
        }
        return new CenterTargets(w, h, center, offset, semanticWeight, centerWeight, offsetWeight,
                centers.toArray(new double[0][]));
    }

    private void paste(float[] center, int w, int h, int cx, int cy) {
        int size = 2 * radius + 1;
        for (int y = Math.max(0, cy - radius); y <= Math.min(h - 1, cy + radius); y++) {
            for (int x = Math.max(0, cx - radius); x <= Math.min(w - 1, cx + radius); x++) {
                float g = gaussian[(y - cy + radius) * size + (x - cx + radius)];
                int i = y * w + x;
                if (g > center[i]) {
                    center[i] = g;
                }
            }
        }
    }

    /** Builder: {@code setClasses} required. */
    public static final class Builder {

        private ClassMeta classes;
        private double sigma = 8;
        private int smallInstanceArea = 4096;
        private double smallInstanceWeight = 3;
        private boolean ignoreStuffInOffset = true;

        private Builder() {}

        /** The classes; {@link ClassMeta#isThing} says which have centres. */
        public Builder setClasses(ClassMeta classes) {
            this.classes = classes;
            return this;
        }

        /** Gaussian sigma in pixels (default 8). */
        public Builder optSigma(double sigma) {
            this.sigma = sigma;
            return this;
        }

        /** Thing segments under this many pixels get {@link #optSmallInstanceWeight} (default 4096). */
        public Builder optSmallInstanceArea(int area) {
            this.smallInstanceArea = area;
            return this;
        }

        /** Semantic loss weight of small instances (default 3). */
        public Builder optSmallInstanceWeight(double weight) {
            this.smallInstanceWeight = weight;
            return this;
        }

        /** Leave stuff pixels out of the offset loss (default true). */
        public Builder optIgnoreStuffInOffset(boolean ignore) {
            this.ignoreStuffInOffset = ignore;
            return this;
        }

        /** Validates and builds. */
        public CenterTargetGenerator build() {
            if (classes == null) {
                throw new IllegalArgumentException("centre targets: setClasses is required");
            }
            if (!(sigma > 0) || sigma > 1000) {
                throw new IllegalArgumentException("centre targets: sigma must be in (0, 1000], got " + sigma);
            }
            if (smallInstanceArea < 0 || !(smallInstanceWeight >= 0)) {
                throw new IllegalArgumentException("centre targets: small-instance area and weight must be >= 0");
            }
            return new CenterTargetGenerator(this);
        }
    }
}
