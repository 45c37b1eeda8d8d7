package org.seg4j.metric.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.data.ClassInfo;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.data.instance.Segment;

/** Means of the ISBI 2012 scores over images, by hand. */
class ForegroundRestrictedMeanTest {

    static final ClassMeta CLASSES = new ClassMeta(List.of(new ClassInfo(0, "membrane", 0, 0, 0),
            new ClassInfo(1, "cell", 255, 255, 255, true)), 255);

    /** A merge (V^Rand 2/3, VI ln 2) and a perfect image (1, 0): the means are 5/6 and ln 2 / 2. */
    @Test
    void meanOfEachScoreOverImages() {
        ForegroundRestrictedMean m = new ForegroundRestrictedMean();
        m.add(new int[] {1, 1, 0, 2, 2}, new int[] {1, 1, 0, 1, 1});
        m.add(new int[] {1, 0, 2}, new int[] {7, 0, 9});
        assertThat(m.images()).isEqualTo(2);
        assertThat(m.mean().vRand()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(m.mean().randMerge()).isCloseTo(0.75, within(1e-12));
        assertThat(m.mean().vInfo()).isCloseTo(0.5, within(1e-12));
        assertThat(m.mean().variationOfInformation()).isCloseTo(Math.log(2) / 2, within(1e-12));
    }

    @Test
    void anImageWithoutObjectsIsLeftOutAndCounted() {
        ForegroundRestrictedMean m = new ForegroundRestrictedMean();
        assertThat(m.mean().vRand()).isNaN();
        m.add(new int[] {0, 0}, new int[] {3, 3});
        m.add(new int[] {1, 0, 2}, new int[] {7, 0, 9});
        assertThat(m.images()).isEqualTo(1);
        assertThat(m.skipped()).isEqualTo(1);
        assertThat(m.mean().randError()).isCloseTo(0, within(1e-12));
    }

    /** Stuff and void pixels are the boundary; each thing segment is one object. */
    @Test
    void thingSegmentsAreTheObjects() {
        PanopticAnnotation gt = new PanopticAnnotation(5, 1, new int[] {4, 9, 9, 0, 12},
                List.of(new Segment(4, 0, false), new Segment(9, 1, false), new Segment(12, 1, false)));
        assertThat(ForegroundRestrictedMean.thingIds(gt, CLASSES)).containsExactly(0, 9, 9, 0, 12);
        ForegroundRestrictedMean m = new ForegroundRestrictedMean();
        // the two cells predicted as one: sum p^2 = 2^2 + 1^2, sum t^2 = 5, sum s^2 = 3^2
        m.add(gt, CLASSES, new int[] {0, 1, 1, 0, 1});
        assertThat(m.mean().randSplit()).isCloseTo(1, within(1e-12));
        assertThat(m.mean().randMerge()).isCloseTo(5.0 / 9, within(1e-12));
    }
}
