package org.seg4j.data.polygon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.data.LabelMask;
import org.seg4j.data.convert.PolygonRasterizer;

/** Mask, polygons, raster again: exact without simplification, within the tolerance band with it. */
class PolygonRoundTripTest {

    /** LabelMe's way: outlines only, drawn in order (enclosing regions first). */
    static LabelMask drawOutlines(List<Region> regions, int w, int h) {
        LabelMask out = LabelMask.filled(w, h, LabelMask.IGNORE);
        for (Region r : regions) {
            PolygonRasterizer.fill(out, toDouble(r.outer()), r.classId());
        }
        return out;
    }

    /** COCO's way: one keyhole polygon per region, largest area first (as CocoImporter draws). */
    static LabelMask drawKeyholes(List<Region> regions, int w, int h) {
        LabelMask out = LabelMask.filled(w, h, LabelMask.IGNORE);
        List<Region> sorted = new ArrayList<>(regions);
        sorted.sort(Comparator.comparingLong(Region::pixels).reversed());
        for (Region r : sorted) {
            PolygonRasterizer.fill(out, toDouble(Keyhole.join(r.outer(), r.holes())), r.classId());
        }
        return out;
    }

    private static double[] toDouble(int[] xy) {
        double[] d = new double[xy.length];
        for (int i = 0; i < xy.length; i++) {
            d[i] = xy[i];
        }
        return d;
    }

    @Test
    void exactOutlinesGiveTheMaskBack() {
        for (long seed = 0; seed < 3; seed++) {
            LabelMask m = TestMasks.scene(seed);
            List<Region> regions = MaskPolygons.of(m, 0);
            assertThat(drawOutlines(regions, 200, 150).data()).isEqualTo(m.data());
            assertThat(drawKeyholes(regions, 200, 150).data()).isEqualTo(m.data());
        }
    }

    @Test
    void keyholeLeavesTheHoleEmpty() {
        LabelMask m = TestMasks.scene(1);
        Region ellipse = RegionTracer.trace(m).stream().filter(r -> r.classId() == 1 && r.pixels() > 1000)
                .findFirst().orElseThrow();
        assertThat(ellipse.holes()).isNotEmpty();
        LabelMask alone = LabelMask.filled(200, 150, 0);
        PolygonRasterizer.fill(alone, toDouble(Keyhole.join(ellipse.outer(), ellipse.holes())), 1);
        long count = 0;
        for (byte b : alone.data()) {
            count += b;
        }
        assertThat(count).isEqualTo(ellipse.pixels());
    }

    @Test
    void simplifiedOutlinesStayWithinTheTolerance() {
        // scale 2: 400x300, the smallest multi-pixel objects (disks of radius 22) as in street scenes;
        // at scale 1 (radius 11) a 1-px tolerance costs small disks about 4% IoU
        for (long seed = 0; seed < 2; seed++) {
            LabelMask m = TestMasks.scene(seed, 2);
            List<Region> exact = MaskPolygons.of(m, 0);
            List<Region> simple = MaskPolygons.of(m, 1.0);
            int exactVertices = exact.stream().mapToInt(r -> r.outer().length).sum();
            int simpleVertices = simple.stream().mapToInt(r -> r.outer().length).sum();
            assertThat(simpleVertices).isLessThan(exactVertices / 2);
            for (LabelMask back : List.of(drawOutlines(simple, 400, 300), drawKeyholes(simple, 400, 300))) {
                assertClose(m, back, 0.97);
            }
        }
    }

    @Test
    void smallObjectsLoseMoreButStayInTheBand() {
        LabelMask m = TestMasks.scene(0, 1);
        assertClose(m, drawOutlines(MaskPolygons.of(m, 1.0), 200, 150), 0.95);
    }

    /** IoU per class above {@code minIou} and every disagreeing pixel within 2 px of a class edge of the original or the border. */
    static void assertClose(LabelMask m, LabelMask back, double minIou) {
        int w = m.width();
        int h = m.height();
        long[] inter = new long[256];
        long[] union = new long[256];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = m.get(x, y);
                int b = back.get(x, y);
                if (a == b) {
                    inter[a]++;
                    union[a]++;
                } else {
                    union[a]++;
                    union[b]++;
                    assertThat(nearEdge(m, x, y, 2)).as("pixel (%d, %d): %d became %d", x, y, a, b).isTrue();
                }
            }
        }
        for (int c = 0; c < 4; c++) {
            assertThat((double) inter[c] / union[c]).as("IoU of class %d", c).isGreaterThan(minIou);
        }
    }

    private static boolean nearEdge(LabelMask m, int x, int y, int r) {
        int c = m.get(x, y);
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                int nx = x + dx;
                int ny = y + dy;
                // the image border is an outline too, simplified like any other
                if (nx < 0 || ny < 0 || nx >= m.width() || ny >= m.height() || m.get(nx, ny) != c) {
                    return true;
                }
            }
        }
        return false;
    }
}
