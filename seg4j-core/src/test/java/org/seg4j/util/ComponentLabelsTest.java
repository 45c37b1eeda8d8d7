package org.seg4j.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.seg4j.util.ComponentLabels.Component;
import org.seg4j.util.ComponentLabels.Connectivity;

class ComponentLabelsTest {

    // 1 . . 1
    // . 1 1 .
    // . . . .
    // 1 . 1 1
    private static final boolean[] DIAGONAL = mask("1001", "0110", "0000", "1011");

    @Test
    void fourConnectivityKeepsCornerNeighboursApart() {
        assertThat(ComponentLabels.label(DIAGONAL, 4, 4, Connectivity.FOUR))
                .containsExactly(1, 0, 0, 2, 0, 3, 3, 0, 0, 0, 0, 0, 4, 0, 5, 5);
    }

    @Test
    void eightConnectivityJoinsThroughCorners() {
        assertThat(ComponentLabels.label(DIAGONAL, 4, 4, Connectivity.EIGHT))
                .containsExactly(1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 2, 0, 3, 3);
    }

    @Test
    void seedsNumberTheirComponentsInSeedOrderAndLeaveTheRestUnlabelled() {
        // 15 starts label 1; 14 is in the same component; 1 is background; 5 starts label 2
        int[] labels = ComponentLabels.label(DIAGONAL, 4, 4, Connectivity.EIGHT, new int[] {15, 14, 1, 5});
        assertThat(labels).containsExactly(2, 0, 0, 2, 0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 1, 1);
    }

    @Test
    void keysSeparateTouchingRegionsOfDifferentValue() {
        int[] keys = {
            0, 0, 1,
            2, 1, 1,
            -1, 2, 2
        };
        int[] four = ComponentLabels.label(keys, 3, 3, Connectivity.FOUR);
        assertThat(four).containsExactly(1, 1, 2, 3, 2, 2, 0, 4, 4);
        // the two 2-regions meet at a corner
        assertThat(ComponentLabels.label(keys, 3, 3, Connectivity.EIGHT)).containsExactly(1, 1, 2, 3, 2, 2, 0, 3, 3);
        assertThat(ComponentLabels.components(four, keys, 3)).containsExactly(
                new Component(0, 2, 0, 0, 1, 0),
                new Component(1, 3, 1, 0, 2, 1),
                new Component(2, 1, 0, 1, 0, 1),
                new Component(2, 2, 1, 2, 2, 2));
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> ComponentLabels.label(new boolean[5], 2, 2, Connectivity.FOUR))
                .hasMessageContaining("5 pixels, not 2x2");
        assertThatThrownBy(() -> ComponentLabels.label(new boolean[4], 2, 2, Connectivity.FOUR, new int[] {4}))
                .hasMessageContaining("seed 4 is outside the 2x2 grid");
    }

    private static boolean[] mask(String... rows) {
        boolean[] m = new boolean[rows.length * rows[0].length()];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[y].length(); x++) {
                m[y * rows[y].length() + x] = rows[y].charAt(x) == '1';
            }
        }
        return m;
    }
}
