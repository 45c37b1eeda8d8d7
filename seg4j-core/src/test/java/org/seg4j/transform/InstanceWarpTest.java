package org.seg4j.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.data.ClassInfo;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.data.instance.Segment;

/** Instance maps stay aligned with the masks of the joint transforms. */
class InstanceWarpTest {

    static final ClassMeta CLASSES = new ClassMeta(List.of(new ClassInfo(0, "road", 1, 2, 3),
            new ClassInfo(1, "car", 4, 5, 6, true), new ClassInfo(2, "person", 7, 8, 9, true)), 255);

    /** A 23x17 annotation of random blocks: classes and instances change every few pixels. */
    static PanopticAnnotation random() {
        int w = 23;
        int h = 17;
        byte[] sem = new byte[w * h];
        int[] inst = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int block = (x / 3) * 7 + y / 4;
                sem[y * w + x] = (byte) (block % 5 == 4 ? 255 : block % 3);
                inst[y * w + x] = block;
            }
        }
        return PanopticAnnotation.fromSemantic(new LabelMask(w, h, sem), inst, CLASSES);
    }

    static Sample sample(PanopticAnnotation a) {
        return new Sample("s", RgbImage.blank(a.width(), a.height()), a.classMask());
    }

    @Test
    void resizeMatchesTheMaskResize() {
        PanopticAnnotation a = random();
        for (int[] size : new int[][] {{10, 8}, {41, 30}, {23, 9}}) {
            Sample s = new Resize(size[1], size[0]).apply(sample(a), null);
            PanopticAnnotation b = InstanceWarp.resize(a, size[0], size[1]);
            assertThat(b.classMask().data()).containsExactly(s.mask().data());
        }
    }

    @Test
    void cropMatchesTheMaskCropAndDropsInstancesCroppedAway() {
        PanopticAnnotation a = random();
        Sample s = Warp.crop(sample(a), -2, 5, 8, 9, 0);
        PanopticAnnotation b = InstanceWarp.crop(a, -2, 5, 8, 9);
        assertThat(b.classMask().data()).containsExactly(s.mask().data());
        assertThat(b.segments()).hasSizeLessThan(a.segments().size());
        for (Segment seg : b.segments()) {
            assertThat(b.area(seg.id())).isPositive();
            assertThat(seg).isEqualTo(a.segment(seg.id()));
        }
    }

    @Test
    void flipMatchesTheMaskFlip() {
        PanopticAnnotation a = random();
        Sample s = Warp.flipHorizontal(sample(a));
        PanopticAnnotation b = InstanceWarp.flipHorizontal(a);
        assertThat(b.classMask().data()).containsExactly(s.mask().data());
        assertThat(b.id(0, 0)).isEqualTo(a.id(a.width() - 1, 0));
    }
}
