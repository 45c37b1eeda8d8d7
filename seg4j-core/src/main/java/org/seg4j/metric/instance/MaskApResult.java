package org.seg4j.metric.instance;

import java.util.List;

/**
 * The twelve figures of pycocotools' {@code COCOeval.summarize()}, in its order, plus AP per class.
 * A figure is -1 where no class has non-crowd ground truth (as pycocotools prints it).
 *
 * @param stats AP, AP50, AP75, AP small, medium, large, AR@1, AR@10, AR@100, AR small, medium, large
 * @param perClassAp AP (0.50:0.95, all areas, 100 detections) per class id, -1 for a class without
 *     non-crowd ground truth
 */
public record MaskApResult(double[] stats, List<Double> perClassAp) {

    /** Names of {@link #stats()}, in order. */
    public static final List<String> NAMES = List.of("AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10",
            "AR100", "ARs", "ARm", "ARl");

    /** AP at IoU 0.50:0.95, all areas, 100 detections. */
    public double ap() {
        return stats[0];
    }

    /** AP at IoU 0.50. */
    public double ap50() {
        return stats[1];
    }

    /** AP at IoU 0.75. */
    public double ap75() {
        return stats[2];
    }

    /** The figure named {@code name} (one of {@link #NAMES}). */
    public double get(String name) {
        int i = NAMES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown AP figure '" + name + "'; the figures are " + NAMES);
        }
        return stats[i];
    }
}
