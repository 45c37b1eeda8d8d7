package org.seg4j.data.convert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seg4j.data.LabelMask;

class PolygonRasterizerTest {

    @Test
    void aSquareCoversThePixelsWhoseCentresLieInside() {
        LabelMask mask = LabelMask.filled(7, 6, 0);
        PolygonRasterizer.fill(mask, new double[] {1, 1, 5, 1, 5, 4, 1, 4}, 3);
        int n = 0;
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 7; x++) {
                boolean inside = x >= 1 && x < 5 && y >= 1 && y < 4;
                assertThat(mask.get(x, y)).as("(%d,%d)", x, y).isEqualTo(inside ? 3 : 0);
                n += inside ? 1 : 0;
            }
        }
        assertThat(n).isEqualTo(12);
    }

    @Test
    void labelsAreExactAndPolygonsAreClippedToTheMask() {
        LabelMask mask = LabelMask.filled(4, 4, 0);
        PolygonRasterizer.fill(mask, new double[] {-10, -10, 2, -10, 2, 20, -10, 20}, 200);
        assertThat(mask.get(0, 0)).isEqualTo(200);
        assertThat(mask.get(1, 3)).isEqualTo(200);
        assertThat(mask.get(2, 0)).isZero();
    }

    @Test
    void aTriangleCoversAboutHalfItsBox() {
        LabelMask mask = LabelMask.filled(20, 20, 0);
        PolygonRasterizer.fill(mask, new double[] {0, 0, 20, 0, 0, 20}, 1);
        int n = 0;
        for (byte b : mask.data()) {
            n += b;
        }
        assertThat(n).isBetween(190, 210);
        assertThat(mask.get(0, 0)).isEqualTo(1);
        assertThat(mask.get(19, 19)).isZero();
    }
}
