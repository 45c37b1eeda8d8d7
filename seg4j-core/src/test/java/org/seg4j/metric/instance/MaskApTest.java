package org.seg4j.metric.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.data.ClassInfo;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.data.instance.Segment;

/**
 * A hand-computed COCO mask AP on one 16x1 image: car A (x 0-3), car B (x 5-9), a crowd car
 * region C (x 12-15), road elsewhere. Detections: d4 (0.95) inside C, d1 (0.9) = A, d2 (0.8) =
 * x 4-11, IoU 5/8 with B, d3 (0.7) = x 0-1, which only overlaps the matched A.
 *
 * <p>At IoU 0.50, 0.55, 0.60 d1 and d2 match: precision 1 at every recall point. At 0.65..0.95 only
 * d1 matches: recall 0.5 with precision 1 for the 51 recall points up to 0.5, 0 above. d4 matches
 * the crowd region and is ignored, but still uses the one detection AR@1 allows. AP = (3 + 7 * 51/101) / 10; AR@100 = (3 + 7 * 0.5) / 10.
 */
class MaskApTest {

    static final ClassMeta CLASSES = new ClassMeta(List.of(new ClassInfo(0, "road", 128, 64, 128),
            new ClassInfo(1, "car", 0, 0, 142, true)), 255);

    @Test
    void handComputedCase() {
        int[] ids = {2, 2, 2, 2, 1, 3, 3, 3, 3, 3, 1, 1, 4, 4, 4, 4};
        PanopticAnnotation gt = new PanopticAnnotation(16, 1, ids, List.of(new Segment(1, 0, false),
                new Segment(2, 1, false), new Segment(3, 1, false), new Segment(4, 1, true)));
        MaskAp ap = new MaskAp(CLASSES);
        ap.add(gt, List.of(det(0.9, 0, 3), det(0.7, 0, 1), det(0.8, 4, 11), det(0.95, 12, 13)));
        MaskApResult r = ap.result();
        assertThat(r.ap()).isCloseTo((3 + 7 * 51.0 / 101) / 10, within(1e-12));
        assertThat(r.ap50()).isCloseTo(1.0, within(1e-12));
        assertThat(r.ap75()).isCloseTo(51.0 / 101, within(1e-12));
        assertThat(r.get("APs")).isCloseTo(r.ap(), within(1e-12));
        assertThat(r.get("APm")).isEqualTo(-1);
        // with one detection per image, that is d4, ignored on the crowd region
        assertThat(r.get("AR1")).isZero();
        assertThat(r.get("AR10")).isCloseTo(0.65, within(1e-12));
        assertThat(r.get("AR100")).isCloseTo(0.65, within(1e-12));
        assertThat(r.perClassAp()).containsExactly(-1.0, r.ap());
    }

    @Test
    void aClassWithoutGroundTruthIsLeftOut() {
        PanopticAnnotation gt = new PanopticAnnotation(2, 1, new int[] {1, 1}, List.of(new Segment(1, 0, false)));
        MaskAp ap = new MaskAp(CLASSES);
        ap.add(gt, List.of(new Detection(1, 0.5, new boolean[] {true, false})));
        assertThat(ap.result().ap()).isEqualTo(-1);
        assertThatThrownBy(() -> ap.add(gt, List.of(new Detection(1, 0.5, new boolean[3]))))
                .hasMessageContaining("3 pixels");
    }

    static Detection det(double score, int from, int to) {
        boolean[] m = new boolean[16];
        for (int x = from; x <= to && x < m.length; x++) {
            m[x] = true;
        }
        return new Detection(1, score, m);
    }
}
