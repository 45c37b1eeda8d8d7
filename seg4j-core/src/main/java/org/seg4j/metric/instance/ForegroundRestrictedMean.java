package org.seg4j.metric.instance;

import org.seg4j.data.ClassMeta;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.data.instance.Segment;

/**
 * The ISBI 2012 scores ({@link ForegroundRestrictedScores}) averaged over images, as the
 * challenge reports a stack: each image scored on its own, then the mean of each score.
 *
 * <p>With panoptic annotations, the objects are the thing instances: every pixel of a thing
 * segment carries that segment's id, everything else (stuff, void) is 0, the challenge's boundary.
 * On the EM cells of {@code seg4j data isbi-instances} that is exactly the challenge's labelling:
 * cells are the instances, membrane the stuff. An image whose ground truth has no instance is left
 * out and counted in {@link #skipped()}. Not thread-safe.
 */
public final class ForegroundRestrictedMean {

    private final double[] sums = new double[7];
    private int images;
    private int skipped;

    /**
     * Adds one image.
     *
     * @param truth true object labels per pixel, 0 for boundary
     * @param predicted predicted object labels per pixel, 0 for boundary
     */
    public void add(int[] truth, int[] predicted) {
        boolean any = false;
        for (int t : truth) {
            if (t != 0) {
                any = true;
                break;
            }
        }
        if (!any) {
            if (truth.length != predicted.length) {
                throw new IllegalArgumentException("prediction has " + predicted.length + " pixels, ground truth "
                        + truth.length);
            }
            skipped++;
            return;
        }
        ForegroundRestrictedScores s = ForegroundRestrictedScores.of(truth, predicted);
        double[] v = {s.randSplit(), s.randMerge(), s.vRand(), s.infoSplit(), s.infoMerge(), s.vInfo(),
            s.variationOfInformation()};
        for (int i = 0; i < v.length; i++) {
            sums[i] += v[i];
        }
        images++;
    }

    /**
     * Adds one image: the thing instances of the ground truth against predicted instance ids.
     *
     * @param truth the ground truth; its thing segments (by {@code classes}) are the objects
     * @param classes which classes are things
     * @param predicted predicted instance number per pixel, 0 for none
     */
    public void add(PanopticAnnotation truth, ClassMeta classes, int[] predicted) {
        add(thingIds(truth, classes), predicted);
    }

    /** The segment id of each thing pixel, 0 elsewhere. */
    public static int[] thingIds(PanopticAnnotation truth, ClassMeta classes) {
        int[] ids = truth.ids();
        boolean[] thing = new boolean[ids.length == 0 ? 1 : maxId(ids) + 1];
        for (Segment s : truth.segments()) {
            if (s.id() < thing.length && s.classId() < classes.numClasses() && classes.isThing(s.classId())) {
                thing[s.id()] = true;
            }
        }
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i] > 0 && thing[ids[i]] ? ids[i] : 0;
        }
        return out;
    }

    private static int maxId(int[] ids) {
        int m = 0;
        for (int v : ids) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** Images scored. */
    public int images() {
        return images;
    }

    /** Images left out because their ground truth has no object. */
    public int skipped() {
        return skipped;
    }

    /** The mean of each score over the scored images; {@code NaN}s when none was scored. */
    public ForegroundRestrictedScores mean() {
        double[] m = new double[sums.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = images == 0 ? Double.NaN : sums[i] / images;
        }
        return new ForegroundRestrictedScores(m[0], m[1], m[2], m[3], m[4], m[5], m[6]);
    }
}
