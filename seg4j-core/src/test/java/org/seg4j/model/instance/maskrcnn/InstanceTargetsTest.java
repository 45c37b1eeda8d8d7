package org.seg4j.model.instance.maskrcnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.data.instance.Segment;

class InstanceTargetsTest {

    @Test
    void thingInstancesWithExclusiveBoxesCrowdAndStuffLeftOut() {
        // 4x2: road (class 0) | car A (class 1) x 1..2 row 0 | crowd car x 3 | car B pixel (0, 1)
        int[] ids = {1, 2, 2, 3, 4, 1, 1, 1};
        PanopticAnnotation a = new PanopticAnnotation(4, 2, ids, List.of(new Segment(1, 0, false),
                new Segment(2, 1, false), new Segment(3, 1, true), new Segment(4, 2, false)));
        InstanceTargets t = InstanceTargets.of(a, new int[] {0, 1, 2});
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.labels()).containsExactly(1, 2);
        // COCO box [1, 0, 2, 1] -> corners (1, 0)-(3, 1); a one-pixel object is 1 wide
        assertThat(t.boxes()).containsExactly(1, 0, 3, 1, 0, 1, 1, 2);
        assertThat(t.masks()[1]).containsExactly(false, false, false, false, true, false, false, false);
    }

    @Test
    void inconsistentSizesAreRefused() {
        assertThatThrownBy(() -> new InstanceTargets(2, 2, new float[4], new int[] {1}, new boolean[][] {new boolean[3]}))
                .hasMessageContaining("3 pixels").hasMessageContaining("4");
        assertThatThrownBy(() -> new InstanceTargets(2, 2, new float[3], new int[] {1}, new boolean[][] {new boolean[4]}))
                .hasMessageContaining("3 box values");
    }
}
