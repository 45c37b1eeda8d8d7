package org.seg4j.metric.panoptic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.data.ClassInfo;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.data.instance.Segment;

/** Hand-computed panoptic quality: void, crowd, a class with no instances, predictions on void. */
class PanopticQualityTest {

    static final ClassMeta CLASSES = new ClassMeta(List.of(new ClassInfo(0, "road", 128, 64, 128),
            new ClassInfo(1, "car", 0, 0, 142, true), new ClassInfo(2, "person", 220, 20, 60, true)), 255);

    static PanopticAnnotation ann(int width, int[] ids, Segment... segments) {
        return new PanopticAnnotation(width, ids.length / width, ids, List.of(segments));
    }

    /**
     * Road: ground truth 10 px, prediction 12 px covering it: IoU 10/12. Car: ground truth 6 px,
     * prediction 8 px of which 4 on void and 4 on the car: IoU 4 / (8 + 6 - 4 - 4) = 4/6 (4/10
     * without leaving void out of the union, no match). Person has no segment anywhere: left out.
     */
    @Test
    void voidIsLeftOutOfTheUnion() {
        int[] row = {1, 1, 1, 1, 1, 2, 2, 2, 0, 0};
        int[] prow = {5, 5, 5, 5, 5, 5, 7, 7, 7, 7};
        PanopticQuality pq = new PanopticQuality(CLASSES);
        pq.add(ann(10, concat(row, row), new Segment(1, 0, false), new Segment(2, 1, false)),
                ann(10, concat(prow, prow), new Segment(5, 0, false), new Segment(7, 1, false)));
        PanopticResult r = pq.result();
        assertThat(r.perClass().get(0).pq()).isCloseTo(10.0 / 12, within(1e-12));
        assertThat(r.perClass().get(1).pq()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(r.perClass().get(1).rq()).isEqualTo(1.0);
        assertThat(r.perClass().get(2).counted()).isFalse();
        assertThat(r.perClass().get(2).pq()).isZero();
        assertThat(r.all().pq()).isCloseTo((10.0 / 12 + 4.0 / 6) / 2, within(1e-12));
        assertThat(r.all().n()).isEqualTo(2);
        assertThat(r.things().pq()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(r.things().n()).isEqualTo(1);
        assertThat(r.stuff().pq()).isCloseTo(10.0 / 12, within(1e-12));
    }

    /**
     * A car crowd region: a car prediction lying on it is neither matched nor a false positive, and
     * the crowd is no false negative; a person prediction on it is a false positive (other class).
     */
    @Test
    void crowdRegionsAreIgnoredForTheirClassOnly() {
        PanopticQuality pq = new PanopticQuality(CLASSES);
        pq.add(ann(10, new int[] {1, 1, 1, 1, 3, 3, 3, 3, 3, 3}, new Segment(1, 0, false), new Segment(3, 1, true)),
                ann(10, new int[] {1, 1, 1, 1, 2, 2, 2, 4, 4, 4}, new Segment(1, 0, false), new Segment(2, 1, false),
                        new Segment(4, 2, false)));
        PanopticResult r = pq.result();
        assertThat(r.perClass().get(1).counted()).isFalse();
        assertThat(r.perClass().get(2).fp()).isEqualTo(1);
        assertThat(r.perClass().get(2).pq()).isZero();
        assertThat(r.all().pq()).isCloseTo(0.5, within(1e-12));
        assertThat(r.things().pq()).isZero();
        assertThat(r.things().n()).isEqualTo(1);
    }

    /** A prediction wholly on void is ignored; one exactly half on void is a false positive (> 0.5). */
    @Test
    void predictionsOnVoid() {
        PanopticQuality pq = new PanopticQuality(CLASSES);
        pq.add(ann(4, new int[] {1, 1, 0, 0}, new Segment(1, 0, false)),
                ann(4, new int[] {1, 1, 2, 2}, new Segment(1, 0, false), new Segment(2, 1, false)));
        assertThat(pq.result().perClass().get(1).fp()).isZero();
        pq.add(ann(4, new int[] {1, 1, 1, 0}, new Segment(1, 0, false)),
                ann(4, new int[] {1, 1, 2, 2}, new Segment(1, 0, false), new Segment(2, 1, false)));
        PanopticResult r = pq.result();
        assertThat(r.perClass().get(1).fp()).isEqualTo(1);
        assertThat(r.perClass().get(0).tp()).isEqualTo(2);
        assertThat(r.perClass().get(0).sq()).isCloseTo((1 + 2.0 / 3) / 2, within(1e-12));
    }

    /** The person is missed (FN); road has IoU exactly 2/4, which is no match (> 0.5 needed): FN + FP. */
    @Test
    void aMissedInstanceIsAFalseNegative() {
        PanopticQuality pq = new PanopticQuality(CLASSES);
        pq.add(ann(4, new int[] {1, 1, 2, 2}, new Segment(1, 0, false), new Segment(2, 2, false)),
                ann(4, new int[] {1, 1, 1, 1}, new Segment(1, 0, false)));
        PanopticResult r = pq.result();
        assertThat(r.perClass().get(2).fn()).isEqualTo(1);
        assertThat(r.perClass().get(0).tp()).isZero();
        assertThat(r.perClass().get(0).fp()).isEqualTo(1);
        assertThat(r.perClass().get(0).fn()).isEqualTo(1);
        assertThat(r.all().pq()).isZero();
        assertThat(r.all().n()).isEqualTo(2);
    }

    @Test
    void rejectsBadInput() {
        PanopticQuality pq = new PanopticQuality(CLASSES);
        PanopticAnnotation a = ann(2, new int[] {1, 1}, new Segment(1, 0, false));
        assertThatThrownBy(() -> pq.add(a, ann(1, new int[] {1}, new Segment(1, 0, false))))
                .hasMessageContaining("1x1");
        assertThatThrownBy(() -> pq.add(a, ann(2, new int[] {1, 1}, new Segment(1, 7, false))))
                .hasMessageContaining("class 7");
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
