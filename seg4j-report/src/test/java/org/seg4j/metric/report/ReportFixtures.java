package org.seg4j.metric.report;

import org.seg4j.data.ClassMeta;
import org.seg4j.metric.ConfusionMatrix;

/** The hand-checked four-class case shared by the report tests. */
final class ReportFixtures {

    /**
     * Rows = truth, columns = prediction. road and car are ordinary; sky occurs in neither truth
     * nor prediction; tree is predicted 5 times but never true. Worked out in
     * {@code SegmentationMetricsTest}: IoU road 5/7, car 2/3, sky undefined, tree 0; mIoU 29/63;
     * pixel accuracy 80/100; mean class accuracy 19/24; fwIoU 73/105; mean F1 49/90.
     */
    static final long[][] ROWS = {
        {50, 5, 0, 5},
        {10, 30, 0, 0},
        {0, 0, 0, 0},
        {0, 0, 0, 0},
    };

    private ReportFixtures() {}

    static ClassMeta classes(String... names) {
        int[][] colours = new int[names.length][];
        for (int i = 0; i < names.length; i++) {
            colours[i] = ClassMeta.vocColour(i);
        }
        return ClassMeta.of(names, colours, 255);
    }

    static MetricsReport fourClassReport() {
        return MetricsReport.of(ConfusionMatrix.of(ROWS), classes("road", "car", "sky", "tree"), 7);
    }
}
