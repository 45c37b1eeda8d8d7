package org.seg4j.metric.instance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.data.instance.Segment;

/**
 * COCO mask AP, computed as pycocotools' {@code COCOeval} with {@code iouType='segm'} and default
 * parameters: per image and class, detections sorted by score (stable) and cut at 100 are matched
 * greedily to ground truths at IoU thresholds 0.50:0.05:0.95, crowd ground truths ("ignore")
 * matched last and IoU with them taken over the detection's area; per area range (all, small &lt;
 * 32², medium, large &gt; 96², on the ground truth's area; unmatched detections outside the range
 * ignored), the matches of all images are ranked by score and precision is read at 101 recall
 * points after making it monotone. {@link #result()} averages like {@code summarize()}: over
 * thresholds, recall points and classes, leaving out classes without non-crowd ground truth.
 *
 * <p>Each {@link #add} call is one image, in image-id order. Ground truths are the thing segments
 * of a {@link PanopticAnnotation} (crowd segments as crowd); their area is their pixel count, as the
 * {@code area} field of a consistent COCO file. Not thread-safe.
 */
public final class MaskAp {

    static final double[] IOU_THRESHOLDS = linspace(0.5, 0.95, 10);
    static final double[] RECALL_THRESHOLDS = linspace(0.0, 1.0, 101);
    static final int[] MAX_DETS = {1, 10, 100};
    static final double[][] AREA_RANGES = {{0, 1e10}, {0, 32 * 32}, {32 * 32, 96 * 96}, {96 * 96, 1e10}};

    private final ClassMeta classes;
    /** Per class, per area range: the evaluated images, in order (null entries left out). */
    private final List<List<List<ImageMatches>>> evaluated = new ArrayList<>();

    /** An empty evaluation over these classes (only thing classes have ground truth). */
    public MaskAp(ClassMeta classes) {
        this.classes = classes;
        for (int c = 0; c < classes.numClasses(); c++) {
            List<List<ImageMatches>> perArea = new ArrayList<>();
            for (int a = 0; a < AREA_RANGES.length; a++) {
                perArea.add(new ArrayList<>());
            }
            evaluated.add(perArea);
        }
    }

    /** numpy's {@code linspace}: {@code start + i * step}, the last value exactly {@code stop}. */
    static double[] linspace(double start, double stop, int num) {
        double[] v = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            v[i] = i * step + start;
        }
        v[num - 1] = stop;
        return v;
    }

    /**
     * Adds one image.
     *
     * @param gt the ground truth; its thing segments are the instances
     * @param detections the predicted instances, any order
     */
    public void add(PanopticAnnotation gt, List<Detection> detections) {
        int n = gt.width() * gt.height();
        List<List<Truth>> gtByClass = new ArrayList<>();
        List<List<Scored>> dtByClass = new ArrayList<>();
        for (int c = 0; c < classes.numClasses(); c++) {
            gtByClass.add(new ArrayList<>());
            dtByClass.add(new ArrayList<>());
        }
        Map<Integer, PixelSet> pixels = PixelSet.ofSegments(gt);
        for (Segment s : gt.segments()) {
            if (s.classId() < classes.numClasses() && classes.isThing(s.classId())) {
                gtByClass.get(s.classId()).add(new Truth(pixels.get(s.id()), s.crowd()));
            }
        }
        for (Detection d : detections) {
            if (d.mask().length != n) {
                throw new IllegalArgumentException("a detection mask has " + d.mask().length + " pixels, the image "
                        + n);
            }
            if (d.classId() >= classes.numClasses()) {
                throw new IllegalArgumentException("a detection has class " + d.classId() + ", but there are "
                        + classes.numClasses() + " classes");
            }
            dtByClass.get(d.classId()).add(new Scored(PixelSet.of(d.mask()), d.score()));
        }
        for (int c = 0; c < classes.numClasses(); c++) {
            List<Truth> g = gtByClass.get(c);
            List<Scored> d = new ArrayList<>(dtByClass.get(c));
            if (g.isEmpty() && d.isEmpty()) {
                continue;
            }
            d.sort(Comparator.comparingDouble(Scored::score).reversed());
            if (d.size() > MAX_DETS[MAX_DETS.length - 1]) {
                d = d.subList(0, MAX_DETS[MAX_DETS.length - 1]);
            }
            for (int a = 0; a < AREA_RANGES.length; a++) {
                evaluated.get(c).get(a).add(ImageMatches.of(g, d, AREA_RANGES[a]));
            }
        }
    }

    /** The summary over every image added so far. */
    public MaskApResult result() {
        return MaskApAccumulator.summarize(classes, evaluated);
    }

    record Truth(PixelSet pixels, boolean crowd) {}

    record Scored(PixelSet pixels, double score) {}
}
