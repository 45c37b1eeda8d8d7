package org.seg4j.metric.panoptic;

import java.util.ArrayList;
import java.util.List;
import org.seg4j.data.ClassMeta;

/**
 * Panoptic quality per class and averaged over all, thing and stuff classes. Per class, with IoU
 * summed over the true positives: PQ = IoU / (TP + FP/2 + FN/2), SQ = IoU / TP (0 without TP),
 * RQ = TP / (TP + FP/2 + FN/2). A class with no TP, FP or FN has PQ = SQ = RQ = 0 and is left out of
 * the averages; an average over no class is NaN (panopticapi divides by zero there).
 *
 * @param perClass one entry per class, by id
 * @param all the average over every counted class
 * @param things the average over counted thing classes
 * @param stuff the average over counted stuff classes
 */
public record PanopticResult(List<ClassQuality> perClass, Average all, Average things, Average stuff) {

    /** The figures of one class. */
    public record ClassQuality(String name, boolean isThing, double pq, double sq, double rq, long tp, long fp,
            long fn) {

        /** Whether the class takes part in the averages (it has a TP, FP or FN). */
        public boolean counted() {
            return tp + fp + fn > 0;
        }
    }

    /** An average over {@code n} classes. */
    public record Average(double pq, double sq, double rq, int n) {}

    static PanopticResult of(ClassMeta classes, double[] iou, long[] tp, long[] fp, long[] fn) {
        List<ClassQuality> per = new ArrayList<>();
        for (int c = 0; c < classes.numClasses(); c++) {
            double denominator = tp[c] + 0.5 * fp[c] + 0.5 * fn[c];
            boolean counted = tp[c] + fp[c] + fn[c] > 0;
            double pq = counted ? iou[c] / denominator : 0;
            double sq = tp[c] != 0 ? iou[c] / tp[c] : 0;
            double rq = counted ? tp[c] / denominator : 0;
            per.add(new ClassQuality(classes.name(c), classes.isThing(c), pq, sq, rq, tp[c], fp[c], fn[c]));
        }
        return new PanopticResult(List.copyOf(per), average(per, null), average(per, true), average(per, false));
    }

    private static Average average(List<ClassQuality> per, Boolean thing) {
        double pq = 0;
        double sq = 0;
        double rq = 0;
        int n = 0;
        for (ClassQuality q : per) {
            if ((thing == null || thing == q.isThing()) && q.counted()) {
                pq += q.pq();
                sq += q.sq();
                rq += q.rq();
                n++;
            }
        }
        return new Average(pq / n, sq / n, rq / n, n);
    }
}
