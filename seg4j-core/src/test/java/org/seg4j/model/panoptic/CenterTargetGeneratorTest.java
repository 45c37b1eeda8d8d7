package org.seg4j.model.panoptic;

import org.seg4j.data.instance.CenterTargets;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.data.ClassInfo;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.instance.CenterTargets;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.data.instance.Segment;
import org.seg4j.infer.instance.CenterGrouping;
import org.seg4j.infer.instance.InstanceSegmentation;
import org.seg4j.metric.panoptic.PanopticQuality;
import org.seg4j.metric.panoptic.PanopticResult;

class CenterTargetGeneratorTest {

    static final ClassMeta CLASSES = new ClassMeta(List.of(new ClassInfo(0, "road", 128, 64, 128),
            new ClassInfo(1, "car", 0, 0, 142, true), new ClassInfo(2, "person", 220, 20, 60, true)), 255);

    /** 80x60: road everywhere, a car box, an L-shaped car (centre of mass off the shape), a person disc, a car touching it. */
    static PanopticAnnotation synthetic() {
        int w = 80;
        int h = 60;
        int[] ids = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int id = 1;
                if (x >= 5 && x < 25 && y >= 5 && y < 20) {
                    id = 2;
                } else if ((x >= 40 && x < 44 && y >= 5 && y < 35) || (x >= 40 && x < 70 && y >= 31 && y < 35)) {
                    id = 3;
                } else if ((x - 15) * (x - 15) + (y - 42) * (y - 42) <= 64) {
                    id = 4;
                } else if (x >= 24 && x < 34 && y >= 36 && y < 48) {
                    id = 5;
                }
                ids[y * w + x] = id;
            }
        }
        ids[0] = 0; // a void pixel
        List<Segment> segs = new ArrayList<>(List.of(new Segment(1, 0, false), new Segment(2, 1, false),
                new Segment(3, 1, false), new Segment(4, 2, false), new Segment(5, 1, false)));
        return new PanopticAnnotation(w, h, ids, segs);
    }

    @Test
    void targetsFedIntoGroupingReproduceTheInstances() {
        PanopticAnnotation gt = synthetic();
        CenterTargets t = CenterTargetGenerator.builder().setClasses(CLASSES).build().generate(gt);
        InstanceSegmentation pred = CenterGrouping.builder().setClasses(CLASSES).optStuffArea(0).build()
                .group(gt.classMask(), t.center(), t.offset());
        assertThat(pred.instances()).hasSize(4);
        PanopticQuality pq = new PanopticQuality(CLASSES);
        pq.add(gt, pred.panoptic());
        PanopticResult r = pq.result();
        assertThat(r.all().pq()).isEqualTo(1.0);
        assertThat(r.things().n()).isEqualTo(2);
        // each instance's pixel set is exactly the ground truth's
        for (var inst : pred.instances()) {
            boolean[] mask = pred.mask(inst);
            int gtId = gt.ids()[firstTrue(mask)];
            assertThat(mask).isEqualTo(gt.mask(gtId));
        }
    }

    @Test
    void handChecksOfHeatMapOffsetsAndWeights() {
        PanopticAnnotation gt = synthetic();
        CenterTargets t = CenterTargetGenerator.builder().setClasses(CLASSES).build().generate(gt);
        int w = 80;
        int n = w * 60;
        // the box 5..24 x 5..19 has its centre of mass at (14.5, 12): rounded half up to (15, 12)
        assertThat(t.centers()[0]).containsExactly(12.0, 14.5);
        assertThat(t.center()[12 * w + 15]).isEqualTo(1f);
        assertThat(t.center()[12 * w + 14]).isEqualTo((float) Math.exp(-1.0 / 128));
        assertThat(t.offset()[5 * w + 5]).isEqualTo(7f); // y: 12 - 5
        assertThat(t.offset()[n + 5 * w + 5]).isEqualTo(9.5f); // x: 14.5 - 5
        assertThat(t.offset()[2 * w + 2]).isZero(); // road
        assertThat(t.semanticWeight()[5 * w + 5]).isEqualTo(3f); // 300 pixels < 4096
        assertThat(t.semanticWeight()[2 * w + 2]).isEqualTo(1f);
        assertThat(t.centerWeight()[0]).isZero(); // void
        assertThat(t.centerWeight()[2 * w + 2]).isEqualTo(1f);
        assertThat(t.offsetWeight()[2 * w + 2]).isZero(); // stuff ignored in the offset loss
        assertThat(t.offsetWeight()[5 * w + 5]).isEqualTo(1f);
    }

    static int firstTrue(boolean[] m) {
        for (int i = 0; i < m.length; i++) {
            if (m[i]) {
                return i;
            }
        }
        throw new AssertionError("empty mask");
    }
}
