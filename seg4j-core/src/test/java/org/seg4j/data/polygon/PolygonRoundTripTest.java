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
                TestMasks.assertClose(m, back, 0.97);
            }
        }
    }

    @Test
    void smallObjectsLoseMoreButStayInTheBand() {
        LabelMask m = TestMasks.scene(0, 1);
        TestMasks.assertClose(m, drawOutlines(MaskPolygons.of(m, 1.0), 200, 150), 0.95);
    }
}
