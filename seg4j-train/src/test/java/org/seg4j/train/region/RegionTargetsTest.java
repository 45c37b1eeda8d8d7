package org.seg4j.train.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.data.region.Proposals;
import org.seg4j.data.region.SelectiveSearch;
import org.seg4j.data.region.Similarity;

class RegionTargetsTest {

    @Test
    void labelsRegionsByTheShareOfEachClass() {
        // image: left 20 columns red, right 20 blue (two flat regions + the whole image)
        RgbImage img = RgbImage.blank(40, 10);
        LabelMask mask = LabelMask.filled(40, 10, 0);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 40; x++) {
                img.setRgb(x, y, x < 20 ? 0xC00000 : 0x0000C0);
                // class 0 on the left, class 1 on the right except 4 void columns and 2 columns of class 0
                mask.set(x, y, x < 20 ? 0 : x < 24 ? 255 : x < 26 ? 0 : 1);
            }
        }
        Proposals p = SelectiveSearch.builder().optSigma(0).optKs(List.of(1.0))
                .optSimilarities(List.of(Similarity.parse("C"))).build().propose(img);
        assertThat(p.size()).isEqualTo(3);
        byte[][] t = RegionTargets.of(p, mask, 2, 0.7, 0.3, 0.5);
        for (int i = 0; i < p.size(); i++) {
            boolean whole = p.get(i).size() == 400;
            boolean left = !whole && p.get(i).box()[0] == 0;
            if (whole) {
                // 220 class 0 of 360 labelled (0.61): neither positive nor negative for 0; 0.39 of class 1
                assertThat(t[i]).containsExactly(0, 0);
            } else if (left) {
                assertThat(t[i]).containsExactly(1, -1);
            } else {
                // right half: 4 void columns of 20 (0.2 <= 0.5), class 1 is 14/16 = 0.875
                assertThat(t[i]).containsExactly(-1, 1);
            }
        }
        // more than 10% void: the right half is left out
        byte[][] strict = RegionTargets.of(p, mask, 2, 0.7, 0.3, 0.1);
        for (int i = 0; i < p.size(); i++) {
            if (p.get(i).box()[0] == 20) {
                assertThat(strict[i]).isNull();
            }
        }
    }
}
