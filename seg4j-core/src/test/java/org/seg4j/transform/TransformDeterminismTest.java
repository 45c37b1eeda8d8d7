package org.seg4j.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.data.Sample;

class TransformDeterminismTest {

    private static final TransformPipeline PIPELINE = TransformPipeline.builder()
            .add(new RandomScale(0.5, 2.0))
            .add(new RandomRotation(15))
            .add(new RandomCrop(48, 64))
            .add(new HorizontalFlip(0.5))
            .add(new ColorJitter(0.3, 0.3, 0.3, 0.05))
            .build();

    @Test
    void sameSeedGivesIdenticalOutput() {
        Sample in = LabelledScene.blocks(100, 70, 7, 11);
        for (long seed = 0; seed < 5; seed++) {
            Sample a = PIPELINE.apply(in, new SplittableRandom(seed));
            Sample b = PIPELINE.apply(in, new SplittableRandom(seed));
            assertThat(a.image().data()).isEqualTo(b.image().data());
            assertThat(a.mask().data()).isEqualTo(b.mask().data());
        }
    }

    @Test
    void differentSeedsGiveDifferentOutputs() {
        Sample in = LabelledScene.blocks(100, 70, 7, 11);
        Set<String> distinct = new HashSet<>();
        for (long seed = 0; seed < 8; seed++) {
            distinct.add(java.util.Arrays.toString(PIPELINE.apply(in, new SplittableRandom(seed)).mask().data()));
        }
        assertThat(distinct).hasSizeGreaterThan(6);
    }

    @Test
    void randomCropOutputIsExactlyTheRequestedSize() {
        RandomCrop crop = new RandomCrop(50, 70);
        for (int[] size : new int[][] {{100, 80}, {30, 20}, {70, 50}, {200, 10}, {1, 1}}) {
            Sample in = LabelledScene.blocks(size[0], size[1], 5, 3);
            for (long seed = 0; seed < 10; seed++) {
                Sample out = crop.apply(in, new SplittableRandom(seed));
                assertThat(out.image().width()).isEqualTo(70);
                assertThat(out.image().height()).isEqualTo(50);
                assertThat(out.mask().width()).isEqualTo(70);
                assertThat(out.mask().height()).isEqualTo(50);
            }
        }
    }

    @Test
    void paddedCropKeepsEverySourcePixel() {
        Sample in = LabelledScene.blocks(30, 20, 4, 8);
        Sample out = new RandomCrop(40, 50).apply(in, new SplittableRandom(4));
        long labelled = 0;
        for (byte b : out.mask().data()) {
            labelled += (b & 0xFF) != 255 ? 1 : 0;
        }
        assertThat(labelled).isEqualTo(30 * 20);
    }

    @Test
    void randomScaleKeepsAspectRatioWithinRange() {
        Sample in = LabelledScene.blocks(120, 80, 8, 1);
        RandomScale scale = new RandomScale(0.5, 1.5);
        Set<Integer> widths = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            Sample out = scale.apply(in, new SplittableRandom(seed));
            assertThat(out.image().width()).isBetween(60, 180);
            assertThat(out.image().width() * 80.0 / 120).isCloseTo(out.image().height(), org.assertj.core.data.Offset.offset(1.0));
            widths.add(out.image().width());
        }
        assertThat(widths).hasSizeGreaterThan(5);
    }

    @Test
    void flipTwiceIsIdentity() {
        Sample in = LabelledScene.blocks(31, 17, 3, 2);
        HorizontalFlip flip = new HorizontalFlip(1);
        Sample twice = flip.apply(flip.apply(in, new SplittableRandom(1)), new SplittableRandom(1));
        assertThat(twice.image().data()).isEqualTo(in.image().data());
        assertThat(twice.mask().data()).isEqualTo(in.mask().data());
        Sample once = flip.apply(in, new SplittableRandom(1));
        assertThat(once.image().rgb(0, 5)).isEqualTo(in.image().rgb(30, 5));
        assertThat(once.mask().get(2, 9)).isEqualTo(in.mask().get(28, 9));
    }

    @Test
    void invalidSettingsNameTheSetting() {
        assertThatThrownBy(() -> new RandomCrop(0, 5)).isInstanceOf(Seg4jException.class).hasMessageContaining("height");
        assertThatThrownBy(() -> new RandomScale(2, 1)).isInstanceOf(Seg4jException.class).hasMessageContaining("max");
        assertThatThrownBy(() -> new HorizontalFlip(1.5)).isInstanceOf(Seg4jException.class)
                .hasMessageContaining("probability");
        assertThatThrownBy(() -> new ColorJitter(0, 0, 0, 0.7)).isInstanceOf(Seg4jException.class)
                .hasMessageContaining("hue");
        assertThatThrownBy(() -> new RandomRotation(10, 300)).isInstanceOf(Seg4jException.class)
                .hasMessageContaining("fill");
    }
}
