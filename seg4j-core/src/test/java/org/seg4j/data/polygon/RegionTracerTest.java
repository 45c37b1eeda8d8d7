package org.seg4j.data.polygon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.data.LabelMask;

class RegionTracerTest {

    private static LabelMask mask(int w, int h, int... values) {
        byte[] d = new byte[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) values[i];
        }
        return new LabelMask(w, h, d);
    }

    @Test
    void ringWithHoleHasOneOutlineAndOneHole() {
        LabelMask m = mask(3, 3,
                1, 1, 1,
                1, 0, 1,
                1, 1, 1);
        List<Region> regions = RegionTracer.trace(m);
        assertThat(regions).hasSize(2);
        Region ring = regions.get(0);
        assertThat(ring.classId()).isEqualTo(1);
        assertThat(ring.pixels()).isEqualTo(8);
        assertThat(ring.outer()).containsExactly(0, 0, 3, 0, 3, 3, 0, 3); // clockwise on screen
        assertThat(ring.holes()).hasSize(1);
        assertThat(RegionTracer.signedArea2(ring.holes().get(0))).isEqualTo(-2); // 1 pixel, anticlockwise
        assertThat(ring.bounds()).containsExactly(0, 0, 3, 3);
        Region centre = regions.get(1);
        assertThat(centre.outer()).containsExactly(1, 1, 2, 1, 2, 2, 1, 2);
        assertThat(centre.holes()).isEmpty();
    }

    @Test
    void diagonalNeighboursAreSeparateRegions() {
        LabelMask m = mask(2, 2,
                1, 0,
                0, 1);
        List<Region> regions = RegionTracer.trace(m);
        assertThat(regions).extracting(Region::classId).containsExactly(1, 0, 0, 1);
        assertThat(regions).allSatisfy(r -> {
            assertThat(r.pixels()).isEqualTo(1);
            assertThat(r.outer()).hasSize(8);
            assertThat(r.holes()).isEmpty();
        });
    }

    @Test
    void voidBelongsToNoRegionAndCollinearVerticesAreDropped() {
        LabelMask m = mask(4, 2,
                2, 2, 2, 255,
                2, 2, 2, 255);
        List<Region> regions = RegionTracer.trace(m);
        assertThat(regions).hasSize(1);
        assertThat(regions.get(0).outer()).containsExactly(0, 0, 3, 0, 3, 2, 0, 2);
    }

    @Test
    void everyPixelIsInExactlyOneRegion() {
        LabelMask m = TestMasks.scene(3);
        long total = RegionTracer.trace(m).stream().mapToLong(Region::pixels).sum();
        assertThat(total).isEqualTo(200L * 150);
    }
}
