package org.seg4j.data.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.data.ClassInfo;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;

class PanopticAnnotationTest {

    static final ClassMeta CLASSES = new ClassMeta(List.of(new ClassInfo(0, "road", 128, 64, 128),
            new ClassInfo(1, "car", 0, 0, 142, true)), 255);

    /**
     * Road pixels ignore instance ids (one stuff segment); car instance 4 and 9 are two segments;
     * car pixels with instance 0 are the crowd region; void stays void.
     */
    @Test
    void fromSemanticFollowsTheThingStuffRules() {
        LabelMask sem = new LabelMask(6, 1, new byte[] {0, 0, 1, 1, 1, (byte) 255});
        PanopticAnnotation a = PanopticAnnotation.fromSemantic(sem, new int[] {0, 7, 4, 9, 0, 3}, CLASSES);
        assertThat(a.ids()).containsExactly(1, 1, 2, 3, 4, 0);
        assertThat(a.segments()).containsExactly(new Segment(1, 0, false), new Segment(2, 1, false),
                new Segment(3, 1, false), new Segment(4, 1, true));
        assertThat(a.area(1)).isEqualTo(2);
        assertThat(a.box(3)).containsExactly(3, 0, 1, 1);
        assertThat(a.classMask().data()).containsExactly(0, 0, 1, 1, 1, (byte) 255);
    }

    @Test
    void rejectsPixelsWithoutSegment() {
        assertThatThrownBy(() -> new PanopticAnnotation(2, 1, new int[] {1, 5}, List.of(new Segment(1, 0, false))))
                .hasMessageContaining("pixel (1, 0) has segment id 5");
        assertThatThrownBy(() -> PanopticAnnotation.fromSemantic(new LabelMask(1, 1, new byte[] {7}), new int[1],
                CLASSES)).hasMessageContaining("label 7");
    }

    @Test
    void labelsFourConnectedRegions() {
        // (1, 0) and (0, 1) touch only at a corner: separate regions with 4-connectivity
        boolean[] m = {false, true, true, true, false, true};
        assertThat(ConnectedComponents.label(m, 3, 2)).containsExactly(0, 1, 1, 2, 0, 1);
    }

    @Test
    void isthingIsReadAndWrittenWithTheClassList(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path f = dir.resolve("classes.yaml");
        CLASSES.write(f);
        ClassMeta back = ClassMeta.read(f);
        assertThat(back.isThing(0)).isFalse();
        assertThat(back.isThing(1)).isTrue();
        assertThat(CLASSES.withThings(List.of("road")).isThing(0)).isTrue();
        assertThatThrownBy(() -> CLASSES.withThings(List.of("bus"))).hasMessageContaining("'bus' is not a class");
    }
}
