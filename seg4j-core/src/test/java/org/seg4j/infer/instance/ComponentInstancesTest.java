package org.seg4j.infer.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.data.ClassInfo;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.infer.Probabilities;

class ComponentInstancesTest {

    static final ClassMeta CLASSES = new ClassMeta(List.of(new ClassInfo(0, "background", 0, 0, 0),
            new ClassInfo(1, "cell", 255, 255, 255, true)), 255);

    static LabelMask disc(LabelMask m, int cx, int cy, int r) {
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                    m.set(x, y, 1);
                }
            }
        }
        return m;
    }

    static void rect(LabelMask m, int x0, int y0, int x1, int y1) {
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                m.set(x, y, 1);
            }
        }
    }

    static int instanceAt(InstanceSegmentation s, int x, int y) {
        return s.instanceIds()[y * s.panoptic().width() + x];
    }

    @Test
    void twoTouchingDiscsAreOneRegionOrTwoObjectsWhenSplit() {
        // radius 8, centres 14 apart: the discs overlap in a 3-pixel-wide neck around x = 17
        LabelMask m = disc(disc(LabelMask.filled(34, 20, 0), 10, 10, 8), 24, 10, 8);
        InstanceSegmentation whole = ComponentInstances.builder().setClasses(CLASSES).build().segment(m);
        assertThat(whole.instances()).hasSize(1);
        assertThat(whole.panoptic().segments()).hasSize(2); // the cell and the background

        InstanceSegmentation split = ComponentInstances.builder().setClasses(CLASSES).optSplitTouching(true).build()
                .segment(m);
        assertThat(split.instances()).hasSize(2);
        int a = instanceAt(split, 10, 10);
        int b = instanceAt(split, 24, 10);
        assertThat(a).isPositive().isNotEqualTo(b);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 34; x++) {
                if (m.get(x, y) == 1 && x <= 15) {
                    assertThat(instanceAt(split, x, y)).as("(%d, %d)", x, y).isEqualTo(a);
                }
                if (m.get(x, y) == 1 && x >= 19) {
                    assertThat(instanceAt(split, x, y)).as("(%d, %d)", x, y).isEqualTo(b);
                }
            }
        }
        // every cell pixel kept: 2 x 197 disc pixels minus the overlap
        int cell = 0;
        for (byte v : m.data()) {
            cell += v;
        }
        assertThat(split.instances().get(0).area() + split.instances().get(1).area()).isEqualTo(cell);
    }

    @Test
    void dumbbellSplitsAtTheBarAndASingleDiscStaysWhole() {
        LabelMask m = LabelMask.filled(33, 15, 0);
        rect(m, 2, 2, 12, 12);
        rect(m, 20, 2, 30, 12);
        rect(m, 13, 7, 19, 7); // one-pixel bar
        ComponentInstances split = ComponentInstances.builder().setClasses(CLASSES).optSplitTouching(true).build();
        InstanceSegmentation s = split.segment(m);
        assertThat(s.instances()).hasSize(2);
        int left = instanceAt(s, 7, 7);
        int right = instanceAt(s, 25, 7);
        assertThat(left).isNotEqualTo(right);
        assertThat(instanceAt(s, 2, 2)).isEqualTo(left);
        assertThat(instanceAt(s, 12, 12)).isEqualTo(left);
        assertThat(instanceAt(s, 30, 2)).isEqualTo(right);
        assertThat(instanceAt(s, 20, 12)).isEqualTo(right);
        // the bar (distance 1, below every peak) is shared out between the two squares
        int[] box = s.instances().get(0).box();
        assertThat(box[0]).isEqualTo(2);
        assertThat(box[3]).isEqualTo(11);
        assertThat(box[2]).isBetween(11, 18);
        assertThat(s.instances().get(0).area() + s.instances().get(1).area()).isEqualTo(2 * 121 + 7);

        InstanceSegmentation one = split.segment(disc(LabelMask.filled(30, 30, 0), 15, 15, 10));
        assertThat(one.instances()).hasSize(1);
        assertThat(one.instances().get(0).area()).isEqualTo(317);
    }

    @Test
    void regionsBelowTheMinimumAreaAreDroppedAndScoresAreMeanProbabilities() {
        LabelMask m = LabelMask.filled(6, 4, 0);
        rect(m, 0, 0, 2, 0); // 3 pixels
        rect(m, 0, 2, 4, 3); // 10 pixels
        float[] p = new float[2 * 24];
        for (int i = 0; i < 24; i++) {
            float cell = m.data()[i] == 1 ? (i < 6 ? 0.6f : (i % 2 == 0 ? 0.9f : 0.7f)) : 0.1f;
            p[24 + i] = cell;
            p[i] = 1 - cell;
        }
        Probabilities probs = new Probabilities(2, 6, 4, p);
        InstanceSegmentation all = ComponentInstances.builder().setClasses(CLASSES).build().segment(m, probs);
        assertThat(all.instances()).extracting(PredictedInstance::area).containsExactly(3, 10);
        // 6 pixels at 0.9 and 4 at 0.7 in the large region: (5.4 + 2.8) / 10
        assertThat(all.instances().get(0).score()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(all.instances().get(1).score()).isCloseTo(0.82, org.assertj.core.data.Offset.offset(1e-6));

        InstanceSegmentation kept = ComponentInstances.builder().setClasses(CLASSES).optMinArea(5).build()
                .segment(m, probs);
        assertThat(kept.instances()).hasSize(1);
        assertThat(kept.instances().get(0).area()).isEqualTo(10);
        assertThat(kept.instances().get(0).box()).containsExactly(0, 2, 5, 2);
        assertThat(kept.panoptic().id(0, 0)).isZero(); // dropped: void
        assertThat(kept.panoptic().area(kept.panoptic().id(5, 0))).isEqualTo(11); // background stuff, one segment
        assertThat(kept.instanceIds()[2 * 6]).isEqualTo(1);
        assertThat(kept.detections()).hasSize(1);
    }

    @Test
    void badInputsAreNamed() {
        assertThatThrownBy(() -> ComponentInstances.builder().setClasses(CLASSES).optMinArea(0).build())
                .hasMessageContaining("--min-area");
        LabelMask m = LabelMask.filled(2, 2, 0);
        m.set(1, 1, 7);
        assertThatThrownBy(() -> ComponentInstances.builder().setClasses(CLASSES).build().segment(m))
                .hasMessageContaining("pixel (1, 1) has label 7");
    }

    @Test
    void thingClassesApplyThingsAndRefuseAModelWithoutAny() {
        ClassMeta stuffOnly = ClassMeta.of(new String[] {"sky", "cell"}, new int[][] {{0, 0, 255}, {255, 255, 255}},
                255);
        assertThat(ComponentInstances.thingClasses(CLASSES, List.of())).isSameAs(CLASSES);
        ClassMeta named = ComponentInstances.thingClasses(stuffOnly, List.of("cell"));
        assertThat(named.isThing(1)).isTrue();
        assertThat(named.isThing(0)).isFalse();
        assertThatThrownBy(() -> ComponentInstances.thingClasses(stuffOnly, List.of()))
                .hasMessage("--method components: the model's classes mark no thing class (isthing); name the "
                        + "classes with instances with --things, e.g. --things cell");
        assertThatThrownBy(() -> ComponentInstances.thingClasses(stuffOnly, List.of("car")))
                .hasMessageStartingWith("--things: thing class 'car' is not a class");
    }
}
