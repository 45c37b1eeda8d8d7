package org.seg4j.metric.panoptic;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.data.instance.Segment;

/**
 * Accumulates panoptic-quality counts image by image; {@link #result()} computes the figures once,
 * like {@code pq_compute} of the COCO panoptic API (panopticapi {@code evaluation.py}):
 *
 * <ul>
 *   <li>a ground-truth segment and a predicted one match when their classes are equal, the ground
 *       truth is not crowd and IoU &gt; 0.5, where the union leaves out the predicted pixels on
 *       void (segment id 0) of the ground truth;</li>
 *   <li>each unmatched non-crowd ground-truth segment is a false negative;</li>
 *   <li>an unmatched prediction is a false positive unless more than half of its pixels lie on void
 *       or on the crowd region of its class (with several crowd regions of one class, the last in
 *       segment order, as panopticapi's dictionary keeps it);</li>
 *   <li>ground-truth areas are pixel counts (panopticapi reads them from the JSON, which equals the
 *       count in a consistent file).</li>
 * </ul>
 *
 * <p>Not thread-safe; use one instance per evaluation.
 */
public final class PanopticQuality {

    private final ClassMeta classes;
    private final double[] iou;
    private final long[] tp;
    private final long[] fp;
    private final long[] fn;

    /** An empty accumulator over these classes ({@code isthing} splits the thing/stuff averages). */
    public PanopticQuality(ClassMeta classes) {
        this.classes = classes;
        int n = classes.numClasses();
        iou = new double[n];
        tp = new long[n];
        fp = new long[n];
        fn = new long[n];
    }

    /**
     * Adds one image.
     *
     * @throws IllegalArgumentException if the sizes differ or a segment's class is not in the class list
     */
    public void add(PanopticAnnotation gt, PanopticAnnotation pred) {
        if (gt.width() != pred.width() || gt.height() != pred.height()) {
            throw new IllegalArgumentException("prediction is " + pred.width() + "x" + pred.height()
                    + ", ground truth " + gt.width() + "x" + gt.height());
        }
        checkClasses(gt, "ground truth");
        checkClasses(pred, "prediction");
        Map<Long, Integer> overlap = new HashMap<>();
        int[] g = gt.ids();
        int[] p = pred.ids();
        for (int i = 0; i < g.length; i++) {
            overlap.merge(((long) g[i] << 32) | p[i], 1, Integer::sum);
        }
        Set<Integer> gtMatched = new HashSet<>();
        Set<Integer> predMatched = new HashSet<>();
        for (Map.Entry<Long, Integer> e : overlap.entrySet()) {
            Segment gs = gt.segment((int) (e.getKey() >>> 32));
            Segment ps = pred.segment((int) (long) e.getKey());
            if (gs == null || ps == null || gs.crowd() || gs.classId() != ps.classId()) {
                continue;
            }
            int inter = e.getValue();
            int onVoid = overlap.getOrDefault(ps.id() & 0xFFFFFFFFL, 0);
            double union = pred.area(ps.id()) + gt.area(gs.id()) - inter - onVoid;
            double v = inter / union;
            if (v > 0.5) {
                tp[gs.classId()]++;
                iou[gs.classId()] += v;
                gtMatched.add(gs.id());
                predMatched.add(ps.id());
            }
        }
        Map<Integer, Integer> crowdByClass = new HashMap<>();
        for (Segment s : gt.segments()) {
            if (gtMatched.contains(s.id())) {
                continue;
            }
            if (s.crowd()) {
                crowdByClass.put(s.classId(), s.id());
            } else {
                fn[s.classId()]++;
            }
        }
        for (Segment s : pred.segments()) {
            if (predMatched.contains(s.id())) {
                continue;
            }
            long ignored = overlap.getOrDefault(s.id() & 0xFFFFFFFFL, 0);
            Integer crowd = crowdByClass.get(s.classId());
            if (crowd != null) {
                ignored += overlap.getOrDefault(((long) crowd << 32) | s.id(), 0);
            }
            // panopticapi divides by the area, so a prediction without pixels fails there; skip it here
            int area = pred.area(s.id());
            if (area == 0 || (double) ignored / area > 0.5) {
                continue;
            }
            fp[s.classId()]++;
        }
    }

    private void checkClasses(PanopticAnnotation a, String what) {
        for (Segment s : a.segments()) {
            if (s.classId() >= classes.numClasses()) {
                throw new IllegalArgumentException(what + " segment " + s.id() + " has class " + s.classId()
                        + ", but there are " + classes.numClasses() + " classes");
            }
        }
    }

    /** The figures over every image added so far. */
    public PanopticResult result() {
        return PanopticResult.of(classes, iou.clone(), tp.clone(), fp.clone(), fn.clone());
    }
}
