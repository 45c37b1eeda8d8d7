package org.seg4j.data.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.data.convert.PolygonRasterizer;
import org.seg4j.data.polygon.Region;

class RegionPolygonsTest {

    @Test
    void exactPolygonsOfAProposalFillBackToItsMask() {
        // a ring-shaped region: a green frame around a red square, on grey
        RgbImage img = DrawnImages.filled(30, 24, DrawnImages.GREY);
        DrawnImages.rect(img, 6, 5, 22, 19, DrawnImages.GREEN);
        DrawnImages.rect(img, 10, 9, 18, 15, DrawnImages.RED);
        Proposals p = SelectiveSearch.builder().optSigma(0).optKs(List.of(1.0)).build().propose(img);
        for (int i = 0; i < p.size(); i++) {
            boolean[] mask = p.mask(i);
            List<Region> regions = RegionPolygons.proposal(p, i, 3, 0);
            LabelMask filled = LabelMask.filled(30, 24, 0);
            // outlines first, then holes back to 0 (MaskPolygons's drawing order)
            for (Region r : regions) {
                assertThat(r.classId()).isEqualTo(3);
                PolygonRasterizer.fill(filled, toDouble(r.outer()), 1);
                for (int[] hole : r.holes()) {
                    PolygonRasterizer.fill(filled, toDouble(hole), 0);
                }
            }
            for (int q = 0; q < mask.length; q++) {
                assertThat(filled.data()[q] == 1).as("proposal %d pixel %d", i, q).isEqualTo(mask[q]);
            }
        }
    }

    @Test
    void everySuperpixelBecomesAPolygonAtItsPlace() {
        Segments s = new Felzenszwalb(100, 0, 1).segment(DrawnImages.fourRegions());
        List<Region> regions = RegionPolygons.segments(s, 0, 0);
        assertThat(regions).hasSize(4);
        long pixels = regions.stream().mapToLong(Region::pixels).sum();
        assertThat(pixels).isEqualTo(40 * 32);
        // the red rectangle (x 4-15, y 4-13) is traced in image coordinates
        assertThat(regions).anySatisfy(r -> assertThat(r.bounds()).containsExactly(4, 4, 12, 10));
    }

    private static double[] toDouble(int[] ring) {
        double[] out = new double[ring.length];
        for (int i = 0; i < ring.length; i++) {
            out[i] = ring[i];
        }
        return out;
    }
}
